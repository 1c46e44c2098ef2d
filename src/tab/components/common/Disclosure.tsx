/**
 * A button that shows a small panel below it (aria-expanded / aria-controls), closed by the button,
 * Escape (focus goes back to the button) or a click outside. The tab uses it where Fluent would offer a
 * Popover or a Menu: those bring a positioning engine (floating-ui) and a focus trap, some 16-40 KB
 * gzipped, for panels that need neither. Opening moves focus to the panel's first control.
 */
import { Button, type ButtonProps, makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

const useStyles = makeStyles({
  anchor: { position: 'relative', display: 'inline-block' },
  panel: {
    position: 'absolute',
    top: `calc(100% + ${tokens.spacingVerticalXS})`,
    zIndex: 1,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
    maxWidth: 'calc(100vw - 24px)',
    boxSizing: 'border-box',
  },
  start: { left: 0 },
  end: { right: 0 },
});

export interface DisclosureProps {
  /** The button's words. */
  label: ReactNode;
  /** The panel's accessible name. */
  panelLabel: string;
  icon?: ButtonProps['icon'];
  appearance?: ButtonProps['appearance'];
  disabled?: boolean;
  /** Which edge of the button the panel lines up with (`end` for a button at the right of a bar). */
  align?: 'start' | 'end';
  /** The panel's content; `close` hides it (e.g. after a choice). */
  children: (close: () => void) => ReactNode;
}

export function Disclosure(props: DisclosureProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('input, button, select, textarea, a[href]')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div
      ref={wrapper}
      className={styles.anchor}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <Button
        ref={button}
        icon={props.icon}
        appearance={props.appearance}
        disabled={props.disabled}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {props.label}
      </Button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="group"
          aria-label={props.panelLabel}
          className={`${styles.panel} ${props.align === 'end' ? styles.end : styles.start}`}
        >
          {props.children(close)}
        </div>
      )}
    </div>
  );
}
