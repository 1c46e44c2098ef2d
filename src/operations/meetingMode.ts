/**
 * Running a meeting (issue 5): start (the agenda is frozen), record each case as it is discussed, act on it (actions, concern, lead, escalation, closure), finish (minutes are rendered
 * and stored), publish. Every entry is saved as it is made; each case's record has its own version so the
 * chair's second device can carry on where the first left off without false conflicts.
 */
import { asPerson } from '../auth/principal';
import { toLondonDate } from '../domain/calendar';
import { ConflictError, InvalidError, NotFoundError } from '../domain/errors';
import { previousMeeting } from '../domain/meetings';
import type { MinutesContent } from '../domain/minutes';
import type { Lead, Meeting, MeetingCaseRecord } from '../domain/types';
import type { ActionView, MeetingCaseView } from '../domain/views';
import { minutesContentFrom, minutesRecordOf } from '../documents/minutesRecord';
import type { MinutesDocument } from '../store/ports';
import { createAction } from './actions';
import { closeCase, getCase, loadCase, updateCase } from './cases';
import { type Call, type OperationDeps, audit, authorize, nowIso } from './context';
import { escalateCase } from './escalations';
import type { ActionInput, CloseCaseInput, EscalateInput, RecordInput } from '../contract/inputs';
import { agendaFor, getMeeting, loadMeeting, requireStatus } from './meetings';

async function auditMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  action: 'meeting.create' | 'meeting.update' | 'meeting.publish',
  fields: string[],
  from: number | null,
  to: number,
): Promise<void> {
  await audit(deps, call, action, id, fields, from, to);
}

/** Starts the meeting: the agenda is computed now and frozen into it, so later edits don't reshuffle it. */
export async function startMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
): Promise<Meeting> {
  await authorize(deps, call, 'meeting.run', id);
  const m = await loadMeeting(deps, id);
  requireStatus(m, 'scheduled');
  const agenda = await agendaFor(deps, call, new Date(m.startsAt));
  const updated = await deps.store.meetings.update(
    id,
    expectedVersion,
    { status: 'in-progress', agenda, chair: m.chair ?? asPerson(call.caller) },
    nowIso(call),
  );
  await auditMeeting(
    deps,
    call,
    id,
    'meeting.update',
    ['status', 'agenda'],
    expectedVersion,
    updated.version,
  );
  return updated;
}

export type { MeetingCaseView };

/** One case as the meeting sees it: key facts, open actions, what changed since last time, this meeting's record. */
export async function getMeetingCase(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
): Promise<MeetingCaseView> {
  const m = await getMeeting(deps, call, id);
  const detail = await getCase(deps, call, ref);
  const all = await deps.store.meetings.list({});
  const prev = previousMeeting(
    new Date(new Date(m.startsAt).getTime() - 1),
    all.filter((x) => x.id !== m.id),
  );
  const since = prev?.startsAt ?? null;
  const prevRecord = prev?.records.find((r) => r.caseRef === ref) ?? null;
  const sinceDay = since ? toLondonDate(new Date(since)) : null;
  const item = m.agenda?.find((i) => i.caseRef === ref) ?? null;
  return {
    meetingId: m.id,
    detail,
    agendaItem: item ? { section: item.section, reasons: item.reasons } : null,
    record: m.records.find((r) => r.caseRef === ref) ?? null,
    previousRecord: prev && prevRecord ? { ...prevRecord, meetingStartsAt: prev.startsAt } : null,
    sincePrevious: {
      since,
      updates: since ? detail.updates.filter((u) => u.at > since) : detail.updates,
      actionsSet: since ? detail.actions.filter((a) => a.createdAt > since) : detail.actions,
      actionsCompleted: detail.actions.filter(
        (a) => a.completedOn !== null && (sinceDay === null || a.completedOn >= sinceDay),
      ),
    },
  };
}

type RecordChange = Partial<Omit<MeetingCaseRecord, 'caseRef' | 'version' | 'updatedAt'>>;

/**
 * Writes one case's record in an in-progress meeting. With `expectedRecordVersion` (0 = no record yet) a
 * stale save of the same case is a conflict carrying the current record; saves of other cases that raced
 * it are merged by re-reading, so nothing either device typed is lost.
 */
async function writeRecord(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
  expectedRecordVersion: number | null,
  change: (current: MeetingCaseRecord | null) => RecordChange,
): Promise<MeetingCaseRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const m = await loadMeeting(deps, id);
    requireStatus(m, 'in-progress');
    const current = m.records.find((r) => r.caseRef === ref) ?? null;
    if (expectedRecordVersion !== null && (current?.version ?? 0) !== expectedRecordVersion) {
      throw new ConflictError(current, 'This case was saved from another device since you opened it.');
    }
    const base: MeetingCaseRecord = current ?? {
      caseRef: ref,
      summary: '',
      decisions: '',
      concernChange: null,
      actionIds: [],
      escalationId: null,
      closure: null,
      challengeNote: null,
      leadChange: null,
      version: 0,
      updatedAt: nowIso(call),
    };
    const next: MeetingCaseRecord = {
      ...base,
      ...change(current),
      version: base.version + 1,
      updatedAt: nowIso(call),
    };
    const records = current ? m.records.map((r) => (r.caseRef === ref ? next : r)) : [...m.records, next];
    try {
      const updated = await deps.store.meetings.update(id, m.version, { records }, nowIso(call));
      await auditMeeting(deps, call, id, 'meeting.update', [`records.${ref}`], m.version, updated.version);
      return next;
    } catch (e) {
      // Another case's record was saved in between: read again and re-apply this one.
      if (e instanceof ConflictError) continue;
      throw e;
    }
  }
  throw new ConflictError(null, 'The meeting is being changed too often to save; please try again.');
}

/** Saves what was said and decided about one case (autosaved by the tab as the chair types). */
export async function saveRecord(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
  expectedRecordVersion: number,
  input: RecordInput,
): Promise<MeetingCaseRecord> {
  await authorize(deps, call, 'meeting.run', id);
  await loadCase(deps, ref);
  return writeRecord(deps, call, id, ref, expectedRecordVersion, () => input);
}

/** A SMART action set by the meeting for this case. */
export async function addMeetingAction(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
  input: Omit<ActionInput, 'caseRef' | 'meetingId'>,
): Promise<ActionView> {
  await authorize(deps, call, 'meeting.run', id);
  requireStatus(await loadMeeting(deps, id), 'in-progress');
  const action = await createAction(deps, call, { ...input, caseRef: ref, meetingId: id });
  await writeRecord(deps, call, id, ref, null, (r) => ({ actionIds: [...(r?.actionIds ?? []), action.id] }));
  return action;
}

/** Changes the case's concern level and records the change in the minutes. */
export async function changeConcernInMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
  expectedCaseVersion: number,
  concern: 'high' | 'medium' | 'low',
) {
  await authorize(deps, call, 'meeting.run', id);
  requireStatus(await loadMeeting(deps, id), 'in-progress');
  const before = await loadCase(deps, ref);
  const updated = await updateCase(deps, call, ref, expectedCaseVersion, { concern });
  const record = await writeRecord(deps, call, id, ref, null, (r) => ({
    // The minutes show the change across the whole meeting: keep the level it came in with.
    concernChange:
      (r?.concernChange?.from ?? before.concern) === concern
        ? null
        : { from: r?.concernChange?.from ?? before.concern, to: concern },
  }));
  return { case: updated, record };
}

/** Robust challenge: reassign the lead professional, recorded in the minutes. */
export async function reassignLeadInMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
  expectedCaseVersion: number,
  lead: Lead,
) {
  await authorize(deps, call, 'meeting.run', id);
  requireStatus(await loadMeeting(deps, id), 'in-progress');
  const before = await loadCase(deps, ref);
  const updated = await updateCase(deps, call, ref, expectedCaseVersion, { lead });
  const record = await writeRecord(deps, call, id, ref, null, (r) => ({
    leadChange: { from: r?.leadChange?.from ?? before.lead?.name ?? null, to: lead.name },
  }));
  return { case: updated, record };
}

export async function escalateInMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
  expectedCaseVersion: number,
  input: EscalateInput,
) {
  await authorize(deps, call, 'meeting.run', id);
  requireStatus(await loadMeeting(deps, id), 'in-progress');
  const result = await escalateCase(deps, call, ref, expectedCaseVersion, { ...input, meetingId: id });
  const record = await writeRecord(deps, call, id, ref, null, () => ({ escalationId: result.escalation.id }));
  return { ...result, record };
}

export async function closeInMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  ref: string,
  expectedCaseVersion: number,
  input: CloseCaseInput,
) {
  await authorize(deps, call, 'meeting.run', id);
  requireStatus(await loadMeeting(deps, id), 'in-progress');
  const updated = await closeCase(deps, call, ref, expectedCaseVersion, input);
  const record = await writeRecord(deps, call, id, ref, null, () => ({ closure: updated.closure }));
  return { case: updated, record };
}

/** The minutes as the meeting's records and the cases, actions and escalations stand now. */
function minutesContent(deps: OperationDeps, m: Meeting): Promise<MinutesContent> {
  return minutesContentFrom(deps.store, m);
}

/**
 * Finishes the meeting: its minutes are built once, rendered, and the document is stored with the content
 * it was rendered from (the record: what the tab shows from then on, however the cases change); then the
 * meeting is completed. Minutes first, so a failure in between leaves the meeting in progress with
 * minutes that a second finish replaces, never a completed meeting without minutes.
 */
export async function finishMeeting(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
): Promise<Meeting> {
  await authorize(deps, call, 'meeting.run', id);
  const m = await loadMeeting(deps, id);
  requireStatus(m, 'in-progress');
  // The minutes are of this version of the meeting: a stale finish writes nothing (the update below
  // checks the version again, for a save that lands while the minutes are rendered).
  if (m.version !== expectedVersion) throw new ConflictError(m);
  const content = await minutesContent(deps, m);
  await deps.store.minutes.put(await minutesRecordOf(content, id, nowIso(call)));
  const updated = await deps.store.meetings.update(
    id,
    expectedVersion,
    { status: 'completed' },
    nowIso(call),
  );
  await auditMeeting(
    deps,
    call,
    id,
    'meeting.update',
    ['status', 'minutes'],
    expectedVersion,
    updated.version,
  );
  return updated;
}

/** Publishes the minutes (the bot announces it). Only a completed meeting with minutes can be published. */
export async function publishMinutes(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
): Promise<Meeting> {
  await authorize(deps, call, 'minutes.publish', id);
  const m = await loadMeeting(deps, id);
  requireStatus(m, 'completed');
  if (!(await deps.store.minutes.get(id))) {
    throw new InvalidError('This meeting has no minutes yet.', [{ path: 'minutes', message: 'are missing' }]);
  }
  const updated = await deps.store.meetings.update(
    id,
    expectedVersion,
    { minutesPublishedAt: nowIso(call) },
    nowIso(call),
  );
  await auditMeeting(
    deps,
    call,
    id,
    'meeting.publish',
    ['minutesPublishedAt'],
    expectedVersion,
    updated.version,
  );
  return updated;
}

/** The minutes document; opening it is audited, since it names children. */
export async function getMinutesDocument(
  deps: OperationDeps,
  call: Call,
  id: string,
): Promise<MinutesDocument> {
  await authorize(deps, call, 'minutes.read', id);
  const doc = await deps.store.minutes.get(id);
  if (!doc) throw new NotFoundError(`Minutes of meeting ${id}`);
  await audit(deps, call, 'minutes.view', id);
  return doc;
}

/**
 * The minutes' content for reading in the tab. For a completed meeting it is what was stored when the
 * meeting finished, the same content the document was rendered from. While the meeting is in progress it
 * is a draft built from the records as they stand.
 */
export async function getMinutesContent(
  deps: OperationDeps,
  call: Call,
  id: string,
): Promise<MinutesContent> {
  await authorize(deps, call, 'minutes.read', id);
  const m = await loadMeeting(deps, id);
  if (m.status === 'scheduled' || m.status === 'cancelled') {
    throw new InvalidError('This meeting has not been held.', [
      { path: 'status', message: `is ${m.status}` },
    ]);
  }
  const stored = m.status === 'completed' ? await deps.store.minutes.getContent(id) : null;
  await audit(deps, call, 'minutes.view', id);
  // LEGACY: a meeting completed before the content was stored with its minutes has only the .docx
  // (which stays the record). Its content is rebuilt from today's data rather than refused, so the
  // archive still reads; it may differ from the document where a case has changed since.
  return stored ?? minutesContent(deps, m);
}
