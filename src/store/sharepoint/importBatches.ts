/**
 * Import batches on SharePoint (issue 19), and the only deletes of cases, actions and notes (an undo's).
 *
 * A batch is one item in "CMOE Import Batches" (who, when, which file, undone) plus one item a case in
 * "CMOE Import Batch Cases" (a list item holds at most 63,999 characters, and a batch of 5,000 rows would
 * not fit in one). Items are written in JSON batches of 20.
 *
 * Removing a case is decided by SharePoint itself: the case's item is deleted with `If-Match` on the eTag
 * read just before, after checking that nothing else hangs off it; an edit in between is a 412 and the
 * case stays. Its own actions and notes go after it (an action edited in that instant would stay, as an
 * orphan with no case: the price of having no transactions across items).
 */
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../domain/errors';
import {
  batchCaseSchema,
  holdsValues,
  importBatchSchema,
  withoutValues,
  type ImportBatch,
  type UndoResult,
} from '../../domain/importBatches';
import type { Action, Case, CaseRef, CaseUpdate, Escalation, Instant } from '../../domain/types';
import type { ImportBatchStore, NewImportBatch, VersionedId } from '../ports';
import type { ListItems } from './items';
import { filterOn, keyOf, type RecordMapping } from './mapper';
import { itemOrder } from './order';
import type { SharePointSchema } from './schema';
import { RecordList, VersionedList, type Entry, type MalformedReporter } from './versioned';

const headerSchema = importBatchSchema.omit({ cases: true }).extend({ caseCount: z.number().int().min(0) });
type BatchHeader = z.infer<typeof headerSchema>;

const storedCaseSchema = batchCaseSchema.extend({ batchId: z.string().min(1), n: z.number().int().min(0) });
type StoredCase = z.infer<typeof storedCaseSchema>;

type Own = { actions: readonly VersionedId[]; updateIds: readonly string[] };

/** The lists an undo removes from: the stores' own record lists, so their memory and model stay true. */
export interface UndoTargets {
  cases: VersionedList<Case>;
  actions: VersionedList<Action>;
  updates: RecordList<CaseUpdate>;
  escalations: RecordList<Escalation>;
}

export function batchMappings(schema: SharePointSchema) {
  const batches: RecordMapping<BatchHeader> = {
    list: schema.lists.importBatches,
    kind: 'Import batch',
    schema: headerSchema,
    id: (b) => b.id,
    columns: (b) => ({ AtMs: Date.parse(b.at) }),
  };
  const cases: RecordMapping<StoredCase> = {
    list: schema.lists.importBatchCases,
    kind: 'Import batch case',
    schema: storedCaseSchema,
    id: (c) => `${c.batchId}:${c.ref}`,
    columns: (c) => ({ BatchId: c.batchId }),
  };
  return { batches, cases };
}

export class SharePointImportBatchStore implements ImportBatchStore {
  private readonly batches: VersionedList<BatchHeader>;
  private readonly cases: RecordList<StoredCase>;

  constructor(
    batchItems: ListItems,
    caseItems: ListItems,
    schema: SharePointSchema,
    private readonly targets: UndoTargets,
    reportMalformed: MalformedReporter,
  ) {
    const m = batchMappings(schema);
    this.batches = new VersionedList<BatchHeader>(batchItems, m.batches, reportMalformed, [], 'id');
    this.cases = new RecordList<StoredCase>(caseItems, m.cases, reportMalformed);
  }

  async record(batch: NewImportBatch, now: Instant): Promise<ImportBatch> {
    const { cases, ...header } = batch;
    // Validated whole first: nothing is written for a batch that could not be read back.
    const full = importBatchSchema.parse({
      ...batch,
      undone: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await this.cases.insertMany(cases.map((c, n) => ({ ...c, batchId: batch.id, n })));
    await this.batches.insertNew({
      ...header,
      caseCount: cases.length,
      undone: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    return full;
  }

  async latest(): Promise<ImportBatch | null> {
    const entries = await this.batches.entriesMatching(null);
    const newest = entries.sort(
      (a, b) => Date.parse(b.record.at) - Date.parse(a.record.at) || itemOrder(b.itemId, a.itemId),
    )[0];
    return newest ? this.withCases(newest.record) : null;
  }

  async get(id: string): Promise<ImportBatch | null> {
    const header = await this.batches.get(id);
    return header ? this.withCases(header) : null;
  }

  async markUndone(
    id: string,
    expectedVersion: number,
    undone: { at: Instant; by: string; result: UndoResult | null },
    now: Instant,
  ): Promise<ImportBatch> {
    try {
      return await this.withCases(await this.batches.update(id, expectedVersion, { undone }, now));
    } catch (error) {
      if (error instanceof ConflictError) {
        const current = await this.get(id);
        throw new ConflictError(current);
      }
      if (error instanceof NotFoundError) throw new NotFoundError(`Import batch ${id}`);
      throw error;
    }
  }

  private async withCases(header: BatchHeader): Promise<ImportBatch> {
    const stored = (
      await this.cases.entriesMatching(filterOn(this.cases.mapping.list).eq('BatchId', keyOf(header.id)))
    )
      .map((e) => e.record)
      .filter((c) => c.batchId === header.id)
      .sort((a, b) => a.n - b.n);
    const { caseCount, ...rest } = header;
    if (stored.length !== caseCount) {
      throw new Error(`Import batch ${header.id} has ${stored.length} of its ${caseCount} case records.`);
    }
    return importBatchSchema.parse({
      ...rest,
      cases: stored.map(({ batchId, n, ...c }) => {
        void batchId;
        void n;
        return c;
      }),
    });
  }

  async forgetReplacedValues(id: string): Promise<void> {
    const entries = await this.cases.entriesMatching(
      filterOn(this.cases.mapping.list).eq('BatchId', keyOf(id)),
    );
    for (const e of entries) {
      if (e.record.batchId !== id || !holdsValues(e.record)) continue;
      // A 412 means someone else wrote the item meanwhile (another forget): nothing left to do.
      await this.cases.write(e, { ...e.record, ...withoutValues(e.record) });
    }
  }

  async removeCase(ref: CaseRef, version: number, own: Own): Promise<boolean> {
    const { cases, actions, updates, escalations } = this.targets;
    const entry = await cases.read(ref);
    if (entry === null || entry.record.version !== version) return false;
    const mine = new Map(own.actions.map((a) => [a.id, a.version]));
    const theirActions = (await actions.entriesMatching(byCase(actions, ref))).filter(
      (e) => e.record.caseRef === ref,
    );
    if (theirActions.some((e) => mine.get(e.record.id) !== e.record.version)) return false;
    const notes = new Set(own.updateIds);
    const theirNotes = (await updates.entriesMatching(byCase(updates, ref))).filter(
      (e) => e.record.caseRef === ref,
    );
    if (theirNotes.some((e) => !notes.has(e.record.id))) return false;
    const raised = (await escalations.entriesMatching(byCase(escalations, ref))).some(
      (e) => e.record.caseRef === ref,
    );
    if (raised) return false;
    // The decision: SharePoint deletes the case only if nobody wrote it since it was read.
    if ((await cases.remove(entry)) === 'conflict') return false;
    for (const e of theirActions) await actions.remove(e);
    for (const e of theirNotes) await updates.remove(e);
    return true;
  }

  async removeAdded(own: Own): Promise<boolean> {
    const { actions, updates } = this.targets;
    const found: Entry<Action>[] = [];
    for (const a of own.actions) {
      const e = await actions.read(a.id);
      if (e === null) continue;
      if (e.record.version !== a.version) return false;
      found.push(e);
    }
    for (const e of found) if ((await actions.remove(e)) === 'conflict') return false;
    for (const id of own.updateIds) {
      const e = await updates.read(id);
      if (e !== null) await updates.remove(e);
    }
    return true;
  }
}

function byCase<T>(list: RecordList<T>, ref: CaseRef): string {
  return filterOn(list.mapping.list).eq('CaseRef', ref);
}
