/**
 * The meeting calls: a meeting, its agenda (live before it starts, frozen after), and — for the chair —
 * running it (issue 5). Built on the shared transport so tokens, If-Match and problems behave the same;
 * request and response types are the contract's (src/contract).
 */
import type { BodyOf, MeetingAgenda, MeetingCaseChange, QueryOf, ResponseOf } from '../../contract/types';
import { type Call, type DownloadedFile, type Send, urlOf } from './transport';

export type { MeetingAgenda, MeetingCaseChange };
/** POST /api/meetings: a one-off meeting (the chair's; the cadence makes the regular ones). */
export type NewMeeting = BodyOf<'scheduleMeeting'>;
/** PATCH /api/meetings/:id: only what changed; the time only while the meeting is scheduled. */
export type MeetingDetailsPatch = BodyOf<'updateMeetingDetails'>;
export type EscalationQuery = QueryOf<'listEscalations'>;

export interface MeetingApi {
  getMeeting(id: string): Promise<ResponseOf<'getMeeting'>>;
  getAgenda(id: string): Promise<MeetingAgenda>;
  // --- Schedule, read and minutes (A2) ---
  scheduleMeeting(body: NewMeeting): Promise<ResponseOf<'scheduleMeeting'>>;
  /** Stores the next `count` cadence meetings not stored yet; answers with those it created. */
  scheduleFromCadence(count: number): Promise<ResponseOf<'scheduleFromCadence'>>;
  updateMeetingDetails(
    id: string,
    version: number,
    patch: MeetingDetailsPatch,
  ): Promise<ResponseOf<'updateMeetingDetails'>>;
  cancelMeeting(id: string, version: number): Promise<ResponseOf<'cancelMeeting'>>;
  getMinutesContent(id: string): Promise<ResponseOf<'getMinutesContent'>>;
  /** The minutes .docx, once the meeting has finished. */
  downloadMinutes(id: string): Promise<DownloadedFile>;
  listEscalations(query?: EscalationQuery): Promise<ResponseOf<'listEscalations'>>;
  // --- Running a meeting (A1) ---
  getMeetingCase(id: string, ref: string): Promise<ResponseOf<'getMeetingCase'>>;
  /** `recordVersion` is the record's own version, 0 when the case has no record yet. */
  saveRecord(
    id: string,
    ref: string,
    recordVersion: number,
    body: BodyOf<'saveRecord'>,
  ): Promise<ResponseOf<'saveRecord'>>;
  addMeetingAction(
    id: string,
    ref: string,
    body: BodyOf<'addMeetingAction'>,
  ): Promise<ResponseOf<'addMeetingAction'>>;
  /** The case-changing steps are conditional on the CASE's version. */
  changeConcern(
    id: string,
    ref: string,
    caseVersion: number,
    concern: BodyOf<'changeConcern'>['concern'],
  ): Promise<ResponseOf<'changeConcern'>>;
  reassignLead(
    id: string,
    ref: string,
    caseVersion: number,
    lead: BodyOf<'reassignLead'>['lead'],
  ): Promise<ResponseOf<'reassignLead'>>;
  escalateInMeeting(
    id: string,
    ref: string,
    caseVersion: number,
    body: BodyOf<'escalateInMeeting'>,
  ): Promise<ResponseOf<'escalateInMeeting'>>;
  closeInMeeting(
    id: string,
    ref: string,
    caseVersion: number,
    body: BodyOf<'closeInMeeting'>,
  ): Promise<ResponseOf<'closeInMeeting'>>;
  /** Start, finish and publish are conditional on the MEETING's version. */
  startMeeting(id: string, version: number): Promise<ResponseOf<'startMeeting'>>;
  finishMeeting(id: string, version: number): Promise<ResponseOf<'finishMeeting'>>;
  publishMinutes(id: string, version: number): Promise<ResponseOf<'publishMinutes'>>;
}

export function meetingApi(send: Send, call: Call): MeetingApi {
  return {
    getMeeting: (id) => send('getMeeting', { params: { id } }),
    getAgenda: (id) => send('getAgenda', { params: { id } }),
    // --- Schedule, read and minutes (A2) ---
    scheduleMeeting: (body) => send('scheduleMeeting', { body }),
    scheduleFromCadence: (count) => send('scheduleFromCadence', { body: { count } }),
    updateMeetingDetails: (id, version, body) =>
      send('updateMeetingDetails', { params: { id }, body, version }),
    cancelMeeting: (id, version) => send('cancelMeeting', { params: { id }, version }),
    getMinutesContent: (id) => send('getMinutesContent', { params: { id } }),
    downloadMinutes: (id) => call.download(urlOf('downloadMinutes', { id })),
    listEscalations: (q = {}) =>
      send('listEscalations', { query: { caseRef: q.caseRef, awaiting: q.awaiting } }),
    // --- Running a meeting (A1) ---
    getMeetingCase: (id, ref) => send('getMeetingCase', { params: { id, ref } }),
    saveRecord: (id, ref, version, body) => send('saveRecord', { params: { id, ref }, body, version }),
    addMeetingAction: (id, ref, body) => send('addMeetingAction', { params: { id, ref }, body }),
    changeConcern: (id, ref, version, concern) =>
      send('changeConcern', { params: { id, ref }, body: { concern }, version }),
    reassignLead: (id, ref, version, lead) =>
      send('reassignLead', { params: { id, ref }, body: { lead }, version }),
    escalateInMeeting: (id, ref, version, body) =>
      send('escalateInMeeting', { params: { id, ref }, body, version }),
    closeInMeeting: (id, ref, version, body) =>
      send('closeInMeeting', { params: { id, ref }, body, version }),
    startMeeting: (id, version) => send('startMeeting', { params: { id }, version }),
    finishMeeting: (id, version) => send('finishMeeting', { params: { id }, version }),
    publishMinutes: (id, version) => send('publishMinutes', { params: { id }, version }),
  };
}
