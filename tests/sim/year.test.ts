/**
 * A year in the life of the group, in virtual time (issue 13): the real operations, store, bot, scheduler,
 * sweep and sender against the fake Bot Connector, judged by an independent oracle written from SPEC.md's
 * message table (tests/sim/oracle.ts), not by the app's planner. See docs/architecture.md, "Testing".
 *
 * Run alone: npx jest --maxWorkers=1 tests/sim
 */
import { openSqliteStore } from '../../src/store/sqlite';
import { formatTable, judge } from './oracle';
import { pinDate } from './pinDate';
import { simulateYear } from './yearSim';

jest.setTimeout(240_000);

pinDate('2026-12-31T00:00:00.000Z');

describe('a year in the life of the group, in virtual time', () => {
  it('on SQLite, posts every message the SPEC asks for exactly once, on working days, at 08:30 or at the first sweep after an outage', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const result = await simulateYear({ store, seed: 2027, from: '2026-12-31', days: 365 });
      const verdict = judge(result.journal, result.posts);
      console.log(
        `${formatTable('Year simulation, SQLite (2026-12-31 + 365 days)', verdict)}\n` +
          `sweeps: ${result.sweeps}; failed send attempts answered by the fake: ${result.failedAttempts}`,
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
      expect([...j.meetings.values()].filter((m) => m.cancelledAt !== null)).toHaveLength(1);
      expect(result.failedAttempts).toBeGreaterThan(50);
    } finally {
      await store.close();
    }
  });
});
