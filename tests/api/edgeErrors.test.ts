/**
 * Issue 14 item 2: what arrives before (or without) a sign-in is answered 4xx, never 500, and writes no
 * error-level log line; the client errors libraries raise keep their status; a flood of anonymous junk
 * is rate-limited by the client's address without touching signed-in users.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { mountTab } from '../../src/api/tab';
import { MEMBER, makeTestApp, referral } from '../helpers/api';

/** Sends a Buffer as it is (superagent would JSON-encode it for a JSON content type). */
const raw = (b: Buffer) => b as unknown as string;
const errorLines = (logs: string[]) => logs.filter((l) => JSON.parse(l).level === 'error');

let tabDir: string;
beforeAll(() => {
  tabDir = mkdtempSync(join(tmpdir(), 'cmoe-tab-'));
  mkdirSync(join(tabDir, 'assets'));
  writeFileSync(join(tabDir, 'index.html'), '<!doctype html><title>CMOE</title>');
  writeFileSync(join(tabDir, 'assets', 'app-1234.js'), 'console.log(1)');
});
afterAll(() => rmSync(tabDir, { recursive: true, force: true }));

describe('malformed and missing things are 4xx without an error log line', () => {
  test('a malformed percent-encoding in an API path is 400 for a signed-in user and 401 for anyone else', async () => {
    const { app, logs } = makeTestApp();
    const signedIn = await request(app).get('/api/actions/%E0%A4%A').set(MEMBER);
    expect(signedIn.status).toBe(400);
    expect(signedIn.body).toMatchObject({ code: 'Invalid', status: 400 });
    expect(signedIn.text).not.toContain('%E0');
    expect((await request(app).get('/api/actions/%E0%A4%A')).status).toBe(401);
    expect((await request(app).get('/api/cases/%E0%A4%A/updates').set(MEMBER)).status).toBe(400);
    expect(errorLines(logs)).toEqual([]);
  });

  test('a missing asset is 404 and an existing one is served; other paths still get the tab', async () => {
    const { app, logs } = makeTestApp({ mount: (a) => mountTab(a, tabDir) });
    const missing = await request(app).get('/assets/x.js');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NotFound');
    expect((await request(app).get('/assets/%E0%A4%A.js')).status).toBeLessThan(500);
    const asset = await request(app).get('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('console.log(1)');
    const deepLink = await request(app).get('/cases/CMOE-0042');
    expect(deepLink.status).toBe(200);
    expect(deepLink.text).toContain('<title>CMOE</title>');
    expect(errorLines(logs)).toEqual([]);
  });

  test('a gzip or deflate body that does not decompress is 400 for a signed-in user', async () => {
    const { app, logs } = makeTestApp();
    for (const encoding of ['gzip', 'deflate']) {
      const res = await request(app)
        .post('/api/cases')
        .set(MEMBER)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .serialize(raw)
        .send(Buffer.from('this is not compressed at all'));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('Invalid');
    }
    expect(errorLines(logs)).toEqual([]);
  });

  test('a compressed body is not even read before sign-in: anonymous callers get 401', async () => {
    const { app, logs } = makeTestApp();
    const junk = await request(app)
      .post('/api/cases')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(raw)
      .send(Buffer.from('not gzip'));
    expect(junk.status).toBe(401);
    // A valid gzip body from a signed-in member is read as usual.
    const ok = await request(app)
      .post('/api/cases')
      .set(MEMBER)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(raw)
      .send(gzipSync(JSON.stringify(referral())));
    expect(ok.status).toBe(201);
    expect(errorLines(logs)).toEqual([]);
  });

  test('a method a static route does not allow and an unknown page stay 4xx', async () => {
    const { app, logs } = makeTestApp({ mount: (a) => mountTab(a, tabDir) });
    expect((await request(app).get('/nothing/here/%E0%A4%A')).status).toBeLessThan(500);
    expect((await request(app).delete('/assets/app-1234.js')).status).toBe(404);
    expect(errorLines(logs)).toEqual([]);
  });
});

describe('anonymous requests have their own rate limit', () => {
  test('a flood of unauthenticated requests from one address is answered 429 with Retry-After', async () => {
    const { app, logs, clock } = makeTestApp({ anonymousRateLimitPerMinute: 10, rateLimitPerMinute: 100 });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await request(app).get('/api/cases').set('Authorization', `Bearer dev:nobody-${i}`);
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    // Pages nobody serves count against the same address.
    expect((await request(app).get('/wp-login.php')).status).toBe(429);
    // A signed-in user from the same address is not limited by someone else's junk.
    expect((await request(app).get('/api/cases').set(MEMBER)).status).toBe(200);
    // The bucket refills with time.
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect((await request(app).get('/api/cases')).status).toBe(401);
    expect(errorLines(logs)).toEqual([]);
  });
});
