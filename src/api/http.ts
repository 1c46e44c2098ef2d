/** Helpers every route uses: validate input, read If-Match, set ETag, build the operation's `Call`. */
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Permission } from '../auth/roles';
import { InvalidError } from '../domain/errors';
import { type Call, type OperationDeps, can, refuse } from '../operations/context';
import { PreconditionRequiredError, invalidFrom } from './problem';

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  if (
    req.body === undefined ||
    req.body === null ||
    typeof req.body !== 'object' ||
    Array.isArray(req.body)
  ) {
    throw new InvalidError('Send a JSON object (Content-Type: application/json).', [
      { path: '(body)', message: 'must be a JSON object' },
    ]);
  }
  const r = schema.safeParse(req.body);
  if (!r.success) throw invalidFrom(r.error, 'request body');
  return r.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const r = schema.safeParse(req.query ?? {});
  if (!r.success) throw invalidFrom(r.error, 'query');
  return r.data;
}

/** The version from `If-Match: "3"` (or `W/"3"`). Missing -> 428; not ours -> 400. */
export function ifMatch(req: Request): number {
  const h = req.get('if-match');
  if (h === undefined || h.trim() === '') throw new PreconditionRequiredError();
  const m = /^\s*(?:W\/)?"(\d{1,12})"\s*$/.exec(h);
  if (!m)
    throw new InvalidError('If-Match must be the ETag you received, e.g. "3".', [
      { path: 'If-Match', message: 'is not an ETag from this API' },
    ]);
  return Number(m[1]);
}

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Sends a versioned record with its ETag. */
export function sendVersioned(
  res: Response,
  status: number,
  record: { version: number },
  body: unknown = record,
): void {
  res.status(status).setHeader('ETag', etagOf(record.version));
  res.json(body);
}

export function callOf(res: Response): Call {
  return res.locals.call as Call;
}

/** Route parameters are strings in Express 5; this narrows without a cast at each use. */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string')
    throw new InvalidError(`Missing ${name}.`, [{ path: name, message: 'is required' }]);
  return v;
}

/** A refusal's audit target: a route parameter (a ref or id) when it looks like one, else the area. */
export type RefusalTarget = { param: 'ref' | 'id' } | string;

const ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

function targetOf(req: Request, target: RefusalTarget): string {
  if (typeof target === 'string') return target;
  const v = req.params[target.param];
  // A parameter that does not look like a ref or id is not written into the audit log.
  return typeof v === 'string' && ID_LIKE.test(v) ? v : `/api/${req.baseUrl.split('/')[2] ?? ''}`;
}

/**
 * Authorise first, then validate (issue 14): runs before the route reads its parameters, query or body,
 * so a caller without the permission gets 403 and an `access.refused` entry whatever they sent, and
 * never a 400 that would teach them the schema's field names. The route names the permissions its
 * operation checks (every one of them is needed); the check and the audit are the operations' own
 * (`can`, `refuse`), and the operation checks again, so a route that named too little is still safe and
 * one that named too much fails the route x role matrix (tests/api/roles.test.ts).
 */
export function authorizeFirst(
  deps: OperationDeps,
  target: RefusalTarget,
  ...permissions: Permission[]
): RequestHandler {
  return async (req, res, next) => {
    const call = callOf(res);
    for (const p of permissions) if (!can(call, p)) await refuse(deps, call, targetOf(req, target));
    next();
  };
}
