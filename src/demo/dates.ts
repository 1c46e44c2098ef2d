/**
 * The demo generator's date arithmetic: London instants, working and school days, referral dates, and
 * random dates in a range. Memoised, because 5,000 cases ask for ~200,000 date steps; the random ones draw
 * from the generator's one seeded stream.
 */
import {
  addDays,
  addSchoolDays,
  daysBetween,
  dayOfWeek,
  isWorkingDay,
  londonInstant,
  makeDate,
} from '../domain/calendar';
import type { CalendarSettings } from '../domain/calendar';
import { referralDateFor } from '../domain/meetings';
import type { Policy } from '../domain/policy';
import type { Instant, LocalDate, Meeting } from '../domain/types';
import type { Rng } from './random';

const EPOCH: LocalDate = '2000-01-01';

export function minLocal(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b;
}

export function maxLocal(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

export function maxInstant(a: Instant, b: Instant): Instant {
  return a > b ? a : b;
}

export function plusMinutes(instant: Instant, minutes: number): Instant {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

function academicYearStart(d: LocalDate): number {
  const year = Number(d.slice(0, 4));
  return Number(d.slice(5, 7)) >= 9 ? year : year - 1;
}

/** The last Friday of June on or before `d`: when Year 11 pupils reach the end of compulsory school age. */
export function lastFridayOfJuneOnOrBefore(d: LocalDate): LocalDate {
  const lastFriday = (year: number): LocalDate => {
    const june30 = makeDate(year, 6, 30);
    return addDays(june30, -((dayOfWeek(june30) + 2) % 7));
  };
  const year = Number(d.slice(0, 4));
  const thisYear = lastFriday(year);
  return thisYear <= d ? thisYear : lastFriday(year - 1);
}

export class DemoDates {
  private readonly cal: CalendarSettings;
  private readonly noonMs = new Map<LocalDate, number>();
  private readonly dayNumbers = new Map<LocalDate, number>();
  private readonly dates = new Map<number, LocalDate>();
  private readonly workdays = new Map<LocalDate, boolean>();
  private readonly referralDates = new Map<LocalDate, LocalDate>();
  private readonly schoolDays = new Map<string, LocalDate>();

  /** `meetingRefs` is the generator's meeting list, filled before the first referral date is asked for. */
  constructor(
    private readonly rng: Rng,
    private readonly today: LocalDate,
    private readonly policy: Policy,
    private readonly meetingRefs: readonly Pick<Meeting, 'id' | 'startsAt' | 'status'>[],
  ) {
    this.cal = policy.calendar;
  }

  /**
   * The instant of `minutes` past midnight on the London clock on `date`. Only office hours are asked
   * for, after the clocks change at 01:00, so the day's noon fixes the offset; memoised per date because
   * 5,000 cases ask for ~100,000 instants.
   */
  instantOn(date: LocalDate, minutes: number): Instant {
    let noon = this.noonMs.get(date);
    if (noon === undefined) {
      noon = londonInstant(date, '12:00').getTime();
      this.noonMs.set(date, noon);
    }
    return new Date(noon + (minutes - 720) * 60_000).toISOString();
  }

  // Date arithmetic, memoised: 5,000 cases make ~200,000 date steps, and `addDays` formats an ISO string
  // each time. Demo dates span a few years, so the caches stay small.
  plusDays(d: LocalDate, n: number): LocalDate {
    if (n === 0) return d;
    let day = this.dayNumbers.get(d);
    if (day === undefined) {
      day = daysBetween(EPOCH, d);
      this.dayNumbers.set(d, day);
    }
    const target = day + n;
    let out = this.dates.get(target);
    if (out === undefined) {
      out = addDays(EPOCH, target);
      this.dates.set(target, out);
      this.dayNumbers.set(out, target);
    }
    return out;
  }

  isWorkday(d: LocalDate): boolean {
    let w = this.workdays.get(d);
    if (w === undefined) {
      w = isWorkingDay(d, this.cal);
      this.workdays.set(d, w);
    }
    return w;
  }

  nextWorkday(d: LocalDate): LocalDate {
    let x = d;
    while (!this.isWorkday(x)) x = this.plusDays(x, 1);
    return x;
  }

  /** Same contract as `addWorkingDays`: `d` itself is not counted. */
  addWorking(d: LocalDate, n: number): LocalDate {
    let x = d;
    const step = n >= 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0;) {
      x = this.plusDays(x, step);
      if (this.isWorkday(x)) left--;
    }
    return x;
  }

  /** Memoised: the meeting list is fixed, and many cases share a receipt date. */
  referralDate(received: LocalDate): LocalDate {
    let date = this.referralDates.get(received);
    if (date === undefined) {
      date = referralDateFor(received, this.meetingRefs, this.policy);
      this.referralDates.set(received, date);
    }
    return date;
  }

  /** Memoised: `addSchoolDays` walks day by day. */
  schoolDaysBefore(date: LocalDate, n: number): LocalDate {
    const key = `${date}|${n}`;
    let out = this.schoolDays.get(key);
    if (out === undefined) {
      out = addSchoolDays(date, -n, this.cal);
      this.schoolDays.set(key, out);
    }
    return out;
  }

  /** An office-hours instant on `date`; on `today` an early one, so it is not in the future for long. */
  officeInstant(date: LocalDate): Instant {
    return this.instantOn(date, date >= this.today ? this.rng.int(420, 479) : this.rng.int(540, 990));
  }

  /** A working day in [from, to] when there is one; `from` when the range is empty. */
  workingDayBetween(from: LocalDate, to: LocalDate): LocalDate {
    if (to < from) return from;
    const d = this.plusDays(from, this.rng.int(0, daysBetween(from, to)));
    const forward = this.nextWorkday(d);
    if (forward <= to) return forward;
    for (let x = d; x >= from; x = this.plusDays(x, -1)) if (this.isWorkday(x)) return x;
    return d;
  }

  dateOfBirth(ncy: number, on: LocalDate): LocalDate {
    // NCY n on `on` means born in the academic year starting 1 September of (start of `on`'s year - 5 - n).
    const cohort = academicYearStart(on) - 5 - ncy;
    const first = makeDate(cohort, 9, 1);
    return this.plusDays(first, this.rng.int(0, daysBetween(first, makeDate(cohort + 1, 8, 31))));
  }
}
