/**
 * Lists every route an Express 5 app registers (`METHOD /path`), by walking its router stack: route
 * layers give the method and path; mounted routers are walked with their mount path (`rawPath`). The
 * authorisation matrix is checked against this list, so a route added anywhere shows up there.
 */
import type { Express } from 'express';

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: unknown };
  rawPath?: unknown;
}

export function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: readonly Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = `${prefix}${String(layer.route.path)}`.replace(/(.)\/$/, '$1');
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on) out.push(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${path}`);
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
        walk(layer.handle.stack as Layer[], `${prefix}${mount === '/' ? '' : mount}`);
      }
    }
  };
  const router = (app as unknown as { router?: { stack?: Layer[] } }).router;
  if (!router?.stack) throw new Error('Not an Express 5 app: no app.router.stack to walk');
  walk(router.stack, '');
  return out;
}
