/**
 * Import batches and "undo the last batch" (issue 19): the records and the pure rule deciding, case by
 * case, what an undo may do. No IO: the operation (operations/importUndo.ts) reads the store, asks
 * `planUndo`, and writes conditionally on each record's version.
 *
 * A batch keeps no copy of the file and no child data about new cases: refs, versions and record ids.
 * For a case the import *changed*, it keeps the values the import replaced (only those fields), because
 * an undo must put them back; that is child data held in the store, beside the case it belongs to.
 */
import { z } from 'zod';
import type { Action, Case, CaseUpdate, Escalation, Meeting } from './types';
import { caseRefSchema, instantSchema } from './types';

/** What one real import did to one case. */
export const batchCaseSchema = z.object({
  ref: caseRefSchema,
  /** `created`: a new case; `changed`: an existing case got new field values and/or actions/notes. */
  kind: z.enum(['created', 'changed']),
  /** The version the import left the case at. */
  version: z.number().int().positive(),
  /**
   * For a changed case: the version before, and the earlier values of the fields the import changed
   * (empty when it only added actions or timeline notes). Null for a created case.
   */
  before: z
    .object({ version: z.number().int().positive(), fields: z.record(z.string(), z.unknown()) })
    .nullable(),
  /** The actions and timeline notes the import added to the case. */
  actionIds: z.array(z.string().min(1)),
  updateIds: z.array(z.string().min(1)),
});
export type BatchCase = z.infer<typeof batchCaseSchema>;

/** Why an undo left a case alone. */
export const LEFT_ALONE_REASONS = [
  /** The case was edited (its version moved on), or is gone. */
  'edited',
  'timeline',
  'actions',
  'escalation',
  'meeting',
  /** Changed by someone else while the undo ran (the conditional write lost). */
  'conflict',
] as const;
export type LeftAloneReason = (typeof LEFT_ALONE_REASONS)[number];

export const undoResultSchema = z.object({
  /** Cases the batch created, removed with their actions and notes. */
  removed: z.array(caseRefSchema),
  /** Cases the batch changed, put back as they were (fields, actions and notes). */
  restored: z.array(caseRefSchema),
  leftAlone: z.array(z.object({ ref: caseRefSchema, reason: z.enum(LEFT_ALONE_REASONS) })),
});
export type UndoResult = z.infer<typeof undoResultSchema>;

export const importBatchSchema = z.object({
  /** A uuid, as other record ids (store/ids.ts). */
  id: z.string().min(1),
  at: instantSchema,
  /** Who imported (the caller's id). */
  by: z.string().min(1),
  /** The file's name as uploaded (may be null) and its SHA-256: which file it was, never its content. */
  fileName: z.string().max(255).nullable(),
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(['csv', 'xlsx']),
  cases: z.array(batchCaseSchema),
  /** Set once, by the undo: who, when, and (once finished) what it did. */
  undone: z
    .object({ at: instantSchema, by: z.string().min(1), result: undoResultSchema.nullable() })
    .nullable(),
  version: z.number().int().positive(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

/** What a case looks like now, everything that could show it was touched since the batch. */
export interface CaseNow {
  current: Case | null;
  actions: readonly Action[];
  updates: readonly CaseUpdate[];
  escalations: readonly Escalation[];
}

export type UndoStep =
  | { kind: 'remove'; entry: BatchCase }
  | { kind: 'restore'; entry: BatchCase }
  | { kind: 'leave'; ref: string; reason: LeftAloneReason };

/** Ids of actions/notes the batch added to this case (its own records do not count as touches). */
function own(entry: BatchCase): { actions: Set<string>; updates: Set<string> } {
  return { actions: new Set(entry.actionIds), updates: new Set(entry.updateIds) };
}

/**
 * Whether a case was touched since the batch, and how: edited (version moved on, or gone), a timeline
 * note or action added or changed that is not the batch's own, an escalation raised or changed, or a
 * meeting that recorded or put it on an agenda since. Records written at the batch's own instant count
 * (by id they are not the batch's), so a same-millisecond edit is never missed.
 */
export function touchedSince(
  batch: ImportBatch,
  entry: BatchCase,
  now: CaseNow,
  meetings: readonly Meeting[],
): LeftAloneReason | null {
  const since = Date.parse(batch.at);
  const after = (instant: string) => Date.parse(instant) >= since;
  if (now.current === null || now.current.version !== entry.version) return 'edited';
  const mine = own(entry);
  if (now.updates.some((u) => !mine.updates.has(u.id) && after(u.at))) return 'timeline';
  if (mine.updates.size > 0 && now.updates.filter((u) => mine.updates.has(u.id)).length < mine.updates.size)
    return 'timeline';
  for (const a of now.actions) {
    if (mine.actions.has(a.id) ? a.version !== 1 : after(a.updatedAt)) return 'actions';
  }
  if (now.actions.filter((a) => mine.actions.has(a.id)).length < mine.actions.size) return 'actions';
  if (now.escalations.some((e) => after(e.updatedAt))) return 'escalation';
  const inMeeting = meetings.some(
    (m) =>
      after(m.updatedAt) &&
      (m.records.some((r) => r.caseRef === entry.ref) ||
        (m.agenda ?? []).some((a) => a.caseRef === entry.ref)),
  );
  return inMeeting ? 'meeting' : null;
}

/**
 * The undo, case by case: a created case untouched since is removed, a changed one restored, any other
 * left alone with the reason. Pure: the caller writes each step conditionally (a race is a `conflict`).
 */
export function planUndo(
  batch: ImportBatch,
  now: ReadonlyMap<string, CaseNow>,
  meetings: readonly Meeting[],
): UndoStep[] {
  return batch.cases.map((entry): UndoStep => {
    const state = now.get(entry.ref) ?? { current: null, actions: [], updates: [], escalations: [] };
    const reason = touchedSince(batch, entry, state, meetings);
    if (reason !== null) return { kind: 'leave', ref: entry.ref, reason };
    return { kind: entry.kind === 'created' ? 'remove' : 'restore', entry };
  });
}

/** What an undo answers (API, CLI, tab): refs and reasons, no child data. */
export interface UndoReport extends UndoResult {
  batchId: string;
  /** When the undone import ran. */
  importedAt: string;
}

/** The last batch as the tab shows it (GET /api/import/batches/last): counts, no child data. */
export interface BatchSummary {
  id: string;
  at: string;
  by: string;
  fileName: string | null;
  format: 'csv' | 'xlsx';
  created: number;
  changed: number;
  undone: { at: string; by: string } | null;
}

/** True when the entry still holds values the import replaced (child data). */
export function holdsValues(c: BatchCase): boolean {
  return c.before !== null && Object.keys(c.before.fields).length > 0;
}

/** The entry without the replaced values (kept: the versions, ids and which case). */
export function withoutValues(c: BatchCase): BatchCase {
  return c.before === null ? c : { ...c, before: { ...c.before, fields: {} } };
}

/** Audit fields for a batch: counts only. */
export function batchCounts(batch: ImportBatch): string[] {
  const created = batch.cases.filter((c) => c.kind === 'created').length;
  return [`created=${created}`, `changed=${batch.cases.length - created}`];
}
