/**
 * The year simulation (tests/sim/year.test.ts) on the production store: SharePoint lists through Graph,
 * here the local Graph fake, through the store's public port only. With the read model (issue 16) the
 * whole year takes seconds on a quiet machine (`npm run bench -- --only year` prints the same table), so
 * it runs here in full: the same seed and year as on SQLite, and the same verdict expected.
 *
 * Run alone: node scripts/withTestCa.cjs npx jest --maxWorkers=1 tests/sim/yearSharePoint.test.ts
 */
import { type SharePointTestEnv, startSharePointEnv } from '../helpers/sharePoint';
import { pinDate } from './pinDate';
import { simulateYear } from './yearSim';
import { expectCleanYear } from './yearVerdict';

jest.setTimeout(300_000);
pinDate('2026-12-31T00:00:00.000Z');

let env: SharePointTestEnv;
beforeAll(async () => {
  env = await startSharePointEnv();
});
afterAll(async () => {
  await env.close();
});

describe('the year simulation on the SharePoint store', () => {
  it('over the whole year, posts every message the SPEC asks for exactly once, on working days, at 08:30 or at the first sweep after an outage', async () => {
    const store = env.open(await env.newSite());
    const result = await simulateYear({ store, seed: 2027, from: '2026-12-31', days: 365 });
    expectCleanYear('Year simulation, SharePoint via the Graph fake (2026-12-31 + 365 days)', result);
  });
});
