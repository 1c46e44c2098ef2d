/**
 * Input schemas for every operation: the API validates request bodies with them and the bot validates card
 * payloads with the same ones, so both edges accept exactly the same things. Unknown keys are rejected
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
