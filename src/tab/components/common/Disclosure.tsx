/**
 * A button that shows a small panel below it (aria-expanded / aria-controls), closed by the button,
 * Escape (focus goes back to the button) or a click outside. The tab uses it where Fluent would offer a
 * Popover or a Menu: those bring a positioning engine (floating-ui) and a focus trap, some 16-40 KB
 * gzipped, for panels that need neither. Opening moves focus to the panel's first control.
 *
 * Kept for a measured reason (issue 15): it is on the first load (the list's Export button), and the
 * same component drawn with Fluent's Popover adds 34.1 KB gzipped to what loads first (154.9 -> 189.7
 * KB), measured by building the tab with each variant and gzipping its JavaScript as `npm run bench` does (bench/tab.ts `jsSizes`, level 9) on 2026-12-08; docs/benchmarks.md, "Kept stand-ins".
 */
import { Button, type ButtonProps, makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';

/** The least gap, in CSS pixels, between the panel and the window's edges. */
const EDGE = 12;

/**
 * Where the panel goes: under the button (above it if there is no room below), lined up with the
 * button's `align` edge, then moved as little as needed to stay `EDGE` inside the window.
 */
export function placePanel(
  button: { left: number; right: number; top: number; bottom: number },
  panel: { width: number; height: number },
  view: { width: number; height: number },
  align: 'start' | 'end',
): { left: number; top: number } {
  const wanted = align === 'end' ? button.right - panel.width : button.left;
  const left = Math.max(EDGE, Math.min(wanted, view.width - EDGE - panel.width));
  const below = button.bottom + 4;
  const top =
    below + panel.height > view.height - EDGE && button.top - 4 - panel.height >= EDGE
      ? button.top - 4 - panel.height
      : below;
  return { left, top };
}

const useStyles = makeStyles({
  anchor: { position: 'relative', display: 'inline-block' },
  panel: {
    // Fixed, placed from the button's box and kept inside the window: an absolute panel was clipped by
    // a narrow pane (the Teams meeting side panel) and by scrolling containers.
    position: 'fixed',
    zIndex: 1,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
    maxWidth: `calc(100vw - ${2 * EDGE}px)`,
    maxHeight: `calc(100vh - ${2 * EDGE}px)`,
    overflowY: 'auto',
    boxSizing: 'border-box',
  },
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
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);

  // Placed before paint, and again when the window changes size or anything scrolls.
  useLayoutEffect(() => {
    if (!open) {
      setPlace(null);
      return;
    }
    const update = () => {
      const b = button.current?.getBoundingClientRect();
      const p = panel.current;
      if (!b || !p) return;
      const win = p.ownerDocument.defaultView ?? window;
      setPlace(
        placePanel(
          b,
          { width: p.offsetWidth, height: p.offsetHeight },
          { width: win.innerWidth, height: win.innerHeight },
          props.align ?? 'start',
        ),
      );
    };
    update();
    window.addEventListener('resize', update);
    window.addEventListener('scroll', update, true);
    return () => {
      window.removeEventListener('resize', update);
      window.removeEventListener('scroll', update, true);
    };
  }, [open, props.align]);

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
          className={styles.panel}
          // Hidden for the one layout pass before it is placed, so it never flashes at the corner.
          style={place ? { left: place.left, top: place.top } : { visibility: 'hidden', left: 0, top: 0 }}
        >
          {props.children(close)}
        </div>
      )}
    </div>
  );
}
