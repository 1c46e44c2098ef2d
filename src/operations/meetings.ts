/**
 * Meeting use cases: the schedule, the next meeting and the agenda. Running a meeting (issue 5) builds on
 * these. The agenda is computed live until the meeting starts, then read from the frozen copy.
 */
import { buildAgenda } from '../domain/agenda';
import { NotFoundError } from '../domain/errors';
import { nextMeetingOnOrAfter } from '../domain/meetings';
import { toLondonDate } from '../domain/calendar';
import { type AgendaItem, type Case, type Meeting, OPEN_CASE_STATUSES } from '../domain/types';
import { assertDates, meetingDateIssues } from '../domain/dateRules';
import { type Call, type OperationDeps, audit, auditListView, authorize, nowIso, today } from './context';
import type { ScheduleMeetingInput } from '../contract/inputs';

export async function listMeetings(
  deps: OperationDeps,
  call: Call,
  query: { from?: string; to?: string },
): Promise<Meeting[]> {
  await authorize(deps, call, 'meeting.read', 'meetings');
  const list = await deps.store.meetings.list(query);
  // Meetings that recorded their discussion of cases (summaries, decisions) show children's records.
  if (list.some((m) => m.records.length > 0)) await auditListView(deps, call, 'meetings', query);
  return list;
}

/** One meeting for the tab: a view of the cases it recorded, when it recorded any (see getMeeting). */
export async function viewMeeting(deps: OperationDeps, call: Call, id: string): Promise<Meeting> {
  const m = await getMeeting(deps, call, id);
  if (m.records.length > 0) await audit(deps, call, 'case.list', id, ['records']);
  return m;
}

/** One meeting, unaudited: for operations that show less of it (the agenda) or audit themselves. */
export async function getMeeting(deps: OperationDeps, call: Call, id: string): Promise<Meeting> {
  await authorize(deps, call, 'meeting.read', id);
  const m = await deps.store.meetings.get(id);
  if (!m) throw new NotFoundError(`Meeting ${id}`);
  return m;
}

/** The next meeting from today: a stored one, or the next on the cadence (not yet scheduled). */
export async function nextMeeting(
  deps: OperationDeps,
  call: Call,
): Promise<{ date: string; startsAt: string; meetingId: string | null }> {
  await authorize(deps, call, 'meeting.read', 'meetings');
  const meetings = await deps.store.meetings.list({});
  // The meeting to open now: one still running (even if it began on an earlier day) comes first.
  const running = meetings.find((m) => m.status === 'in-progress');
  if (running) {
    return {
      date: toLondonDate(new Date(running.startsAt)),
      startsAt: running.startsAt,
      meetingId: running.id,
    };
  }
  // Then the next one still to be held (not one completed earlier today).
  return nextMeetingOnOrAfter(today(call), meetings, deps.policy, { stillToBeHeld: true });
}

export async function scheduleMeeting(
  deps: OperationDeps,
  call: Call,
  input: ScheduleMeetingInput,
): Promise<Meeting> {
  await authorize(deps, call, 'meeting.run', 'meetings');
  assertDates(meetingDateIssues(input.startsAt, today(call)));
  const created = await deps.store.meetings.create(
    {
      startsAt: new Date(input.startsAt).toISOString(),
      chair: input.chair ?? null,
      attendees: input.attendees,
      apologies: input.apologies,
      status: 'scheduled',
      agenda: null,
      records: [],
      minutesPublishedAt: null,
    },
    nowIso(call),
  );
  await audit(deps, call, 'meeting.create', created.id, [], null, created.version);
  return created;
}

/**
 * The agenda for a meeting starting at `meetingStartsAt`, computed from the store as it is now: what
 * GET .../agenda shows before the meeting starts and what starting it freezes.
 */
export async function agendaFor(
  deps: OperationDeps,
  call: Call,
  meetingStartsAt: Date,
  /** Lists the caller has already read (the open cases, all meetings), so they are not read twice. */
  known: { openCases?: readonly Case[]; meetings?: readonly Meeting[] } = {},
): Promise<AgendaItem[]> {
  const [cases, actions, escalations, meetings] = await Promise.all([
    known.openCases ?? deps.store.cases.list({ status: [...OPEN_CASE_STATUSES] }),
    deps.store.actions.list({ status: ['open', 'done'] }),
    deps.store.escalations.list({ awaitingResponse: true }),
    known.meetings ?? deps.store.meetings.list({}),
  ]);
  return buildAgenda({
    cases,
    actions,
    escalations,
    meetings,
    meetingStartsAt,
    now: call.now,
    policy: deps.policy,
  });
}

/** The agenda in SPEC order, each item with why it is there. */
export async function getAgenda(
  deps: OperationDeps,
  call: Call,
  id: string,
): Promise<{ meeting: Meeting; frozen: boolean; items: AgendaItem[] }> {
  const meeting = await getMeeting(deps, call, id);
  if (meeting.agenda) return { meeting, frozen: true, items: meeting.agenda };
  const items = await agendaFor(deps, call, new Date(meeting.startsAt));
  return { meeting, frozen: false, items };
}
