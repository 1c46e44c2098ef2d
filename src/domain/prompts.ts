/**
 * Statutory prompts: duties the group should be reminded of for a case.
 * - A permanently excluded child must have full-time provision from the 6th school day of the exclusion
 *   (`policy.exclusionProvisionSchoolDay`).
 * - A part-time timetable must be time-limited and reviewed: one with no end or review date, or past
 *   either, needs attention.
 */
import { addSchoolDays, isSchoolDay } from './calendar';
import type { Policy } from './policy';
import type { Case, LocalDate } from './types';
import { ukDate } from './ukDates';

/** One prompt for a case. `dueOn` is the date the duty fell due, or null when there is no date. */
export interface StatutoryPrompt {
  code:
    'day6-no-provision' | 'timetable-no-end-or-review' | 'timetable-end-passed' | 'timetable-review-passed';
  dueOn: LocalDate | null;
  message: string;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The school day from which a permanently excluded child must have provision: day 1 is the exclusion
 * date when it is a school day (else the next school day), and the count runs in school days, which skip
 * weekends, bank holidays, closures and the school holidays in settings.
 */
export function exclusionProvisionDay(exclusionDate: LocalDate, policy: Policy): LocalDate {
  const cal = policy.calendar;
  const day1 = isSchoolDay(exclusionDate, cal) ? exclusionDate : addSchoolDays(exclusionDate, 1, cal);
  return addSchoolDays(day1, policy.exclusionProvisionSchoolDay - 1, cal);
}

/**
 * The statutory prompts that apply to a case on `today`; none for a closed case. Messages carry no child
 * data.
 */
export function statutoryPrompts(
  c: Pick<
    Case,
    'status' | 'categories' | 'provision' | 'exclusionDate' | 'timetableEndDate' | 'timetableReviewDate'
  >,
  today: LocalDate,
  policy: Policy,
): StatutoryPrompt[] {
  if (c.status === 'closed') return [];
  const prompts: StatutoryPrompt[] = [];

  if (c.categories.includes('permanently-excluded') && c.exclusionDate !== null && c.provision === 'none') {
    const due = exclusionProvisionDay(c.exclusionDate, policy);
    if (today >= due) {
      prompts.push({
        code: 'day6-no-provision',
        dueOn: due,
        message: `Permanently excluded with no provision recorded: provision was required from the ${ordinal(policy.exclusionProvisionSchoolDay)} school day (${ukDate(due)}).`,
      });
    }
  }

  if (c.provision === 'part-time-timetable') {
    const end = c.timetableEndDate;
    const review = c.timetableReviewDate;
    if (end === null && review === null) {
      prompts.push({
        code: 'timetable-no-end-or-review',
        dueOn: null,
        message: 'Part-time timetable with no end date or review date: set when it ends or will be reviewed.',
      });
    }
    if (end !== null && end < today) {
      prompts.push({
        code: 'timetable-end-passed',
        dueOn: end,
        message: `Part-time timetable end date ${end} has passed: confirm the return to full-time education or agree a new arrangement.`,
      });
    }
    if (review !== null && review < today) {
      prompts.push({
        code: 'timetable-review-passed',
        dueOn: review,
        message: `Part-time timetable review date ${review} has passed: review it and record the outcome.`,
      });
    }
  }

  return prompts;
}
