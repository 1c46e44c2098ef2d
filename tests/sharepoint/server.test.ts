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
