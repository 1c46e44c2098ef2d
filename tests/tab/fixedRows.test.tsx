/** A .tsx file so it is type-checked with the tab (DOM types), as the hook it imports needs. */
import { rowWindow, scrollTopFor } from '../../src/tab/lib/fixedRows';

describe('rowWindow: the rows a fixed-height list renders', () => {
  test('at the top: the view plus the overscan below it, nothing above row 0', () => {
    expect(rowWindow({ topRow: 0, viewRows: 10, count: 5000, overscan: 8 })).toEqual({ first: 0, end: 19 });
  });

  test('scrolled: the overscan on both sides of the view', () => {
    expect(rowWindow({ topRow: 100, viewRows: 10, count: 5000, overscan: 8 })).toEqual({
      first: 92,
      end: 119,
    });
  });

  test('at the bottom and beyond it (a filter shrank the list): never past the last row', () => {
    expect(rowWindow({ topRow: 4995, viewRows: 10, count: 5000, overscan: 8 })).toEqual({
      first: 4987,
      end: 5000,
    });
    expect(rowWindow({ topRow: 4995, viewRows: 10, count: 12, overscan: 8 })).toEqual({ first: 3, end: 12 });
  });

  test('no rows: an empty window', () => {
    expect(rowWindow({ topRow: 0, viewRows: 10, count: 0, overscan: 8 })).toEqual({ first: 0, end: 0 });
  });
});

describe('scrollTopFor: bringing a row into view below the sticky header', () => {
  const view = { viewHeight: 400, rowHeight: 40, header: 40 };

  test('a row already in view: no scrolling', () => {
    // Rows 0-8 fit between the 40 px header and the 400 px bottom edge.
    expect(scrollTopFor(0, { ...view, scrollTop: 0 })).toBeUndefined();
    expect(scrollTopFor(8, { ...view, scrollTop: 0 })).toBeUndefined();
  });

  test('a row below the view: scrolled just enough for its bottom edge to show', () => {
    expect(scrollTopFor(9, { ...view, scrollTop: 0 })).toBe(40);
    expect(scrollTopFor(4999, { ...view, scrollTop: 0 })).toBe(40 + 5000 * 40 - 400);
  });

  test('a row above the view, or hidden under the header: scrolled so it sits just below the header', () => {
    expect(scrollTopFor(10, { ...view, scrollTop: 1000 })).toBe(400);
    // Row 25 starts at 1040, which is under the header while scrollTop is 1010.
    expect(scrollTopFor(25, { ...view, scrollTop: 1010 })).toBe(1000);
  });
});
