/**
 * Per-user rate limiting for the API: a token bucket per signed-in user (principal id), so one user's
 * runaway script or a stolen token cannot exhaust the store or the Graph quota for everyone else.
 * Keyed by user, not IP address: in Teams every user of the council can sit behind the same proxy.
 *
 * Requests nobody signed in to (a refused sign-in, a page or file that does not exist) have their own
 * limit, keyed by the client's address, since there is no user to key them by (`AnonymousLimit`).
 */
import type { Request, RequestHandler } from 'express';
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

/**
 * The limit on requests answered without a sign-in: a refused or missing token (401) and anything
 * outside the API that is not found. Only failures are charged, never a signed-in user's request or the
 * tab's own files, so a council whose users share one proxy address is not limited by loading the tab;
 * a flood of junk from one address is answered 429 without reaching the authenticator's work or writing
 * more than the request line.
 */
export class AnonymousLimit {
  private readonly buckets: TokenBuckets;

  constructor(private readonly options: RateLimitOptions) {
    this.buckets = new TokenBuckets(options);
  }

  /** Charges one failed anonymous request to the client's address: 0, or the seconds to wait. */
  charge(req: Pick<Request, 'ip' | 'socket'>): number {
    const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    return this.buckets.take(ip, this.options.clock().getTime());
  }

  /** Throws `RateLimitedError` when the client's address has used up its failures. */
  chargeOrThrow(req: Pick<Request, 'ip' | 'socket'>): void {
    const wait = this.charge(req);
    if (wait > 0) throw new RateLimitedError(wait);
  }
}
