/**
 * The SMART check on every new action (ToR §5: "SMART actions"). Every part is required and the error
 * names each part that is missing, so the person typing knows exactly what to add.
 */
import type { CalendarSettings } from './calendar';
import { bankHolidays, dayOfWeek, isWeekend } from './calendar';
import type { FieldIssue } from './errors';
import { InvalidError } from './errors';
import type { LocalDate, Person } from './types';
import { localDateSchema, personSchema } from './types';

/** The parts of a SMART action the check requires. */
export type SmartPart = 'specific' | 'measurable' | 'owner' | 'time-bound';

/** What the check reads from a new action; anything may be missing. */
export interface SmartInput {
  description?: string | null;
  successMeasure?: string | null;
  owner?: Person | null;
  dueDate?: LocalDate | null;
}

export type SmartResult =
  { ok: true } | { ok: false; missing: SmartPart[]; issues: FieldIssue[]; message: string };

/** The phrase after "add ..." for each part, in the order the message lists them. */
const ASK: Record<SmartPart, string> = {
  specific: 'a description of what will be done (specific)',
  measurable: 'a success measure (measurable)',
  owner: 'an owner with a name and email address (owner)',
  'time-bound': 'a due date on a future working day (time-bound)',
};

function blank(s: string | null | undefined): boolean {
  return (s ?? '').trim() === '';
}

/** Why `d` is not a working day, for people: "a Saturday", "Christmas Day", "a closure day". */
function whyNotWorking(d: LocalDate, cal: CalendarSettings): string | null {
  if (isWeekend(d)) return dayOfWeek(d) === 6 ? 'a Saturday' : 'a Sunday';
  const holiday = bankHolidays(Number(d.slice(0, 4))).find((h) => h.date === d);
  if (holiday) return holiday.name;
  if (cal.extraClosures.includes(d)) return 'a closure day';
  return null;
}

/** Why a due date is not on a future working day, or null when it is. */
function dueDateProblem(dueDate: LocalDate, today: LocalDate, cal: CalendarSettings): string | null {
  if (!localDateSchema.safeParse(dueDate).success) return `${dueDate} is not a date (use YYYY-MM-DD).`;
  if (dueDate === today) return `${dueDate} is today; the due date must be in the future.`;
  if (dueDate < today) return `${dueDate} is in the past; the due date must be in the future.`;
  const why = whyNotWorking(dueDate, cal);
  return why === null ? null : `${dueDate} is not a working day (${why}).`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Checks that a new action is SMART: a description (specific), a success measure (measurable), an owner
 * (a person with id, name and email) and a due date on a working day after `today` (time-bound).
 *
 * On failure, `missing` lists the parts, `issues` has one entry per field (`description`,
 * `successMeasure`, `owner`, `dueDate`) and `message` says it all in one sentence, e.g. "This action is
 * not SMART yet: add a success measure (measurable) and a due date on a future working day
 * (time-bound)." A due date that was given but is unusable is explained: "2026-12-25 is not a working
 * day (Christmas Day)."
 */
export function checkSmart(input: SmartInput, today: LocalDate, cal: CalendarSettings): SmartResult {
  const missing: SmartPart[] = [];
  const issues: FieldIssue[] = [];

  if (blank(input.description)) {
    missing.push('specific');
    issues.push({ path: 'description', message: 'Describe what will be done (specific).' });
  }
  if (blank(input.successMeasure)) {
    missing.push('measurable');
    issues.push({ path: 'successMeasure', message: 'Say how the group will know it is done (measurable).' });
  }
  if (input.owner == null) {
    missing.push('owner');
    issues.push({ path: 'owner', message: 'Choose who owns this action.' });
  } else if (!personSchema.safeParse(input.owner).success) {
    missing.push('owner');
    issues.push({ path: 'owner', message: 'The owner needs an id, a name and a valid email address.' });
  }
  let dateDetail: string | null = null;
  if (blank(input.dueDate)) {
    missing.push('time-bound');
    issues.push({ path: 'dueDate', message: 'Choose a due date on a future working day (time-bound).' });
  } else {
    dateDetail = dueDateProblem((input.dueDate ?? '').trim(), today, cal);
    if (dateDetail !== null) {
      missing.push('time-bound');
      issues.push({ path: 'dueDate', message: dateDetail });
    }
  }

  if (missing.length === 0) return { ok: true };
  const message =
    `This action is not SMART yet: add ${joinAnd(missing.map((p) => ASK[p]))}.` +
    (dateDetail === null ? '' : ` ${dateDetail}`);
  return { ok: false, missing, issues, message };
}

/** {@link checkSmart}, throwing `InvalidError(message, issues)` when the action is not SMART. */
export function assertSmart(input: SmartInput, today: LocalDate, cal: CalendarSettings): void {
  const result = checkSmart(input, today, cal);
  if (!result.ok) throw new InvalidError(result.message, result.issues);
}
