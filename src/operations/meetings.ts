/**
 * Meeting use cases: the schedule (one meeting, the cadence's next ones, details, cancelling), the next
 * meeting and the agenda. Running a meeting (meetingMode.ts, issue 5) builds on these. The agenda is computed live until the meeting starts, then read from the frozen copy.
 */
import { buildAgenda } from '../domain/agenda';
import { InvalidError, NotFoundError } from '../domain/errors';
import { cadenceMeetings, nextMeetingOnOrAfter } from '../domain/meetings';
import { toLondonDate } from '../domain/calendar';
import { type AgendaItem, type Case, type Meeting, OPEN_CASE_STATUSES } from '../domain/types';
import { assertDates, meetingDateIssues } from '../domain/dateRules';
import { type Call, type OperationDeps, audit, auditListView, authorize, nowIso, today } from './context';
import type { NewMeeting } from '../store/ports';
import type { MeetingDetailsInput, ScheduleMeetingInput } from '../contract/inputs';

/** The stored meeting, or NotFound. No permission check: the caller has made it. */
export async function loadMeeting(deps: OperationDeps, id: string): Promise<Meeting> {
  const m = await deps.store.meetings.get(id);
  if (!m) throw new NotFoundError(`Meeting ${id}`);
  return m;
}

/** Refuses (Invalid, on `status`) unless the meeting is in one of the `allowed` states. */
export function requireStatus(m: Meeting, ...allowed: Meeting['status'][]): void {
  if (!allowed.includes(m.status)) {
    throw new InvalidError(
      `This meeting is ${m.status}; that is possible only when it is ${allowed.join(' or ')}.`,
      [{ path: 'status', message: `is ${m.status}` }],
    );
  }
}

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

/** A meeting still to be held: no agenda, records or minutes yet; chair and attendance as given. */
function scheduled(
  startsAt: string,
  people: Pick<NewMeeting, 'chair' | 'attendees' | 'apologies'> = {
    chair: null,
    attendees: [],
    apologies: [],
  },
): NewMeeting {
  return { startsAt, ...people, status: 'scheduled', agenda: null, records: [], minutesPublishedAt: null };
}

export async function scheduleMeeting(
  deps: OperationDeps,
  call: Call,
  input: ScheduleMeetingInput,
): Promise<Meeting> {
  await authorize(deps, call, 'meeting.run', 'meetings');
  assertDates(meetingDateIssues(input.startsAt, today(call)));
  const created = await deps.store.meetings.create(
    scheduled(new Date(input.startsAt).toISOString(), {
      chair: input.chair ?? null,
      attendees: input.attendees,
      apologies: input.apologies,
    }),
    nowIso(call),
  );
  await audit(deps, call, 'meeting.create', created.id, [], null, created.version);
  return created;
}

/**
 * Stores the next `count` meetings on the cadence that are not stored yet (a date with a stored meeting,
 * even a cancelled one, is left alone). Safe to run again.
 */
export async function scheduleFromCadence(
  deps: OperationDeps,
  call: Call,
  count: number,
): Promise<Meeting[]> {
  await authorize(deps, call, 'meeting.run', 'meetings');
  const stored = await deps.store.meetings.list({});
  const taken = new Set(stored.map((m) => toLondonDate(new Date(m.startsAt))));
  const created: Meeting[] = [];
  for (const next of cadenceMeetings(deps.policy, today(call), count)) {
    if (taken.has(next.date)) continue;
    const m = await deps.store.meetings.create(scheduled(next.startsAt), nowIso(call));
    await audit(deps, call, 'meeting.create', m.id, [], null, m.version);
    created.push(m);
  }
  return created;
}

/** Attendees, apologies, chair; the time only while the meeting is still scheduled. */
export async function updateMeetingDetails(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
  input: MeetingDetailsInput,
): Promise<Meeting> {
  await authorize(deps, call, 'meeting.run', id);
  const m = await loadMeeting(deps, id);
  if (input.startsAt !== undefined) requireStatus(m, 'scheduled');
  assertDates(meetingDateIssues(input.startsAt, today(call)));
  requireStatus(m, 'scheduled', 'in-progress');
  const patch = { ...input, ...(input.startsAt ? { startsAt: new Date(input.startsAt).toISOString() } : {}) };
  const updated = await deps.store.meetings.update(id, expectedVersion, patch, nowIso(call));
  await audit(deps, call, 'meeting.update', id, Object.keys(input), expectedVersion, updated.version);
  return updated;
}

/** Cancels a meeting that has not started (it stays stored, so the cadence does not schedule it again). */
export async function cancelMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
): Promise<Meeting> {
  await authorize(deps, call, 'meeting.run', id);
  requireStatus(await loadMeeting(deps, id), 'scheduled');
  const updated = await deps.store.meetings.update(
    id,
    expectedVersion,
    { status: 'cancelled' },
    nowIso(call),
  );
  await audit(deps, call, 'meeting.update', id, ['status'], expectedVersion, updated.version);
  return updated;
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
