/**
 * Graph tokens through msal-node against the local token endpoint, and provisioning against the Graph
 * fake (the library code and the `npm run provision:sharepoint` command).
 */
import { GraphTokenProvider, GraphTokenError } from '../../src/auth/graphTokens';
import { main as provisionCommand } from '../../src/cli/provisionSharePoint';
import { UnauthenticatedError } from '../../src/domain/errors';
import { provisionSharePoint } from '../../src/store/sharepoint';
import { SCHEMA } from '../../src/store/sharepoint/schema';
import { realTimeMs } from '../fakes/realTime';
import { openIdConfiguration, startTokenEndpoint, type RunningTokenEndpoint } from '../fakes/tokenEndpoint';
import { testTls } from '../fakes/tls';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  TENANT_ID,
  startSharePointEnv,
  type SharePointTestEnv,
} from '../helpers/sharePoint';

describe('Graph tokens', () => {
  let endpoint: RunningTokenEndpoint;
  let now: number;
  const clock = () => now;

  beforeAll(async () => {
    endpoint = await startTokenEndpoint({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      clientCertificatePem: testTls().clientPem,
      expiresInSeconds: 3600,
    });
  });

  afterAll(async () => {
    await endpoint.close();
  });

  beforeEach(() => {
    endpoint.requests.length = 0;
    // msal stamps the fake endpoint's tokens with real expiry times: the cache's clock starts at real now.
    now = realTimeMs();
  });

  const provider = (credential: ConstructorParameters<typeof GraphTokenProvider>[0]['credential']) =>
    new GraphTokenProvider({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      credential,
      authorityHost: endpoint.url,
      graphBaseUrl: 'https://graph.example.test',
      authorityMetadata: JSON.stringify(openIdConfiguration(endpoint.url, TENANT_ID)),
      clock,
    });

  test('an app-only token is requested once and reused until it expires', async () => {
    const tokens = provider({ clientSecret: CLIENT_SECRET }).appOnly();
    const first = await Promise.all([
      tokens.getAccessToken(),
      tokens.getAccessToken(),
      tokens.getAccessToken(),
    ]);
    now += 50 * 60_000;
    const later = await tokens.getAccessToken();
    expect(new Set([...first, later]).size).toBe(1);
    expect(endpoint.requests).toEqual([
      {
        grantType: 'client_credentials',
        scope: 'https://graph.example.test/.default',
        clientAuth: 'secret',
        assertion: null,
        status: 200,
      },
    ]);

    // Within five minutes of expiry the token is renewed, and the new one reused in turn.
    now += 6 * 60_000;
    const renewed = await tokens.getAccessToken();
    expect(renewed).not.toBe(later);
    expect(await tokens.getAccessToken()).toBe(renewed);
    expect(endpoint.requests).toHaveLength(2);
  });

  test('tokens on behalf of users are kept per user until they expire', async () => {
    const p = provider({ clientSecret: CLIENT_SECRET });
    const alice = p.onBehalfOf('alice-sso-token');
    const bob = p.onBehalfOf('bob-sso-token');
    const a1 = await alice.getAccessToken();
    const b1 = await bob.getAccessToken();
    expect(await p.onBehalfOf('alice-sso-token').getAccessToken()).toBe(a1);
    expect(await bob.getAccessToken()).toBe(b1);
    expect(a1).not.toBe(b1);
    expect(endpoint.requests.map((r) => [r.grantType, r.assertion])).toEqual([
      ['urn:ietf:params:oauth:grant-type:jwt-bearer', 'alice-sso-token'],
      ['urn:ietf:params:oauth:grant-type:jwt-bearer', 'bob-sso-token'],
    ]);
    now += 60 * 60_000;
    expect(await alice.getAccessToken()).not.toBe(a1);
    expect(endpoint.requests).toHaveLength(3);
  });

  test('a user whose own token is refused must sign in again; the error holds no token', async () => {
    endpoint.rejectAssertions.add('expired-sso-token');
    const error = await provider({ clientSecret: CLIENT_SECRET })
      .onBehalfOf('expired-sso-token')
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).message).not.toContain('expired-sso-token');
  });

  test('a wrong secret fails with msal’s error code only', async () => {
    const error = await provider({ clientSecret: 'wrong' })
      .appOnly()
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphTokenError);
    expect((error as Error).message).toMatch(/^Could not get a Microsoft Graph token \(app-only\): \w+\.$/);
    expect((error as Error).message).not.toContain('wrong');
  });

  test('the app can sign in with a certificate instead of a secret', async () => {
    const token = await provider({ certificatePem: testTls().clientPem }).appOnly().getAccessToken();
    expect(endpoint.isIssued(token)).toBe(true);
    expect(endpoint.requests.map((r) => r.clientAuth)).toEqual(['certificate']);
  });
});

describe('provisioning', () => {
  let env: SharePointTestEnv;

  beforeAll(async () => {
    env = await startSharePointEnv();
  });

  afterAll(async () => {
    await env.close();
  });

  test('provisioning twice changes nothing the second time', async () => {
    const site = env.graph.fake.addSite();
    const first = await provisionSharePoint(env.transport(), site.id);
    expect(first.problems).toEqual([]);
    expect(first.changes).toContain('created list CMOE Cases (genericList)');
    expect(first.changes).toContain('added column CMOE Cases.RecordKey (text, indexed, unique)');
    const lists = Object.values(SCHEMA.lists);
    expect(first.changes.filter((c) => c.startsWith('created list'))).toHaveLength(lists.length);
    const snapshot = JSON.stringify(
      [...site.lists.values()].map((l) => [l.displayName, l.columns.map((c) => [c.name, c.indexed])]),
    );
    const mark = env.graph.fake.log.length;

    const second = await provisionSharePoint(env.transport(), site.id);

    expect(second.changes).toEqual([]);
    expect(second.problems).toEqual([]);
    expect(second.unchanged.length).toBe(lists.length + lists.reduce((n, l) => n + l.columns.length, 0));
    expect(env.graph.fake.log.slice(mark).every((r) => r.method === 'GET')).toBe(true);
    expect(
      JSON.stringify(
        [...site.lists.values()].map((l) => [l.displayName, l.columns.map((c) => [c.name, c.indexed])]),
      ),
    ).toBe(snapshot);
  });

  test('a missing column is added and an unindexed one indexed; nothing is deleted, a wrong type is only reported', async () => {
    const site = env.graph.fake.addSite();
    await provisionSharePoint(env.transport(), site.id);
    const cases = env.graph.fake.list(site.id, 'CMOE Cases');
    cases.columns = cases.columns.filter((c) => c.name !== 'CaseConcern');
    const status = cases.columns.find((c) => c.name === 'CaseStatus')!;
    status.indexed = false;
    const extra = { ...status, id: 'extra', name: 'SomebodysOwnColumn', indexed: false };
    cases.columns.push(extra);
    const actions = env.graph.fake.list(site.id, 'CMOE Actions');
    actions.columns.find((c) => c.name === 'DueDate')!.type = 'number';

    const report = await provisionSharePoint(env.transport(), site.id);

    expect(report.changes).toEqual([
      'made column CMOE Cases.CaseStatus indexed',
      'added column CMOE Cases.CaseConcern (text, indexed)',
    ]);
    expect(report.problems).toEqual([
      'column CMOE Actions.DueDate is number, the schema wants text: left as it is',
    ]);
    expect(cases.columns.map((c) => c.name)).toContain('SomebodysOwnColumn');
  });

  test('the command prints what it did, then that there is nothing to change', async () => {
    const site = env.graph.fake.addSite();
    const lines: string[] = [];
    const settings = {
      TENANT_ID,
      CLIENT_ID,
      CLIENT_SECRET,
      SHAREPOINT_SITE_ID: site.id.replace(
        /,.*/,
        ',2c712604-1370-44e7-a1f5-426573fda80a,2d2244c3-251a-49ea-93a8-39e1c3a060fe',
      ),
      GRAPH_BASE_URL: env.graph.url,
      AUTHORITY_HOST: env.tokens.url,
    };
    // The fake's site ids are random: serve this one under the id the settings name.
    env.graph.fake.sites.set(settings.SHAREPOINT_SITE_ID, { ...site, id: settings.SHAREPOINT_SITE_ID });
    const identity = { authorityMetadata: JSON.stringify(openIdConfiguration(env.tokens.url, TENANT_ID)) };

    expect(await provisionCommand(settings, (l) => lines.push(l), identity)).toBe(0);
    expect(lines.join('\n')).toContain('  + created list CMOE Minutes (documentLibrary)');
    lines.length = 0;
    expect(await provisionCommand(settings, (l) => lines.push(l), identity)).toBe(0);
    expect(lines.at(-1)).toMatch(/^Nothing to change: the site already has all \d+ lists and columns\.$/);
    expect(lines.join('\n')).not.toContain(CLIENT_SECRET);
  });

  test('the command without its settings names what is missing and exits 78', async () => {
    const lines: string[] = [];
    expect(await provisionCommand({}, (l) => lines.push(l))).toBe(78);
    expect(lines.join('\n')).toContain('SHAREPOINT_SITE_ID: required with STORE=sharepoint');
  });
});
