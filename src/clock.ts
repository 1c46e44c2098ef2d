/**
 * The clock seam. Everything that decides by the date takes `now` (the domain) or a `Clock` (operations,
 * the API, the bot); the composition root (src/server.ts) picks which clock. In production that is the
 * system clock; a development or test server can start its clock at a chosen instant (CLOCK_START), so
 * the browser tests see the same day whatever day they run.
 */
import { performance } from 'node:perf_hooks';

export type Clock = () => Date;

/** The real time: the one place the server reads the system clock for "now". */
export const systemClock: Clock = () => new Date();

/**
 * A clock that reads `start` when created and then advances in real time, so timeouts, the sweep's
 * scheduler and "saved a moment ago" behave as usual, only on another day. Elapsed time is measured on
 * the monotonic clock, so a change of the system time (or libfaketime) does not move it.
 */
export function clockStartingAt(start: Date, elapsedMs: () => number = monotonicSince()): Clock {
  const t0 = start.getTime();
  return () => new Date(t0 + elapsedMs());
}

function monotonicSince(): () => number {
  const origin = performance.now();
  return () => performance.now() - origin;
}
