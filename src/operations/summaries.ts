/**
 * Short read-only views for places with little room (the bot's "my actions" and "agenda" commands):
 * each item carries the case's data-minimised label (`channelLabel`) so the caller can show it in a channel
 * without ever holding more than ref, initials and year group.
 */
import { isOverdue } from '../domain/actions';
import { nextMeetingOnOrAfter } from '../domain/meetings';
import { channelLabel } from '../domain/minimise';
import { type Action, type AgendaItem, type LocalDate, OPEN_CASE_STATUSES } from '../domain/types';
import { listActions } from './actions';
import { type Call, type OperationDeps, authorize, today } from './context';
import { agendaFor } from './meetings';

export interface LabelledAction {
  action: Action;
  /** "CMOE-0042 (A.B., Year 7)". */
  caseLabel: string;
  overdue: boolean;
}

/** The caller's open actions, due soonest first, with their cases' minimised labels. */
export async function myOpenActions(deps: OperationDeps, call: Call): Promise<LabelledAction[]> {
  const actions = await listActions(deps, call, { mine: true, status: ['open'] });
  const refs = [...new Set(actions.map((a) => a.caseRef))];
  const cases = await Promise.all(refs.map((ref) => deps.store.cases.get(ref)));
  const labels = new Map<string, string>();
  for (const c of cases) if (c) labels.set(c.ref, channelLabel(c));
  const day = today(call);
  return actions.map((action) => ({
    action,
    caseLabel: labels.get(action.caseRef) ?? action.caseRef,
    overdue: isOverdue(action, day),
  }));
}

export interface AgendaSummary {
  meeting: { id: string | null; date: LocalDate; startsAt: string };
  /** True once the meeting has started and its agenda is fixed. */
  frozen: boolean;
  items: (AgendaItem & { caseLabel: string })[];
}

/**
 * The agenda of the next meeting from today (a stored one, or the next on the cadence when none is
 * scheduled yet), each item with its case's minimised label.
 */
export async function nextAgendaSummary(deps: OperationDeps, call: Call): Promise<AgendaSummary> {
  await authorize(deps, call, 'meeting.read', 'meetings');
  const meetings = await deps.store.meetings.list({});
  const next = nextMeetingOnOrAfter(today(call), meetings, deps.policy);
  const cases = await deps.store.cases.list({ status: [...OPEN_CASE_STATUSES] });
  // A started meeting's agenda is frozen into it; otherwise it is worked out from the lists read here.
  const stored = next.meetingId === null ? undefined : meetings.find((m) => m.id === next.meetingId);
  const frozen = stored?.agenda != null;
  const items =
    stored?.agenda ?? (await agendaFor(deps, call, new Date(next.startsAt), { openCases: cases, meetings }));
  const labels = new Map(cases.map((c) => [c.ref, channelLabel(c)]));
  return {
    meeting: { id: next.meetingId, date: next.date, startsAt: next.startsAt },
    frozen,
    items: items.map((i) => ({ ...i, caseLabel: labels.get(i.caseRef) ?? i.caseRef })),
  };
}
