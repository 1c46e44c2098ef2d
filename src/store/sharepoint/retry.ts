/**
 * Riding out Graph throttling: 429 (too many requests), 503 (service unavailable) and 504 (gateway
 * timeout) are retried, waiting what `Retry-After` asks plus a little jitter (so several instances do not
 * come back in step), for a bounded number of attempts; after that the caller gets the last response and
 * turns it into `BusyError`. Sleeping and randomness are injected so tests never wait for real.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { type RetryPolicy, backoffMs, retryAfterMs } from '../../retry';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * The shared {@link RetryPolicy} with what is the Graph store's own: a jitter (so several instances
 * do not come back in step) and injected sleep and randomness (so tests never wait). No single wait is
 * longer than `maxDelayMs`, whatever `Retry-After` says (after `maxRetries` the caller gets `Busy`).
 */
export interface GraphRetryPolicy extends RetryPolicy {
  /** Up to this much random extra per wait. */
  jitterMs: number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY_POLICY: GraphRetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  jitterMs: 500,
  sleep: realSleep,
  random: Math.random,
};

export { retryAfterMs };

/** How long to wait before retry number `retry` (0-based): Retry-After (or back-off), capped, plus jitter. */
export function retryDelayMs(policy: GraphRetryPolicy, retry: number, retryAfter: number | null): number {
  const base = retryAfter ?? backoffMs(policy, retry);
  return Math.min(base, policy.maxDelayMs) + Math.floor(policy.random() * policy.jitterMs);
}

function dropAuthorization(context: Context): void {
  const headers = context.options?.headers;
  if (!headers) return;
  if (headers instanceof Headers) headers.delete('Authorization');
  else if (Array.isArray(headers)) {
    const kept = headers.filter(([k]) => k?.toLowerCase() !== 'authorization');
    headers.splice(0, headers.length, ...kept);
  } else {
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k];
  }
}

/** Observes each throttled response (for tests and the benchmark's request counts). */
export type ThrottleObserver = (event: { status: number; retry: number; waitMs: number }) => void;

/**
 * A Graph client middleware placed before authentication, so a retried request gets a current token.
 * The request body the Graph client serialised (a string or Buffer) can be sent again as it is.
 */
export class ThrottleRetryHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly policy: GraphRetryPolicy,
    private readonly observe?: ThrottleObserver,
  ) {}

  async execute(context: Context): Promise<void> {
    for (let retry = 0; ; retry++) {
      await this.nextMiddleware().execute(context);
      const response = context.response;
      if (!response || !RETRYABLE_STATUSES.has(response.status) || retry >= this.policy.maxRetries) return;
      const waitMs = retryDelayMs(
        this.policy,
        retry,
        retryAfterMs(response.headers.get('Retry-After'), () => Date.now()),
      );
      this.observe?.({ status: response.status, retry, waitMs });
      // Read and drop the throttled body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      await this.policy.sleep(waitMs);
      // The authentication handler appends its header: drop the last one so the retry carries one token.
      dropAuthorization(context);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  private nextMiddleware(): Middleware {
    if (!this.next) throw new Error('ThrottleRetryHandler must not be the last middleware.');
    return this.next;
  }
}
