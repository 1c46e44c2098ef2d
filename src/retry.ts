/**
 * The one reading of `Retry-After` and the one retry policy shape, for every HTTP caller that rides out
 * throttling: the SharePoint store (Graph), the bot's sender (Bot Connector) and the tab's client. Pure:
 * the clock is passed in and read only for the HTTP-date form (delta-seconds, the usual form, needs none).
 */

/**
 * How a caller retries a throttled request. Each caller adds only what is its own: the Graph store a
 * jitter and injected sleep/randomness, the bot a longest Retry-After it will wait within one sweep.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` requests). */
  maxRetries: number;
  /** Wait when the response gives no `Retry-After`: `baseDelayMs * 2^retry`, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The back-off before retry number `retry` (0-based) when the server gave no `Retry-After`. */
export function backoffMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

/**
 * A `Retry-After` value in milliseconds: delta-seconds (fractions accepted, rounded up to the ms) or an
 * HTTP date (RFC 9110); null when absent or unreadable.
 */
export function retryAfterMs(value: string | null | undefined, now: () => number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now()) : null;
}

interface HeadersLike {
  get(name: string): string | undefined | null;
}

/**
 * The wait a response asks for: `retry-after-ms` (or `x-ms-retry-after-ms`, which Microsoft services send)
 * when present, else `Retry-After`; null when none is readable.
 */
export function retryAfterFromHeaders(headers: HeadersLike | undefined, now: () => number): number | null {
  if (!headers) return null;
  const ms = (headers.get('retry-after-ms') ?? headers.get('x-ms-retry-after-ms'))?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  return retryAfterMs(headers.get('retry-after'), now);
}
