/**
 * The CMOE data model (SPEC "Data model") as zod schemas with their inferred types, written once.
 *
 * Conventions:
 * - `LocalDate` is a calendar date in Europe/London, `YYYY-MM-DD` (dates of birth, due dates, meeting days).
 * - `Instant` is an ISO 8601 UTC timestamp (`...Z`), for when something happened.
 * - Every stored record carries `version` (a positive integer); every write is conditional on it.
 * - Enum values are stable machine codes; the labels people read live in `labels.ts`.
 */
import { z } from 'zod';
import { CASE_STATUSES, CONCERNS } from './caseStatus';
import { freeText } from './text';

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'is not a real calendar date');
export type LocalDate = string;

export const instantSchema = z.iso.datetime({ offset: false });
export type Instant = string;

export const caseRefSchema = z.string().regex(/^CMOE-\d{4,}$/, 'must look like CMOE-0042');
export type CaseRef = string;

export const YEAR_GROUPS = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'] as const;
export const yearGroupSchema = z.enum(YEAR_GROUPS);
export type YearGroup = z.infer<typeof yearGroupSchema>;

/** The ToR §4 "children of interest". */
export const CATEGORIES = [
  'permanently-excluded',
  'high-suspensions',
  'no-school-place',
  'cme',
  'medically-unfit',
  'part-time-or-ap',
  'ehe-unsatisfactory',
  'off-rolling',
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const PROVISIONS = [
  'none',
  'part-time-timetable',
  'alternative-provision',
  'section-19',
  'ehe',
  'other',
] as const;
export const provisionSchema = z.enum(PROVISIONS);
export type Provision = z.infer<typeof provisionSchema>;

export const REFERRAL_SOURCES = ['support-safeguarding', 'ewo', 'send-lead', 'cme-officer', 'other'] as const;
export const referralSourceSchema = z.enum(REFERRAL_SOURCES);
export type ReferralSource = z.infer<typeof referralSourceSchema>;

export const SEND_STATUSES = ['none', 'sen-support', 'ehcp'] as const;
export const sendStatusSchema = z.enum(SEND_STATUSES);
export type SendStatus = z.infer<typeof sendStatusSchema>;

export const SOCIAL_CARE_STATUSES = [
  'none',
  'early-help',
  'child-in-need',
  'child-protection',
  'looked-after',
] as const;
export const socialCareStatusSchema = z.enum(SOCIAL_CARE_STATUSES);
export type SocialCareStatus = z.infer<typeof socialCareStatusSchema>;

/** From the CSE list check: not checked yet, checked and not on it, or on it / at risk. */
export const CSE_RISKS = ['not-checked', 'none', 'at-risk'] as const;
export const cseRiskSchema = z.enum(CSE_RISKS);
export type CseRisk = z.infer<typeof cseRiskSchema>;

// The lists themselves live in ./caseStatus (zod-free, so the tab can import them); the schemas are here.
export {
  CASE_STATUSES,
  CONCERNS,
  CONCERN_RANK,
  OPEN_CASE_STATUSES,
  PLAIN_EDIT_STATUSES,
  type PlainEditStatus,
} from './caseStatus';
export const concernSchema = z.enum(CONCERNS);
export type Concern = z.infer<typeof concernSchema>;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const CLOSURE_REASONS = [
  'school-place',
  'alternative-provision',
  'ehe-confirmed',
  'moved-out',
  'left-uk',
  'end-of-compulsory-age',
  'other',
] as const;
export const closureReasonSchema = z.enum(CLOSURE_REASONS);
export type ClosureReason = z.infer<typeof closureReasonSchema>;

/** ToR §4: every list is checked with S&S, Children's Social Care and the CSE list. */
export const LIST_CHECK_LISTS = ['support-safeguarding', 'childrens-social-care', 'cse'] as const;
export const listCheckListSchema = z.enum(LIST_CHECK_LISTS);
export type ListCheckList = z.infer<typeof listCheckListSchema>;

/** Required free text (names included): see `text.ts` for what is refused, normalised and stripped. */
const trimmed = (max: number) => freeText(max, { required: true });

/** A person as the group knows them. `id` is the Entra object id (or a dev user's id). */
export const personSchema = z.object({
  id: freeText(100, { required: true }),
  name: trimmed(200),
  email: z.email().max(320),
});
export type Person = z.infer<typeof personSchema>;

/** A lead professional may be outside the tenant (no object id yet), so only the name is required. */
export const leadSchema = z.object({
  id: freeText(100).nullable().default(null),
  name: trimmed(200),
  email: z.email().max(320).nullable().default(null),
});
export type Lead = z.infer<typeof leadSchema>;

export const listCheckSchema = z.object({
  list: listCheckListSchema,
  checkedOn: localDateSchema,
  checkedBy: trimmed(200),
  outcome: trimmed(2000),
});
export type ListCheck = z.infer<typeof listCheckSchema>;

export const closureSchema = z.object({
  reason: closureReasonSchema,
  date: localDateSchema,
  note: freeText(2000).nullable().default(null),
});
export type Closure = z.infer<typeof closureSchema>;

/**
 * A closure that was later undone: reopening clears `closure`, so the one it replaced is kept here for
 * the oversight figures (closures by reason, children on the list at each month end). Recorded from
 * issue 17 on: a case reopened before then kept only its latest closure (see `oversight.ts`).
 */
export const reopeningSchema = z.object({
  closure: closureSchema,
  /** The London date of the reopening: the case is on the list again from this day. */
  reopenedOn: localDateSchema,
  reopenedAt: instantSchema,
});
export type Reopening = z.infer<typeof reopeningSchema>;

/** Why a case must be kept past its retention (a legal or safeguarding hold) and who set it. */
export const retentionHoldSchema = z.object({
  reason: trimmed(1000),
  /** The admin's user id (not a name: the hold outlives staff changes, and the audit says the rest). */
  setBy: z.string().min(1).max(100),
  setAt: instantSchema,
});
export type RetentionHold = z.infer<typeof retentionHoldSchema>;

/** The mark a disposal leaves on the anonymous record. */
export const disposalSchema = z.object({
  disposedAt: instantSchema,
  /** The admin's user id who approved it. */
  approvedBy: z.string().min(1).max(100),
});
export type Disposal = z.infer<typeof disposalSchema>;

/** The fields of a case that people edit (everything but identity, bookkeeping and computed values). */
export const caseFieldsSchema = z.object({
  firstName: trimmed(100),
  lastName: trimmed(100),
  dateOfBirth: localDateSchema,
  yearGroup: yearGroupSchema,
  upn: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{11}[0-9A-Z]$/i, 'must be a 13-character UPN')
    .nullable()
    .default(null),
  lastSchool: freeText(200).nullable().default(null),
  categories: z.array(categorySchema).min(1, 'choose at least one category'),
  provision: provisionSchema,
  hoursPerWeek: z.number().min(0).max(40).nullable().default(null),
  outOfEducationSince: localDateSchema.nullable().default(null),
  /** Date of the permanent exclusion, for the day-6 provision prompt. */
  exclusionDate: localDateSchema.nullable().default(null),
  /** Part-time timetable end and review dates (a timetable without either is a statutory prompt). */
  timetableEndDate: localDateSchema.nullable().default(null),
  timetableReviewDate: localDateSchema.nullable().default(null),
  referralSource: referralSourceSchema,
  referredBy: trimmed(200),
  receivedOn: localDateSchema,
  lead: leadSchema.nullable().default(null),
  agencies: z.array(trimmed(100)).max(30).default([]),
  sendStatus: sendStatusSchema.default('none'),
  socialCareStatus: socialCareStatusSchema.default('none'),
  cseRisk: cseRiskSchema.default('not-checked'),
  /** Free text on why arrangements are unstable or of concern (ToR §3, second limb). */
  concernNotes: freeText(4000).nullable().default(null),
  concern: concernSchema,
});
export type CaseFields = z.infer<typeof caseFieldsSchema>;

export const caseSchema = caseFieldsSchema.extend({
  ref: caseRefSchema,
  /** Computed: the date of the next group meeting on or after `receivedOn` (ToR §4). Never typed. */
  referralDate: localDateSchema,
  status: caseStatusSchema,
  closure: closureSchema.nullable(),
  /**
   * Earlier closures undone by a reopening, oldest first. Optional, so records stored before issue 17
   * (and every writer that never reopens) need no change: absent means none recorded.
   */
  reopenings: z.array(reopeningSchema).optional(),
  listChecks: z.array(listCheckSchema),
  /**
   * A legal or safeguarding hold (issue 18): while set, the case is never proposed for disposal. Set and
   * released by an admin, audited. Optional, so records stored before it need no change.
   */
  retentionHold: retentionHoldSchema.nullable().optional(),
  /**
   * Set when the case's personal data was removed after retention (issue 18): what remains is an
   * anonymous record for the oversight figures. Never cleared; a disposed case cannot be reopened.
   */
  disposal: disposalSchema.nullable().optional(),
  /** The chair's own stuck flag (the computed rule is in `stuck.ts`). */
  stuckFlag: z.boolean(),
  proposedForClosure: z.boolean(),
  /**
   * When status, provision or concern last changed (creation counts). The stuck rule compares it with
   * the last meetings; operations set it, nobody types it.
   */
  lastProgressAt: instantSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().positive(),
});
export type Case = z.infer<typeof caseSchema>;

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export const actionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

/** One change of an action's due date: a deferral. */
export const deferralSchema = z.object({
  from: localDateSchema,
  to: localDateSchema,
  reason: trimmed(1000),
  by: personSchema,
  at: instantSchema,
});
export type Deferral = z.infer<typeof deferralSchema>;

export const actionSchema = z.object({
  id: z.string().min(1),
  caseRef: caseRefSchema,
  /** Specific: what will be done. */
  description: trimmed(2000),
  /** Measurable: how the group will know it is done. */
  successMeasure: freeText(2000),
  owner: personSchema.nullable(),
  ownerService: freeText(200),
  /** Time-bound. */
  dueDate: localDateSchema,
  meetingId: z.string().nullable(),
  status: actionStatusSchema,
  completionNote: freeText(2000).nullable(),
  completedOn: localDateSchema.nullable(),
  deferrals: z.array(deferralSchema),
  /** Set by the spreadsheet import when measure or owner was missing: "incomplete — from import". */
  incompleteFromImport: z.boolean(),
  createdBy: personSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().positive(),
});
export type Action = z.infer<typeof actionSchema>;

export const caseUpdateSchema = z.object({
  id: z.string().min(1),
  caseRef: caseRefSchema,
  at: instantSchema,
  by: personSchema,
  text: trimmed(4000),
});
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

export const MEETING_STATUSES = ['scheduled', 'in-progress', 'completed', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const attendeeSchema = z.object({
  name: trimmed(200),
  service: freeText(200).nullable().default(null),
  email: z.email().nullable().default(null),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const AGENDA_SECTIONS = [
  'new-referral',
  'highest-concern',
  'stuck',
  'overdue-actions',
  'escalation-response-due',
  'proposed-closure',
  'other-open',
] as const;
export const agendaSectionSchema = z.enum(AGENDA_SECTIONS);
export type AgendaSection = z.infer<typeof agendaSectionSchema>;

export const agendaItemSchema = z.object({
  caseRef: caseRefSchema,
  section: agendaSectionSchema,
  /** Why the case is on the agenda, for people: "no progress at the last 2 meetings". No child data. */
  reasons: z.array(z.string()),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

/** What the meeting recorded for one case (filled in meeting mode, issue 5). */
export const meetingCaseRecordSchema = z.object({
  caseRef: caseRefSchema,
  summary: freeText(8000).default(''),
  decisions: freeText(8000).default(''),
  concernChange: z.object({ from: concernSchema, to: concernSchema }).nullable().default(null),
  actionIds: z.array(z.string()).default([]),
  escalationId: z.string().nullable().default(null),
  closure: closureSchema.nullable().default(null),
  /** Robust challenge: why the chair chose not to escalate a case with no progress. */
  challengeNote: freeText(4000).nullable().default(null),
  /** Lead reassigned in the meeting (robust challenge), by name; null when unchanged. */
  leadChange: z.object({ from: z.string().nullable(), to: z.string() }).nullable().default(null),
  /**
   * Each record has its own version, so the chair's two devices saving different cases never conflict,
   * while two saves of the same case do.
   */
  version: z.number().int().positive().default(1),
  updatedAt: instantSchema,
});
export type MeetingCaseRecord = z.infer<typeof meetingCaseRecordSchema>;

export const meetingSchema = z.object({
  id: z.string().min(1),
  startsAt: instantSchema,
  chair: personSchema.nullable(),
  attendees: z.array(attendeeSchema),
  apologies: z.array(attendeeSchema),
  status: meetingStatusSchema,
  /** Frozen when the meeting starts so later edits don't reshuffle it; null before then. */
  agenda: z.array(agendaItemSchema).nullable(),
  records: z.array(meetingCaseRecordSchema),
  minutesPublishedAt: instantSchema.nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().positive(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const ESCALATION_TARGETS = ['head-of-service', 'director', 'other'] as const;
export const escalationTargetSchema = z.enum(ESCALATION_TARGETS);
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

/** A response the senior managers gave before the current one (kept when a new one is recorded). */
export const earlierResponseSchema = z.object({
  response: z.string().trim().max(4000).nullable(),
  outcome: z.string().trim().max(4000).nullable(),
  respondedOn: localDateSchema.nullable(),
  /** When a newer response replaced it (who recorded each is in the audit log, by version). */
  supersededAt: instantSchema,
});
export type EarlierResponse = z.infer<typeof earlierResponseSchema>;

/**
 * Earlier responses kept on one escalation. Bounded so the record stays within a SharePoint item
 * (63,999 characters: six responses and outcomes of 4,000 characters each, with the escalation's own
 * text, fit); a further response is refused rather than an old one dropped.
 */
export const MAX_EARLIER_RESPONSES = 5;

export const escalationSchema = z.object({
  id: z.string().min(1),
  caseRef: caseRefSchema,
  raisedBy: personSchema,
  raisedOn: localDateSchema,
  to: escalationTargetSchema,
  toName: freeText(200).nullable(),
  reason: trimmed(4000),
  decisionRequested: trimmed(4000),
  /** Default: 10 working days after `raisedOn` (a setting). */
  responseDue: localDateSchema,
  response: freeText(4000).nullable(),
  outcome: freeText(4000).nullable(),
  respondedOn: localDateSchema.nullable(),
  /**
   * The responses this one replaced, oldest first: recording a response never loses the previous one.
   * Absent in escalations stored before it was kept (SQLite migration 0003 adds it; a SharePoint item
   * reads as none).
   */
  earlierResponses: z.array(earlierResponseSchema).max(MAX_EARLIER_RESPONSES).default([]),
  meetingId: z.string().nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().positive(),
});
export type Escalation = z.infer<typeof escalationSchema>;

export const AUDIT_ACTIONS = [
  'case.view',
  /** A list of children (cases, actions, escalations): one entry a request, naming the filters used. */
  'case.list',
  'case.create',
  'case.update',
  'case.close',
  'case.reopen',
  'case.update-added',
  'action.create',
  'action.update',
  'meeting.create',
  'meeting.update',
  'meeting.publish',
  'minutes.view',
  'oversight.view',
  'escalation.create',
  'escalation.update',
  'export',
  'import',
  /** A real import recorded as a batch (target `import-batch:<id>`, counts only). */
  'import.batch',
  /** An undo of a batch: one entry a case (removed / restored / left alone) and one with counts. */
  'import.undo',
  'import.mapping.save',
  'access.refused',
  /** Issue 18: the admin's disposal review (viewed), holds set and released, and approved disposals. */
  'retention.review',
  'retention.hold',
  'retention.release',
  'retention.dispose',
  /** Issue 18: a disclosure recorded on a case (target the case ref). */
  'disclosure.create',
  /** Issue 18: a subject access export of one child (target the case ref). */
  'case.subjectAccess',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

/**
 * Who did what, when. Holds field *names* and version numbers, never values: the audit log must not
 * become a second copy of children's data.
 */
export const auditEntrySchema = z.object({
  id: z.string().min(1),
  at: instantSchema,
  userId: z.string(),
  action: auditActionSchema,
  /** A case ref, action / meeting / escalation id, or a route for refusals. */
  target: z.string(),
  fields: z.array(z.string()).default([]),
  fromVersion: z.number().int().nullable().default(null),
  toVersion: z.number().int().nullable().default(null),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
