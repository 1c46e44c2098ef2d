/**
 * The meeting calls: a meeting, its agenda (live before it starts, frozen after), and — for the chair —
 * running it (issue 5). Built on the shared transport so tokens, If-Match and problems behave the same.
 */
import type {
  AgendaItem,
  Attendee,
  Case,
  ClosureReason,
  Concern,
  Escalation,
  EscalationTarget,
  Lead,
  LocalDate,
  Meeting,
  MeetingCaseRecord,
  Person,
} from '../../domain/types';
import type { ActionView, MeetingCaseView } from '../../domain/views';
import type { MinutesContent } from '../../domain/minutes';
import { type Call, type DownloadedFile, queryString } from './transport';

// --- Schedule, read and minutes (A2) ---

/** POST /api/meetings: a one-off meeting (the chair's; the cadence makes the regular ones). */
export interface NewMeeting {
  /** An ISO instant: the tab turns a London date and time into one. */
  startsAt: string;
  chair?: Person | null;
  attendees?: Attendee[];
  apologies?: Attendee[];
}

/** PATCH /api/meetings/:id: only what changed; the time only while the meeting is scheduled. */
export interface MeetingDetailsPatch {
  startsAt?: string;
  chair?: Person | null;
  attendees?: Attendee[];
  apologies?: Attendee[];
}

export interface EscalationQuery {
  caseRef?: string;
  /** Only those still waiting for a response. */
  awaiting?: boolean;
}

/** GET /api/meetings/:id/agenda */
export interface MeetingAgenda {
  meetingId: string;
  startsAt: string;
  /** True once the meeting has started: the agenda no longer moves. */
  frozen: boolean;
  items: AgendaItem[];
}

// --- Running a meeting (A1) ---

/** PUT .../record: what was said and decided; only the fields sent change. */
export interface RecordBody {
  summary?: string;
  decisions?: string;
  challengeNote?: string | null;
}

/** POST .../actions: a SMART action set by the meeting (the server's SMART check names what is missing). */
export interface MeetingActionBody {
  description?: string | null;
  successMeasure?: string | null;
  owner?: Person | null;
  ownerService?: string;
  dueDate?: LocalDate | null;
}

export interface MeetingEscalateBody {
  to: EscalationTarget;
  toName?: string | null;
  reason: string;
  decisionRequested: string;
  responseDue?: LocalDate;
}

export interface MeetingCloseBody {
  reason: ClosureReason;
  date: LocalDate;
  note?: string | null;
}

/** A case-changing step in a meeting answers with the case and the meeting's record of it. */
export interface MeetingCaseChange {
  case: Case;
  record: MeetingCaseRecord;
}

export interface MeetingApi {
  getMeeting(id: string): Promise<Meeting>;
  getAgenda(id: string): Promise<MeetingAgenda>;
  // --- Schedule, read and minutes (A2) ---
  scheduleMeeting(body: NewMeeting): Promise<Meeting>;
  /** Stores the next `count` cadence meetings not stored yet; answers with those it created. */
  scheduleFromCadence(count: number): Promise<Meeting[]>;
  updateMeetingDetails(id: string, version: number, patch: MeetingDetailsPatch): Promise<Meeting>;
  cancelMeeting(id: string, version: number): Promise<Meeting>;
  getMinutesContent(id: string): Promise<MinutesContent>;
  /** The minutes .docx, once the meeting has finished. */
  downloadMinutes(id: string): Promise<DownloadedFile>;
  listEscalations(query?: EscalationQuery): Promise<Escalation[]>;
  // --- Running a meeting (A1) ---
  getMeetingCase(id: string, ref: string): Promise<MeetingCaseView>;
  /** `recordVersion` is the record's own version, 0 when the case has no record yet. */
  saveRecord(id: string, ref: string, recordVersion: number, body: RecordBody): Promise<MeetingCaseRecord>;
  addMeetingAction(id: string, ref: string, body: MeetingActionBody): Promise<ActionView>;
  /** The case-changing steps are conditional on the CASE's version. */
  changeConcern(id: string, ref: string, caseVersion: number, concern: Concern): Promise<MeetingCaseChange>;
  reassignLead(id: string, ref: string, caseVersion: number, lead: Lead): Promise<MeetingCaseChange>;
  escalateInMeeting(
    id: string,
    ref: string,
    caseVersion: number,
    body: MeetingEscalateBody,
  ): Promise<MeetingCaseChange & { escalation: Escalation }>;
  closeInMeeting(
    id: string,
    ref: string,
    caseVersion: number,
    body: MeetingCloseBody,
  ): Promise<MeetingCaseChange>;
  /** Start, finish and publish are conditional on the MEETING's version. */
  startMeeting(id: string, version: number): Promise<Meeting>;
  finishMeeting(id: string, version: number): Promise<Meeting>;
  publishMinutes(id: string, version: number): Promise<Meeting>;
}

export function meetingApi(call: Call): MeetingApi {
  const enc = encodeURIComponent;
  const casePath = (id: string, ref: string) => `/api/meetings/${enc(id)}/cases/${enc(ref)}`;
  return {
    getMeeting: (id) => call('GET', `/api/meetings/${enc(id)}`),
    getAgenda: (id) => call('GET', `/api/meetings/${enc(id)}/agenda`),
    // --- Schedule, read and minutes (A2) ---
    scheduleMeeting: (body) => call('POST', '/api/meetings', { body }),
    scheduleFromCadence: (count) => call('POST', '/api/meetings/cadence', { body: { count } }),
    updateMeetingDetails: (id, version, patch) =>
      call('PATCH', `/api/meetings/${enc(id)}`, { body: patch, version }),
    cancelMeeting: (id, version) => call('POST', `/api/meetings/${enc(id)}/cancel`, { version }),
    getMinutesContent: (id) => call('GET', `/api/meetings/${enc(id)}/minutes/content`),
    downloadMinutes: (id) => call.download(`/api/meetings/${enc(id)}/minutes`),
    listEscalations: (q = {}) =>
      call('GET', `/api/escalations${queryString({ caseRef: q.caseRef, awaiting: q.awaiting })}`),
    // --- Running a meeting (A1) ---
    getMeetingCase: (id, ref) => call('GET', casePath(id, ref)),
    saveRecord: (id, ref, version, body) => call('PUT', `${casePath(id, ref)}/record`, { body, version }),
    addMeetingAction: (id, ref, body) => call('POST', `${casePath(id, ref)}/actions`, { body }),
    changeConcern: (id, ref, version, concern) =>
      call('POST', `${casePath(id, ref)}/concern`, { body: { concern }, version }),
    reassignLead: (id, ref, version, lead) =>
      call('POST', `${casePath(id, ref)}/lead`, { body: { lead }, version }),
    escalateInMeeting: (id, ref, version, body) =>
      call('POST', `${casePath(id, ref)}/escalate`, { body, version }),
    closeInMeeting: (id, ref, version, body) => call('POST', `${casePath(id, ref)}/close`, { body, version }),
    startMeeting: (id, version) => call('POST', `/api/meetings/${enc(id)}/start`, { version }),
    finishMeeting: (id, version) => call('POST', `/api/meetings/${enc(id)}/finish`, { version }),
    publishMinutes: (id, version) => call('POST', `/api/meetings/${enc(id)}/publish`, { version }),
  };
}
