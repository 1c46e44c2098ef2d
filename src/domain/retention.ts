/**
 * Retention (issue 18): how long a closed case keeps its personal data, and whether it is due for the
 * admin's disposal review. Pure: the rule and `now` are passed in.
 *
 * The council's retention schedule decides the rule. The default, until the child is 25, follows the
 * common local-authority practice for children's education welfare and CME records (the IRMS toolkit
 * for local authorities keeps them to the child's 25th birthday); `years-after-closure:6` is the other
 * common choice. Retention always runs from the case's latest closure or the birthday, whichever the
 * rule names, and a case is only ever proposed: nothing is disposed without the admin's approval.
 */
import { z } from 'zod';
import { makeDate, toLondonDate } from './calendar';
import type { Case, CaseRef, Category, ClosureReason, LocalDate, YearGroup } from './types';

export const retentionRuleSchema = z.discriminatedUnion('kind', [
  /** Kept for `years` full years after the (latest) closure date. */
  z.object({ kind: z.literal('years-after-closure'), years: z.number().int().min(1).max(100) }),
  /** Kept until the child's `age`th birthday (and never less than until closure). */
  z.object({ kind: z.literal('until-age'), age: z.number().int().min(18).max(100) }),
]);
export type RetentionRule = z.infer<typeof retentionRuleSchema>;

export const DEFAULT_RETENTION_RULE: RetentionRule = { kind: 'until-age', age: 25 };

/** `years-after-closure:6` or `until-age:25` (the RETENTION_RULE setting) as a rule, or null. */
export function parseRetentionRule(text: string): RetentionRule | null {
  const m = /^\s*(years-after-closure|until-age)\s*:\s*(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]);
  const rule = retentionRuleSchema.safeParse(
    m[1] === 'until-age' ? { kind: 'until-age', age: n } : { kind: 'years-after-closure', years: n },
  );
  return rule.success ? rule.data : null;
}

export function describeRetentionRule(rule: RetentionRule): string {
  return rule.kind === 'until-age'
    ? `until the child is ${rule.age}`
    : `${rule.years} year${rule.years === 1 ? '' : 's'} after closure`;
}

/**
 * The same day `years` later; 29 February becomes 1 March in a year without one (the later day, so
 * nothing is disposed of early).
 */
export function addYears(d: LocalDate, years: number): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return makeDate(y + years, m, day);
}

export type RetentionVerdict =
  | {
      due: true;
      /** The first day the case may be disposed of. */
      dueFrom: LocalDate;
      reason: string;
    }
  | {
      due: false;
      why: 'not-closed' | 'reopened-since-closure' | 'held' | 'disposed' | 'within-retention';
      /** When retention ends (only for `within-retention`). */
      dueFrom: LocalDate | null;
      reason: string;
    };

/**
 * Whether a case is due for the disposal review at `now`, with the reason in words (no child data: the
 * admin who reads it sees no child's record).
 *
 * Never due: a case that is not closed (open, reopened), one whose closure predates a reopening (the
 * record is inconsistent: it was reopened since), one under a hold, one already disposed of.
 */
export function retentionVerdict(c: Case, now: Date, rule: RetentionRule): RetentionVerdict {
  if (c.disposal) {
    return { due: false, why: 'disposed', dueFrom: null, reason: 'its personal data was already removed' };
  }
  if (c.status !== 'closed' || c.closure === null) {
    return { due: false, why: 'not-closed', dueFrom: null, reason: 'the case is not closed' };
  }
  const lastReopening = (c.reopenings ?? []).reduce<LocalDate | null>(
    (latest, r) => (latest === null || r.reopenedOn > latest ? r.reopenedOn : latest),
    null,
  );
  if (lastReopening !== null && lastReopening > c.closure.date) {
    return {
      due: false,
      why: 'reopened-since-closure',
      dueFrom: null,
      reason: 'the case was reopened after its recorded closure',
    };
  }
  if (c.retentionHold) {
    return { due: false, why: 'held', dueFrom: null, reason: 'a legal or safeguarding hold is in place' };
  }
  const closedOn = c.closure.date;
  const end =
    rule.kind === 'years-after-closure'
      ? addYears(closedOn, rule.years)
      : // Never before closure, even for a child who was past the age when the case closed.
        maxDate(addYears(c.dateOfBirth, rule.age), closedOn);
  const today = toLondonDate(now);
  // The end of an age rule is the birthday: the reason leaves it out, as the admin reads no child's record.
  const why =
    rule.kind === 'years-after-closure'
      ? `closed on ${closedOn}, kept ${describeRetentionRule(rule)} (to ${end})`
      : `closed on ${closedOn}, kept ${describeRetentionRule(rule)}`;
  return today >= end
    ? { due: true, dueFrom: end, reason: `Retention ended: ${why}.` }
    : { due: false, why: 'within-retention', dueFrom: end, reason: `Within retention: ${why}.` };
}

function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

// --- the monthly review: when the last was held and when the next is due --------------------------

/**
 * One calendar month after a date, on the same day of the month or, where that month is shorter, its
 * last day (31 January -> 28 or 29 February; 31 March -> 30 April).
 */
export function addCalendarMonth(d: LocalDate): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return makeDate(y, m + 1, Math.min(day, last));
}

/**
 * The monthly disposal review's schedule. A review is held when the admin opens it (every opening is
 * audited as `retention.review`; approving a disposal, `retention.dispose`, happens in one), so
 * `previous` is the latest of those before this one; this review was due a calendar month after it
 * (none before: due now), and the next is due a calendar month after today.
 */
export interface ReviewSchedule {
  /** The London date of the last review before this one; null when none is recorded. */
  previous: LocalDate | null;
  /** When this review was due: a calendar month after the previous one, or null when there was none. */
  dueOn: LocalDate | null;
  /** Whether the review was overdue when opened (none before counts as due). */
  overdue: boolean;
  /** A calendar month after today. */
  nextDue: LocalDate;
}

/** Whether the review is due, read without holding one (the admin's navigation). */
export type ReviewDue = Pick<ReviewSchedule, 'previous' | 'dueOn' | 'overdue'>;

export function reviewSchedule(previousAt: Date | null, now: Date): ReviewSchedule {
  const today = toLondonDate(now);
  const previous = previousAt ? toLondonDate(previousAt) : null;
  const dueOn = previous ? addCalendarMonth(previous) : null;
  return {
    previous,
    dueOn,
    overdue: dueOn === null || today > dueOn,
    nextDue: addCalendarMonth(today),
  };
}

// --- what the disposal review answers (GET /api/retention/review), for the API and the tab ----------

/** One case the review proposes: no child's name, date of birth or free text (an admin reads it). */
export interface DisposalCandidate {
  ref: CaseRef;
  version: number;
  yearGroup: YearGroup;
  categories: Category[];
  closedOn: LocalDate;
  closureReason: ClosureReason;
  reason: string;
  willGo: { kind: string; count: number }[];
}

export interface HeldCase {
  ref: CaseRef;
  version: number;
  closedOn: LocalDate | null;
  hold: { reason: string; setBy: string; setAt: string };
}

/** GET /api/retention/review: the cases due, with what each disposal would change, and those held. */
export interface DisposalReview {
  asOf: LocalDate;
  rule: string;
  due: DisposalCandidate[];
  held: HeldCase[];
  /** When the last review was held and when the next is due (monthly). */
  schedule: ReviewSchedule;
}
