/**
 * Issue 14 item 5: the calendar's cost does not depend on how far apart two dates are. On main,
 * `workingDaysBetween` looked up the bank holidays of every year between its dates, so an agenda for a
 * meeting in 9999 (overdue actions from 2026) walked 8,000 years per action and took 2.6 s. Work is
 * counted (years whose holidays are looked up), never timed.
 */
import request from 'supertest';
import {
  EMPTY_CALENDAR,
  REGULAR_WEEKDAY_HOLIDAYS,
  addDays,
  bankHolidayLookups,
  bankHolidays,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  toLondonDate,
  workingDaysBetween,
} from '../../src/domain/calendar';
import type { AgendaItem } from '../../src/domain/types';
import { agendaFor } from '../../src/operations/meetings';
import { MEMBER, OWNER, TEST_NOW, TEST_POLICY, makeTestApp, referral } from '../helpers/api';
import { callAs } from '../import/helpers';

function lookupsFor(work: () => void): number {
  const before = bankHolidayLookups();
  work();
  return bankHolidayLookups() - before;
}

/** The slow, obviously right count: every day in (from, to]. */
function bruteForce(from: string, to: string, cal = EMPTY_CALENDAR): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

describe('the calendar costs the same for a far date as for a near one', () => {
  test('working days to 9999 look up no more years of bank holidays than working days to next year', () => {
    const near = lookupsFor(() => workingDaysBetween('2026-03-02', '2027-03-02', EMPTY_CALENDAR));
    const far = lookupsFor(() => workingDaysBetween('2026-03-02', '9999-12-31', EMPTY_CALENDAR));
    expect(near).toBeLessThanOrEqual(2);
    expect(far).toBe(near);
  });

  test('a span over the proclaimed years looks up only its end years and those with proclamations', () => {
    expect(
      lookupsFor(() => workingDaysBetween('1990-01-01', '9999-12-31', EMPTY_CALENDAR)),
    ).toBeLessThanOrEqual(2 + 8);
  });

  test('every year without a proclamation has exactly the regular number of weekday bank holidays', () => {
    for (let y = 1900; y <= 2600; y++) {
      if ([1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023].includes(y)) continue;
      const weekdays = new Set(
        bankHolidays(y)
          .map((h) => h.date)
          .filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())),
      );
      expect([y, weekdays.size]).toEqual([y, REGULAR_WEEKDAY_HOLIDAYS]);
    }
  });

  test.each([
    ['2026-03-02', '2026-03-02'],
    ['2026-03-02', '2026-12-31'],
    ['2025-12-24', '2027-01-04'],
    ['1994-06-01', '2024-06-01'],
    ['1998-12-30', '2000-01-04'],
    ['2010-02-14', '2031-11-30'],
  ])('working days from %s to %s agree with counting every day', (from, to) => {
    expect(workingDaysBetween(from, to, EMPTY_CALENDAR)).toBe(bruteForce(from, to));
  });

  test('extra closures are counted once, also on a bank holiday or a weekend of a year in between', () => {
    const cal = {
      extraClosures: ['2027-12-27', '2028-07-03', '2029-06-02', '2026-06-01'],
      schoolHolidays: [],
    };
    expect(workingDaysBetween('2026-03-02', '2030-03-02', cal)).toBe(
      bruteForce('2026-03-02', '2030-03-02', cal),
    );
  });
});

describe('an agenda far ahead costs what a near one costs', () => {
  test('the agenda for a meeting in 9999 looks up no more years of bank holidays than one in 2100, a handful (2.6 s on main)', async () => {
    const t = makeTestApp();
    const ref = (await request(t.app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref;
    const due = nextWorkingDayOnOrAfter(addDays(toLondonDate(TEST_NOW), 3), TEST_POLICY.calendar);
    for (let i = 0; i < 20; i++) {
      const res = await request(t.app)
        .post('/api/actions')
        .set(MEMBER)
        .send({
          caseRef: ref,
          description: `Visit ${i}`,
          successMeasure: 'Recorded',
          owner: OWNER,
          dueDate: due,
        });
      expect(res.status).toBe(201);
    }
    const deps = { store: t.store, policy: TEST_POLICY };
    const call = callAs('dev-chair');
    let near: AgendaItem[] = [];
    let far: AgendaItem[] = [];
    const nearCost = await lookupsForAsync(async () => {
      near = await agendaFor(deps, call, new Date('2026-06-01T09:00:00.000Z'));
    });
    const midCost = await lookupsForAsync(async () => {
      await agendaFor(deps, call, new Date('2100-06-07T09:00:00.000Z'));
    });
    const farCost = await lookupsForAsync(async () => {
      far = await agendaFor(deps, call, new Date('9999-06-07T09:00:00.000Z'));
    });
    // Both agendas list the case (in 9999 with its 20 actions long overdue); the far one costs no more
    // calendar work.
    expect(near.map((i) => i.caseRef)).toEqual([ref]);
    expect(far.map((i) => i.caseRef)).toEqual([ref]);
    expect(far[0]?.reasons.join(' ')).toMatch(/overdue/);
    // A far date looks up at most its own end year more than a near one, and 9999 costs what 2100 does
    // (on main: one lookup per year in between, about 8,000).
    expect(farCost).toBeLessThanOrEqual(nearCost + 2);
    expect(farCost).toBe(midCost);
  });
});

async function lookupsForAsync(work: () => Promise<void>): Promise<number> {
  const before = bankHolidayLookups();
  await work();
  return bankHolidayLookups() - before;
}
