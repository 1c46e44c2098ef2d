/**
 * Teams SSO token validation against a local issuer (tests/fakes/tokenIssuer.ts): real RSA keys, a real
 * JWKS over HTTP on 127.0.0.1, tokens in the shapes Entra issues. Every request goes through the real
 * app (createApp), so a refusal is proven as the 401 the tab would see plus the log line the operator
 * would see, and that line never holds the token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { JwksKeySource, httpJwksFetcher } from '../../src/auth/jwks';
import { type TeamsAuthSettings, TeamsAuthenticator } from '../../src/auth/teamsAuthenticator';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { start } from '../../src/server';
import { APP_ID_URI, CLIENT_ID, FakeTokenIssuer, OTHER_TENANT, TENANT } from '../fakes/tokenIssuer';
import { type TestApp, type TestAppOptions, makeTestApp } from '../helpers/api';

let issuer: FakeTokenIssuer;
beforeAll(async () => {
  issuer = await FakeTokenIssuer.start();
});
afterAll(() => issuer.stop());

const CHAIR_USER = {
  oid: '0b7e3f52-8d6a-4c1e-9f3b-2a5d7c9e1f04',
  name: 'Demo Chair (Teams)',
  email: 'teams.chair@example.org',
  roles: ['CMOE.Member', 'CMOE.Chair'],
};

function settings(overrides: Partial<TeamsAuthSettings> = {}): TeamsAuthSettings {
  return {
    tenantId: TENANT,
    clientId: CLIENT_ID,
    allowedTenantIds: [TENANT],
    authorityHost: issuer.authorityHost,
    ...overrides,
  };
}

/** The real app with Teams sign-in; the JWKS key source runs on the app's clock so tests move time. */
function teamsApp(overrides: Partial<TeamsAuthSettings> = {}, opts: TestAppOptions = {}): TestApp {
  return makeTestApp({
    ...opts,
    authenticator: (log, clock) =>
      new TeamsAuthenticator(settings(overrides), {
        keys: new JwksKeySource({ fetch: httpJwksFetcher(issuer.jwksUrl), clock }),
        log,
        clock,
      }),
  });
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function refusals(logs: string[]): Record<string, unknown>[] {
  return logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'sign-in refused');
}

describe('valid Teams SSO tokens', () => {
  test('a v2 token signs the user in with their object id, name, email and CMOE roles', async () => {
    const { app } = teamsApp();
    const res = await request(app)
      .get('/api/me')
      .set(bearer(await issuer.token(CHAIR_USER, { version: 'v2' })));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: CHAIR_USER.oid,
      name: CHAIR_USER.name,
      email: CHAIR_USER.email,
      roles: ['CMOE.Member', 'CMOE.Chair'],
    });
    expect(res.body.permissions).toContain('case.close');
  });

  test('a v1 token (sts.windows.net issuer, App ID URI audience, upn) signs the user in too', async () => {
    const { app } = teamsApp();
    const res = await request(app)
      .get('/api/me')
      .set(bearer(await issuer.token(CHAIR_USER, { version: 'v1' })));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: CHAIR_USER.oid, email: CHAIR_USER.email });
  });

  test('without a configured App ID URI, any api://…/<client id> audience is ours; with one, only it', async () => {
    const token = await issuer.token(CHAIR_USER, { claims: { aud: `api://${CLIENT_ID}` } });
    expect((await request(teamsApp().app).get('/api/me').set(bearer(token))).status).toBe(200);
    const strict = teamsApp({ appIdUri: APP_ID_URI });
    expect((await request(strict.app).get('/api/me').set(bearer(token))).status).toBe(401);
    const v1 = await issuer.token(CHAIR_USER, { version: 'v1' });
    expect((await request(strict.app).get('/api/me').set(bearer(v1))).status).toBe(200);
  });

  test('unknown app roles are ignored; a token with no CMOE role gets 403, audited', async () => {
    const { app, store } = teamsApp();
    const mixed = await issuer.token({ ...CHAIR_USER, roles: ['CMOE.SeniorManager', 'Global.Admin'] });
    expect((await request(app).get('/api/me').set(bearer(mixed))).body.roles).toEqual(['CMOE.SeniorManager']);
    const none = await issuer.token({ ...CHAIR_USER, roles: ['Global.Admin'] });
    expect((await request(app).get('/api/cases').set(bearer(none))).status).toBe(403);
    const refused = await store.audit.query({ action: 'access.refused' });
    expect(refused).toEqual([expect.objectContaining({ userId: CHAIR_USER.oid, target: '/api/cases' })]);
  });

  test('a clock a minute apart from the issuer is tolerated', async () => {
    const { app } = teamsApp();
    const justExpired = await issuer.token(CHAIR_USER, {
      issuedAt: issuer.now - 3660,
      lifetimeSeconds: 3600,
    });
    const justIssued = await issuer.token(CHAIR_USER, { issuedAt: issuer.now + 60 });
    expect((await request(app).get('/api/me').set(bearer(justExpired))).status).toBe(200);
    expect((await request(app).get('/api/me').set(bearer(justIssued))).status).toBe(200);
  });

  test('more than one tenant may be allowed', async () => {
    const { app } = teamsApp({ allowedTenantIds: [TENANT, OTHER_TENANT] });
    const guest = await issuer.token(CHAIR_USER, {
      claims: { tid: OTHER_TENANT, iss: issuer.v2Issuer(OTHER_TENANT) },
    });
    expect((await request(app).get('/api/me').set(bearer(guest))).status).toBe(200);
  });
});

type User = typeof CHAIR_USER;
const BAD_TOKENS: [string, string, (u: User) => Promise<string>][] = [
  ['an expired token', 'expired', (u) => issuer.token(u, { issuedAt: issuer.now - 7200 })],
  ['a token not yet valid', 'not-yet-valid', (u) => issuer.token(u, { issuedAt: issuer.now + 600 })],
  [
    'a token for another audience',
    'audience',
    (u) => issuer.token(u, { claims: { aud: '9a8b7c6d-1e0f-4a3b-9c2d-3c9b8a7d6e5f' } }),
  ],
  [
    'a token for another API of ours (App ID URI of another app)',
    'audience',
    (u) =>
      issuer.token(u, { claims: { aud: 'api://cmoe.example.org/9a8b7c6d-1e0f-4a3b-9c2d-3c9b8a7d6e5f' } }),
  ],
  [
    'a token from another issuer',
    'issuer',
    (u) => issuer.token(u, { claims: { iss: `https://login.example.org/${TENANT}/v2.0` } }),
  ],
  [
    'a token from another tenant',
    'tenant',
    (u) => issuer.token(u, { claims: { tid: OTHER_TENANT, iss: issuer.v2Issuer(OTHER_TENANT) } }),
  ],
  [
    'a token without the access_as_user scope',
    'scope',
    (u) => issuer.token(u, { claims: { scp: 'User.Read' } }),
  ],
  [
    'an app-only token (roles, no scope)',
    'scope',
    (u) => issuer.token(u, { claims: { scp: undefined, roles: ['CMOE.Admin'] } }),
  ],
  ['a token without an object id', 'claims', (u) => issuer.token(u, { claims: { oid: undefined } })],
  ['an unsigned token (alg none)', 'alg', (u) => issuer.unsignedToken(u)],
  ['an HS256 token signed with the public key', 'alg', (u) => issuer.hs256WithPublicKey(u)],
  [
    'a token signed with an unpublished key (unknown kid)',
    'kid-unknown',
    async (u) => {
      await issuer.addUnpublishedKey('rogue-key');
      return issuer.token(u, { kid: 'rogue-key' });
    },
  ],
  ['a token whose payload was tampered with', 'signature', (u) => issuer.tamperedToken(u)],
  ['a token that is not a JWT', 'malformed', async () => 'not-a-token'],
];

describe('bad tokens are refused with 401 and a log line without the token', () => {
  test.each(BAD_TOKENS)('%s', async (_name, code, make) => {
    const { app, logs } = teamsApp();
    const token = await make(CHAIR_USER);
    const res = await request(app).get('/api/cases').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    // One generic message whatever the reason: the caller learns nothing about which check failed.
    expect(res.body).toMatchObject({
      code: 'Unauthenticated',
      detail: 'Your sign-in could not be verified. Please sign in again.',
    });
    const lines = refusals(logs);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', code });
    const all = logs.join('\n');
    for (const part of token.split('.').filter((p) => p.length > 8)) expect(all).not.toContain(part);
    expect(all).not.toContain(CHAIR_USER.email);
    expect(all).not.toContain(CHAIR_USER.name);
  });

  test('the log line names the claimed tenant and key id, so an operator can tell a misconfiguration', async () => {
    const { app, logs } = teamsApp();
    const token = await issuer.token(CHAIR_USER, {
      claims: { tid: OTHER_TENANT, iss: issuer.v2Issuer(OTHER_TENANT) },
    });
    await request(app).get('/api/me').set(bearer(token));
    expect(refusals(logs)[0]).toMatchObject({ code: 'tenant', tid: OTHER_TENANT, kid: 'fake-key-1' });
  });

  test('no sign-in at all, or a dev sign-in header in Teams mode, is refused too', async () => {
    const { app, logs } = teamsApp();
    expect((await request(app).get('/api/me')).status).toBe(401);
    expect((await request(app).get('/api/me').set('Authorization', 'Bearer dev:dev-chair')).status).toBe(401);
    expect(refusals(logs).map((l) => l.code)).toEqual(['missing', 'malformed']);
  });

  test('a forged key id or tenant cannot write into the log line', async () => {
    const { app, logs } = teamsApp();
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'x"}\n{"level":"error' })).toString(
      'base64url',
    );
    const payload = Buffer.from(JSON.stringify({ tid: 'Testy Specimen 2013-05-14' })).toString('base64url');
    await request(app)
      .get('/api/me')
      .set(bearer(`${header}.${payload}.c2ln`));
    const line = refusals(logs)[0]!;
    expect(line.kid).toBeUndefined();
    expect(line.tid).toBeUndefined();
    expect(logs.join('\n')).not.toMatch(/Testy|2013-05-14/);
  });

  test('the dev users list is not served in Teams mode', async () => {
    const { app } = teamsApp();
    expect((await request(app).get('/api/dev/users')).status).toBe(401);
  });
});

describe('the signing keys (JWKS)', () => {
  test('are fetched once and cached across requests', async () => {
    const { app } = teamsApp();
    const before = issuer.jwksRequests;
    const token = await issuer.token(CHAIR_USER);
    for (let i = 0; i < 5; i++)
      expect((await request(app).get('/api/me').set(bearer(token))).status).toBe(200);
    expect(issuer.jwksRequests - before).toBe(1);
  });

  test('are refetched when a token names a new key id (key rollover)', async () => {
    const t = teamsApp();
    const before = issuer.jwksRequests;
    expect(
      (
        await request(t.app)
          .get('/api/me')
          .set(bearer(await issuer.token(CHAIR_USER)))
      ).status,
    ).toBe(200);
    await issuer.addUnpublishedKey('rollover-key');
    issuer.publish('rollover-key');
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    const rolled = await issuer.token(CHAIR_USER, { kid: 'rollover-key' });
    expect((await request(t.app).get('/api/me').set(bearer(rolled))).status).toBe(200);
    expect(issuer.jwksRequests - before).toBe(2);
  });

  test('are refetched at most once a minute, however many unknown key ids arrive', async () => {
    const t = teamsApp();
    const before = issuer.jwksRequests;
    await request(t.app)
      .get('/api/me')
      .set(bearer(await issuer.token(CHAIR_USER)));
    await issuer.addUnpublishedKey('never-published');
    const unknown = await issuer.token(CHAIR_USER, { kid: 'never-published' });
    for (let i = 0; i < 20; i++)
      expect((await request(t.app).get('/api/me').set(bearer(unknown))).status).toBe(401);
    expect(issuer.jwksRequests - before).toBe(1);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    for (let i = 0; i < 20; i++)
      expect((await request(t.app).get('/api/me').set(bearer(unknown))).status).toBe(401);
    expect(issuer.jwksRequests - before).toBe(2);
  });

  test('concurrent requests with a new key id share one fetch', async () => {
    const t = teamsApp();
    const before = issuer.jwksRequests;
    const token = await issuer.token(CHAIR_USER);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => request(t.app).get('/api/me').set(bearer(token))),
    );
    expect(statuses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(issuer.jwksRequests - before).toBe(1);
  });

  test('are refreshed after they have been cached for half a day', async () => {
    const t = teamsApp();
    const before = issuer.jwksRequests;
    await request(t.app)
      .get('/api/me')
      .set(bearer(await issuer.token(CHAIR_USER)));
    t.clock.now = new Date(t.clock.now.getTime() + 12 * 3600_000);
    const later = await issuer.token(CHAIR_USER, { issuedAt: Math.floor(t.clock.now.getTime() / 1000) });
    expect((await request(t.app).get('/api/me').set(bearer(later))).status).toBe(200);
    expect(issuer.jwksRequests - before).toBe(2);
  });

  test('when they cannot be fetched, sign-in answers 503 (try again), not 401 (sign in again)', async () => {
    const t = makeTestApp({
      authenticator: (log, clock) =>
        new TeamsAuthenticator(settings(), {
          keys: new JwksKeySource({
            fetch: async () => {
              throw new Error('authority unreachable');
            },
            clock,
          }),
          log,
          clock,
        }),
    });
    const res = await request(t.app)
      .get('/api/me')
      .set(bearer(await issuer.token(CHAIR_USER)));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(t.logs.join('\n')).toMatch(/sign-in keys unavailable/);
  });
});

describe('the composition root with AUTH_MODE=teams', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cmoe-teams-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('serves the API to a Teams token from the configured authority, and nothing to a dev sign-in', async () => {
    const config = {
      ...loadConfig({
        AUTH_MODE: 'teams',
        TENANT_ID: TENANT,
        CLIENT_ID: CLIENT_ID,
        AUTHORITY_HOST: issuer.authorityHost,
        SQLITE_PATH: join(dir, 'cmoe.sqlite'),
      }),
      port: 0,
    };
    // The server's clock is the issuer's (a Teams server takes no CLOCK_START: the test passes its clock).
    const running = await start(config, silentLogger, () => new Date(issuer.now * 1000));
    try {
      const token = await issuer.token(CHAIR_USER);
      const me = await fetch(`${running.url}/api/me`, { headers: bearer(token) });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { id: string }).id).toBe(CHAIR_USER.oid);
      const cases = await fetch(`${running.url}/api/cases`, { headers: bearer(token) });
      expect(await cases.json()).toEqual([]); // no demo data outside dev sign-in
      expect((await fetch(`${running.url}/api/me`, { headers: bearer('dev:dev-chair') })).status).toBe(401);
      expect((await fetch(`${running.url}/api/dev/users`)).status).toBe(401);
    } finally {
      await running.close();
    }
  });
});
