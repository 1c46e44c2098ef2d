/** Rules about an escalation's response (ToR §4-5: cases are escalated to senior managers). */
import { addWorkingDays } from './calendar';
import type { Policy } from './policy';
import type { Escalation, LocalDate } from './types';

type AwaitedEscalation = Pick<Escalation, 'response' | 'responseDue'>;

/** No response recorded yet. */
export function isAwaitingResponse(e: Pick<Escalation, 'response'>): boolean {
  return e.response === null;
}

/**
 * Awaiting a response after its due date: overdue from the day after `responseDue`, the day the bot's
 * "escalation response overdue" prompt is planned for (`notifications.ts`).
 */
export function isResponseOverdue(e: AwaitedEscalation, today: LocalDate): boolean {
  return isAwaitingResponse(e) && e.responseDue < today;
}

/**
 * The response date of an escalation raised on `today` when the chair chooses none: the policy's working
 * days on the council's calendar (closure days included).
 */
export function defaultResponseDue(
  today: LocalDate,
  policy: Pick<Policy, 'escalationResponseWorkingDays' | 'calendar'>,
): LocalDate {
  return addWorkingDays(today, policy.escalationResponseWorkingDays, policy.calendar);
}
