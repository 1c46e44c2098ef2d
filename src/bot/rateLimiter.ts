/**
 * Per-conversation send limits. Teams throttles each bot per conversation ("thread") with several
 * sliding windows and answers 429 beyond them; keeping under them means no message waits for a retry.
 */
import type { Timing } from './timing';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Teams' documented per-bot, per-thread limits for sending to a conversation: 7 in 1 s, 8 in 2 s, 60 in
 * 30 s, 1800 in an hour. The first is the "at most 7 a second" rule; the others bite on long sweeps.
 */
export const TEAMS_THREAD_LIMITS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly horizon: number;

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly timing: Timing,
  ) {
    if (windows.some((w) => !(w.limit >= 1) || !(w.windowMs > 0))) throw new RangeError('bad rate window');
    this.horizon = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /** How long `key` must wait at `now` before its next send (0: it may send now). */
  private waitFor(key: string, now: number): number {
    let wait = Math.max(0, (this.pausedUntil.get(key) ?? 0) - now);
    const times = this.sent.get(key) ?? [];
    for (const w of this.windows) {
      // The send that must leave the window before one more fits: the limit-th most recent.
      const t = times[times.length - w.limit];
      if (t !== undefined && t > now - w.windowMs) wait = Math.max(wait, t + w.windowMs - now);
    }
    return wait;
  }

  /**
   * Runs `send` for `key` once the limits allow, and counts it when it has finished. Counting the end,
   * not the start, keeps the limit true where it is measured (when the service receives a message):
   * each message arrives before its send ends, so the 8th send cannot start until the 1st has arrived
   * a full window earlier. Sends for one key must not run concurrently.
   */
  async run<T>(key: string, send: () => Promise<T>): Promise<T> {
    for (;;) {
      const wait = this.waitFor(key, this.timing.now());
      if (wait <= 0) break;
      await this.timing.sleep(wait);
    }
    try {
      return await send();
    } finally {
      const now = this.timing.now();
      const kept = (this.sent.get(key) ?? []).filter((t) => t > now - this.horizon);
      kept.push(now);
      this.sent.set(key, kept);
    }
  }

  /** Holds every send to `key` until `untilMs` (after a 429 with Retry-After). */
  pause(key: string, untilMs: number): void {
    this.pausedUntil.set(key, Math.max(untilMs, this.pausedUntil.get(key) ?? 0));
  }
}
