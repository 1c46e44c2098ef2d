import { takeEarly } from './early';

/**
 * How the tab talks HTTP to the API: the bearer token on every call, `If-Match` on every change of an
 * existing record, one retry of a read the server asked us to repeat shortly, and problem+json answers
 * turned into {@link ApiError} (stable `code`, field `issues`, and for a 412 the server's `current`
 * record, so a conflict can be shown, not lost). The API groups (client.ts, meetingApi.ts, adminApi.ts)
 * are built on {@link Call}.
 */

import { ENDPOINTS, pathOf } from '../../contract/endpoints';
import type { BodyOf, ParamsOfRoute, QueryOf, ResponseOf, RouteName, Routes } from '../../contract/types';
import { retryAfterMs } from '../../retry';

export interface FieldIssue {
  path: string;
  message: string;
}

/** `Network` when the server could not be reached; otherwise the API's own stable codes. */
export type ApiErrorCode =
  | 'NotFound'
  | 'Conflict'
  | 'Forbidden'
  | 'Unauthenticated'
  | 'Invalid'
  | 'Busy'
  /** 409: a one-off step already taken (an import already undone). */
  | 'AlreadyDone'
  | 'Internal'
  | 'Network'
  /** 403: Graph on behalf of the user needs their consent (or a sign-in step) in Teams' pop-up first. */
  | 'ConsentRequired';

/** A refusal or failure from the API, in words a person can read (the server writes them for people). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly title: string,
    readonly detail: string,
    readonly issues: FieldIssue[] = [],
    /** For a 412 Conflict: the record as it is on the server now. */
    readonly current: unknown = undefined,
  ) {
    super(detail);
  }

  get isConflict(): boolean {
    return this.code === 'Conflict';
  }

  /** Messages for one field (`description`) or its sub-fields (`owner.email`). */
  issuesFor(path: string): string[] {
    return this.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
  }
}

export interface CallOptions {
  /** A JSON body. */
  body?: unknown;
  /** Or a file's bytes as they are (an import), with their content type. */
  raw?: { bytes: Blob | ArrayBuffer; contentType: string };
  /** Extra request headers (e.g. X-File-Name). */
  headers?: Record<string, string>;
  /** The record version the change is based on, sent as `If-Match`. */
  version?: number;
}

/** One JSON request to the API. */
export type Call = (<T>(method: string, path: string, options?: CallOptions) => Promise<T>) & {
  /** A GET whose answer is a file (minutes .docx, an export): its bytes and the server's file name. */
  download(path: string): Promise<DownloadedFile>;
};

export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition; null when the server sent none. */
  fileName: string | null;
  /** The response's headers (an export's X-Case-Count). */
  headers?: Headers;
}

function fileNameOf(res: Response): string | null {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return m ? (m[1] as string) : null;
}

export interface TransportOptions {
  baseUrl?: string;
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
}

export function queryString(
  params: Record<string, string | number | boolean | readonly string[] | undefined>,
): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    const s = isList(v) ? v.join(',') : String(v);
    if (isList(v) && v.length === 0) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

const isList = (v: unknown): v is readonly string[] => Array.isArray(v);

export const NETWORK_MESSAGE = "Can't reach the CMOE service. Check your connection and try again.";

export async function problemOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): fall back to the status alone.
  }
  const code = (typeof body.code === 'string' ? body.code : 'Internal') as ApiErrorCode;
  const title = typeof body.title === 'string' ? body.title : `Request failed (${res.status})`;
  const detail =
    typeof body.detail === 'string'
      ? body.detail
      : res.status >= 500
        ? 'Something went wrong on our side. Nothing was lost; please try again.'
        : title;
  const issues = Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [];
  return new ApiError(res.status, code, title, detail, issues, body.current);
}

/**
 * The Retry-After of a 429 or 503 in ms (the shared reading; none given: retry now) when it is at most
 * {@link MAX_RETRY_WAIT_MS}, else null.
 */
function retryWaitMs(res: Response): number | null {
  if (res.status !== 429 && res.status !== 503) return null;
  const header = res.headers.get('retry-after');
  const ms = header === null ? 0 : retryAfterMs(header, () => Date.now());
  return ms !== null && ms <= MAX_RETRY_WAIT_MS ? ms : null;
}

export const MAX_RETRY_WAIT_MS = 5000;

export function createCall(opts: TransportOptions): Call {
  const base = opts.baseUrl ?? '';
  // Called through a wrapper so a browser's fetch is never invoked with a foreign `this`.
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => fetch(input, init));

  async function send(method: string, path: string, options: CallOptions, accept: string): Promise<Response> {
    const token = await opts.getToken();
    const headers: Record<string, string> = {
      ...options.headers,
      Accept: accept,
      Authorization: `Bearer ${token}`,
    };
    // The first screen's GETs may already be on their way (early.ts): the same request, handled the same.
    const started =
      method === 'GET' && base === '' && options.headers === undefined && accept === 'application/json'
        ? takeEarly(path, token)
        : undefined;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.raw !== undefined) headers['Content-Type'] = options.raw.contentType;
    if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;
    let pending = started;
    const once = async (): Promise<Response> => {
      try {
        if (pending) {
          const p = pending;
          pending = undefined;
          return await p;
        }
        return await doFetch(`${base}${path}`, {
          method,
          headers,
          body: options.raw
            ? options.raw.bytes
            : options.body === undefined
              ? undefined
              : JSON.stringify(options.body),
          credentials: 'omit',
        });
      } catch {
        throw new ApiError(0, 'Network', 'Offline', NETWORK_MESSAGE);
      }
    };
    let res = await once();
    // A read refused for a moment (rate limit, throttled store) is retried once after the server's
    // Retry-After, when that is short; a write is never repeated behind the user's back.
    const wait = retryWaitMs(res);
    if (method === 'GET' && (res.status === 429 || res.status === 503) && wait !== null) {
      await new Promise((r) => setTimeout(r, wait));
      res = await once();
    }
    if (!res.ok) throw await problemOf(res);
    return res;
  }

  const call = async <T>(method: string, path: string, options: CallOptions = {}): Promise<T> =>
    (await (await send(method, path, options, 'application/json')).json()) as T;
  return Object.assign(call, {
    async download(path: string): Promise<DownloadedFile> {
      const res = await send('GET', path, {}, '*/*');
      return { blob: await res.blob(), fileName: fileNameOf(res), headers: res.headers };
    },
  });
}

/**
 * What a call of route `K` sends, from the contract: its path parameters, its JSON body, its query (the
 * caller picks the keys: the server refuses unknown ones), and for a change the version it is based on.
 */
export type RouteArgs<K extends RouteName> = ([keyof ParamsOfRoute<K>] extends [never]
  ? { params?: undefined }
  : { params: ParamsOfRoute<K> }) &
  ([BodyOf<K>] extends [never] ? { body?: undefined } : { body: BodyOf<K> }) &
  (QueryOf<K> extends undefined ? { query?: undefined } : { query?: QueryOf<K> }) &
  (Routes[K] extends { ifMatch: true } ? { version: number } : { version?: undefined });

/** Calls a route of the contract by name: method and path from the table, types from its row. */
export type Send = <K extends RouteName>(name: K, args: RouteArgs<K>) => Promise<ResponseOf<K>>;

export function sendOf(call: Call): Send {
  return (name, args) => {
    const { method, path } = ENDPOINTS[name];
    const a = args as {
      params?: Record<string, string>;
      body?: unknown;
      query?: Parameters<typeof queryString>[0];
      version?: number;
    };
    const url = `${pathOf(path as string, a.params ?? {})}${a.query ? queryString(a.query) : ''}`;
    return call(method, url, { body: a.body, version: a.version });
  };
}

/** The URL of a route whose answer is a file (for {@link Call.download}). */
export function urlOf<K extends RouteName>(
  name: K,
  params: ParamsOfRoute<K>,
  query?: Parameters<typeof queryString>[0],
): string {
  return `${pathOf(ENDPOINTS[name].path as string, params)}${query ? queryString(query) : ''}`;
}
