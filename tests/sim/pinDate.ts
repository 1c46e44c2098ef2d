/**
 * Every date in the simulation comes from its virtual clock; `Date` itself is pinned as well (timers and
 * I/O stay real), so a stray read of the real clock could not make the outcome depend on the day it runs.
 */
export function pinDate(at: string): void {
  beforeAll(() => {
    jest.useFakeTimers({
      now: new Date(at),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
  });
  afterAll(() => {
    jest.useRealTimers();
  });
}
