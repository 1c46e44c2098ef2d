/**
 * Input schemas for every operation, in the contract (routes.ts names which route takes which): the API
 * validates request bodies and query strings with them and the bot validates card payloads with the same
 * ones, so both edges accept exactly the same things; the tab takes its request types from them by
 * `import type` (contract/types.ts), so zod never reaches its bundle. Unknown keys are rejected
 * (a typo must not be silently ignored), and patches never fill in defaults for fields that were not sent.
 */
import { z } from 'zod';
import {
  PLAIN_EDIT_STATUSES,
  attendeeSchema,
  caseFieldsSchema,
  caseRefSchema,
  closureSchema,
  concernSchema,
  escalationTargetSchema,
  instantSchema,
  leadSchema,
  listCheckSchema,
  localDateSchema,
  personSchema,
  yearGroupSchema,
} from '../domain/types';
import { freeText } from '../domain/text';
import { disclosureFieldsSchema } from '../domain/disclosures';
import { mappingFileSchema } from '../domain/importColumns';
import { mappingNameSchema } from '../domain/importing/saved';
import { receivedOptionsShape } from '../domain/importing';

/** The same shape with every field optional and no defaults (zod 4 applies defaults inside `.partial()`). */
function patchOf<T extends z.ZodRawShape>(shape: T) {
  const out: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(shape)) {
    const base = v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType);
    out[k] = base.optional();
  }
  return z.object(out as { [K in keyof T]: z.ZodOptional<z.ZodType<z.output<T[K]>>> }).strict();
}

/**
 * A referral. The year group may be left out (it is derived from the date of birth); concern starts at
 * medium until the chair triages; the referral date is computed, never typed.
 */
export const referralInputSchema = caseFieldsSchema
  .omit({ yearGroup: true, concern: true })
  .extend({ yearGroup: yearGroupSchema.optional() })
  .strict();
export type ReferralInput = z.infer<typeof referralInputSchema>;

/**
 * A change to a case. Status here moves only between referred, open and monitoring: escalation and closure
 * have their own operations because they record more than a status.
 */
export const casePatchSchema = patchOf({
  ...caseFieldsSchema.shape,
  status: z.enum(PLAIN_EDIT_STATUSES),
  stuckFlag: z.boolean(),
  proposedForClosure: z.boolean(),
}).refine((p) => Object.keys(p).length > 0, 'send at least one field to change');
export type CasePatchInput = z.infer<typeof casePatchSchema>;

export const closeCaseSchema = closureSchema.strict();
export type CloseCaseInput = z.infer<typeof closeCaseSchema>;

export const reopenCaseSchema = z.object({ reason: freeText(2000, { required: true }) }).strict();
export type ReopenCaseInput = z.infer<typeof reopenCaseSchema>;

export const listCheckInputSchema = listCheckSchema.strict();

export const caseUpdateInputSchema = z.object({ text: freeText(4000, { required: true }) }).strict();

/**
 * A new action. The SMART parts are optional here on purpose: the SMART check names every missing part
 * in one message instead of zod stopping at "required".
 */
export const actionInputSchema = z
  .object({
    caseRef: caseRefSchema,
    description: freeText(2000).nullish(),
    successMeasure: freeText(2000).nullish(),
    owner: personSchema.nullish(),
    ownerService: freeText(200).default(''),
    dueDate: localDateSchema.nullish(),
    meetingId: z.string().min(1).max(100).nullish(),
  })
  .strict();
export type ActionInput = z.infer<typeof actionInputSchema>;

export const actionPatchSchema = z
  .object({
    description: freeText(2000, { required: true }),
    successMeasure: freeText(2000, { required: true }),
    owner: personSchema,
    ownerService: freeText(200),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change');
export type ActionPatchInput = z.infer<typeof actionPatchSchema>;

export const completeActionSchema = z
  .object({
    note: freeText(2000, { required: true }),
    completedOn: localDateSchema.optional(),
  })
  .strict();
export type CompleteActionInput = z.infer<typeof completeActionSchema>;

export const extendActionSchema = z
  .object({ dueDate: localDateSchema, reason: freeText(1000, { required: true }) })
  .strict();
export type ExtendActionInput = z.infer<typeof extendActionSchema>;

export const cancelActionSchema = z.object({ reason: freeText(1000, { required: true }) }).strict();

export const scheduleMeetingSchema = z
  .object({
    startsAt: instantSchema,
    chair: personSchema.nullish(),
    attendees: z.array(attendeeSchema).max(100).default([]),
    apologies: z.array(attendeeSchema).max(100).default([]),
  })
  .strict();
export type ScheduleMeetingInput = z.infer<typeof scheduleMeetingSchema>;

export const escalateInputSchema = z
  .object({
    to: escalationTargetSchema,
    toName: freeText(200).nullish(),
    reason: freeText(4000, { required: true }),
    decisionRequested: freeText(4000, { required: true }),
    /** Defaults to the policy's working days after today. */
    responseDue: localDateSchema.optional(),
    meetingId: z.string().min(1).max(100).nullish(),
  })
  .strict();
export type EscalateInput = z.infer<typeof escalateInputSchema>;

export const escalationResponseSchema = z
  .object({
    response: freeText(4000, { required: true }),
    outcome: freeText(4000).nullish(),
    respondedOn: localDateSchema.optional(),
  })
  .strict();
export type EscalationResponseInput = z.infer<typeof escalationResponseSchema>;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query string of GET /api/cases. */
export const caseListQuerySchema = z
  .object({
    status: csv(z.enum(['referred', 'open', 'escalated', 'monitoring', 'closed'])).optional(),
    concern: csv(concernSchema).optional(),
    category: caseFieldsSchema.shape.categories.element.optional(),
    lead: z.string().trim().max(320).optional(),
    stuck: flag.optional(),
    overdue: flag.optional(),
    mine: flag.optional(),
    q: z.string().trim().max(200).optional(),
  })
  .strict();
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const actionListQuerySchema = z
  .object({
    caseRef: caseRefSchema.optional(),
    mine: flag.optional(),
    status: csv(z.enum(['open', 'done', 'cancelled'])).optional(),
    overdue: flag.optional(),
  })
  .strict();
export type ActionListQuery = z.infer<typeof actionListQuerySchema>;

export const meetingListQuerySchema = z
  .object({ from: instantSchema.optional(), to: instantSchema.optional() })
  .strict();

export const escalationListQuerySchema = z
  .object({ caseRef: caseRefSchema.optional(), awaiting: flag.optional() })
  .strict();

export const auditQuerySchema = z
  .object({
    userId: z.string().max(100).optional(),
    target: z.string().max(100).optional(),
    action: z.string().max(50).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    limit: z.coerce.number().int().min(1).max(5000).optional(),
  })
  .strict();

/** Meeting details the chair records: attendees, apologies, chair; the time while still scheduled. */
export const meetingDetailsSchema = z
  .object({
    startsAt: instantSchema,
    chair: personSchema.nullable(),
    attendees: z.array(attendeeSchema).max(100),
    apologies: z.array(attendeeSchema).max(100),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change');
export type MeetingDetailsInput = z.infer<typeof meetingDetailsSchema>;

export const scheduleCadenceSchema = z.object({ count: z.number().int().min(1).max(26) }).strict();

/** What the chair types about one case in the meeting. */
export const recordInputSchema = z
  .object({
    summary: freeText(8000),
    decisions: freeText(8000),
    challengeNote: freeText(4000).nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change');
export type RecordInput = z.infer<typeof recordInputSchema>;

export const meetingActionInputSchema = actionInputSchema.omit({ caseRef: true, meetingId: true });

export const concernInputSchema = z.object({ concern: concernSchema }).strict();

export const leadInputSchema = z.object({ lead: leadSchema }).strict();

/** The chair's "not now" to a bot's escalation prompt: why the stuck case is not escalated yet. */
export const dismissEscalationPromptSchema = z
  .object({ reason: freeText(1000, { required: true }) })
  .strict();
export type DismissEscalationPromptInput = z.infer<typeof dismissEscalationPromptSchema>;

/** Query string of GET /api/oversight: the period, both days inclusive; each defaults (last 12 months). */
export const oversightQuerySchema = z
  .object({ from: localDateSchema.optional(), to: localDateSchema.optional() })
  .strict();
export type OversightQuery = z.infer<typeof oversightQuerySchema>;

/** Query string of GET /api/oversight/report. */
export const oversightReportQuerySchema = oversightQuerySchema
  .extend({
    format: z.enum(['docx', 'xlsx']).default('docx'),
    suppress: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
export type OversightReportQuery = z.infer<typeof oversightReportQuerySchema>;

/**
 * Query string of POST /api/import. A dry run unless `dryRun=false` is said: the report comes first.
 * `receivedOn=YYYY-MM-DD` (one date for every row) or `receivedFrom=<header>` (another column) for a file
 * with no date received.
 */
export const importQuerySchema = z
  .object({ dryRun: flag.default(true), skipInvalid: flag.default(false), ...receivedOptionsShape })
  .strict()
  .refine((q) => q.receivedOn === undefined || q.receivedFrom === undefined, {
    path: ['receivedFrom'],
    message: 'cannot be given with receivedOn',
  });

/** Query string of GET /api/export: the case list's filters, and the format. */
export const exportQuerySchema = caseListQuerySchema.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

// --- Retention (issue 18) ---

/** A legal or safeguarding hold: why the case must be kept past its retention. */
export const holdInputSchema = z.strictObject({ reason: freeText(1000, { required: true }) });
export type HoldInput = z.infer<typeof holdInputSchema>;

/** Approving one case's disposal: the admin types the ref again, as the confirm dialog asks. */
export const disposeInputSchema = z.strictObject({ confirmRef: z.string().trim().min(1).max(20) });
export type DisposeInput = z.infer<typeof disposeInputSchema>;

// --- Import mappings (issue 19) ---

/** Body of PUT /api/import/mappings/:name: the mapping the mapping step's choices amount to. */
export const saveMappingBodySchema = z.object({ mapping: mappingFileSchema }).strict();
/** The `:name` of a saved mapping. */
export const mappingNameParamSchema = z.object({ name: mappingNameSchema }).strict();

// --- The disclosure log and subject access (issue 18) ---

/** POST /api/cases/:ref/disclosures: what was shared, with whom, why, on which basis, authorised by whom. */
export const disclosureInputSchema = disclosureFieldsSchema;
export type DisclosureInput = z.infer<typeof disclosureInputSchema>;

/** GET /api/cases/:ref/subject-access?format=docx|json (the admin's subject access export). */
export const subjectAccessQuerySchema = z
  .object({ format: z.enum(['docx', 'json']).default('docx') })
  .strict();
export type SubjectAccessQuery = z.infer<typeof subjectAccessQuerySchema>;
