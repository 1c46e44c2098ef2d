import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { mountTab } from '../../src/api/tab';

describe('serving the built tab', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cmoe-tab-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function appWith(built: boolean) {
    if (built) {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CMOE Tracker</title>');
      writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    }
    const app = express();
    mountTab(app, dir);
    app.use((_req, res) => res.status(404).send('api 404'));
    return app;
  }

  test('deep links get index.html so the app can route them, uncached', async () => {
    const app = appWith(true);
    const res = await request(app).get('/cases/CMOE-0042');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>CMOE Tracker</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  test('hashed assets are served with a long cache; a missing asset is a 404, not index.html', async () => {
    const app = appWith(true);
    const asset = await request(app).get('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await request(app).get('/assets/missing.js')).status).toBe(404);
  });

  test('API paths are never answered with the tab', async () => {
    const app = appWith(true);
    expect((await request(app).get('/api/nothing')).text).toBe('api 404');
    expect((await request(app).get('/healthz')).text).toBe('api 404');
  });

  test('before the tab is built, / says how to build it', async () => {
    const res = await request(appWith(false)).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/npm run build/);
  });
});
