/**
 * A modal dialog on the native <dialog> element: showModal() gives focus containment, Escape and an
 * inert page behind it, the things Fluent's Dialog does with its focus manager and motion library (some
 * 60 KB gzipped with tabster: kept hand-made for that measured weight, under its own name). Named by its title; focus goes to the first field on opening and back to
 * what opened it on closing. Open state is the caller's, as with Fluent's controlled Dialog; the content
 * is only rendered while open. With `onSubmit`, body and actions are one form (Enter submits).
 *
 * Measured (issue 15): the dialogs are all on lazy screens (a case, meetings), so Fluent's Dialog in
 * its place adds 0.04 KB gzipped to what loads first and 6.1 KB to all chunks (tabster is already in
 * the first load for Fluent's other parts; the 60 KB above was before that), measured by building the tab with each variant and gzipping its JavaScript as `npm run bench` does (bench/tab.ts `jsSizes`, level 9) on 2026-12-08; docs/benchmarks.md, "Kept stand-ins".
 * The weight argument is now small: a candidate to give way to Fluent's Dialog.
 */
import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import {
  type FormEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  cloneElement,
  useEffect,
  useId,
  useRef,
} from 'react';

const useStyles = makeStyles({
  dialog: {
    // Fluent's DialogSurface, in tokens.
    boxSizing: 'border-box',
    width: '600px',
    maxWidth: 'calc(100vw - 48px)',
    maxHeight: 'calc(100vh - 48px)',
    padding: tokens.spacingHorizontalXXL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    ...typographyStyles.body1,
    '::backdrop': {
      // The backdrop inherits the page's tokens (CSS custom properties) in current browsers; the
      // fallback is Fluent's own overlay colour for one that does not.
      backgroundColor: `var(--colorBackgroundOverlay, rgba(0, 0, 0, 0.4))`,
    },
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalS,
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
    gap: tokens.spacingHorizontalS,
  },
});

export interface ModalDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /**
   * The button that opens the dialog: its click opens it, after the button's own onClick (which may
   * call `preventDefault()` to keep the dialog shut).
   */
  trigger: ReactElement<{ onClick?: (e: MouseEvent<HTMLElement>) => void }>;
  title: ReactNode;
  children: ReactNode;
  /** The buttons at the foot; a cancel button calls `onOpenChange(false)`. */
  actions: ReactNode;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  className?: string;
}

/** What takes focus on opening: the first field, else the first button. */
const FIRST_FIELD = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled])';
const FIRST_CONTROL = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function ModalDialog(props: ModalDialogProps) {
  const styles = useStyles();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const { open, onOpenChange } = props;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = d.ownerDocument.activeElement as HTMLElement | null;
      d.showModal();
      (d.querySelector<HTMLElement>(FIRST_FIELD) ?? d.querySelector<HTMLElement>(FIRST_CONTROL))?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  // Closing by any way (Escape, the caller's state) ends here: the state follows, focus goes back.
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const onClose = () => {
      onOpenChange(false);
      opener.current?.focus();
      opener.current = null;
    };
    d.addEventListener('close', onClose);
    return () => d.removeEventListener('close', onClose);
  }, [onOpenChange]);

  const inner = (
    <div className={styles.body}>
      <h2 id={titleId} className={styles.title}>
        {props.title}
      </h2>
      <div className={styles.content}>{props.children}</div>
      <div className={styles.actions}>{props.actions}</div>
    </div>
  );

  return (
    <>
      {cloneElement(props.trigger, {
        onClick: (e: MouseEvent<HTMLElement>) => {
          // The trigger's own handler runs first: cloneElement would otherwise replace it.
          props.trigger.props.onClick?.(e);
          if (!e.defaultPrevented) onOpenChange(true);
        },
      })}
      <dialog ref={dialog} aria-labelledby={titleId} className={mergeClasses(styles.dialog, props.className)}>
        {open && (props.onSubmit ? <form onSubmit={props.onSubmit}>{inner}</form> : inner)}
      </dialog>
    </>
  );
}
