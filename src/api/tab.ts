/**
 * Serves the built tab (Vite output) from the same origin as the API: static assets, and index.html for
 * any other GET outside /api so deep links (/cases/CMOE-0042) load the app. When the tab has not been
 * built, `/` explains how to build it instead of a bare 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

export function mountTab(app: Express, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('The tab has not been built. Run `npm run build` (npm start does it for you).');
    });
    return;
  }
  // Hashed asset names can be cached for long; index.html must not be, so a deploy is picked up at once.
  // A missing asset falls through to the app's 404 (not index.html: a script tag must not get a page,
  // and not the static handler's own error, which the error handler used to turn into a 500).
  app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d' }));
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.get(/^\/(?!api\/|api$|healthz$|assets\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
