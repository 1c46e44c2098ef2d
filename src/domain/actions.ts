/** Rules about a SMART action's due date: overdue, due soon, deferrals. */
import type { CalendarSettings } from './calendar';
import { workingDaysBetween } from './calendar';
import type { Action, LocalDate } from './types';

type DueAction = Pick<Action, 'status' | 'dueDate'>;

/** An open action whose due date is before `today` (an action due today is not overdue yet). */
export function isOverdue(action: DueAction, today: LocalDate): boolean {
  return action.status === 'open' && action.dueDate < today;
}

/**
 * Working days an action is overdue by: working days after the due date up to and including `today`;
 * 0 when it is not overdue (done, cancelled, or not yet past due).
 */
export function workingDaysOverdue(action: DueAction, today: LocalDate, cal: CalendarSettings): number {
  return isOverdue(action, today) ? workingDaysBetween(action.dueDate, today, cal) : 0;
}

/**
 * An open action due today or within `withinWorkingDays` working days of `today` (the bot's "due soon"
 * reminder). An overdue action is not "due soon": it has its own reminder.
 */
export function isDueSoon(
  action: DueAction,
  today: LocalDate,
  cal: CalendarSettings,
  withinWorkingDays: number,
): boolean {
  if (action.status !== 'open' || action.dueDate < today) return false;
  return workingDaysBetween(today, action.dueDate, cal) <= withinWorkingDays;
}

/**
 * An action's state in words, as the tab shows it and the bot reminds of it: computed here (on the server)
 * with the council's calendar and the bot's "due soon" setting, so the badge and the reminder agree.
 * `closed` is done or cancelled (the tab shows which from the status).
 */
export type ActionTiming = 'overdue' | 'due-soon' | 'on-track' | 'closed';

export function actionTiming(
  action: DueAction,
  today: LocalDate,
  cal: CalendarSettings,
  dueSoonWorkingDays: number,
): ActionTiming {
  if (action.status !== 'open') return 'closed';
  if (isOverdue(action, today)) return 'overdue';
  return isDueSoon(action, today, cal, dueSoonWorkingDays) ? 'due-soon' : 'on-track';
}

/** How many times the due date was moved; each change is a deferral. */
export function deferralCount(action: Pick<Action, 'deferrals'>): number {
  return action.deferrals.length;
}
