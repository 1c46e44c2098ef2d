/**
 * Per-user rate limiting for the API: a token bucket per signed-in user (principal id), so one user's
 * runaway script or a stolen token cannot exhaust the store or the Graph quota for everyone else.
 * Keyed by user, not IP address: in Teams every user of the council can sit behind the same proxy.
 */
import type { RequestHandler } from 'express';
import { callOf } from './http';
import { RateLimitedError } from './problem';

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimitOptions {
  /** Sustained requests per minute per user; also the burst size. */
  perMinute: number;
  /** The clock (the app's: tests move it instead of waiting). */
  clock: () => Date;
  /** Users tracked at most; idle (full) buckets are dropped first. Default 10,000. */
  maxTracked?: number;
}

/** Token buckets keyed by user id. A pure in-memory structure: one per process. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly maxTracked: number;

  constructor(private readonly options: Omit<RateLimitOptions, 'clock'>) {
    this.perMs = options.perMinute / 60_000;
    this.maxTracked = options.maxTracked ?? 10_000;
  }

  /** Takes one token for `key` at `now`: 0 when allowed, else the seconds until one is free. */
  take(key: string, now: number): number {
    const capacity = this.options.perMinute;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(capacity, b.tokens + Math.max(0, now - b.at) * this.perMs) : capacity;
    // Delete then set: Map order becomes least recently used first, which eviction relies on.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
    }
    if (!b && this.buckets.size >= this.maxTracked) this.evict(now);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }

  /** Drops buckets that have refilled (their users are idle); if none, the oldest. Bounds memory. */
  private evict(now: number): void {
    const capacity = this.options.perMinute;
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= capacity) this.buckets.delete(k);
    }
    if (this.buckets.size >= this.maxTracked) {
      const oldest = this.buckets.keys().next(); // least recently used
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
  }
}

/** Express middleware: runs after sign-in (it needs the caller) and before the role check. */
export function perUserRateLimit(options: RateLimitOptions): RequestHandler {
  const buckets = new TokenBuckets(options);
  return (_req, res, next) => {
    const wait = buckets.take(callOf(res).caller.id, options.clock().getTime());
    if (wait > 0) throw new RateLimitedError(wait);
    next();
  };
}
