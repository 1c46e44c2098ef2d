/**
 * The adapter's one way to Microsoft Graph: the Graph client with a middleware chain of our own
 * (throttling retries -> bearer token -> fetch), raw responses so every status is handled here, JSON
 * batching, and error mapping. Messages name the operation and list, never a URL (a filter can hold an
 * email) and never Graph's own message (it can quote a value).
 */
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  ResponseType,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { BusyError, ForbiddenError } from '../../domain/errors';
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  retryAfterMs,
  retryDelayMs,
  ThrottleRetryHandler,
  type GraphRetryPolicy,
  type ThrottleObserver,
} from './retry';

/** Anything that hands out a Graph access token (app-only or on behalf of a user); see src/auth/graphTokens. */
export type AccessTokenSource = AuthenticationProvider;

export interface GraphOptions {
  /** `https://graph.microsoft.com`, a national cloud's Graph, or a local fake (GRAPH_BASE_URL). */
  baseUrl: string;
  tokens: AccessTokenSource;
  retry?: Partial<GraphRetryPolicy>;
  onThrottle?: ThrottleObserver;
  /** Told of every 403 (the read model forgets the user's confirmed access at once). */
  onForbidden?: () => void;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GraphResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty or non-JSON body. */
  json: unknown;
}

/**
 * Graph answered something the adapter does not expect (a 400, a 500, a 401 from a bad token...). Carries
 * the status and Graph's error code only.
 */
export class GraphRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly graphCode: string | null,
  ) {
    super(`Microsoft Graph refused to ${operation}: HTTP ${status}${graphCode ? ` (${graphCode})` : ''}.`);
    this.name = 'GraphRequestError';
  }
}

const graphErrorBody = z.object({ error: z.object({ code: z.string() }) });

/** Graph's error code from an error body, if it has one. */
export function graphErrorCode(json: unknown): string | null {
  const parsed = graphErrorBody.safeParse(json);
  return parsed.success ? parsed.data.error.code : null;
}

/** One request of a JSON batch; `url` is relative to the version root (`/sites/...`). */
export interface BatchStep {
  id: string;
  method: HttpMethod;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BatchResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/** Graph's documented limit of requests in one JSON batch. */
export const MAX_BATCH_STEPS = 20;

export class GraphTransport {
  private readonly client: Client;
  readonly policy: GraphRetryPolicy;
  private readonly onThrottle: ThrottleObserver | undefined;

  constructor(readonly options: GraphOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onThrottle = options.onThrottle;
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'https:') throw new Error('GRAPH_BASE_URL must be an https URL.');
    const retry = new ThrottleRetryHandler(this.policy, options.onThrottle);
    const auth = new AuthenticationHandler(options.tokens);
    const http = new HTTPMessageHandler();
    this.client = Client.initWithMiddleware({
      baseUrl: url.origin,
      defaultVersion: 'v1.0',
      middleware: [retry, auth, http],
      // The Graph client attaches tokens only to Graph's own hosts and to these.
      customHosts: new Set([url.hostname]),
    });
  }

  /** The version root, for recognising absolute links (`@odata.nextLink`). */
  get root(): string {
    return `${new URL(this.options.baseUrl).origin}/v1.0`;
  }

  /**
   * Sends one request and returns the response whatever its status, except: still throttled after the
   * retries -> `BusyError`; 403 -> `ForbiddenError` (SharePoint's own permissions said no); 401 ->
   * `GraphRequestError` (the token was refused: a configuration problem, not the user's).
   */
  async send(
    operation: string,
    method: HttpMethod,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; bytes?: boolean } = {},
  ): Promise<GraphResponse & { bytes?: Uint8Array }> {
    const request = this.client.api(path).responseType(ResponseType.RAW);
    if (options.headers) request.headers(options.headers);
    let response: Response;
    switch (method) {
      case 'GET':
        response = (await request.get()) as Response;
        break;
      case 'POST':
        response = (await request.post(options.body ?? {})) as Response;
        break;
      case 'PATCH':
        response = (await request.patch(options.body ?? {})) as Response;
        break;
      case 'PUT':
        response = (await request.put(options.body ?? {})) as Response;
        break;
      case 'DELETE':
        response = (await request.delete()) as Response;
        break;
    }
    if (RETRYABLE_STATUSES.has(response.status)) {
      await response.arrayBuffer().catch(() => undefined);
      throw busy(retryAfterMs(response.headers.get('Retry-After'), () => Date.now()));
    }
    if (options.bytes && response.ok) {
      return {
        status: response.status,
        headers: response.headers,
        json: null,
        bytes: new Uint8Array(await response.arrayBuffer()),
      };
    }
    const text = await response.text();
    let json: unknown = null;
    if (text.length > 0 && (response.headers.get('Content-Type') ?? '').includes('json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (response.status === 403) {
      this.options.onForbidden?.();
      throw new ForbiddenError('SharePoint does not allow this for your account.');
    }
    if (response.status === 401) throw new GraphRequestError(operation, 401, graphErrorCode(json));
    return { status: response.status, headers: response.headers, json };
  }

  /** `send`, then anything but the expected statuses is a `GraphRequestError`. */
  async expect(
    operation: string,
    method: HttpMethod,
    path: string,
    ok: readonly number[],
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<GraphResponse> {
    const res = await this.send(operation, method, path, options);
    if (!ok.includes(res.status))
      throw new GraphRequestError(operation, res.status, graphErrorCode(res.json));
    return res;
  }

  /**
   * Runs up to 20 requests in one JSON batch and returns a result per step, in the steps' order. Steps
   * throttled inside the batch (429/503/504 with their own Retry-After) are sent again in a smaller batch
   * after waiting, within the same retry budget as single requests; a step still throttled after that
   * comes back with its throttled status for the caller to report.
   */
  async batch(operation: string, steps: readonly BatchStep[]): Promise<BatchResult[]> {
    if (steps.length > MAX_BATCH_STEPS)
      throw new RangeError(`A JSON batch holds at most ${MAX_BATCH_STEPS} requests.`);
    const results = new Map<string, BatchResult>();
    let pending = [...steps];
    for (let round = 0; pending.length > 0; round++) {
      const res = await this.expect(operation, 'POST', '/$batch', [200], {
        body: {
          requests: pending.map((s) => ({
            id: s.id,
            method: s.method,
            url: s.url,
            ...(s.body !== undefined
              ? { body: s.body, headers: { 'Content-Type': 'application/json', ...s.headers } }
              : s.headers
                ? { headers: s.headers }
                : {}),
          })),
        },
      });
      const parsed = batchResponseSchema.safeParse(res.json);
      if (!parsed.success) throw new GraphRequestError(operation, res.status, 'malformedBatchResponse');
      const throttled: BatchStep[] = [];
      let waitFor: number | null = null;
      for (const step of pending) {
        const r = parsed.data.responses.find((x) => x.id === step.id);
        if (!r) throw new GraphRequestError(operation, res.status, 'missingBatchResponse');
        const headers = lowerKeys(r.headers ?? {});
        const result = { id: r.id, status: r.status, headers, body: r.body ?? null };
        results.set(step.id, result);
        if (RETRYABLE_STATUSES.has(r.status) && round < this.policy.maxRetries) {
          throttled.push(step);
          const after = retryAfterMs(headers['retry-after'], () => Date.now());
          if (after !== null) waitFor = Math.max(waitFor ?? 0, after);
        }
      }
      if (throttled.length > 0) {
        const waitMs = retryDelayMs(this.policy, round, waitFor);
        this.onThrottle?.({ status: 429, retry: round, waitMs });
        await this.policy.sleep(waitMs);
      }
      pending = throttled;
    }
    return steps.map((s) => results.get(s.id) as BatchResult);
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * A batch step the batch left throttled (the transport already retried the batch within its policy):
 * fail it as `Busy`, with the step's own Retry-After. The one place a step's throttling becomes an error.
 */
export function throwIfThrottled(step: BatchResult): void {
  if (RETRYABLE_STATUSES.has(step.status))
    throw busy(retryAfterMs(step.headers['retry-after'], () => Date.now()));
}

/** The error a still-throttled request ends in; `retryAfterMs` from the last response, if it had one. */
export function busy(retryAfter: number | null): BusyError {
  return new BusyError(
    'SharePoint is busy (throttling). Please try again shortly.',
    retryAfter === null ? undefined : Math.ceil(retryAfter / 1000),
  );
}
