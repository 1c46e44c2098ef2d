/**
 * The Express app for the tab and API, built from its dependencies without listening, so tests drive it
 * in-process and server.ts alone decides ports and adapters.
 */
import compression from 'compression';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { DEV_USERS } from '../auth/devUsers';
import type { Authenticator } from '../auth/principal';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../domain/errors';
import type { Logger } from '../log';
import type { OperationDeps } from '../operations/context';
import { queryAudit } from '../operations/audit';
import { auditQuerySchema } from '../operations/inputs';
import { authorizeFirst, callOf, parseQuery } from './http';
import { errorHandler, routeOf } from './problem';
import { AnonymousLimit, perUserRateLimit } from './rateLimit';
import { RequestStores, reportingRefusals, type StoreForRequest } from './requestStore';
import { actionRoutes } from './routes/actions';
import { caseRoutes } from './routes/cases';
import { caseDisclosureRoutes, disclosureRoutes } from './routes/disclosures';
import { exportRoutes, importRoutes } from './routes/importExport';
import { escalationRoutes, meetingRoutes } from './routes/meetings';
import { oversightRoutes } from './routes/oversight';
import { securityHeaders } from './securityHeaders';

export interface AppDeps extends OperationDeps {
  authenticator: Authenticator;
  /** The clock, read once per request and passed down as `now`. */
  clock: () => Date;
  log: Logger;
  bodyLimit?: string;
  /** Exposes GET /api/dev/users for the local sign-in (AUTH_MODE=dev only). */
  devSignIn: boolean;
  /**
   * Per-user rate limit on the API (requests per minute, also the burst). Off when absent: server.ts
   * always sets it from RATE_LIMIT_PER_MINUTE; in-process tests opt in.
   */
  rateLimitPerMinute?: number;
  /**
   * Requests answered without a sign-in (401, pages not found) per minute per client address, also the
   * burst. Off when absent: server.ts always sets it from RATE_LIMIT_ANONYMOUS_PER_MINUTE.
   */
  anonymousRateLimitPerMinute?: number;
  /**
   * Host names (lower case, IPv6 in brackets, no port) the server answers to; any other `Host` header is
   * refused with 421, so a web page that rebinds its own name to this machine's address cannot reach
   * the API (DNS rebinding). Off when absent: server.ts always sets it from config.
   */
  allowedHosts?: readonly string[];
  /** Served over https (PUBLIC_BASE_URL): adds HSTS and upgrade-insecure-requests. */
  https?: boolean;
  /** Extra routers mounted before the API's 404 (the bot's /api/messages, the tab's static files). */
  mount?: (app: Express) => void;
  version?: string;
  /**
   * The store for a signed-in caller's request (on behalf of the user, with the SharePoint store and
   * Teams SSO); absent or null: the app's `store` serves every request.
   */
  storeForRequest?: StoreForRequest;
  /** More for GET /healthz (the SharePoint read model's age and last delta): public, so no counts or data. */
  health?: () => Record<string, unknown>;
}

/** The API's first path segments: a refusal names one of these, never the rest of a URL someone typed. */
const API_AREAS = new Set(['me', 'cases', 'actions', 'meetings', 'escalations', 'audit']);

/** `/api/cases` for `/cases/CMOE-0042/actions`: the audit target of a refusal. */
function areaOf(path: string): string {
  const area = path.split('/')[1] ?? '';
  return API_AREAS.has(area) ? `/api/${area}` : '/api';
}

/** The host name of a `Host` header (`Example.org:443` -> `example.org`, `[::1]:3978` -> `[::1]`). */
export function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

export function createApp(appDeps: AppDeps): Express {
  // Routes and operations get a store that follows the request's own, when there is one.
  const requestStores = appDeps.storeForRequest ? new RequestStores(appDeps.store) : null;
  const deps: AppDeps = requestStores ? { ...appDeps, store: requestStores.scoped() } : appDeps;
  const anonymous =
    deps.anonymousRateLimitPerMinute !== undefined
      ? new AnonymousLimit({ perMinute: deps.anonymousRateLimitPerMinute, clock: deps.clock })
      : null;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(securityHeaders({ https: deps.https ?? false }));
  if (deps.allowedHosts) {
    const allowed = new Set(deps.allowedHosts);
    app.use((req, res, next) => {
      // The health probe is answered whatever the name (it says nothing but "ok").
      if (req.path === '/healthz' || allowed.has(hostnameOf(req.get('host')))) {
        next();
        return;
      }
      anonymous?.charge(req);
      res.status(421).type('application/problem+json').json({
        type: 'urn:cmoe:error:Invalid',
        title: 'Misdirected request',
        status: 421,
        code: 'Invalid',
        detail: 'This server does not answer to that host name.',
      });
    });
  }
  // The list of 5,000 cases is some 2.6 MB of JSON, a tenth of that gzipped; App Service on Linux does
  // not compress for us. (No BREACH exposure: the API authenticates by bearer header, not cookies, so
  // another site cannot make a signed-in request whose size it could observe.)
  app.use(compression({ threshold: 1024, level: 1 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Route pattern and user id only: URLs can carry a searched name in the query string.
      deps.log.info('request', {
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        user: (res.locals.call as { caller?: { id: string } } | undefined)?.caller?.id,
      });
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: deps.version ?? 'dev', ...deps.health?.() });
  });

  const api = express.Router();
  api.use((_req, res, next) => {
    // Children's records must not sit in browser or proxy caches.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  if (deps.devSignIn) {
    api.get('/dev/users', (_req, res) => {
      res.json(
        DEV_USERS.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          service: u.service,
          roles: u.roles,
        })),
      );
    });
  }

  api.use(async (req, res, next) => {
    let caller;
    try {
      caller = await deps.authenticator.authenticate(req.get('authorization'));
    } catch (e) {
      // A refused sign-in is charged to the client's address: a flood of them is answered 429.
      if (e instanceof UnauthenticatedError) anonymous?.chargeOrThrow(req);
      throw e;
    }
    res.locals.call = { caller, now: deps.clock() };
    next();
  });
  // After sign-in (buckets are per user) and before the role check, so a user without a role who
  // hammers the API cannot flood the audit log with refusals either.
  if (deps.rateLimitPerMinute !== undefined) {
    api.use(perUserRateLimit({ perMinute: deps.rateLimitPerMinute, clock: deps.clock }));
  }
  api.use(async (req, res, next) => {
    const { caller } = callOf(res);
    if (caller.roles.length === 0) {
      // No CMOE role, no data: the refusal is audited with the user id and the area asked for only.
      await deps.store.audit.append({
        at: deps.clock().toISOString(),
        userId: caller.id,
        action: 'access.refused',
        target: areaOf(req.path),
        fields: [],
        fromVersion: null,
        toVersion: null,
      });
      throw new ForbiddenError('You do not have a CMOE role. Ask the system owner to assign one.');
    }
    next();
  });
  // The body is read (and inflated, when gzip or deflate) only for a signed-in caller with a role: an
  // anonymous request's body, however malformed or large once inflated, is never looked at. Before the
  // request store, whose async context a body stream's callbacks would not carry.
  api.use(express.json({ limit: deps.bodyLimit ?? '100kb' }));

  if (requestStores && appDeps.storeForRequest) {
    const storeForRequest = appDeps.storeForRequest;
    api.use(async (req, res, next) => {
      const { caller, now } = callOf(res);
      // After the role check: a caller without a role never costs an on-behalf-of token request.
      const store = await storeForRequest({ authorization: req.get('authorization') ?? '', caller });
      if (!store) {
        next();
        return;
      }
      // Read now: inside a sub-router Express rewrites req.path.
      const target = areaOf(req.path);
      let reported = false;
      const onRefused = async () => {
        if (reported) return;
        reported = true;
        // Written as the app (the request store's audit is the app's), so it lands even though the
        // user's own call was refused.
        await store.audit.append({
          at: now.toISOString(),
          userId: caller.id,
          action: 'access.refused',
          target,
          fields: [],
          fromVersion: null,
          toVersion: null,
        });
      };
      requestStores.run(reportingRefusals(store, onRefused), next);
    });
  }

  api.get('/me', (_req, res) => {
    const { caller } = callOf(res);
    res.json({
      id: caller.id,
      name: caller.name,
      email: caller.email,
      roles: caller.roles,
      permissions: [...caller.permissions].sort(),
    });
  });
  api.use('/cases', caseRoutes(deps));
  api.use('/cases', caseDisclosureRoutes(deps));
  api.use('/disclosures', disclosureRoutes(deps));
  api.use('/actions', actionRoutes(deps));
  api.use('/meetings', meetingRoutes(deps));
  api.use('/escalations', escalationRoutes(deps));
  api.use('/import', importRoutes(deps));
  api.use('/export', exportRoutes(deps));
  api.use('/oversight', oversightRoutes(deps));
  api.get('/audit', authorizeFirst(deps, 'audit', 'audit.read'), async (req, res) => {
    res.json(await queryAudit(deps, callOf(res), parseQuery(auditQuerySchema, req)));
  });
  api.use(() => {
    throw new NotFoundError('This API route');
  });

  // Before the API router, whose catch-all 404 would otherwise answer the bot's POST /api/messages.
  deps.mount?.(app);
  app.use('/api', api);
  app.use((req) => {
    // Nobody signed in to ask for a page that does not exist (a missing asset, a probe): charged.
    anonymous?.chargeOrThrow(req);
    throw new NotFoundError('This page');
  });
  app.use(errorHandler(deps.log));
  return app;
}
