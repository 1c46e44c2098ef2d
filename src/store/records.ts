/**
 * Record helpers any store adapter can use: validating a record about to be written (an `InvalidError`
 * naming fields, never values), laying a patch over a record without touching identity or bookkeeping,
 * and deep-freezing records handed out so callers cannot change what others read.
 */
import type { z } from 'zod';
import { InvalidError, type FieldIssue } from '../domain/errors';
import { minutesContentSchema, type MinutesContent } from '../domain/minutes';
import { repairStrings } from '../domain/text';

/** The zod issues as field paths and messages (zod's messages describe rules, not the values given). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates a record about to be written; `InvalidError` naming the offending fields when it is not. */
export function validateRecord<T>(schema: z.ZodType<T>, kind: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = fieldIssues(result.error);
  const paths = [...new Set(issues.map((i) => i.path || '(record)'))];
  throw new InvalidError(`The ${kind.toLowerCase()} is not valid: check ${paths.join(', ')}.`, issues);
}

/**
 * Parses a record read back from a store. A record saved before the free-text rules (domain/text.ts) may
 * hold what they now refuse (a noncharacter, a lone surrogate, a control): only when the record fails is
 * it parsed again with its strings repaired, so such a record stays readable and costs nothing otherwise.
 */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown): z.ZodSafeParseResult<T> {
  const result = schema.safeParse(value);
  return result.success ? result : schema.safeParse(repairStrings(value));
}

/** Validates the minutes content stored with a meeting's document: it must be that meeting's. */
export function validateMinutesContent(meetingId: string, value: unknown): MinutesContent {
  return validateRecord(
    minutesContentSchema.refine((c) => c.meetingId === meetingId, {
      path: ['meetingId'],
      message: "must be the minutes' meeting",
    }),
    'Minutes content',
    value,
  );
}

/**
 * `current` with the patch's defined fields laid over it, then `fixed` (identity and bookkeeping) laid
 * over that, so a patch can never change a ref, an id or a version, even when it carries one at runtime.
 */
export function mergePatch<T extends object>(current: T, patch: object, fixed: Partial<T>): T {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) merged[k] = v;
  }
  return { ...merged, ...fixed } as T;
}

/** Freezes a value and everything in it (records from a store are shared, so they are read-only). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
