/**
 * `STORE=sharepoint` through the composition root: the server signs in as the app with msal-node (the
 * sign-in host is the local token endpoint, discovered over HTTPS) and serves cases from SharePoint lists
 * on the Graph fake.
 */
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { start } from '../../src/server';
import { provisionSharePoint } from '../../src/store/sharepoint';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  TENANT_ID,
  startSharePointEnv,
  type SharePointTestEnv,
} from '../helpers/sharePoint';
import { instant, sampleCase } from '../helpers/sampleRecords';

const SITE =
  'contoso.sharepoint.com,2c712604-1370-44e7-a1f5-426573fda80a,2d2244c3-251a-49ea-93a8-39e1c3a060fe';

let env: SharePointTestEnv;

beforeAll(async () => {
  env = await startSharePointEnv();
});

afterAll(async () => {
  await env.close();
});

test('STORE=sharepoint serves the cases kept in SharePoint, and seeds no demo data there', async () => {
  env.graph.fake.addSite(SITE);
  expect((await provisionSharePoint(env.transport(), SITE)).problems).toEqual([]);
  await env.open(SITE).cases.create(sampleCase(), instant(1));
  const config = {
    ...loadConfig({
      STORE: 'sharepoint',
      TENANT_ID,
      CLIENT_ID,
      CLIENT_SECRET,
      SHAREPOINT_SITE_ID: SITE,
      GRAPH_BASE_URL: env.graph.url,
      AUTHORITY_HOST: env.tokens.url,
      LOG_LEVEL: 'silent',
      // Dev sign-in, so the clock can start at a fixed moment like every test's.
      CLOCK_START: '2027-03-08T09:00:00Z',
    }),
    port: 0,
  };
  const running = await start(config, silentLogger);
  try {
    const res = await fetch(`${running.url}/api/cases`, {
      headers: { Authorization: 'Bearer dev:dev-chair' },
    });
    expect(res.status).toBe(200);
    const cases = (await res.json()) as { ref: string }[];
    expect(cases.map((c) => c.ref)).toEqual(['CMOE-0001']);
    expect(env.tokens.requests.some((r) => r.grantType === 'client_credentials' && r.status === 200)).toBe(
      true,
    );
  } finally {
    await running.close();
  }
});

test('/healthz tells the read model’s age and last delta; its log lines name lists and counts, never a child', async () => {
  const site =
    'contoso.sharepoint.com,4b2a6c1e-0d3f-4e5a-9b8c-7d6e5f4a3b2c,5c3b7d2f-1e4a-4f6b-8c9d-0e1f2a3b4c5d';
  env.graph.fake.addSite(site);
  expect((await provisionSharePoint(env.transport(), site)).problems).toEqual([]);
  await env
    .open(site)
    .cases.create(sampleCase({ firstName: 'Zebedee', lastName: 'Quartermain' }), instant(1));
  const lines: string[] = [];
  const capture = (msg: string, fields?: object) => lines.push(`${msg} ${JSON.stringify(fields ?? {})}`);
  const log = { debug: capture, info: capture, warn: capture, error: capture };
  const config = {
    ...loadConfig({
      STORE: 'sharepoint',
      TENANT_ID,
      CLIENT_ID,
      CLIENT_SECRET,
      SHAREPOINT_SITE_ID: site,
      GRAPH_BASE_URL: env.graph.url,
      AUTHORITY_HOST: env.tokens.url,
      LOG_LEVEL: 'silent',
    }),
    port: 0,
  };
  // The test's own fixed moment (Teams sign-in: CLOCK_START is for dev sign-in only).
  const running = await start(config, log, () => new Date('2027-03-08T09:00:00Z'));
  try {
    const before = (await (await fetch(`${running.url}/healthz`)).json()) as { readModel?: object };
    expect(before.readModel).toEqual({
      filledAt: null,
      ageMs: null,
      lastDeltaAt: null,
      sinceLastDeltaMs: null,
    });

    const res = await fetch(`${running.url}/api/cases`, {
      headers: { Authorization: 'Bearer dev:dev-chair' },
    });
    expect(res.status).toBe(200);
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as {
      readModel: { filledAt: string; ageMs: number; lastDeltaAt: string; sinceLastDeltaMs: number };
    };
    expect(Date.parse(health.readModel.filledAt)).not.toBeNaN();
    expect(Date.parse(health.readModel.lastDeltaAt)).not.toBeNaN();
    expect(health.readModel.ageMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(health)).not.toMatch(/Zebedee|Quartermain|CMOE-0001/);

    const filled = lines.filter((l) => l.startsWith('sharepoint read model'));
    expect(filled.some((l) => l.includes('"event":"filled"') && l.includes('CMOE Cases'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/Zebedee|Quartermain/);
  } finally {
    await running.close();
  }
});
