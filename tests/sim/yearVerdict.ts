/**
 * What a whole simulated year must show, on either store (year.test.ts, yearSharePoint.test.ts): no
 * disagreement with the oracle, every kind of message due at least once, and the trouble the year plans
 * (the three outages, every kind of sweep) having happened, with messages caught up after each outage.
 */
import { type Verdict, formatTable, judge } from './oracle';
import type { YearResult } from './yearSim';

/** Judges the year, prints its table under `title`, and asserts what every store's year must show. */
export function expectCleanYear(title: string, result: YearResult): Verdict {
  const verdict = judge(result.journal, result.posts);
  console.log(
    `${formatTable(title, verdict)}\n` +
      `sweeps: ${result.sweeps}; failed send attempts answered by the fake: ${JSON.stringify(result.failedByStatus)}`,
  );
  expect(verdict.problems.slice(0, 20)).toEqual([]);
  expect(verdict.totals.duplicated).toBe(0);
  expect(verdict.totals.missed).toBe(0);
  // The year did what it says: every kind of message was due, and the trouble happened.
  for (const [kind, row] of Object.entries(verdict.rows)) {
    expect([kind, row.expected > 0]).toEqual([kind, true]);
  }
  const j = result.journal;
  expect(j.outages.map((o) => o.why).sort()).toEqual([
    'Bot Connector 503',
    'bot removed from the team',
    'process killed',
  ]);
  expect(new Set(j.sweeps.map((s) => s.instance))).toEqual(
    new Set(['scheduler', 'second-instance', 'extra-run', 'restart']),
  );
  // Each outage had messages due during it, which the oracle expected (and found) after it.
  for (const o of j.outages) expect([o.why, (verdict.caughtUp[o.why] ?? 0) > 0]).toEqual([o.why, true]);
  return verdict;
}
