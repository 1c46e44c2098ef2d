/**
 * Graph on behalf of the signed-in user, end to end in process: Teams SSO tokens from the local issuer,
 * the real app (createApp) with the composition root's per-request store (server.ts
 * `onBehalfOfUsers`), msal-node exchanging the SSO token at the local Entra token endpoint, and the
 * SharePoint store on the Graph fake, which records the bearer token of every call so each can be traced
 * back to the app or to the user it was issued for.
 */
import express from 'express';
import request from 'supertest';
import { createApp } from '../../src/api/app';
import { consentRoutes } from '../../src/api/consent';
import { GraphTokenProvider } from '../../src/auth/graphTokens';
import { JwksKeySource, httpJwksFetcher } from '../../src/auth/jwks';
import { TeamsAuthenticator } from '../../src/auth/teamsAuthenticator';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { openSharePointStore, SCHEMA, type SharePointStore } from '../../src/store/sharepoint';
import { onBehalfOfUsers, storesFor } from '../../src/server';
import { realTimeMs } from '../fakes/realTime';
import { openIdConfiguration } from '../fakes/tokenEndpoint';
import { CLIENT_ID as SSO_CLIENT_ID, FakeTokenIssuer, TENANT } from '../fakes/tokenIssuer';
import { TEST_POLICY } from '../helpers/api';
import { instant, sampleCase } from '../helpers/sampleRecords';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  TENANT_ID,
  startSharePointEnv,
  type SharePointTestEnv,
} from '../helpers/sharePoint';

const CHAIR = {
  oid: '0b7e3f52-8d6a-4c1e-9f3b-2a5d7c9e1f04',
  name: 'Demo Chair (Teams)',
  email: 'teams.chair@example.org',
  roles: ['CMOE.Member', 'CMOE.Chair'],
};
const MEMBER = {
  oid: '5a1c9e77-3b2d-4f60-8a14-c0ffee000002',
  name: 'Demo Member (Teams)',
  email: 'teams.member@example.org',
  roles: ['CMOE.Member'],
};
const NEWCOMER = {
  oid: '5a1c9e77-3b2d-4f60-8a14-c0ffee000003',
  name: 'Demo Newcomer (Teams)',
  email: 'teams.newcomer@example.org',
  roles: ['CMOE.Member'],
};

let issuer: FakeTokenIssuer;
let env: SharePointTestEnv;
let siteId: string;
let appStore: SharePointStore;
let caseRef: string;

beforeAll(async () => {
  issuer = await FakeTokenIssuer.start();
  env = await startSharePointEnv();
  siteId = await env.newSite();
  appStore = env.open(siteId);
  caseRef = (await appStore.cases.create(sampleCase(), instant(0))).ref;
});
afterAll(async () => {
  await env.close();
  await issuer.stop();
});

interface Harness {
  app: ReturnType<typeof createApp>;
  logs: string[];
  /** The token cache's clock (epoch ms): moved forward to pass a token's expiry. */
  clock: { now: number };
  /** The app's store behind `app` (its read model is the one users read). */
  store: SharePointStore;
}

/** A fresh app (and a fresh token cache) over the shared site, as server.ts wires it. */
function harness(): Harness {
  const logs: string[] = [];
  const log = createLogger('debug', (l) => logs.push(l));
  // msal stamps the fake endpoint's tokens with real expiry times: the cache's clock starts at real now.
  const clock = { now: realTimeMs() };
  const tokens = new GraphTokenProvider({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    credential: { clientSecret: CLIENT_SECRET },
    authorityHost: env.tokens.url,
    graphBaseUrl: env.graph.url,
    authorityMetadata: JSON.stringify(openIdConfiguration(env.tokens.url, TENANT_ID)),
    clock: () => clock.now,
  });
  const store = openSharePointStore({ graphBaseUrl: env.graph.url, siteId, tokens: tokens.appOnly() });
  const ssoNow = () => new Date(issuer.now * 1000);
  const app = createApp({
    store,
    policy: TEST_POLICY,
    authenticator: new TeamsAuthenticator(
      {
        tenantId: TENANT,
        clientId: SSO_CLIENT_ID,
        allowedTenantIds: [TENANT],
        authorityHost: issuer.authorityHost,
      },
      {
        keys: new JwksKeySource({ fetch: httpJwksFetcher(issuer.jwksUrl), clock: ssoNow }),
        log,
        clock: ssoNow,
      },
    ),
    clock: ssoNow,
    log,
    devSignIn: false,
    storeForRequest: onBehalfOfUsers(store, tokens, log),
  });
  return { app, logs, clock, store };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Graph calls from `from` on, each with the list it touched, whom its token was issued to, and its path. */
function graphCallsSince(from: number): { list: string | null; who: string; path: string }[] {
  const names = new Map(
    [...(env.graph.fake.sites.get(siteId)?.lists.values() ?? [])].map((l) => [l.id, l.displayName]),
  );
  return env.graph.fake.log.slice(from).map((r) => {
    const listId = /\/lists\/([^/]+)/.exec(r.path)?.[1];
    const issued = r.token === null ? null : env.tokens.issuedFor(r.token);
    return {
      list: listId ? (names.get(listId) ?? listId) : null,
      who: issued === null ? 'unknown' : issued.grant === 'app-only' ? 'app' : issued.assertion,
      path: r.path,
    };
  });
}

const oboRequests = () =>
  env.tokens.requests.filter((r) => r.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer');

describe('case data on behalf of the signed-in user', () => {
  test('a case read carries the user’s token to Graph, and the audit entry is written as the app', async () => {
    const { app } = harness();
    const sso = await issuer.token(CHAIR);
    const mark = env.graph.fake.log.length;
    const res = await request(app).get(`/api/cases/${caseRef}`).set(bearer(sso));
    expect(res.status).toBe(200);
    expect(res.body.case.ref).toBe(caseRef);

    const calls = graphCallsSince(mark);
    const casesList = SCHEMA.lists.cases.displayName;
    const auditList = SCHEMA.lists.audit.displayName;
    const caseReads = calls.filter((c) => c.list === casesList);
    const auditWrites = calls.filter((c) => c.list === auditList);
    expect(caseReads.length).toBeGreaterThan(0);
    expect(auditWrites.length).toBeGreaterThan(0);
    // The case comes from the read model, kept by the app's delta calls; the user's own call to the case
    // list (SharePoint confirming their access) is what lets the model serve them.
    const asUser = caseReads.filter((c) => c.who !== 'app');
    expect(new Set(asUser.map((c) => c.who))).toEqual(new Set([sso]));
    expect(caseReads.filter((c) => c.who === 'app').every((c) => c.path.endsWith('/items/delta'))).toBe(true);
    expect(new Set(auditWrites.map((c) => c.who))).toEqual(new Set(['app']));

    const views = await appStore.audit.query({ userId: CHAIR.oid, action: 'case.view', target: caseRef });
    expect(views).toHaveLength(1);
  });

  test('a user’s Graph token is fetched once and reused, across fresh SSO tokens, until it expires', async () => {
    const { app, clock } = harness();
    const before = oboRequests().length;
    const first = await issuer.token(MEMBER);
    for (let i = 0; i < 2; i++) {
      expect((await request(app).get('/api/cases').set(bearer(first))).status).toBe(200);
    }
    // Teams hands the tab a new SSO token for the same user: the cached Graph token still serves.
    const renewed = await issuer.token(MEMBER, { issuedAt: issuer.now + 60 });
    expect(renewed).not.toBe(first);
    expect((await request(app).get('/api/cases').set(bearer(renewed))).status).toBe(200);
    expect(oboRequests().length - before).toBe(1);

    // An hour on (the endpoint's tokens live an hour; renewal starts five minutes before).
    clock.now += 56 * 60_000;
    expect((await request(app).get('/api/cases').set(bearer(renewed))).status).toBe(200);
    expect(oboRequests().length - before).toBe(2);
    expect(oboRequests().at(-1)?.assertion).toBe(renewed);
  });

  test('another user gets a token of their own', async () => {
    const { app } = harness();
    const chair = await issuer.token(CHAIR);
    const member = await issuer.token(MEMBER);
    const mark = env.graph.fake.log.length;
    await request(app).get(`/api/cases/${caseRef}`).set(bearer(chair)).expect(200);
    await request(app).get(`/api/cases/${caseRef}`).set(bearer(member)).expect(200);
    const readers = graphCallsSince(mark)
      .filter((c) => c.list === SCHEMA.lists.cases.displayName && !c.path.endsWith('/items/delta'))
      .map((c) => c.who);
    expect(new Set(readers)).toEqual(new Set([chair, member]));
  });
});

describe('consent', () => {
  test('consent not yet given is the problem code ConsentRequired (403), then works once given', async () => {
    const { app, logs } = harness();
    const sso = await issuer.token(NEWCOMER);
    env.tokens.consentMissing.add(sso);
    try {
      const res = await request(app).get('/api/me').set(bearer(sso));
      expect(res.status).toBe(403);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'ConsentRequired', title: 'Permission needed', status: 403 });
      expect(JSON.stringify(res.body)).not.toMatch(/AADSTS|invalid_grant/);
      const all = logs.join('\n');
      expect(all).not.toContain(sso);
      expect(logs.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
        expect.objectContaining({
          msg: 'graph consent needed',
          user: NEWCOMER.oid,
          code: 'consent_required',
        }),
      );
      // Nothing is cached from the refusal: once the user has consented, the same token works.
      env.tokens.consentMissing.delete(sso);
      expect((await request(app).get('/api/me').set(bearer(sso))).status).toBe(200);
    } finally {
      env.tokens.consentMissing.delete(sso);
    }
  });

  test('multi-factor or conditional access asked for by Entra is ConsentRequired too', async () => {
    const { app } = harness();
    const sso = await issuer.token({ ...NEWCOMER, oid: '5a1c9e77-3b2d-4f60-8a14-c0ffee000004' });
    env.tokens.interactionRequired.add(sso);
    const res = await request(app).get('/api/cases').set(bearer(sso));
    env.tokens.interactionRequired.delete(sso);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ConsentRequired');
  });

  test('an SSO token Entra refuses outright (not a consent problem) asks for sign-in again', async () => {
    const { app } = harness();
    const sso = await issuer.token({ ...NEWCOMER, oid: '5a1c9e77-3b2d-4f60-8a14-c0ffee000005' });
    env.tokens.rejectAssertions.add(sso);
    const res = await request(app).get('/api/cases').set(bearer(sso));
    env.tokens.rejectAssertions.delete(sso);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('Unauthenticated');
  });
});

describe('SharePoint refusing the user', () => {
  test('a 403 from SharePoint for the user is Forbidden, and the refusal is audited as the app', async () => {
    const { app, store } = harness();
    const sso = await issuer.token(CHAIR);
    // The read model already holds the case: SharePoint's word for the user still decides.
    expect(await store.cases.get(caseRef)).not.toBeNull();
    const casesListId = env.graph.fake.list(siteId, SCHEMA.lists.cases.displayName).id;
    env.graph.fake.refuse = (r) =>
      env.tokens.issuedFor(r.token)?.grant === 'on-behalf-of' && r.path.includes(casesListId);
    const mark = env.graph.fake.log.length;
    try {
      const res = await request(app).get(`/api/cases/${caseRef}`).set(bearer(sso));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('Forbidden');
    } finally {
      env.graph.fake.refuse = null;
    }
    const refused = await appStore.audit.query({ userId: CHAIR.oid, action: 'access.refused' });
    expect(refused.map((e) => e.target)).toContain('/api/cases');
    const auditWrites = graphCallsSince(mark).filter((c) => c.list === SCHEMA.lists.audit.displayName);
    expect(auditWrites.length).toBeGreaterThan(0);
    expect(new Set(auditWrites.map((c) => c.who))).toEqual(new Set(['app']));
  });
});

describe('settings', () => {
  const sharePointEnv = {
    STORE: 'sharepoint',
    TENANT_ID: TENANT,
    CLIENT_ID: SSO_CLIENT_ID,
    CLIENT_SECRET: 'test-only-secret',
    SHAREPOINT_SITE_ID: `contoso.sharepoint.com,${TENANT},${TENANT}`,
  };

  test('on behalf of the user is on by default with Teams sign-in, and can be turned off', () => {
    expect(loadConfig({ ...sharePointEnv, AUTH_MODE: 'teams' }).sharePoint?.onBehalfOf).toBe(true);
    expect(
      loadConfig({ ...sharePointEnv, AUTH_MODE: 'teams', GRAPH_ON_BEHALF_OF: 'false' }).sharePoint
        ?.onBehalfOf,
    ).toBe(false);
    // Dev sign-in has no user token to exchange.
    expect(loadConfig({ ...sharePointEnv, AUTH_MODE: 'dev' }).sharePoint?.onBehalfOf).toBe(false);
    expect(() => loadConfig({ ...sharePointEnv, GRAPH_ON_BEHALF_OF: 'perhaps' })).toThrow(
      /GRAPH_ON_BEHALF_OF/,
    );
  });

  test('the composition root gives SharePoint with Teams sign-in a per-request store, and SQLite none', async () => {
    const silent = createLogger('silent');
    const sp = storesFor(loadConfig({ ...sharePointEnv, AUTH_MODE: 'teams' }), silent);
    expect(sp.storeForRequest).toBeDefined();
    const off = storesFor(
      loadConfig({ ...sharePointEnv, AUTH_MODE: 'teams', GRAPH_ON_BEHALF_OF: 'false' }),
      silent,
    );
    expect(off.storeForRequest).toBeUndefined();
    const sqlite = storesFor(loadConfig({ SQLITE_PATH: ':memory:' }), silent);
    expect(sqlite.storeForRequest).toBeUndefined();
    await Promise.all([sp.store.close(), off.store.close(), sqlite.store.close()]);
  });
});

describe('the consent pop-up', () => {
  const settings = {
    authorityHost: 'https://login.microsoftonline.com',
    clientId: SSO_CLIENT_ID,
    tenantId: TENANT,
    allowedTenantIds: [TENANT],
    graphBaseUrl: 'https://graph.microsoft.com',
    publicBaseUrl: 'https://cmoe.example.org',
  };
  const app = () => express().use(consentRoutes(settings));

  test('/auth/consent sends the pop-up to Microsoft with prompt=consent for the app’s Graph permissions', async () => {
    const res = await request(app()).get(
      `/auth/consent?tenant=${TENANT}&loginHint=teams.chair%40example.org`,
    );
    expect(res.status).toBe(302);
    const to = new URL(res.headers.location as string);
    expect(`${to.origin}${to.pathname}`).toBe(
      `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`,
    );
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: SSO_CLIENT_ID,
      response_type: 'code',
      redirect_uri: 'https://cmoe.example.org/auth/consent-done',
      scope: 'https://graph.microsoft.com/.default openid',
      prompt: 'consent',
      login_hint: 'teams.chair@example.org',
    });
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
  });

  test('a tenant not allowed, or a hint that is not a sign-in name, is not passed on', async () => {
    const res = await request(app()).get(
      `/auth/consent?tenant=${'f0e1d2c3-b4a5-4968-8776-655443322110'}&loginHint=%22%3E%3Cscript%3E`,
    );
    const to = new URL(res.headers.location as string);
    expect(to.pathname).toBe(`/${TENANT}/oauth2/v2.0/authorize`);
    expect(to.searchParams.has('login_hint')).toBe(false);
  });
});
