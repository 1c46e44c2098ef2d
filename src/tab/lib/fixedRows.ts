/**
 * Virtual rows of one fixed height: only the rows in view (and a few either side) are in the DOM, in a
 * body as tall as all of them so the scrollbar is the whole list's. Fixed heights make the window plain
 * arithmetic on scrollTop, where a general virtualiser (@tanstack/react-virtual, some 17 KB gzipped)
 * measures every row.
 *
 * Kept (issue 15): only the rows in view are rendered, which is what keeps the 5,000-case list's first
 * rows and filters fast (docs/benchmarks.md: filters < 100 ms, first rows throttled). The 17 KB figure
 * for @tanstack/react-virtual is its published size, not measured here (installing it to build a
 * variant was left undone on 2026-12-08).
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export interface RowWindowInput {
  /** The index of the first row at the top of the view (scrollTop / row height, rounded down). */
  topRow: number;
  /** How many rows the view holds (its height / row height, rounded up). */
  viewRows: number;
  count: number;
  /** Rows rendered beyond each edge of the view, so fast scrolling and arrow keys find them ready. */
  overscan: number;
}

/** The rows to render: `first` (included) to `end` (excluded). */
export function rowWindow({ topRow, viewRows, count, overscan }: RowWindowInput): {
  first: number;
  end: number;
} {
  const top = Math.min(Math.max(0, topRow), Math.max(0, count - 1));
  const first = Math.max(0, top - overscan);
  const end = Math.min(count, top + viewRows + 1 + overscan);
  return { first, end: Math.max(first, end) };
}

/**
 * Where to scroll so row `index` is fully in view below a sticky header, or `undefined` when it
 * already is (the least movement, as `scrollIntoView({ block: 'nearest' })`).
 */
export function scrollTopFor(
  index: number,
  o: { scrollTop: number; viewHeight: number; rowHeight: number; header: number },
): number | undefined {
  const top = o.header + index * o.rowHeight;
  if (top - o.header < o.scrollTop) return top - o.header;
  if (top + o.rowHeight > o.scrollTop + o.viewHeight) return top + o.rowHeight - o.viewHeight;
  return undefined;
}

/** Before the scroller is measured (and in jsdom, which has no layout): a screenful of rows. */
const UNMEASURED_VIEW_ROWS = 20;

export function useFixedRows(opts: {
  count: number;
  rowHeight: number;
  /** The sticky header's height: the rows start below it inside the scroller. */
  header: number;
  overscan: number;
  /** Kept across mounts: where the list was scrolled to, restored when it shows again. */
  offset: { current: number };
}) {
  const { rowHeight, header, offset } = opts;
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [topRow, setTopRow] = useState(() => Math.floor(Math.max(0, offset.current - header) / rowHeight));
  const [viewRows, setViewRows] = useState(UNMEASURED_VIEW_ROWS);
  const restored = useRef(false);

  useLayoutEffect(() => {
    if (!el) return;
    if (!restored.current) {
      restored.current = true;
      el.scrollTop = offset.current;
    }
    // Same numbers, no re-render: scrolling within a row costs nothing.
    const read = () => {
      offset.current = el.scrollTop;
      setTopRow(Math.floor(Math.max(0, el.scrollTop - header) / rowHeight));
      if (el.clientHeight > 0) setViewRows(Math.ceil(el.clientHeight / rowHeight));
    };
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize.disconnect();
    };
  }, [el, header, rowHeight, offset]);

  const scrollToIndex = useCallback(
    (index: number) => {
      if (!el) return;
      const to = scrollTopFor(index, {
        scrollTop: el.scrollTop,
        viewHeight: el.clientHeight,
        rowHeight,
        header,
      });
      if (to === undefined) return;
      el.scrollTop = to;
      // Render the new window now rather than on the scroll event, so the row can take focus at once.
      setTopRow(Math.floor(Math.max(0, to - header) / rowHeight));
    },
    [el, rowHeight, header],
  );

  return {
    /** For the scrolling element. */
    ref: setEl,
    ...rowWindow({ topRow, viewRows, count: opts.count, overscan: opts.overscan }),
    totalHeight: opts.count * rowHeight,
    scrollToIndex,
  };
}
