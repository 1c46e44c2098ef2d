/**
 * Mounts the API's routes from the contract's table (src/contract/routes.ts). For each row, in order:
 * authorise (the row's permissions, or the owner check, before anything sent is read: issue 14), check the
 * path parameters, parse the query and the body with the row's schemas, read `If-Match` when the row
 * changes a record, call the row's handler, and send the answer as the row says (status, ETag, Location,
 * a file). Problems are thrown and turned into problem+json by the app's error handler, as before.
 *
 * Rows are grouped in one router per first path segment (`/api/cases`, `/api/meetings`...) so the
 * request log's route pattern and a refusal's audit target are what they were with hand-written routers.
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { caseRefSchema } from '../domain/types';
import { InvalidError } from '../domain/errors';
import type { Route, RouteName, Routes } from '../contract/routes';
import { ROUTES } from '../contract/routes';
import type { ParamsOfRoute, ParsedBodyOf, QueryOf, ResponseOf } from '../contract/types';
import * as actions from '../operations/actions';
import { type Call, type OperationDeps } from '../operations/context';
import { authorizeFirst, callOf, ifMatch, param, parseBody, parseQuery, sendVersioned } from './http';

/** What a handler gets: the caller, and what the request sent, already checked against the row. */
export interface HandlerInput<K extends RouteName> {
  call: Call;
  params: ParamsOfRoute<K>;
  query: QueryOf<K>;
  body: ParsedBodyOf<K>;
  /** The version from `If-Match` (rows with `ifMatch` only). */
  version: Routes[K] extends { ifMatch: true } ? number : undefined;
  /** For the headers a row reads itself (an import's file name and mapping). */
  req: Request;
}

/** A thin handler: calls the operation; typed by its row's input and answer. */
export type Handler<K extends RouteName> = (input: HandlerInput<K>) => Promise<ResponseOf<K>>;
export type Handlers = { [K in RouteName]: Handler<K> };

/** The `:ref` route parameter, checked to look like a case ref. */
function caseRef(req: Request): string {
  const ref = param(req, 'ref');
  if (!caseRefSchema.safeParse(ref).success) {
    throw new InvalidError('A case ref looks like CMOE-0042.', [
      { path: 'ref', message: 'must look like CMOE-0042' },
    ]);
  }
  return ref;
}

function paramsOf(req: Request, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name] of path.matchAll(/:(\w+)/g)) {
    out[name as string] = name === 'ref' ? caseRef(req) : param(req, name as string);
  }
  return out;
}

/** `['cases', '/:ref/close']` for `/api/cases/:ref/close`. */
function split(path: string): [string, string] {
  const [, , area = '', ...rest] = path.split('/');
  return [area, `/${rest.join('/')}`];
}

function authorizer(deps: OperationDeps, route: Route): RequestHandler {
  if (route.ownerOf === 'action') {
    // Members change only the actions they own: checked on the stored action before the body is read.
    return async (req, res, next) => {
      await actions.authorizeChange(deps, callOf(res), param(req, 'id'));
      next();
    };
  }
  // A refusal names the record (the path's first parameter) when there is one, else the area.
  const first = /:(ref|id)\b/.exec(route.path)?.[1] as 'ref' | 'id' | undefined;
  return authorizeFirst(deps, first ? { param: first } : split(route.path)[0], ...route.permissions);
}

function handlerOf(route: Route, handle: Handler<RouteName>): RequestHandler {
  return async (req, res) => {
    const params = paramsOf(req, route.path);
    const query = route.query ? parseQuery(route.query, req) : undefined;
    const body = route.body ? parseBody(route.body, req) : undefined;
    const version = route.ifMatch ? ifMatch(req) : undefined;
    const out = (await handle({
      call: callOf(res),
      params,
      query,
      body,
      version,
      req,
    } as HandlerInput<RouteName>)) as unknown;
    if (route.file) {
      const file = out as { contentType: string; fileName: string; bytes: Uint8Array; headers?: object };
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      for (const [k, v] of Object.entries(file.headers ?? {})) res.setHeader(k, String(v));
      res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
      return;
    }
    const status = route.created ? 201 : 200;
    const location = route.location as ((o: unknown) => string) | undefined;
    if (location) res.setHeader('Location', location(out));
    const etag = route.etag as ((o: unknown) => number) | undefined;
    if (etag) sendVersioned(res, status, { version: etag(out) }, out);
    else res.status(status).json(out);
  };
}

/** Mounts the rows `which` picks on `api` (the /api router), in the table's order. */
export function mountRoutes(
  api: Router,
  deps: OperationDeps,
  handlers: Handlers,
  which: (route: Route) => boolean,
): void {
  const areas = new Map<string, Router>();
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const route: Route = ROUTES[name];
    if (!which(route)) continue;
    const [area, path] = split(route.path);
    let router = areas.get(area);
    if (!router) {
      router = express.Router();
      areas.set(area, router);
      api.use(`/${area}`, router);
    }
    const chain: RequestHandler[] = [];
    if (!route.public) chain.push(authorizer(deps, route));
    // The file is read after the role check: a caller who may not import never has it read.
    if (route.raw) chain.push(express.raw({ type: [...route.raw.types], limit: route.raw.limit }));
    chain.push(handlerOf(route, handlers[name] as Handler<RouteName>));
    router[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path, ...chain);
  }
}
