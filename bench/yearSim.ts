/**
 * The year simulation (tests/sim, issue 13) on the production store: SharePoint lists through the local
 * Graph fake, via the store's public port. `npm test` runs the same year on both stores
 * (tests/sim/year.test.ts, yearSharePoint.test.ts); here its table and wall time go into
 * docs/benchmarks.md. It fails the bench when the app and the oracle disagree.
 *
 *   npm run bench -- --only year
 */
import { startSharePointEnv } from '../tests/helpers/sharePoint';
import { formatTable, judge } from '../tests/sim/oracle';
import { simulateYear } from '../tests/sim/yearSim';

export async function yearSimBench(out: (line?: string) => void): Promise<void> {
  const env = await startSharePointEnv();
  try {
    const store = env.open(await env.newSite());
    const t0 = process.hrtime.bigint();
    const result = await simulateYear({ store, seed: 2027, from: '2026-12-31', days: 365 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const verdict = judge(result.journal, result.posts);
    out('## A year in the life on the SharePoint store (issue 13)');
    out();
    out(
      'The year simulation of `tests/sim` (seed 2027, 2026-12-31 + 365 days, virtual time) over the SharePoint ' +
        'store on the Graph fake, judged by the independent oracle (see docs/architecture.md, Testing). ' +
        'Expected / posted / duplicated / missed per message kind:',
    );
    out();
    out('```text');
    out(formatTable('Year simulation, SharePoint via the Graph fake', verdict));
    out('```');
    out();
    out(
      `${result.sweeps} sweeps; send attempts failed by the fake Bot Connector, by status: ${JSON.stringify(result.failedByStatus)}; ` +
        `wall time ${seconds.toFixed(0)} s.`,
    );
    out();
    if (verdict.problems.length > 0) {
      for (const p of verdict.problems.slice(0, 20)) out(`- ${p}`);
      throw new Error('the year simulation on SharePoint disagrees with the oracle');
    }
  } finally {
    await env.close();
  }
}
