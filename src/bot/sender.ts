/**
 * Proactive sends through botbuilder's CloudAdapter, made honest about failure.
 *
 * botbuilder 4.23 needs two corrections here:
 * - A send that fails inside `continueConversationAsync` goes to the adapter's `onTurnError` and the call
 *   still resolves, so a 403 or a 429 would look like success. The send is caught inside the turn and the
 *   outcome carried out explicitly.
 * - The connector client retries on its own (429 with Retry-After, 5xx) with real sleeps and no
 *   classification. Each turn's connector client has that policy removed, so retry, backoff, Retry-After and
 *   the rate limit are ours alone (`delivery.ts`), with an injectable clock.
 */
import type { Activity, CloudAdapter, ResourceResponse, TurnContext } from 'botbuilder';
import { isLoopbackUrl } from './adapter';
import { retryAfterFromHeaders } from '../retry';
import { type StoredReference, asConversationReference } from './registrations';

/** A failed send, classified. `status` is null for a network failure. */
export class SendError extends Error {
  constructor(
    readonly status: number | null,
    readonly retryAfterMs: number | null,
    readonly code: string,
  ) {
    super(`send failed: ${code}`);
    this.name = 'SendError';
  }
}

export interface ProactiveSender {
  /** Posts `activity` to the conversation; resolves with the new activity's id or throws `SendError`. */
  send(reference: StoredReference, activity: Partial<Activity>): Promise<{ activityId: string }>;
}

interface HeadersLike {
  get(name: string): string | undefined | null;
}

/** A connector or network error as a `SendError`, without its message (which can echo the request). */
export function classify(e: unknown, nowMs: number): SendError {
  if (e instanceof SendError) return e;
  const err = (e ?? {}) as {
    statusCode?: unknown;
    response?: { status?: unknown; headers?: HeadersLike };
    code?: unknown;
  };
  const status =
    typeof err.statusCode === 'number'
      ? err.statusCode
      : typeof err.response?.status === 'number'
        ? err.response.status
        : null;
  if (status !== null)
    return new SendError(
      status,
      retryAfterFromHeaders(err.response?.headers, () => nowMs),
      `http-${status}`,
    );
  const code = typeof err.code === 'string' && /^[A-Z_]{3,40}$/.test(err.code) ? err.code : 'network';
  return new SendError(null, null, code === 'network' ? code : `network-${code}`);
}

/** Removes the connector client's own retry policy (see the file comment); harmless if it has none. */
function withoutSdkRetries(context: TurnContext): void {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as
    { client?: { pipeline?: { removePolicy(o: { name: string }): unknown } } } | undefined;
  client?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

export class CloudAdapterSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id ('' when running without one, locally). */
    private readonly appId: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async send(reference: StoredReference, activity: Partial<Activity>): Promise<{ activityId: string }> {
    // Without an app id nothing is authenticated: posts go to this machine only, whatever is stored.
    if (!this.appId && !isLoopbackUrl(reference.serviceUrl))
      throw new SendError(403, null, 'local-mode-non-loopback');
    let response: ResourceResponse | undefined;
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        asConversationReference(reference),
        async (context) => {
          withoutSdkRetries(context);
          try {
            response = await context.sendActivity(activity);
          } catch (e) {
            failure = e;
          }
        },
      );
    } catch (e) {
      // Building the connector (credentials, a bad service URL) fails outside the turn.
      failure ??= e;
    }
    if (failure !== undefined || !response) throw classify(failure, this.clock());
    return { activityId: response.id };
  }
}
