/**
 * How far from today each kind of date may be, and why. The schemas only check that a date is a real
 * calendar date; these rules refuse dates that are real but cannot be right (a date of birth in 2090, a
 * completion in 1900 before the action existed, a meeting in 9999, a referral received on 9999-12-31
 * whose referral date became `+010000-01`). Each rule returns field issues for a 400 `Invalid` naming
 * the field; operations and the import apply them with `today` passed in.
 *
 * Messages may name a bound (a date the rule computed) but never the date of birth given: error messages
 * must not carry a child's date of birth.
 */
import { addDays, makeDate, toLondonDate } from './calendar';
import { type FieldIssue, InvalidError } from './errors';
import type { LocalDate } from './types';

/**
 * No record of the group predates 2000: CMOE duties and the spreadsheets this app replaces are far later,
 * and the dates people type before it are typos (1900 is Excel's zero date; "20" read as 1920).
 */
export const EARLIEST_RECORD_DATE: LocalDate = '2000-01-01';

/**
 * A date of birth makes the child 2 to 20 years old on the day the referral was received. Compulsory
 * school age runs from the term after the fifth birthday to the end of Year 11 (16); reception starts at
 * 4. Two years' margin below keeps referrals made ahead of school age (a planned school start, siblings),
 * four above keeps young people with SEND (education to 19, up to 25 with an EHCP is the council's other
 * team, so 20 is enough) and late recording. The eligibility warnings still flag anyone outside R-11.
 */
export const YOUNGEST_AGE_YEARS = 2;
export const OLDEST_AGE_YEARS = 20;

/** A date "today" may be a day ahead: typed just after midnight on a device whose clock is ahead. */
export const TODAY_TOLERANCE_DAYS = 1;

/**
 * Due dates (actions, escalation responses) at most 2 years ahead: the group reviews every action at
 * each meeting (every few weeks) and SMART asks for a time-bound date; two years covers the longest
 * plan (an EHCP review cycle), further is a typo and would hide the action from every overdue check.
 */
export const MAX_DUE_YEARS = 2;

/**
 * Meetings from 1 year back (recording a meeting held before it was entered) to 2 years ahead (the
 * cadence can schedule up to 26 meetings, a year at fortnightly, two at four-weekly).
 */
export const MEETING_YEARS_BACK = 1;
export const MEETING_YEARS_AHEAD = 2;

/**
 * Dates of events about the child's education (out of education since, exclusion, timetable end and
 * review) from 2000 to 1 year ahead (a planned end or review, an exclusion taking effect): further ahead
 * nothing is known yet.
 */
export const EVENT_YEARS_AHEAD = 1;

/** The same day `years` years later (earlier when negative); 29 February becomes 1 March. */
export function addYears(d: LocalDate, years: number): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return makeDate(y + years, m, day);
}

function within(
  path: string,
  value: LocalDate | null | undefined,
  min: { date: LocalDate; why: string } | null,
  max: { date: LocalDate; why: string } | null,
): FieldIssue[] {
  if (value === null || value === undefined) return [];
  if (min && value < min.date) return [{ path, message: `must be on or after ${min.date} (${min.why})` }];
  if (max && value > max.date) return [{ path, message: `must be on or before ${max.date} (${max.why})` }];
  return [];
}

const notBeforeRecords = { date: EARLIEST_RECORD_DATE, why: 'no record of the group is older' };
const notFuture = (today: LocalDate) => ({
  date: addDays(today, TODAY_TOLERANCE_DAYS),
  why: 'it cannot be in the future',
});

/** The dates of a case (a referral, a patch merged over the case, an imported row). */
export interface CaseDates {
  dateOfBirth?: LocalDate;
  receivedOn?: LocalDate;
  outOfEducationSince?: LocalDate | null;
  exclusionDate?: LocalDate | null;
  timetableEndDate?: LocalDate | null;
  timetableReviewDate?: LocalDate | null;
}

export function caseDateIssues(c: CaseDates, today: LocalDate): FieldIssue[] {
  const issues: FieldIssue[] = [...within('receivedOn', c.receivedOn, notBeforeRecords, notFuture(today))];
  if (c.dateOfBirth !== undefined) {
    // Relative to the receipt date (today when it is unusable), so an old referral imported later keeps
    // its child's age; the message names the rule, not the date of birth.
    const at = c.receivedOn !== undefined && issues.length === 0 ? c.receivedOn : today;
    const dob = c.dateOfBirth;
    if (dob > addYears(at, -YOUNGEST_AGE_YEARS) || dob < addYears(at, -OLDEST_AGE_YEARS)) {
      issues.push({
        path: 'dateOfBirth',
        message: `must make the child ${YOUNGEST_AGE_YEARS} to ${OLDEST_AGE_YEARS} years old when the referral was received (compulsory school age with a margin)`,
      });
    }
  }
  const eventMax = {
    date: addYears(today, EVENT_YEARS_AHEAD),
    why: `at most ${EVENT_YEARS_AHEAD} year ahead`,
  };
  for (const path of [
    'outOfEducationSince',
    'exclusionDate',
    'timetableEndDate',
    'timetableReviewDate',
  ] as const)
    issues.push(...within(path, c[path], notBeforeRecords, eventMax));
  return issues;
}

/** A due date (an action's, an escalation response's): at most {@link MAX_DUE_YEARS} ahead. */
export function dueDateIssues(
  path: string,
  due: LocalDate | null | undefined,
  today: LocalDate,
): FieldIssue[] {
  return within(path, due, notBeforeRecords, {
    date: addYears(today, MAX_DUE_YEARS),
    why: `due dates are at most ${MAX_DUE_YEARS} years ahead`,
  });
}

/** A completion date: not before the action was created, not in the future. */
export function completionDateIssues(
  completedOn: LocalDate,
  createdAt: string,
  today: LocalDate,
): FieldIssue[] {
  return within(
    'completedOn',
    completedOn,
    { date: toLondonDate(new Date(createdAt)), why: 'the action did not exist before then' },
    { date: today, why: 'it cannot be in the future' },
  );
}

/** A date something was done or decided (list check, closure, escalation response): 2000 to today. */
export function pastDateIssues(
  path: string,
  value: LocalDate | null | undefined,
  today: LocalDate,
): FieldIssue[] {
  return within(path, value, notBeforeRecords, notFuture(today));
}

/**
 * A closure date: from 2000 to {@link CLOSURE_DAYS_AHEAD} days ahead, as a closure may be recorded
 * ahead of the day it takes effect (a school place starting next week); further ahead it is not known.
 */
export const CLOSURE_DAYS_AHEAD = 31;

export function closureDateIssues(
  date: LocalDate | null | undefined,
  today: LocalDate,
  path = 'date',
): FieldIssue[] {
  return within(path, date, notBeforeRecords, {
    date: addDays(today, CLOSURE_DAYS_AHEAD),
    why: `a closure is recorded at most ${CLOSURE_DAYS_AHEAD} days ahead`,
  });
}

/** A meeting's start, as an instant: its London date within the meeting window around today. */
export function meetingDateIssues(startsAt: string | undefined, today: LocalDate): FieldIssue[] {
  if (startsAt === undefined) return [];
  return within(
    'startsAt',
    toLondonDate(new Date(startsAt)),
    {
      date: addYears(today, -MEETING_YEARS_BACK),
      why: `meetings are recorded up to ${MEETING_YEARS_BACK} year back`,
    },
    {
      date: addYears(today, MEETING_YEARS_AHEAD),
      why: `meetings are scheduled up to ${MEETING_YEARS_AHEAD} years ahead`,
    },
  );
}

/** Throws `InvalidError` naming each field when any date rule was broken. */
export function assertDates(issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  const paths = [...new Set(issues.map((i) => i.path))];
  throw new InvalidError(`A date is outside what the record allows: check ${paths.join(', ')}.`, [...issues]);
}
