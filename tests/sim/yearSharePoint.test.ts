/**
 * The year simulation (tests/sim/year.test.ts) on the production store: SharePoint lists through Graph,
 * here the local Graph fake, through the store's public port only. A whole year takes minutes of wall
 * time on the shared CI machine, so it runs in `npm run bench -- --only year` (docs/benchmarks.md); here,
 * in `npm test`, the same simulation runs over the spring: the process killed between claim and send,
 * Easter with the clocks going forward, the early May bank holiday, second instances and 429/503 bursts.
 *
 * Run alone: node scripts/withTestCa.cjs npx jest --maxWorkers=1 tests/sim/yearSharePoint.test.ts
 */
import { type SharePointTestEnv, startSharePointEnv } from '../helpers/sharePoint';
import { formatTable, judge } from './oracle';
import { pinDate } from './pinDate';
import { simulateYear } from './yearSim';

jest.setTimeout(180_000);
pinDate('2027-03-08T00:00:00.000Z');

let env: SharePointTestEnv;
beforeAll(async () => {
  env = await startSharePointEnv();
});
afterAll(async () => {
  await env.close();
});

describe('the year simulation on the SharePoint store', () => {
  it('over the spring, posts every message the SPEC asks for exactly once, on working days, at 08:30 or at the first sweep after an outage', async () => {
    const store = env.open(await env.newSite());
    const result = await simulateYear({ store, seed: 2027, from: '2027-03-08', days: 63, referralRate: 0.5 });
    const verdict = judge(result.journal, result.posts);
    console.log(
      `${formatTable('Year simulation over the spring, SharePoint via the Graph fake (2027-03-08 + 63 days)', verdict)}\n` +
        `sweeps: ${result.sweeps}; failed send attempts answered by the fake: ${JSON.stringify(result.failedByStatus)}`,
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict.totals.expected).toBeGreaterThan(15);
    expect(result.journal.outages.map((o) => o.why)).toEqual(['process killed']);
    expect(verdict.caughtUp['process killed']).toBeGreaterThan(0);
    expect(new Set(result.journal.sweeps.map((s) => s.instance))).toContain('second-instance');
  });
});
