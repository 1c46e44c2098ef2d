/**
 * The tab's "today" in component tests. The tab reads the browser's clock (todayLondon()), so each
 * DOM test (through ./dom, imported first) runs on jest's fake Date from a fixed moment: the same day
 * whatever day the suite runs. Only Date is faked, and it runs on in real time from there, so timers,
 * React and testing-library's waits behave as usual; a test that fakes the timers too passes TAB_NOW.
 */
import { toLondonDate } from '../../src/domain/calendar';

/** Monday 7 December 2026, 10:00 London: 21 days on is the Boxing Day substitute bank holiday. */
export const TAB_NOW = new Date('2026-12-07T10:00:00.000Z');
export const TAB_TODAY = toLondonDate(TAB_NOW);

export function installTabClock(now: Date = TAB_NOW): void {
  jest.useFakeTimers({
    now,
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
