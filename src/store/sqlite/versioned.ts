/**
 * One table of versioned records (cases, actions, meetings, escalations): the JSON of the record in
 * `data`, indexed columns derived from it, and the conditional update every port shares.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { deepFreeze, mergePatch, validateRecord } from '../records';
import { decodeRow } from './records';
import type { StatementCache } from './records';

export type ColumnValue = string | number | null;

interface Versioned {
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TableSpec<T extends Versioned> {
  table: string;
  /** The key column, and the record field it holds (`ref` or `id`). */
  keyColumn: string;
  keyField: keyof T & string;
  /** For people: `Case`, `Action`... (messages name the kind and key only). */
  kind: string;
  schema: z.ZodType<T>;
  /** Indexed columns derived from the record, besides the key and `data`. */
  columns: readonly string[];
  /** Their values for a record, in the order of `columns`. */
  values(record: T): ColumnValue[];
  /** Fields no patch may change, besides the key and bookkeeping (e.g. an action's `caseRef`). */
  fixed: readonly (keyof T & string)[];
  /** Keeps side tables in step with the record (same transaction). */
  afterWrite?(record: T): void;
}

export class VersionedTable<T extends Versioned> {
  private readonly selectOne: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly updateRow: Database.Statement;
  /**
   * Key -> the record last decoded, deep-frozen. It is current while its `version` equals the row's
   * `version` column: every write bumps the version (here or in another connection), so a stale entry is
   * never returned. Reading a big list then costs one indexed scan of (key, version) and parses only the
   * rows that changed. Memory: one decoded object per record read (about 2 KB a case).
   */
  private readonly cache = new Map<string, T>();

  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    readonly spec: TableSpec<T>,
  ) {
    const { table, keyColumn, columns } = spec;
    this.selectOne = db.prepare(`SELECT version, data FROM ${table} WHERE ${keyColumn} = ?`).raw(true);
    const all = [keyColumn, ...columns, 'version', 'data'];
    this.insertRow = db.prepare(
      `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
    );
    this.updateRow = db.prepare(
      `UPDATE ${table} SET ${[...columns, 'version', 'data'].map((c) => `${c} = ?`).join(', ')} WHERE ${keyColumn} = ?`,
    );
  }

  /** Parses and validates a stored row, and remembers the result for its version. */
  private decode(key: string, data: unknown): T {
    return this.remember(key, decodeRow(this.spec.schema, this.spec.table, key, data));
  }

  private remember(key: string, record: T): T {
    this.cache.set(key, deepFreeze(record));
    return record;
  }

  private cached(key: string, version: unknown): T | undefined {
    const hit = this.cache.get(key);
    return hit !== undefined && hit.version === version ? hit : undefined;
  }

  /** The record, deep-frozen (shared, so callers cannot change what others read), or null. */
  find(key: string): T | null {
    const row = this.selectOne.get(key) as [unknown, unknown] | undefined;
    if (row === undefined) return null;
    return this.cached(key, row[0]) ?? this.decode(key, row[1]);
  }

  /** Validates and inserts a complete record; call inside the creating transaction. */
  insert(candidate: unknown): T {
    const record = validateRecord(this.spec.schema, this.spec.kind, candidate);
    const key = String(record[this.spec.keyField]);
    this.insertRow.run(key, ...this.spec.values(record), record.version, JSON.stringify(record));
    this.spec.afterWrite?.(record);
    return this.remember(key, record);
  }

  /**
   * The conditional update, in one immediate transaction: missing -> `NotFoundError`; a stale version ->
   * `ConflictError` carrying the stored record, nothing written; otherwise the patch is merged, the
   * version bumped, the result validated and written.
   */
  update(
    key: string,
    expectedVersion: number,
    patch: object,
    now: string,
    /** Fixed fields this write may change all the same: disposal's redaction only (issue 18). */
    released: readonly string[] = [],
  ): T {
    const tx = this.db.transaction((): T => {
      const current = this.find(key);
      if (!current) throw new NotFoundError(`${this.spec.kind} ${key}`);
      if (current.version !== expectedVersion) throw new ConflictError<T>(current);
      const fixed: Record<string, unknown> = {
        [this.spec.keyField]: current[this.spec.keyField],
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: now,
      };
      for (const field of this.spec.fixed) if (!released.includes(field)) fixed[field] = current[field];
      const record = validateRecord(
        this.spec.schema,
        this.spec.kind,
        mergePatch(current, patch, fixed as Partial<T>),
      );
      this.updateRow.run(...this.spec.values(record), record.version, JSON.stringify(record), key);
      this.spec.afterWrite?.(record);
      return record;
    });
    const record = tx.immediate();
    // Remembered only once the transaction has committed.
    return this.remember(key, record);
  }

  /**
   * Records matching all the `where` clauses, in `orderBy` order. One read transaction (a consistent
   * snapshot): first keys and versions, then the JSON of only those rows not already decoded.
   */
  list(where: readonly string[], params: readonly unknown[], orderBy: string): T[] {
    const { table, keyColumn } = this.spec;
    const sql =
      `SELECT ${keyColumn}, version FROM ${table}` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY ${orderBy}`;
    const read = this.db.transaction((): T[] => {
      const rows = this.statements.raw(sql).all(...params) as [string, number][];
      const out = new Array<T | undefined>(rows.length);
      const missing: string[] = [];
      for (let i = 0; i < rows.length; i++) {
        const [key, version] = rows[i]!;
        const hit = this.cached(key, version);
        if (hit) out[i] = hit;
        else missing.push(key);
      }
      if (missing.length > 0) {
        const fetched = this.statements
          .raw(
            `SELECT ${keyColumn}, data FROM ${table} WHERE ${keyColumn} IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(missing)) as [string, unknown][];
        for (const [key, data] of fetched) this.decode(key, data);
        for (let i = 0; i < rows.length; i++) if (out[i] === undefined) out[i] = this.cache.get(rows[i]![0]);
      }
      return out as T[];
    });
    return read();
  }
}
