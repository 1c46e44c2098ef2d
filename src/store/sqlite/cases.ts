import type Database from 'better-sqlite3';
import { caseSchema } from '../../domain/types';
import type { Case, CaseRef, Instant } from '../../domain/types';
import { caseRefNumber, formatCaseRef } from '../ids';
import type { CasePatch, CaseQuery, CaseStore, NewCase, Timed } from '../ports';
import { jsonList, run } from './records';
import type { StatementCache } from './records';
import { VersionedTable } from './versioned';

/**
 * Cases, keyed by ref. Refs come from the `case_ref` counter, bumped in the same immediate transaction
 * as the insert: a failed insert rolls the counter back (no gaps), a counter never goes down (no reuse),
 * and `BEGIN IMMEDIATE` serialises writers across connections and processes (no duplicates).
 */
export class SqliteCaseStore implements CaseStore {
  private readonly records: VersionedTable<Case>;
  private readonly nextNumber: Database.Statement;
  private readonly createTx: (input: NewCase, now: Instant) => Case;
  private readonly createManyTx: (all: readonly Timed<NewCase>[]) => Case[];

  constructor(db: Database.Database, statements: StatementCache) {
    const clearCategories = db.prepare('DELETE FROM case_categories WHERE ref = ?');
    const addCategory = db.prepare('INSERT OR IGNORE INTO case_categories (ref, category) VALUES (?, ?)');
    this.records = new VersionedTable<Case>(db, statements, {
      table: 'cases',
      keyColumn: 'ref',
      keyField: 'ref',
      kind: 'Case',
      schema: caseSchema,
      columns: ['seq', 'status', 'concern', 'lead_email'],
      values: (c) => [caseRefNumber(c.ref), c.status, c.concern, c.lead?.email?.toLowerCase() ?? null],
      fixed: [],
      afterWrite: (c) => {
        clearCategories.run(c.ref);
        for (const category of c.categories) addCategory.run(c.ref, category);
      },
    });
    this.nextNumber = db
      .prepare("UPDATE counters SET value = value + 1 WHERE name = 'case_ref' RETURNING value")
      .pluck();
    const tx = db.transaction((input: NewCase, now: Instant): Case => {
      const n = Number(this.nextNumber.get());
      return this.records.insert({
        ...input,
        ref: formatCaseRef(n),
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    });
    this.createTx = (input, now) => tx.immediate(input, now);
    // Nested calls of a better-sqlite3 transaction become savepoints: one outer transaction for all.
    const many = db.transaction((all: readonly Timed<NewCase>[]): Case[] =>
      all.map(({ input, now }) => tx(input, now)),
    );
    this.createManyTx = (all) => many.immediate(all);
  }

  list(query: CaseQuery = {}): Promise<Case[]> {
    return run(() => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.status !== undefined) {
        where.push('status IN (SELECT value FROM json_each(?))');
        params.push(jsonList(query.status));
      }
      if (query.concern !== undefined) {
        where.push('concern IN (SELECT value FROM json_each(?))');
        params.push(jsonList(query.concern));
      }
      if (query.category !== undefined) {
        where.push('ref IN (SELECT ref FROM case_categories WHERE category = ?)');
        params.push(query.category);
      }
      if (query.leadEmail !== undefined) {
        where.push('lead_email = ?');
        params.push(query.leadEmail.trim().toLowerCase());
      }
      return this.records.list(where, params, 'seq');
    });
  }

  createMany(all: readonly Timed<NewCase>[]): Promise<Case[]> {
    return run(() => this.createManyTx(all));
  }

  get(ref: CaseRef): Promise<Case | null> {
    return run(() => this.records.find(ref));
  }

  create(input: NewCase, now: Instant): Promise<Case> {
    return run(() => this.createTx(input, now));
  }

  update(ref: CaseRef, expectedVersion: number, patch: CasePatch, now: Instant): Promise<Case> {
    return run(() => this.records.update(ref, expectedVersion, patch, now));
  }
}
