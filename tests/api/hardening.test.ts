import request from 'supertest';
import { TEAMS_FRAME_ANCESTORS } from '../../src/api/securityHeaders';
import { CHAIR, MEMBER, NO_ROLE, makeTestApp, referral } from '../helpers/api';

function directives(csp: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const d of (csp ?? '').split(';')) {
    const [name, ...values] = d.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers', () => {
  test.each([
    ['an API answer', '/api/me', CHAIR],
    ['an API error', '/api/cases/CMOE-9999', CHAIR],
    ['a refusal', '/api/cases', NO_ROLE],
    ['a missing sign-in', '/api/cases', {}],
    ['the health check', '/healthz', {}],
    ['an unknown page', '/nowhere', {}],
  ])('%s carries the CSP, nosniff and no-referrer, and never X-Frame-Options', async (_what, path, h) => {
    const { app } = makeTestApp();
    const res = await request(app).get(path).set(h);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", ...TEAMS_FRAME_ANCESTORS]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // X-Frame-Options cannot list Teams' hosts; DENY or SAMEORIGIN would stop the tab showing in Teams.
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  test('only Teams and Microsoft 365 hosts (and this origin) may frame the tab, all over https', () => {
    for (const host of TEAMS_FRAME_ANCESTORS) {
      expect(host).toMatch(
        /^https:\/\/(\*\.)?(teams\.microsoft\.com|cloud\.microsoft|microsoft365\.com|office\.com|outlook(-sdf)?\.office(365)?\.com)$/,
      );
    }
    expect(TEAMS_FRAME_ANCESTORS).toEqual(
      expect.arrayContaining([
        'https://teams.microsoft.com',
        'https://*.teams.microsoft.com',
        'https://*.cloud.microsoft',
        'https://*.office.com',
        'https://*.microsoft365.com',
        'https://outlook.office.com',
      ]),
    );
  });

  test('scripts and connections are limited to this origin; only styles may be inline (Fluent UI)', async () => {
    const { app } = makeTestApp();
    const csp = directives((await request(app).get('/healthz')).headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  test('HSTS is sent only when the app is served over https', async () => {
    const plain = await request(makeTestApp().app).get('/healthz');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await request(makeTestApp({ https: true }).app).get('/healthz');
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(directives(secure.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('per-user rate limiting', () => {
  test('a user over the limit gets 429 problem+json with Retry-After, and may go on once a token refills', async () => {
    const t = makeTestApp({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await request(t.app).get('/api/me').set(CHAIR)).status).toBe(200);
    const limited = await request(t.app).get('/api/me').set(CHAIR);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.headers['retry-after']).toBe('20');
    expect(limited.body).toMatchObject({ status: 429, code: 'Busy', title: 'Too many requests' });

    t.clock.now = new Date(t.clock.now.getTime() + 19_000);
    expect((await request(t.app).get('/api/me').set(CHAIR)).status).toBe(429);
    t.clock.now = new Date(t.clock.now.getTime() + 1_000);
    expect((await request(t.app).get('/api/me').set(CHAIR)).status).toBe(200);
    expect((await request(t.app).get('/api/me').set(CHAIR)).status).toBe(429);
  });

  test('one user hitting the limit does not slow anyone else', async () => {
    const t = makeTestApp({ rateLimitPerMinute: 2 });
    await request(t.app).get('/api/me').set(CHAIR);
    await request(t.app).get('/api/me').set(CHAIR);
    expect((await request(t.app).get('/api/me').set(CHAIR)).status).toBe(429);
    expect((await request(t.app).get('/api/me').set(MEMBER)).status).toBe(200);
  });

  test('a user without a role who keeps trying cannot flood the audit log with refusals', async () => {
    const t = makeTestApp({ rateLimitPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await request(t.app).get('/api/cases').set(NO_ROLE)).status);
    expect(statuses.filter((s) => s === 403)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(await t.store.audit.query({ action: 'access.refused' })).toHaveLength(5);
  });

  test('the limit is per minute, sustained: a steady user under it is never refused', async () => {
    const t = makeTestApp({ rateLimitPerMinute: 60 });
    for (let i = 0; i < 200; i++) {
      t.clock.now = new Date(t.clock.now.getTime() + 1_000);
      expect((await request(t.app).get('/api/me').set(CHAIR)).status).toBe(200);
    }
  });
});

describe('compression', () => {
  test('a large answer is gzipped for a client that accepts it, keeps its ETag, and reads back the same', async () => {
    const { app } = makeTestApp();
    for (let i = 0; i < 30; i++) {
      const res = await request(app)
        .post('/api/cases')
        .set(MEMBER)
        .send(referral({ firstName: `Testy${i}` }));
      expect(res.status).toBe(201);
    }
    const plain = await request(app).get('/api/cases').set(MEMBER).set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzipped = await request(app).get('/api/cases').set(MEMBER).set('Accept-Encoding', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gzipped.body).toEqual(plain.body);
    expect(gzipped.body).toHaveLength(30);
    // A small answer is not worth compressing.
    const one = await request(app).get(`/api/cases/CMOE-0001`).set(MEMBER).set('Accept-Encoding', 'gzip');
    expect(one.headers.etag).toBe('"1"');
  });
});
