/**
 * A year in the life of the group, in virtual time (issue 13): the real operations, store, bot, scheduler,
 * sweep and sender against the fake Bot Connector, judged by an independent oracle written from SPEC.md's
 * message table (tests/sim/oracle.ts), not by the app's planner. See docs/architecture.md, "Testing".
 *
 * Run alone: npx jest --maxWorkers=1 tests/sim
 */
import { planNotifications } from '../../src/domain/notifications';
import { openSqliteStore } from '../../src/store/sqlite';
import { type Kind, formatTable, judge } from './oracle';
import { BANK_HOLIDAYS, londonAt, londonDate, nextWorkingDayFrom } from './oracleCalendar';
import { pinDate } from './pinDate';
import { simulateYear } from './yearSim';
import { expectCleanYear } from './yearVerdict';

jest.setTimeout(240_000);

pinDate('2026-12-31T00:00:00.000Z');

describe('a year in the life of the group, in virtual time', () => {
  it('on SQLite, posts every message the SPEC asks for exactly once, on working days, at 08:30 or at the first sweep after an outage', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const result = await simulateYear({ store, seed: 2027, from: '2026-12-31', days: 365 });
      expectCleanYear('Year simulation, SQLite (2026-12-31 + 365 days)', result);
      const j = result.journal;
      expect([...j.meetings.values()].filter((m) => m.cancelledAt !== null)).toHaveLength(1);
      // The school holiday is in the settings, but it is not a closure: the group's messages carry on.
      const inSummerHoliday = result.posts.filter((p) => {
        const d = londonDate(p.at);
        return d >= '2027-07-22' && d <= '2027-09-01';
      });
      expect(inSummerHoliday.length).toBeGreaterThan(10);
      // Bursts of 429 and 503, retried within the sweep (and a morning of 503s, caught up after).
      expect(result.failedByStatus[429]).toBeGreaterThan(5);
      expect(result.failedByStatus[503]).toBeGreaterThan(5);
    } finally {
      await store.close();
    }
  });
});

/**
 * A wrong app for the oracle to catch: a planner that counts bank holidays as working days. Run on a bank
 * holiday, it plans what it would plan at the next working day's 08:30, so the next working day's
 * messages go out on the holiday, a day early.
 */
const bankHolidayBlind: typeof planNotifications = (snapshot, policy, np, now, options) => {
  const day = londonDate(now.getTime());
  const asIfWorking =
    BANK_HOLIDAYS.has(day) && now.getTime() >= londonAt(day, '08:30')
      ? new Date(londonAt(nextWorkingDayFrom(day), '08:30'))
      : now;
  return planNotifications(snapshot, policy, np, asIfWorking, options);
};

describe('the oracle of the year simulation', () => {
  // Easter 2027 (Good Friday, Easter Monday, the clocks going forward) and the early May bank holiday,
  // with a restart sweep on every day the office is closed.
  const spring = { seed: 7, from: '2027-03-15', days: 56, offDayRunRate: 1, referralRate: 0.5 };

  it('finds nothing wrong with the app over the spring bank holidays', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const result = await simulateYear({ store, ...spring });
      const verdict = judge(result.journal, result.posts);
      expect(verdict.problems).toEqual([]);
      expect(verdict.totals.expected).toBeGreaterThan(10);
      // The restarts on closed days did run and posted nothing.
      const closed = result.journal.sweeps.filter((s) => s.instance === 'restart');
      expect(closed.map((s) => londonDate(s.at))).toEqual(
        expect.arrayContaining([...BANK_HOLIDAYS].filter((d) => d >= spring.from && d < '2027-05-10')),
      );
    } finally {
      await store.close();
    }
  });

  it('reports the disagreement when the app plans with a calendar that ignores bank holidays', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const result = await simulateYear({ store, ...spring, plan: bankHolidayBlind });
      const verdict = judge(result.journal, result.posts);
      console.log(formatTable('Spring with a bank-holiday-blind planner (the oracle must object)', verdict));
      expect(verdict.totals.offDay).toBeGreaterThan(0);
      expect(verdict.totals.mistimed).toBeGreaterThan(0);
      const holidays = verdict.problems.filter((p) =>
        / posted on 2027-0(3-26|3-29|5-03), not a working day$/.test(p),
      );
      expect(holidays.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('counts a message posted twice as duplicated, and one never posted as missed', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const result = await simulateYear({ store, ...spring });
      const [first, ...rest] = result.posts;
      if (!first) throw new Error('nothing was posted');
      const twice = judge(result.journal, [first, ...rest, { ...first, at: first.at + 60_000 }]);
      expect([
        twice.rows[first.kind as Kind].duplicated,
        twice.totals.duplicated,
        twice.totals.missed,
      ]).toEqual([1, 1, 0]);
      const never = judge(result.journal, rest);
      expect([never.rows[first.kind as Kind].missed, never.totals.missed, never.totals.duplicated]).toEqual([
        1, 1, 0,
      ]);
    } finally {
      await store.close();
    }
  });
});
