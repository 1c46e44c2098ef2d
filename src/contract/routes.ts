/**
 * The API's contract: every HTTP route as one row — method, path, the permissions it needs, the zod schema
 * of its body and/or query string (contract/inputs.ts), what it answers with, and the headers that matter.
 *
 * - The server mounts its routes from this table (src/api/mount.ts): authorise with `permissions` first,
 *   then parse with `query`/`body`, then call the row's handler (src/api/handlers.ts), whose input and
 *   output types are this row's.
 * - The tab's client (src/tab/client) takes the method and path from contract/endpoints.ts (no zod) and its
 *   request and response types from here by `import type` only (contract/types.ts), so zod stays out
 *   of the tab's bundle (tests/tab/bundle.test.ts).
 * - The route x role matrix (tests/api/roles.test.ts) checks `permissions` against SPEC for every row.
 *
 * Adding a field to a request is a change to its schema in inputs.ts: the handler and the tab's client
 * both see it through the types, and the compiler checks both.
 */
import type { z } from 'zod';
import type { Permission, Role } from '../auth/roles';
import type {
  AuditEntry,
  AgendaItem,
  Case,
  CaseUpdate,
  Escalation,
  LocalDate,
  Meeting,
  MeetingCaseRecord,
} from '../domain/types';
import type { BatchSummary, UndoReport } from '../domain/importBatches';
import type { ImportJobStatus } from '../domain/importJobs';
import type { ImportPreviewResponse, ImportReport, SavedImportMapping } from '../domain/importing';
import type { MinutesContent } from '../domain/minutes';
import type { DisclosureSummary, DisclosureView } from '../domain/disclosures';
import type { OversightFigures } from '../domain/oversight';
import type { DisposalReview, ReviewDue } from '../domain/retention';
import type { ActionView, CaseDetail, CaseSummary, MeetingCaseView, ReferralCheck } from '../domain/views';
import { ENDPOINTS, type Endpoint, type EndpointName } from './endpoints';
import {
  actionInputSchema,
  actionListQuerySchema,
  actionPatchSchema,
  auditQuerySchema,
  cancelActionSchema,
  caseListQuerySchema,
  casePatchSchema,
  caseUpdateInputSchema,
  closeCaseSchema,
  completeActionSchema,
  disclosureInputSchema,
  disposeInputSchema,
  concernInputSchema,
  escalateInputSchema,
  escalationListQuerySchema,
  escalationResponseSchema,
  exportQuerySchema,
  extendActionSchema,
  holdInputSchema,
  importQuerySchema,
  leadInputSchema,
  listCheckInputSchema,
  meetingActionInputSchema,
  meetingDetailsSchema,
  meetingListQuerySchema,
  oversightQuerySchema,
  oversightReportQuerySchema,
  recordInputSchema,
  referralInputSchema,
  reopenCaseSchema,
  saveMappingBodySchema,
  scheduleCadenceSchema,
  scheduleMeetingSchema,
  subjectAccessQuerySchema,
} from './inputs';

/** A response type, carried by the row for the compiler only (no value at run time). */
export interface Returns<T> {
  readonly __returns?: T;
}

/** A file answer (an export, minutes, a report): sent as bytes with Content-Disposition. */
export interface FileAnswer {
  contentType: string;
  /** Holds no child's name (a date, a format). */
  fileName: string;
  bytes: Uint8Array;
  /** More response headers (an export's X-Case-Count). */
  headers?: Record<string, string>;
}

/** GET /api/me */
export interface Me {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  permissions: Permission[];
}

/** GET /api/dev/users: the synthetic users of the local demo. */
export interface DevUser {
  id: string;
  name: string;
  email: string;
  service: string;
  roles: readonly Role[];
}

/** GET /api/meetings/next: a stored meeting, or the next on the cadence (`meetingId` null). */
export interface NextMeeting {
  date: LocalDate;
  startsAt: string;
  meetingId: string | null;
}

/** GET /api/meetings/:id/agenda */
export interface MeetingAgenda {
  meetingId: string;
  startsAt: string;
  /** True once the meeting has started: the agenda no longer moves. */
  frozen: boolean;
  items: AgendaItem[];
}

/** A change that answers with the case's ref and new version only (retention holds, disposal). */
export interface VersionedRef {
  ref: string;
  version: number;
}

/** A case-changing step in a meeting answers with the case and the meeting's record of it. */
export interface MeetingCaseChange {
  case: Case;
  record: MeetingCaseRecord;
}

export interface RouteDef<T> {
  /**
   * Who may call it: the caller needs every one of these, checked before anything sent is read (a
   * refusal is 403 and audited). Empty: any signed-in caller with a CMOE role.
   */
  permissions: readonly Permission[];
  /**
   * Checked on the stored record instead, still before the body is read: `action` = the action's owner
   * (`action.updateOwn`) or anyone with `action.updateAny`.
   */
  ownerOf?: 'action';
  /** Reached without sign-in (dev sign-in only). */
  public?: true;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The body is the file's bytes (these content types, at most `limit` bytes), not JSON. */
  raw?: { types: readonly string[]; limit: number };
  /** A change of an existing record: `If-Match: "<version>"` is required (428 without it). */
  ifMatch?: true;
  /** 201 Created instead of 200. */
  created?: true;
  /** Sends `ETag` with the version this gives of the answer. */
  etag?: (out: T) => number;
  /** Sends `Location` (with 201) for the record created. */
  location?: (out: T) => string;
  /** The answer is a file, not JSON. */
  file?: true;
  returns: Returns<T>;
}

/** A row: the endpoint (method and path, from endpoints.ts) plus what the server needs of it. */
export type Route = Endpoint & Omit<RouteDef<never>, 'returns'> & { returns: Returns<unknown> };

/** One row, typed by its answer `T` (so `etag` and `location` read the answer's own fields). */
const row =
  <T>() =>
  <const D extends Omit<RouteDef<T>, 'returns' | 'etag' | 'location'>>(
    d: D & Pick<RouteDef<T>, 'etag' | 'location'>,
  ): D & Pick<RouteDef<T>, 'etag' | 'location'> & { returns: Returns<T> } => ({
    ...d,
    returns: {},
  });

/** The content types a browser or client may give a .csv or .xlsx upload; 8 MiB (MAX_IMPORT_BYTES). */
const SPREADSHEET_UPLOAD = {
  types: [
    'text/csv',
    'application/csv',
    'text/plain',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/octet-stream',
  ],
  limit: 8 * 1024 * 1024,
} as const;

const version = (r: { version: number }) => r.version;
const caseVersion = (r: { case: { version: number } }) => r.case.version;

const DEFS = {
  // --- Sign-in ---
  devUsers: row<DevUser[]>()({ permissions: [], public: true }),
  me: row<Me>()({ permissions: [] }),

  // --- Cases ---
  listCases: row<CaseSummary[]>()({ permissions: ['case.read'], query: caseListQuerySchema }),
  checkReferral: row<ReferralCheck>()({ permissions: ['case.refer'], body: referralInputSchema }),
  refer: row<{ case: Case; check: ReferralCheck }>()({
    permissions: ['case.refer'],
    body: referralInputSchema,
    created: true,
    etag: caseVersion,
    location: (r) => `/api/cases/${r.case.ref}`,
  }),
  getCase: row<CaseDetail>()({ permissions: ['case.read'], etag: caseVersion }),
  updateCase: row<Case>()({
    permissions: ['case.update'],
    body: casePatchSchema,
    ifMatch: true,
    etag: version,
  }),
  closeCase: row<Case>()({
    permissions: ['case.close'],
    body: closeCaseSchema,
    ifMatch: true,
    etag: version,
  }),
  reopenCase: row<Case>()({
    permissions: ['case.close'],
    body: reopenCaseSchema,
    ifMatch: true,
    etag: version,
  }),
  addListCheck: row<Case>()({
    permissions: ['case.update'],
    body: listCheckInputSchema,
    ifMatch: true,
    etag: version,
  }),
  listCaseUpdates: row<CaseUpdate[]>()({ permissions: ['case.read'] }),
  addUpdate: row<CaseUpdate>()({
    permissions: ['case.addUpdate'],
    body: caseUpdateInputSchema,
    created: true,
  }),
  escalate: row<{ case: Case; escalation: Escalation }>()({
    permissions: ['case.escalate'],
    body: escalateInputSchema,
    ifMatch: true,
    created: true,
    etag: caseVersion,
  }),
  listCaseDisclosures: row<DisclosureView[]>()({ permissions: ['disclosure.read'] }),
  // Append-only: there is no row that changes or removes a disclosure (a correction is a new entry).
  recordDisclosure: row<DisclosureView>()({
    permissions: ['disclosure.record'],
    body: disclosureInputSchema,
    created: true,
  }),
  downloadSubjectAccess: row<FileAnswer>()({
    permissions: ['case.subjectAccess'],
    query: subjectAccessQuerySchema,
    file: true,
  }),
  // The chair's and admin's log of every disclosure, without the free text.
  listDisclosures: row<DisclosureSummary[]>()({ permissions: ['disclosure.list'] }),

  // --- Actions ---
  listActions: row<ActionView[]>()({ permissions: ['case.read'], query: actionListQuerySchema }),
  createAction: row<ActionView>()({
    permissions: ['action.create'],
    body: actionInputSchema,
    created: true,
    etag: version,
    location: (a) => `/api/actions/${a.id}`,
  }),
  getAction: row<ActionView>()({ permissions: ['case.read'], etag: version }),
  updateAction: row<ActionView>()({
    permissions: [],
    ownerOf: 'action',
    body: actionPatchSchema,
    ifMatch: true,
    etag: version,
  }),
  completeAction: row<ActionView>()({
    permissions: [],
    ownerOf: 'action',
    body: completeActionSchema,
    ifMatch: true,
    etag: version,
  }),
  extendAction: row<ActionView>()({
    permissions: [],
    ownerOf: 'action',
    body: extendActionSchema,
    ifMatch: true,
    etag: version,
  }),
  cancelAction: row<ActionView>()({
    permissions: ['action.updateAny'],
    body: cancelActionSchema,
    ifMatch: true,
    etag: version,
  }),

  // --- Meetings: schedule, read and minutes ---
  listMeetings: row<Meeting[]>()({ permissions: ['meeting.read'], query: meetingListQuerySchema }),
  nextMeeting: row<NextMeeting>()({ permissions: ['meeting.read'] }),
  scheduleMeeting: row<Meeting>()({
    permissions: ['meeting.run'],
    body: scheduleMeetingSchema,
    created: true,
    etag: version,
    location: (m) => `/api/meetings/${m.id}`,
  }),
  scheduleFromCadence: row<Meeting[]>()({
    permissions: ['meeting.run'],
    body: scheduleCadenceSchema,
    created: true,
  }),
  getMeeting: row<Meeting>()({ permissions: ['meeting.read'], etag: version }),
  updateMeetingDetails: row<Meeting>()({
    permissions: ['meeting.run'],
    body: meetingDetailsSchema,
    ifMatch: true,
    etag: version,
  }),
  cancelMeeting: row<Meeting>()({ permissions: ['meeting.run'], ifMatch: true, etag: version }),
  startMeeting: row<Meeting>()({ permissions: ['meeting.run'], ifMatch: true, etag: version }),
  finishMeeting: row<Meeting>()({ permissions: ['meeting.run'], ifMatch: true, etag: version }),
  publishMinutes: row<Meeting>()({ permissions: ['minutes.publish'], ifMatch: true, etag: version }),
  downloadMinutes: row<FileAnswer>()({ permissions: ['minutes.read'], file: true }),
  getMinutesContent: row<MinutesContent>()({ permissions: ['minutes.read'] }),

  // --- Running a meeting ---
  getMeetingCase: row<MeetingCaseView>()({
    permissions: ['meeting.read', 'case.read'],
    etag: (v) => v.detail.case.version,
  }),
  saveRecord: row<MeetingCaseRecord>()({
    permissions: ['meeting.run'],
    body: recordInputSchema,
    ifMatch: true,
    etag: version,
  }),
  addMeetingAction: row<ActionView>()({
    permissions: ['meeting.run'],
    body: meetingActionInputSchema,
    created: true,
    etag: version,
  }),
  changeConcern: row<MeetingCaseChange>()({
    permissions: ['meeting.run'],
    body: concernInputSchema,
    ifMatch: true,
    etag: caseVersion,
  }),
  reassignLead: row<MeetingCaseChange>()({
    permissions: ['meeting.run'],
    body: leadInputSchema,
    ifMatch: true,
    etag: caseVersion,
  }),
  escalateInMeeting: row<MeetingCaseChange & { escalation: Escalation }>()({
    permissions: ['meeting.run'],
    body: escalateInputSchema,
    ifMatch: true,
    created: true,
    etag: caseVersion,
  }),
  closeInMeeting: row<MeetingCaseChange>()({
    permissions: ['meeting.run'],
    body: closeCaseSchema,
    ifMatch: true,
    etag: caseVersion,
  }),
  getAgenda: row<MeetingAgenda>()({ permissions: ['meeting.read'] }),

  // --- Escalations ---
  listEscalations: row<Escalation[]>()({
    permissions: ['escalation.read'],
    query: escalationListQuerySchema,
  }),
  respondToEscalation: row<Escalation>()({
    permissions: ['escalation.respond'],
    body: escalationResponseSchema,
    ifMatch: true,
    etag: version,
  }),

  // --- Import, export, oversight, audit ---
  lastImportBatch: row<{ batch: BatchSummary | null }>()({ permissions: ['import.run'] }),
  // No body: the last batch is the only one that can be undone (domain/importBatches.ts).
  undoLastImport: row<UndoReport>()({ permissions: ['import.run'] }),
  // The mapping step: the file's columns as the server reads them (nothing written or audited).
  previewImport: row<ImportPreviewResponse>()({ permissions: ['import.run'], raw: SPREADSHEET_UPLOAD }),
  listImportMappings: row<SavedImportMapping[]>()({ permissions: ['import.run'] }),
  getImportMapping: row<SavedImportMapping>()({ permissions: ['import.run'] }),
  saveImportMapping: row<SavedImportMapping>()({ permissions: ['import.run'], body: saveMappingBodySchema }),
  // The same import as a job the tab polls for progress (a large file): counts only, then the report.
  startImportJob: row<ImportJobStatus>()({
    permissions: ['import.run'],
    query: importQuerySchema,
    raw: SPREADSHEET_UPLOAD,
    created: true,
    location: (j) => `/api/import/jobs/${j.id}`,
  }),
  getImportJob: row<ImportJobStatus>()({ permissions: ['import.run'] }),
  importSpreadsheet: row<ImportReport>()({
    permissions: ['import.run'],
    query: importQuerySchema,
    raw: SPREADSHEET_UPLOAD,
  }),
  exportCases: row<FileAnswer>()({
    permissions: ['export.run', 'case.read'],
    query: exportQuerySchema,
    file: true,
  }),
  getOversight: row<OversightFigures>()({ permissions: ['oversight.read'], query: oversightQuerySchema }),
  downloadOversightReport: row<FileAnswer>()({
    permissions: ['oversight.read'],
    query: oversightReportQuerySchema,
    file: true,
  }),
  queryAudit: row<AuditEntry[]>()({ permissions: ['audit.read'], query: auditQuerySchema }),

  // --- Retention and disposal (admin) ---
  disposalReview: row<DisposalReview>()({ permissions: ['retention.manage'] }),
  // Whether the monthly review is due, for the admin's navigation: dates only, and not itself a review.
  reviewDue: row<ReviewDue>()({ permissions: ['retention.manage'] }),
  placeHold: row<VersionedRef>()({
    permissions: ['retention.manage'],
    body: holdInputSchema,
    ifMatch: true,
    etag: version,
  }),
  releaseHold: row<VersionedRef>()({ permissions: ['retention.manage'], ifMatch: true, etag: version }),
  disposeCase: row<VersionedRef>()({
    permissions: ['retention.manage'],
    body: disposeInputSchema,
    ifMatch: true,
    etag: version,
  }),
} satisfies Record<EndpointName, { permissions: readonly Permission[] }>;

type Defs = typeof DEFS;

/** The table: each endpoint (method, path) with its row. In the order Express must try them. */
export const ROUTES = Object.fromEntries(
  (Object.keys(ENDPOINTS) as EndpointName[]).map((name) => [name, { ...ENDPOINTS[name], ...DEFS[name] }]),
) as { [K in EndpointName]: (typeof ENDPOINTS)[K] & Defs[K] };

export type Routes = typeof ROUTES;
export type RouteName = EndpointName;
