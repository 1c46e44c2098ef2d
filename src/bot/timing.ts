/**
 * The clock, sleep and randomness the sender and the sweep use, passed in so tests run a sweep with a
 * 30-second Retry-After in no time, and the bench measures real rates with the real ones.
 */
export interface Timing {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): jitter for backoff. */
  random(): number;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random(),
};

/** Real sleeps and randomness, with "now" read from `clock` (the server's clock seam, src/clock.ts). */
export function timingOn(clock: () => Date): Timing {
  return { ...realTiming, now: () => clock().getTime() };
}

/**
 * A virtual clock: `sleep` moves time on at once. Deterministic when `random` is fixed. For tests, the
 * CLI's `--now` runs and anything that must not wait for real time.
 */
export class VirtualTiming implements Timing {
  readonly sleeps: number[] = [];

  constructor(
    private t: number,
    private readonly rnd: () => number = () => 0.5,
  ) {}

  now(): number {
    return this.t;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
  }

  random(): number {
    return this.rnd();
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
