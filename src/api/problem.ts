/**
 * Errors to HTTP `application/problem+json` (RFC 9457) with a stable `code`. Only our own messages reach
 * the client; anything unexpected becomes a generic 500 whose details stay in the log (without data).
 */
import type { ErrorRequestHandler } from 'express';
import { ConsentRequiredError } from '../auth/consent';
import type { z } from 'zod';
import {
  AlreadyDoneError,
  AppError,
  BusyError,
  ConflictError,
  type FieldIssue,
  InvalidError,
} from '../domain/errors';
import type { Logger } from '../log';

/** Missing If-Match on a write: the client must send the version it saw. */
export class PreconditionRequiredError extends AppError {
  constructor() {
    super('Invalid', 'This change needs the If-Match header with the version (ETag) you last saw.');
  }
}

/** One user sent too many requests: 429 with Retry-After. The code stays `Busy` (retry later). */
export class RateLimitedError extends BusyError {
  constructor(retryAfterSeconds: number) {
    super('Too many requests. Please wait a moment and try again.', retryAfterSeconds);
  }
}

const STATUS: Record<AppError['code'], number> = {
  NotFound: 404,
  Conflict: 412,
  Forbidden: 403,
  Unauthenticated: 401,
  Invalid: 400,
  Busy: 503,
  AlreadyDone: 409,
};

const TITLES: Record<AppError['code'], string> = {
  NotFound: 'Not found',
  Conflict: 'Changed by someone else',
  Forbidden: 'Not allowed',
  Unauthenticated: 'Sign-in required',
  Invalid: 'Invalid request',
  Busy: 'Busy',
  AlreadyDone: 'Already done',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  /** The first `MAX_LISTED_ISSUES` field issues. */
  issues?: FieldIssue[];
  /** How many issues there were in all, when more than were listed. */
  issueCount?: number;
  current?: unknown;
}

/**
 * Field issues listed in one problem (and named in its detail). A body of 9,000 unknown keys has 9,000
 * issues; echoing them all turned a 100 KB request into a 700 KB reply. A person fixes a form a few
 * fields at a time, and a client that sent thousands of unknown keys needs only to know that it did.
 */
export const MAX_LISTED_ISSUES = 20;
/** Issues named in the human-readable `detail` (the full, capped list is in `issues`). */
const ISSUES_IN_DETAIL = 5;

/** Zod issues as field issues: the path and the message, never the value that was sent. */
export function fieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of error.issues) {
    const base = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out.push({ path: base ? `${base}.${k}` : k, message: 'is not a known field' });
    } else {
      out.push({ path: base || '(body)', message: i.message });
    }
  }
  return out;
}

export function invalidFrom(error: z.ZodError, what: string): InvalidError {
  const issues = fieldIssues(error);
  const named = issues.slice(0, ISSUES_IN_DETAIL).map((i) => `${i.path} ${i.message}`);
  const more = issues.length > ISSUES_IN_DETAIL ? ` (and ${issues.length - ISSUES_IN_DETAIL} more)` : '';
  return new InvalidError(`Invalid ${what}: ${named.join('; ')}${more}`, issues);
}

export function problemFor(err: unknown): Problem {
  if (err instanceof ConsentRequiredError) {
    // 403, not 401: the user is signed in, and a 401 would send the tab round its sign-in again. The
    // code tells the tab to open the consent pop-up and then retry.
    return {
      type: 'urn:cmoe:error:ConsentRequired',
      title: 'Permission needed',
      status: 403,
      code: 'ConsentRequired',
      detail: err.message,
    };
  }
  if (err instanceof AppError) {
    const status =
      err instanceof PreconditionRequiredError
        ? 428
        : err instanceof RateLimitedError
          ? 429
          : STATUS[err.code];
    const p: Problem = {
      type: `urn:cmoe:error:${err.code}`,
      title: err instanceof RateLimitedError ? 'Too many requests' : TITLES[err.code],
      status,
      code: err.code,
      detail: err.message,
    };
    if (err instanceof InvalidError && err.issues.length > 0) {
      p.issues = err.issues.slice(0, MAX_LISTED_ISSUES);
      if (err.issues.length > MAX_LISTED_ISSUES) p.issueCount = err.issues.length;
    }
    if (err instanceof ConflictError || err instanceof AlreadyDoneError) p.current = err.current;
    return p;
  }
  return {
    type: 'urn:cmoe:error:Internal',
    title: 'Something went wrong',
    status: 500,
    code: 'Internal',
    detail: 'Something went wrong on our side. Nothing was lost; please try again.',
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** Problems for the 4xx statuses libraries raise (http-errors): our words, never the library's. */
const LIBRARY_4XX: Record<number, Pick<Problem, 'code' | 'title' | 'detail'>> = {
  400: { code: 'Invalid', title: 'Invalid request', detail: 'The request could not be read.' },
  404: { code: 'NotFound', title: 'Not found', detail: 'Not found.' },
  405: { code: 'Invalid', title: 'Method not allowed', detail: 'This method is not allowed here.' },
  415: {
    code: 'Invalid',
    title: 'Unsupported media type',
    detail: 'The body is in a form this API does not read.',
  },
};

/**
 * A client error an HTTP library raised (a malformed percent-encoding in a path, a missing static file,
 * a body that will not decompress): its own 4xx status, kept. Recognised as http-errors marks them, with
 * `status` and `statusCode` both set and equal (Express's router does the same): our own adapters'
 * errors (`GraphRequestError`, the bot's `SendError`) carry a `status` only, and a Graph 404 or 400 is
 * our fault, not the caller's, so it stays a 500.
 */
function libraryClientError(err: unknown): Problem | null {
  const e = err as BodyParserError | null;
  const status = e?.status;
  if (typeof status !== 'number' || status !== e?.statusCode) return null;
  if (!Number.isInteger(status) || status < 400 || status > 499) return null;
  const known = LIBRARY_4XX[status] ?? {
    code: 'Invalid',
    title: 'Invalid request',
    detail: 'The request could not be handled.',
  };
  return { type: `urn:cmoe:error:${known.code}`, status, ...known };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let e = err;
    const bp = err as BodyParserError;
    // body-parser's own messages can quote the body, so they are replaced, never passed on.
    if (bp?.type === 'entity.too.large') {
      res.status(413).type('application/problem+json').json({
        type: 'urn:cmoe:error:Invalid',
        title: 'Too large',
        status: 413,
        code: 'Invalid',
        detail: 'The request body is too large.',
      });
      return;
    }
    if (
      bp?.type === 'entity.parse.failed' ||
      bp?.type === 'encoding.unsupported' ||
      bp?.type === 'charset.unsupported'
    ) {
      e = new InvalidError('The request body is not valid JSON.', [
        { path: '(body)', message: 'is not valid JSON' },
      ]);
    }
    const problem = (e === err && !(err instanceof AppError) && libraryClientError(err)) || problemFor(e);
    if (problem.status >= 500) {
      log.error('request failed', {
        method: req.method,
        route: routeOf(req),
        error: errorName(err),
        ...stackFrames(err),
      });
    }
    if (e instanceof BusyError && e.retryAfterSeconds)
      res.setHeader('Retry-After', String(e.retryAfterSeconds));
    if (e instanceof ConflictError) {
      const v = (e.current as { version?: unknown } | null)?.version;
      if (typeof v === 'number') res.setHeader('ETag', `"${v}"`);
    }
    res.status(problem.status).type('application/problem+json').json(problem);
  };
}

/**
 * The error's class name (`TypeError`, `SqliteError`). Duck-typed: errors thrown by a native module or
 * another realm (a VM context, jest's sandbox) are not `instanceof` this realm's `Error`.
 */
function errorName(err: unknown): string {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^[A-Za-z][\w.]{0,60}$/.test(name) ? name : 'unknown';
}

/**
 * Up to four stack frames as `frame1`..`frame4` (each a file and line). The first stack line is the
 * message, which for a JSON or driver error can quote stored data, so it is never logged.
 */
function stackFrames(err: unknown): Record<string, string> {
  const stack = (err as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return {};
  const frames = stack
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, 4);
  return Object.fromEntries(frames.map((f, i) => [`frame${i + 1}`, f]));
}

/**
 * The route pattern (`/api/cases/:ref`), never the URL: a query string can hold a searched name, and a
 * path nobody routes can hold anything at all, so it is logged as `/api/*` or `/*`.
 *
 * The pattern is rebuilt from the matched route and the URL's leading segments, because by the time a
 * response finishes Express has reset `baseUrl`. The leading segments are the routers' mount paths
 * (static words such as `api` and `cases`), never user input.
 */
export function routeOf(req: {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
  path: string;
}): string {
  const url = (req.originalUrl ?? `${req.baseUrl ?? ''}${req.path}`).split('?')[0] ?? '';
  const segments = url.split('/').filter(Boolean);
  if (typeof req.route?.path === 'string') {
    const pattern = req.route.path.split('/').filter(Boolean);
    const mount = segments.slice(0, Math.max(0, segments.length - pattern.length));
    return `/${[...mount, ...pattern].join('/')}`;
  }
  return segments[0] === 'api' ? '/api/*' : '/*';
}
