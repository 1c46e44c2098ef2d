/**
 * Europe/London calendar: local dates, working days, England & Wales bank holidays and school days.
 *
 * Pure and independent of the process's TZ: UK clock changes are computed from the rule in force since
 * 1996 (last Sunday of March and of October, at 01:00 UTC), so a server in any zone agrees with Teams users
 * in England. Dates are `YYYY-MM-DD` strings, compared as strings (they sort lexically).
 */
import type { LocalDate } from './types';

export interface DateRange {
  /** First day, inclusive. */
  start: LocalDate;
  /** Last day, inclusive. */
  end: LocalDate;
}

/** Settings the calendar needs. Both lists come from the app's settings. */
export interface CalendarSettings {
  /** Extra dates the council is closed (one-off bank holidays, closure days). */
  extraClosures: readonly LocalDate[];
  /** School holidays, which are working days for officers but not school days (day-6 counts). */
  schoolHolidays: readonly DateRange[];
}

export const EMPTY_CALENDAR: CalendarSettings = { extraClosures: [], schoolHolidays: [] };

const DAY_MS = 86_400_000;

function parts(d: LocalDate): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

function fromUtcDate(dt: Date): LocalDate {
  return dt.toISOString().slice(0, 10);
}

function utcMidnight(d: LocalDate): number {
  const [y, m, day] = parts(d);
  return Date.UTC(y, m - 1, day);
}

export function makeDate(year: number, month: number, day: number): LocalDate {
  return fromUtcDate(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromUtcDate(new Date(utcMidnight(d) + n * DAY_MS));
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(d: LocalDate): number {
  return new Date(utcMidnight(d)).getUTCDay();
}

export function isWeekend(d: LocalDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

function lastSundayUtc(year: number, month: number): number {
  const last = Date.UTC(year, month, 0); // day 0 of next month = last day of `month`
  const dow = new Date(last).getUTCDay();
  return last - dow * DAY_MS;
}

/** Offset of London from UTC in minutes at `instant`: 60 in British Summer Time, else 0. */
export function londonOffsetMinutes(instant: Date): number {
  const t = instant.getTime();
  const year = instant.getUTCFullYear();
  const start = lastSundayUtc(year, 3) + 3_600_000; // 01:00 UTC
  const end = lastSundayUtc(year, 10) + 3_600_000;
  return t >= start && t < end ? 60 : 0;
}

/** The calendar date in London at `instant`. */
export function toLondonDate(instant: Date): LocalDate {
  return fromUtcDate(new Date(instant.getTime() + londonOffsetMinutes(instant) * 60_000));
}

/** Minutes past midnight on the London clock at `instant`. */
export function londonMinutesOfDay(instant: Date): number {
  const local = new Date(instant.getTime() + londonOffsetMinutes(instant) * 60_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** Parses `HH:MM` (24-hour) into minutes past midnight. */
export function parseTimeOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`time of day must be HH:MM, got ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The instant when London clocks show `time` on `date`. In the autumn's repeated hour the first (BST)
 * reading wins; a time in the spring's missing hour is read on the winter clock (so it moves an hour on).
 */
export function londonInstant(date: LocalDate, time: string): Date {
  const wall = utcMidnight(date) + parseTimeOfDay(time) * 60_000;
  const asBst = new Date(wall - 3_600_000);
  if (londonOffsetMinutes(asBst) === 60) return asBst;
  return new Date(wall);
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

function firstMonday(year: number, month: number): LocalDate {
  const first = makeDate(year, month, 1);
  return addDays(first, (8 - dayOfWeek(first)) % 7);
}

function lastMonday(year: number, month: number): LocalDate {
  const last = fromUtcDate(new Date(Date.UTC(year, month, 0)));
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
}

export interface BankHoliday {
  date: LocalDate;
  name: string;
}

/**
 * Royal proclamations that moved or added bank holidays. The regular rules can't predict these; future
 * one-offs go in the `extraClosures` setting.
 */
const PROCLAIMED: Record<
  number,
  { moved?: Partial<Record<'earlyMay' | 'spring', LocalDate>>; extra?: BankHoliday[] }
> = {
  1995: { moved: { earlyMay: '1995-05-08' } },
  1999: { extra: [{ date: '1999-12-31', name: 'Millennium Eve' }] },
  2002: { moved: { spring: '2002-06-04' }, extra: [{ date: '2002-06-03', name: 'Golden Jubilee' }] },
  2011: { extra: [{ date: '2011-04-29', name: 'Royal wedding' }] },
  2012: { moved: { spring: '2012-06-04' }, extra: [{ date: '2012-06-05', name: 'Diamond Jubilee' }] },
  2020: { moved: { earlyMay: '2020-05-08' } },
  2022: {
    moved: { spring: '2022-06-02' },
    extra: [
      { date: '2022-06-03', name: 'Platinum Jubilee' },
      { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
    ],
  },
  2023: { extra: [{ date: '2023-05-08', name: 'Coronation of King Charles III' }] },
};

const bankHolidayCache = new Map<number, readonly BankHoliday[]>();
let holidayLookups = 0;

/**
 * How many times a year's bank holidays have been looked up since the process started (cached or not).
 * Tests compare it before and after a computation to prove its cost does not grow with the distance
 * between dates (a meeting in 9999 must cost what a meeting next month costs).
 */
export function bankHolidayLookups(): number {
  return holidayLookups;
}

/** England & Wales bank holidays for `year`, with substitute days for those that fall at a weekend. */
export function bankHolidays(year: number): readonly BankHoliday[] {
  holidayLookups++;
  const cached = bankHolidayCache.get(year);
  if (cached) return cached;
  const proclaimed = PROCLAIMED[year];
  const easter = easterSunday(year);
  const list: BankHoliday[] = [];

  // New Year's Day moves to the next Monday when it falls at a weekend.
  const ny = makeDate(year, 1, 1);
  list.push({ date: isWeekend(ny) ? addDays(ny, dayOfWeek(ny) === 6 ? 2 : 1) : ny, name: "New Year's Day" });
  list.push({ date: addDays(easter, -2), name: 'Good Friday' });
  list.push({ date: addDays(easter, 1), name: 'Easter Monday' });
  list.push({ date: proclaimed?.moved?.earlyMay ?? firstMonday(year, 5), name: 'Early May bank holiday' });
  list.push({ date: proclaimed?.moved?.spring ?? lastMonday(year, 5), name: 'Spring bank holiday' });
  list.push({ date: lastMonday(year, 8), name: 'Summer bank holiday' });

  // Christmas and Boxing Day: a day at the weekend is substituted by the next weekday not already a holiday.
  const xmas = makeDate(year, 12, 25);
  const boxing = makeDate(year, 12, 26);
  const taken = new Set<LocalDate>();
  for (const date of [xmas, boxing]) if (!isWeekend(date)) taken.add(date);
  for (const [date, name] of [
    [xmas, 'Christmas Day'],
    [boxing, 'Boxing Day'],
  ] as const) {
    let d = date;
    if (isWeekend(d)) {
      d = addDays(d, 1);
      while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
      taken.add(d);
    }
    list.push({ date: d, name: d === date ? name : `${name} (substitute day)` });
  }
  for (const extra of proclaimed?.extra ?? []) list.push(extra);

  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  bankHolidayCache.set(year, list);
  return list;
}

/**
 * Weekday bank holidays in a year the proclamations did not touch: New Year's Day (or its substitute),
 * Good Friday, Easter Monday, three Mondays in May and August, Christmas and Boxing Day (or their
 * substitutes). The substitutes make all eight weekdays and distinct every year, so whole years between
 * two dates are counted as 8 each instead of computing each year's holidays (tests check the rule
 * against the computed lists over centuries).
 */
export const REGULAR_WEEKDAY_HOLIDAYS = 8;
const PROCLAIMED_YEARS = Object.keys(PROCLAIMED).map(Number);

function weekdayHolidays(year: number): number {
  return new Set(
    bankHolidays(year)
      .filter((h) => !isWeekend(h.date))
      .map((h) => h.date),
  ).size;
}

export function isBankHoliday(d: LocalDate): boolean {
  return bankHolidays(Number(d.slice(0, 4))).some((h) => h.date === d);
}

/** A working day: a weekday that is neither a bank holiday nor an extra closure from settings. */
export function isWorkingDay(d: LocalDate, cal: CalendarSettings): boolean {
  return !isWeekend(d) && !isBankHoliday(d) && !cal.extraClosures.includes(d);
}

/** A school day: a working day outside the school holidays in settings. */
export function isSchoolDay(d: LocalDate, cal: CalendarSettings): boolean {
  return isWorkingDay(d, cal) && !cal.schoolHolidays.some((r) => d >= r.start && d <= r.end);
}

export function nextWorkingDayOnOrAfter(d: LocalDate, cal: CalendarSettings): LocalDate {
  let x = d;
  while (!isWorkingDay(x, cal)) x = addDays(x, 1);
  return x;
}

function addCountedDays(d: LocalDate, n: number, counts: (x: LocalDate) => boolean): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError('n must be a whole number of days');
  let x = d;
  let left = Math.abs(n);
  const step = n >= 0 ? 1 : -1;
  while (left > 0) {
    x = addDays(x, step);
    if (counts(x)) left--;
  }
  return x;
}

/** `n` working days after `d` (before it when `n` is negative); `d` itself is not counted. */
export function addWorkingDays(d: LocalDate, n: number, cal: CalendarSettings): LocalDate {
  return addCountedDays(d, n, (x) => isWorkingDay(x, cal));
}

/** `n` school days after `d`; `d` itself is not counted. */
export function addSchoolDays(d: LocalDate, n: number, cal: CalendarSettings): LocalDate {
  return addCountedDays(d, n, (x) => isSchoolDay(x, cal));
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`).
 * "Overdue by 3 working days" is `workingDaysBetween(due, today)`.
 *
 * Weekdays are counted arithmetically and the closures in range subtracted, so a span of months costs
 * a handful of holiday look-ups rather than a date per day (the agenda asks this for every overdue date).
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, cal: CalendarSettings): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  // Weekdays among the `days` days after `from`: whole weeks have 5, then the remainder day by day.
  let weekdays = Math.floor(days / 7) * 5;
  const firstDow = (dayOfWeek(from) + 1) % 7;
  for (let i = 0; i < days % 7; i++) {
    const dow = (firstDow + i) % 7;
    if (dow !== 0 && dow !== 6) weekdays++;
  }
  // Closures on weekdays inside (from, to]: the bank holidays of the first and last years looked up, the
  // whole years between counted without walking them (see below), and extra closures from settings.
  const closed = new Set<LocalDate>();
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  for (const y of fromYear === toYear ? [fromYear] : [fromYear, toYear]) {
    for (const h of bankHolidays(y))
      if (h.date > from && h.date <= to && !isWeekend(h.date)) closed.add(h.date);
  }
  const between = Math.max(0, toYear - fromYear - 1);
  let wholeYears = between * REGULAR_WEEKDAY_HOLIDAYS;
  for (const y of PROCLAIMED_YEARS) {
    if (y > fromYear && y < toYear) wholeYears += weekdayHolidays(y) - REGULAR_WEEKDAY_HOLIDAYS;
  }
  for (const d of cal.extraClosures) {
    if (d <= from || d > to || isWeekend(d) || closed.has(d)) continue;
    const y = Number(d.slice(0, 4));
    // A closure on a bank holiday of a whole year between is already counted there.
    if (y > fromYear && y < toYear && isBankHoliday(d)) continue;
    closed.add(d);
  }
  return weekdays - closed.size - wholeYears;
}
