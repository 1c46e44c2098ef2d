import type { CalendarSettings } from '../../src/domain/calendar';
import {
  addDays,
  addSchoolDays,
  addWorkingDays,
  bankHolidays,
  easterSunday,
  EMPTY_CALENDAR,
  isBankHoliday,
  isSchoolDay,
  isWorkingDay,
  londonInstant,
  londonOffsetMinutes,
  nextWorkingDayOnOrAfter,
  toLondonDate,
  workingDaysBetween,
} from '../../src/domain/calendar';

const dates = (year: number) => bankHolidays(year).map((h) => h.date);
const named = (year: number) => Object.fromEntries(bankHolidays(year).map((h) => [h.date, h.name]));

describe('bank holidays (England and Wales)', () => {
  it('lists the 8 bank holidays of 2026 with Boxing Day substituted on Monday 28 December', () => {
    expect(dates(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect(named(2026)['2026-12-28']).toBe('Boxing Day (substitute day)');
  });

  it('puts Easter in March in 2024', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(named(2024)['2024-03-29']).toBe('Good Friday');
    expect(named(2024)['2024-04-01']).toBe('Easter Monday');
  });

  it('puts Easter in April in 2025 and 2026', () => {
    expect(named(2025)['2025-04-18']).toBe('Good Friday');
    expect(named(2025)['2025-04-21']).toBe('Easter Monday');
    expect(named(2026)['2026-04-03']).toBe('Good Friday');
    expect(named(2026)['2026-04-06']).toBe('Easter Monday');
  });

  it('matches known Easter Sundays across the century', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2011)).toBe('2011-04-24');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('substitutes Monday and Tuesday when Christmas and Boxing Day are a Saturday and Sunday (2021, 2027)', () => {
    for (const year of [2021, 2027]) {
      const n = named(year);
      expect(n[`${year}-12-25`]).toBeUndefined();
      expect(n[`${year}-12-26`]).toBeUndefined();
      expect(n[`${year}-12-27`]).toBe('Christmas Day (substitute day)');
      expect(n[`${year}-12-28`]).toBe('Boxing Day (substitute day)');
    }
  });

  it('keeps Boxing Day on Monday and moves Christmas to Tuesday when Christmas is a Sunday (2022)', () => {
    const n = named(2022);
    expect(n['2022-12-25']).toBeUndefined();
    expect(n['2022-12-26']).toBe('Boxing Day');
    expect(n['2022-12-27']).toBe('Christmas Day (substitute day)');
  });

  it('moves New Year to the Monday when 1 January is a Saturday (2022, 2028) or a Sunday (2023)', () => {
    expect(dates(2022)[0]).toBe('2022-01-03');
    expect(dates(2028)[0]).toBe('2028-01-03');
    expect(dates(2023)[0]).toBe('2023-01-02');
    expect(isBankHoliday('2022-01-01')).toBe(false);
  });

  it('uses the first and last Mondays of May and the last Monday of August', () => {
    expect(dates(2027)).toEqual(expect.arrayContaining(['2027-05-03', '2027-05-31', '2027-08-30']));
  });

  it('includes proclaimed one-off holidays and moved spring holidays', () => {
    expect(dates(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(dates(2022)).not.toContain('2022-05-30');
    expect(dates(2023)).toContain('2023-05-08');
    expect(dates(2020)).toContain('2020-05-08');
    expect(dates(2020)).not.toContain('2020-05-04');
  });

  it('has 8 holidays in a year without proclamations', () => {
    for (let year = 2024; year <= 2035; year++) expect(dates(year)).toHaveLength(8);
  });
});

describe('London time across the clock changes', () => {
  it('changes the London date at midnight on the clock either side of the spring change (29 March 2026)', () => {
    expect(toLondonDate(new Date('2026-03-28T23:59:00Z'))).toBe('2026-03-28');
    expect(toLondonDate(new Date('2026-03-29T00:59:00Z'))).toBe('2026-03-29');
    expect(toLondonDate(new Date('2026-03-29T22:59:00Z'))).toBe('2026-03-29');
    // 23:00Z on 29 March is midnight BST on the 30th.
    expect(toLondonDate(new Date('2026-03-29T23:00:00Z'))).toBe('2026-03-30');
  });

  it('changes the London date at midnight on the clock either side of the autumn change (25 October 2026)', () => {
    expect(toLondonDate(new Date('2026-10-24T22:59:00Z'))).toBe('2026-10-24');
    expect(toLondonDate(new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25');
    expect(toLondonDate(new Date('2026-10-25T23:59:00Z'))).toBe('2026-10-25');
    expect(toLondonDate(new Date('2026-10-26T00:00:00Z'))).toBe('2026-10-26');
  });

  it('switches the offset at 01:00 UTC on the change days', () => {
    expect(londonOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(0);
    expect(londonOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('reads 08:30 in London as 07:30Z in summer time and 08:30Z in winter time', () => {
    expect(londonInstant('2026-03-27', '08:30').toISOString()).toBe('2026-03-27T08:30:00.000Z');
    expect(londonInstant('2026-03-30', '08:30').toISOString()).toBe('2026-03-30T07:30:00.000Z');
    expect(londonInstant('2026-10-23', '08:30').toISOString()).toBe('2026-10-23T07:30:00.000Z');
    expect(londonInstant('2026-10-26', '08:30').toISOString()).toBe('2026-10-26T08:30:00.000Z');
  });

  it('takes the first (summer time) reading of the repeated hour and moves a time in the missing hour on', () => {
    expect(londonInstant('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(londonInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('counts working days across the clock-change weeks as in any other week', () => {
    expect(addWorkingDays('2026-03-27', 1, EMPTY_CALENDAR)).toBe('2026-03-30');
    expect(workingDaysBetween('2026-03-27', '2026-04-02', EMPTY_CALENDAR)).toBe(4);
    expect(addWorkingDays('2026-10-23', 1, EMPTY_CALENDAR)).toBe('2026-10-26');
    expect(workingDaysBetween('2026-10-23', '2026-10-30', EMPTY_CALENDAR)).toBe(5);
  });

  it('agrees with Intl (Europe/London) on the date of every hour for two years', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    let checked = 0;
    for (let t = start; t < end; t += 3_600_000) {
      // Also check the minute before each hour, where a date change would be off by one.
      for (const at of [t, t + 3_599_000]) {
        const d = new Date(at);
        if (toLondonDate(d) !== fmt.format(d)) throw new Error(`differs at ${d.toISOString()}`);
        checked++;
      }
    }
    expect(checked).toBe(2 * 2 * 365 * 24);
  });

  it('agrees with Intl on the instant of 08:30 London time every day for two years', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let d = '2025-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
      const at = londonInstant(d, '08:30');
      expect([toLondonDate(at), fmt.format(at)]).toEqual([d, '08:30']);
    }
  });
});

describe('working days and school days', () => {
  const closures: CalendarSettings = { extraClosures: ['2026-04-07'], schoolHolidays: [] };

  it('skips Good Friday and Easter Monday when adding working days', () => {
    expect(addWorkingDays('2026-04-02', 1, EMPTY_CALENDAR)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-07', -1, EMPTY_CALENDAR)).toBe('2026-04-02');
  });

  it('skips extra closure dates from settings as well', () => {
    expect(isWorkingDay('2026-04-07', closures)).toBe(false);
    expect(addWorkingDays('2026-04-02', 1, closures)).toBe('2026-04-08');
    expect(addWorkingDays('2026-04-02', 10, EMPTY_CALENDAR)).toBe('2026-04-20');
    expect(addWorkingDays('2026-04-02', 10, closures)).toBe('2026-04-21');
  });

  it('does not count the start day and returns it unchanged for zero days', () => {
    expect(addWorkingDays('2026-03-06', 0, EMPTY_CALENDAR)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-06', 1, EMPTY_CALENDAR)).toBe('2026-03-09');
    expect(() => addWorkingDays('2026-03-06', 1.5, EMPTY_CALENDAR)).toThrow(RangeError);
  });

  it('finds the next working day on or after a date', () => {
    expect(nextWorkingDayOnOrAfter('2026-03-09', EMPTY_CALENDAR)).toBe('2026-03-09');
    expect(nextWorkingDayOnOrAfter('2026-12-25', EMPTY_CALENDAR)).toBe('2026-12-29');
  });

  it('treats school holidays as working days but not school days', () => {
    const halfTerm: CalendarSettings = {
      extraClosures: [],
      schoolHolidays: [{ start: '2026-02-16', end: '2026-02-20' }],
    };
    expect(isWorkingDay('2026-02-16', halfTerm)).toBe(true);
    expect(isSchoolDay('2026-02-13', halfTerm)).toBe(true);
    expect(isSchoolDay('2026-02-16', halfTerm)).toBe(false);
    expect(isSchoolDay('2026-02-20', halfTerm)).toBe(false);
    expect(isSchoolDay('2026-02-23', halfTerm)).toBe(true);
    expect(isSchoolDay('2026-02-21', EMPTY_CALENDAR)).toBe(false);
    expect(addSchoolDays('2026-02-13', 1, halfTerm)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-13', 1, halfTerm)).toBe('2026-02-16');
  });

  it('counts working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-04-02', '2026-04-07', EMPTY_CALENDAR)).toBe(1);
    expect(workingDaysBetween('2026-12-24', '2026-12-29', EMPTY_CALENDAR)).toBe(1);
    expect(workingDaysBetween('2026-02-13', '2026-03-03', EMPTY_CALENDAR)).toBe(12);
    expect(workingDaysBetween('2026-03-03', '2026-03-03', EMPTY_CALENDAR)).toBe(0);
    expect(workingDaysBetween('2026-03-10', '2026-03-03', EMPTY_CALENDAR)).toBe(0);
  });
});

describe('workingDaysBetween agrees with counting day by day', () => {
  // The arithmetic version must give exactly what walking the calendar gives, closures included.
  const cal = { extraClosures: ['2026-12-24', '2026-12-31', '2027-01-02', '2026-06-13'], schoolHolidays: [] };
  const naive = (from: string, to: string) => {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
    return n;
  };

  test('over every start day of 2025-2027 and spans from 0 to 400 days', () => {
    let checked = 0;
    for (let start = '2025-01-01'; start <= '2027-12-31'; start = addDays(start, 5)) {
      for (const span of [0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 29, 31, 60, 90, 183, 366, 400]) {
        const end = addDays(start, span);
        expect([start, end, workingDaysBetween(start, end, cal)]).toEqual([start, end, naive(start, end)]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(workingDaysBetween('2026-03-10', '2026-03-01', cal)).toBe(0);
  });
});
