import type Database from 'better-sqlite3';
import { ConflictError, NotFoundError } from '../../domain/errors';
import {
  holdsValues,
  importBatchSchema,
  withoutValues,
  type ImportBatch,
  type UndoResult,
} from '../../domain/importBatches';
import type { CaseRef, Instant } from '../../domain/types';
import type { ImportBatchStore, NewImportBatch, VersionedId } from '../ports';
import { validateRecord } from '../records';
import { decodeRow, run } from './records';

type Own = { actions: readonly VersionedId[]; updateIds: readonly string[] };

/**
 * Import batches, and the only deletes of cases, actions and notes in the SQLite store (an undo's). Each
 * removal runs in one immediate transaction that checks again what the undo checked, so an edit made
 * between the undo's read and its write (by another connection or process) keeps the case.
 */
export class SqliteImportBatchStore implements ImportBatchStore {
  private readonly removeCaseTx: (ref: CaseRef, version: number, own: Own) => boolean;
  private readonly removeAddedTx: (own: Own) => boolean;

  constructor(private readonly db: Database.Database) {
    const caseVersion = db.prepare('SELECT version FROM cases WHERE ref = ?').pluck();
    const actionIds = db.prepare('SELECT id, version FROM actions WHERE case_ref = ?');
    const updateIds = db.prepare('SELECT id FROM case_updates WHERE case_ref = ?').pluck();
    const escalations = db.prepare('SELECT COUNT(*) FROM escalations WHERE case_ref = ?').pluck();
    const deleteCase = db.prepare('DELETE FROM cases WHERE ref = ? AND version = ?');
    const deleteAction = db.prepare('DELETE FROM actions WHERE id = ? AND version = ?');
    const deleteUpdate = db.prepare('DELETE FROM case_updates WHERE id = ?');

    const removeAdded = (own: Own): boolean => {
      for (const a of own.actions) {
        if (deleteAction.run(a.id, a.version).changes !== 1) throw new Rollback();
      }
      for (const id of own.updateIds) deleteUpdate.run(id);
      return true;
    };
    const removeCase = db.transaction((ref: CaseRef, version: number, own: Own): boolean => {
      if (caseVersion.get(ref) !== version) return false;
      const mine = new Map(own.actions.map((a) => [a.id, a.version]));
      const actions = actionIds.all(ref) as { id: string; version: number }[];
      if (actions.some((a) => mine.get(a.id) !== a.version)) return false;
      const notes = new Set(own.updateIds);
      if ((updateIds.all(ref) as string[]).some((id) => !notes.has(id))) return false;
      if (Number(escalations.get(ref)) > 0) return false;
      removeAdded(own);
      deleteCase.run(ref, version);
      return true;
    });
    this.removeCaseTx = (ref, version, own) => guarded(() => removeCase.immediate(ref, version, own));
    const added = db.transaction(removeAdded);
    this.removeAddedTx = (own) => guarded(() => added.immediate(own));
  }

  record(batch: NewImportBatch, now: Instant): Promise<ImportBatch> {
    return run(() => {
      const full = validateRecord(importBatchSchema, 'Import batch', {
        ...batch,
        undone: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      this.db
        .prepare('INSERT INTO import_batches (id, at_ms, version, data) VALUES (?, ?, ?, ?)')
        .run(full.id, Date.parse(full.at), full.version, JSON.stringify(full));
      return full;
    });
  }

  latest(): Promise<ImportBatch | null> {
    return run(() => {
      const row = this.db
        .prepare('SELECT id, data FROM import_batches ORDER BY at_ms DESC, seq DESC LIMIT 1')
        .get() as { id: string; data: string } | undefined;
      return row ? decodeRow(importBatchSchema, 'import_batches', row.id, row.data) : null;
    });
  }

  get(id: string): Promise<ImportBatch | null> {
    return run(() => this.find(id));
  }

  private find(id: string): ImportBatch | null {
    const data = this.db.prepare('SELECT data FROM import_batches WHERE id = ?').pluck().get(id);
    return data === undefined ? null : decodeRow(importBatchSchema, 'import_batches', id, data);
  }

  markUndone(
    id: string,
    expectedVersion: number,
    undone: { at: Instant; by: string; result: UndoResult | null },
    now: Instant,
  ): Promise<ImportBatch> {
    return run(() =>
      this.db
        .transaction((): ImportBatch => {
          const current = this.find(id);
          if (current === null) throw new NotFoundError(`Import batch ${id}`);
          if (current.version !== expectedVersion) throw new ConflictError(current);
          const next = validateRecord(importBatchSchema, 'Import batch', {
            ...current,
            undone,
            version: current.version + 1,
            updatedAt: now,
          });
          this.db
            .prepare('UPDATE import_batches SET version = ?, data = ? WHERE id = ?')
            .run(next.version, JSON.stringify(next), id);
          return next;
        })
        .immediate(),
    );
  }

  forgetReplacedValues(id: string): Promise<void> {
    return run(() =>
      this.db
        .transaction(() => {
          const batch = this.find(id);
          if (batch === null || !batch.cases.some(holdsValues)) return;
          const next = { ...batch, cases: batch.cases.map(withoutValues) };
          this.db.prepare('UPDATE import_batches SET data = ? WHERE id = ?').run(JSON.stringify(next), id);
        })
        .immediate(),
    );
  }

  removeCase(ref: CaseRef, version: number, own: Own): Promise<boolean> {
    return run(() => this.removeCaseTx(ref, version, own));
  }

  removeAdded(own: Own): Promise<boolean> {
    return run(() => this.removeAddedTx(own));
  }
}

/** Thrown inside a transaction to roll it back when a record moved on; reported as `false`. */
class Rollback extends Error {}

function guarded(work: () => boolean): boolean {
  try {
    return work();
  } catch (error) {
    if (error instanceof Rollback) return false;
    throw error;
  }
}
