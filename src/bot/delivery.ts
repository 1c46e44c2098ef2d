/**
 * One delivery (a notification to a conversation): rate limit, send, classify, back off and retry.
 *
 * Teams asks bots to retry 429, 412, 502 and 504 with exponential backoff (and to honour Retry-After);
 * 403 and 404 mean the bot can no longer post there (removed, team deleted): permanent, and the
 * registration is marked inactive. A 400 will never succeed. Anything else is left for the next sweep.
 *
 * `beforeAttempt` runs right before each HTTP attempt and may refuse it (the sweep's "a send may already
 * have happened" marker); `afterKnownFailure` runs when an attempt certainly posted nothing, so the
 * marker can be released.
 */
import type { Activity } from 'botbuilder';
import { type RetryPolicy, backoffMs } from '../retry';
import type { RateLimiter } from './rateLimiter';
import type { StoredReference } from './registrations';
import { type ProactiveSender, SendError, classify } from './sender';
import type { Timing } from './timing';

/**
 * The shared retry policy (`maxRetries` within one sweep) with what is the bot's own: the longest
 * Retry-After it waits for.
 */
export interface DeliveryRetryPolicy extends RetryPolicy {
  /** A Retry-After longer than this ends the delivery for this sweep (the next sweep tries again). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: DeliveryRetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/** What to do after a failed attempt. */
export type FailureClass = 'transient' | 'gone' | 'rejected' | 'later';

export function failureClass(e: SendError): FailureClass {
  if (e.status === null) return 'transient';
  if ([429, 412, 502, 503, 504].includes(e.status)) return 'transient';
  if (e.status === 403 || e.status === 404) return 'gone';
  if (e.status === 400 || e.status === 413) return 'rejected';
  return 'later';
}

export type DeliveryOutcome =
  | { status: 'sent'; activityId: string; attempts: number }
  | { status: 'failed'; final: boolean; deactivate: boolean; code: string; attempts: number }
  | { status: 'ambiguous'; attempts: number };

export interface Delivery {
  conversationId: string;
  reference: StoredReference;
  activity: Partial<Activity>;
}

export interface DeliveryDeps {
  sender: ProactiveSender;
  limiter: RateLimiter;
  timing: Timing;
  retry: DeliveryRetryPolicy;
  beforeAttempt: () => Promise<boolean>;
  afterKnownFailure: (code: string) => Promise<void>;
}

/** Exponential backoff with full jitter, at least the server's Retry-After. */
function backoff(attempt: number, e: SendError, deps: DeliveryDeps): number {
  const exp = backoffMs(deps.retry, attempt - 1);
  const jittered = Math.round(exp / 2 + (exp / 2) * deps.timing.random());
  return Math.max(jittered, e.retryAfterMs ?? 0);
}

export async function deliver(d: Delivery, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    const attemptResult = await deps.limiter.run(d.conversationId, async () => {
      if (!(await deps.beforeAttempt())) return null;
      try {
        return { ok: true as const, ...(await deps.sender.send(d.reference, d.activity)) };
      } catch (e) {
        return { ok: false as const, error: e instanceof SendError ? e : classify(e, deps.timing.now()) };
      }
    });
    if (attemptResult === null) return { status: 'ambiguous', attempts: attempt - 1 };
    if (attemptResult.ok) return { status: 'sent', activityId: attemptResult.activityId, attempts: attempt };
    const error = attemptResult.error;
    const kind = failureClass(error);
    // A gateway error may hide a post that went through; Teams still says to retry it, so it is treated
    // as not posted, like every other failure with a status.
    await deps.afterKnownFailure(error.code);
    if (kind === 'gone')
      return { status: 'failed', final: true, deactivate: true, code: error.code, attempts: attempt };
    if (kind === 'rejected')
      return { status: 'failed', final: true, deactivate: false, code: error.code, attempts: attempt };
    if (kind === 'later' || attempt > deps.retry.maxRetries) {
      return { status: 'failed', final: false, deactivate: false, code: error.code, attempts: attempt };
    }
    const wait = backoff(attempt, error, deps);
    if (wait > deps.retry.maxRetryAfterMs) {
      return { status: 'failed', final: false, deactivate: false, code: error.code, attempts: attempt };
    }
    if (error.retryAfterMs !== null)
      deps.limiter.pause(d.conversationId, deps.timing.now() + error.retryAfterMs);
    await deps.timing.sleep(wait);
  }
}
