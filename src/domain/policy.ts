/**
 * The group's settings that the rules depend on. Parsed once (config / settings store) and passed into
 * every domain function, so the rules stay pure and tests can vary them.
 */
import { z } from 'zod';
import { retentionRuleSchema } from './retention';
import { localDateSchema } from './types';

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

export const policySchema = z.object({
  calendar: z
    .object({
      extraClosures: z.array(localDateSchema).default([]),
      schoolHolidays: z
        .array(
          z
            .object({ start: localDateSchema, end: localDateSchema })
            .refine((r) => r.start <= r.end, 'a holiday must not end before it starts'),
        )
        .default([]),
    })
    .default({ extraClosures: [], schoolHolidays: [] }),
  /** Meetings every `everyWeeks` weeks from `anchorDate` at `time` (London); a closure day moves it on. */
  cadence: z.object({
    anchorDate: localDateSchema,
    everyWeeks: z.number().int().min(1).max(12),
    time: timeOfDaySchema,
  }),
  /** ToR §3: out of any provision for at least this many weeks. */
  eligibilityWeeksOut: z.number().int().min(1).max(52).default(4),
  /** Stuck: no progress over this many meetings. */
  stuckMeetings: z.number().int().min(1).max(6).default(2),
  /** Stuck: an action deferred this many times. */
  stuckDeferrals: z.number().int().min(1).max(10).default(2),
  /** Default working days for a senior manager to respond to an escalation. */
  escalationResponseWorkingDays: z.number().int().min(1).max(60).default(10),
  /** Statutory: a permanently excluded child must have provision from this school day. */
  exclusionProvisionSchoolDay: z.number().int().min(1).max(30).default(6),
  /**
   * How long a closed case keeps its personal data (issue 18, RETENTION_RULE). Absent means the default
   * (`DEFAULT_RETENTION_RULE`, until the child is 25), so policies built before it need no change.
   */
  retention: retentionRuleSchema.optional(),
});
export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = policySchema.parse({
  // A Tuesday; with a 4-weekly cadence the group meets on alternate-month Tuesdays at 10:00.
  cadence: { anchorDate: '2026-01-06', everyWeeks: 4, time: '10:00' },
});
