/**
 * One table of versioned records (cases, actions, meetings, escalations): the JSON of the record in
 * `data`, indexed columns derived from it, and the conditional update every port shares.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { decodeRow, mergePatch, validateRecord } from './records';
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
  /** Key -> the stored text last seen to validate to itself (see `decode`). */
  private readonly validated = new Map<string, string>();

  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    readonly spec: TableSpec<T>,
  ) {
    const { table, keyColumn, columns } = spec;
    this.selectOne = db.prepare(`SELECT data FROM ${table} WHERE ${keyColumn} = ?`).pluck();
    const all = [keyColumn, ...columns, 'data'];
    this.insertRow = db.prepare(
      `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
    );
    this.updateRow = db.prepare(
      `UPDATE ${table} SET ${[...columns, 'data'].map((c) => `${c} = ?`).join(', ')} WHERE ${keyColumn} = ?`,
    );
  }

  /**
   * Parses a stored row. Validating every record of a big list with zod costs more than reading it, so
   * the exact text of each row already validated is remembered, and the same text again is only parsed.
   * A text is remembered only if validation gives it back unchanged (no defaults filled in, nothing
   * trimmed), so a skipped validation returns exactly what a full one would. Any other writer's change
   * alters the text and is validated afresh.
   */
  decode(key: string, data: unknown): T {
    if (typeof data === 'string' && this.validated.get(key) === data) return JSON.parse(data) as T;
    const record = decodeRow(this.spec.schema, this.spec.table, key, data);
    if (typeof data === 'string' && JSON.stringify(record) === data) this.validated.set(key, data);
    return record;
  }

  find(key: string): T | null {
    const data: unknown = this.selectOne.get(key);
    return data === undefined ? null : this.decode(key, data);
  }

  /** Validates and inserts a complete record; call inside the creating transaction. */
  insert(candidate: unknown): T {
    const record = validateRecord(this.spec.schema, this.spec.kind, candidate);
    const key = String(record[this.spec.keyField]);
    this.insertRow.run(key, ...this.spec.values(record), JSON.stringify(record));
    this.spec.afterWrite?.(record);
    return record;
  }

  /**
   * The conditional update, in one immediate transaction: missing -> `NotFoundError`; a stale version ->
   * `ConflictError` carrying the stored record, nothing written; otherwise the patch is merged, the
   * version bumped, the result validated and written.
   */
  update(key: string, expectedVersion: number, patch: object, now: string): T {
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
      for (const field of this.spec.fixed) fixed[field] = current[field];
      const record = validateRecord(
        this.spec.schema,
        this.spec.kind,
        mergePatch(current, patch, fixed as Partial<T>),
      );
      this.updateRow.run(...this.spec.values(record), JSON.stringify(record), key);
      this.spec.afterWrite?.(record);
      return record;
    });
    return tx.immediate();
  }

  /** Records matching all the `where` clauses, in `orderBy` order; one statement per distinct SQL. */
  list(where: readonly string[], params: readonly unknown[], orderBy: string): T[] {
    const { table, keyColumn } = this.spec;
    const sql =
      `SELECT ${keyColumn}, data FROM ${table}` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY ${orderBy}`;
    const rows = this.statements.raw(sql).all(...params) as [string, unknown][];
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [key, data] = rows[i]!;
      out[i] = this.decode(key, data);
    }
    return out;
  }
}
