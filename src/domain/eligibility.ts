/**
 * Eligibility for the group (ToR §3). A referral that does not meet it is still accepted, with visible
 * warnings: the group decides, and a child is never silently dropped.
 */
import { daysBetween } from './calendar';
import type { Policy } from './policy';
import type { CaseFields, Category, LocalDate, Provision } from './types';
import { nationalCurriculumYear, yearGroupMismatch } from './yearGroup';

/**
 * Whole weeks (rounded down) from `outOfEducationSince` to `today`; null when there is no date and 0
 * when the date is today or in the future (a date typed ahead of time must not count as time out).
 */
export function weeksOut(outOfEducationSince: LocalDate | null, today: LocalDate): number | null {
  if (outOfEducationSince === null) return null;
  const days = daysBetween(outOfEducationSince, today);
  return days <= 0 ? 0 : Math.floor(days / 7);
}

/** Why a referral may be outside the terms of reference. Messages carry no child data. */
export interface EligibilityWarning {
  code:
    | 'outside-compulsory-age'
    | 'out-less-than-threshold'
    | 'no-out-of-education-date'
    | 'arrangement-not-of-concern'
    | 'year-group-mismatch';
  message: string;
}

export type EligibilityFields = Pick<
  CaseFields,
  'dateOfBirth' | 'yearGroup' | 'provision' | 'outOfEducationSince' | 'categories' | 'concernNotes'
>;

/** Provisions that are "EHE, alternative or part-time arrangements" (ToR §3, second limb). */
const ARRANGEMENT_PROVISIONS: ReadonlySet<Provision> = new Set([
  'part-time-timetable',
  'alternative-provision',
  'ehe',
  'section-19',
  'other',
]);
const ARRANGEMENT_CATEGORIES: ReadonlySet<Category> = new Set(['part-time-or-ap', 'ehe-unsatisfactory']);
/** Categories that in themselves say an arrangement is unstable or of concern. */
const CONCERN_CATEGORIES: ReadonlySet<Category> = new Set([
  'ehe-unsatisfactory',
  'part-time-or-ap',
  'off-rolling',
]);

/**
 * Checks a referral against ToR §3: compulsory school age (R–11, by date of birth) and either
 * - out of any provision (provision `none`) for at least `policy.eligibilityWeeksOut` weeks, or
 * - on EHE, alternative or part-time arrangements (by provision or category) that are unstable or of
 *   concern (concern notes given, or a category that says so).
 *
 * `eligible` is false when either condition fails, and `warnings` says why. A year group that differs
 * from the date of birth is a warning only: it never makes a referral ineligible by itself.
 */
export function checkEligibility(
  fields: EligibilityFields,
  today: LocalDate,
  policy: Policy,
): { eligible: boolean; warnings: EligibilityWarning[] } {
  const warnings: EligibilityWarning[] = [];

  // Age is judged from the date of birth: the typed year group may be out of cohort (or mistyped).
  const ncy = nationalCurriculumYear(fields.dateOfBirth, today);
  const ofCompulsoryAge = ncy >= 0 && ncy <= 11;
  if (!ofCompulsoryAge) {
    warnings.push({
      code: 'outside-compulsory-age',
      message: `By date of birth the child is ${ncy < 0 ? 'below' : 'above'} compulsory school age (Reception to Year 11), which is outside the terms of reference (§3).`,
    });
  }

  const mismatch = yearGroupMismatch(fields.dateOfBirth, fields.yearGroup, today);
  if (mismatch !== null) warnings.push({ code: 'year-group-mismatch', message: mismatch });

  const threshold = policy.eligibilityWeeksOut;
  const weeks = weeksOut(fields.outOfEducationSince, today);
  const outLongEnough = fields.provision === 'none' && weeks !== null && weeks >= threshold;

  const onArrangement =
    ARRANGEMENT_PROVISIONS.has(fields.provision) ||
    fields.categories.some((c) => ARRANGEMENT_CATEGORIES.has(c));
  const ofConcern =
    (fields.concernNotes ?? '').trim() !== '' || fields.categories.some((c) => CONCERN_CATEGORIES.has(c));
  const arrangementOfConcern = onArrangement && ofConcern;

  const meetsDefinition = outLongEnough || arrangementOfConcern;
  if (!meetsDefinition) {
    // Explain the limb the referral is closest to, so the referrer knows what to add or check.
    if (onArrangement) {
      warnings.push({
        code: 'arrangement-not-of-concern',
        message:
          'The current arrangement is not recorded as unstable or of concern: add concern notes, or a category such as EHE deemed unsatisfactory.',
      });
    } else if (weeks === null) {
      warnings.push({
        code: 'no-out-of-education-date',
        message: `No "out of education since" date is recorded, so the ${threshold}-week threshold (§3) cannot be checked.`,
      });
    } else {
      warnings.push({
        code: 'out-less-than-threshold',
        message: `Out of education for ${weeks} ${weeks === 1 ? 'week' : 'weeks'}, less than the ${threshold} weeks in the terms of reference (§3).`,
      });
    }
  }

  return { eligible: ofCompulsoryAge && meetsDefinition, warnings };
}
