/**
 * What the SQLite stores share: decoding stored JSON through the domain schemas, mapping SQLite errors
 * to the app's error codes, and a cache of prepared statements (validation and patching come from
 * src/store/records.ts, as for SharePoint).
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { BusyError, InvalidError } from '../../domain/errors';
import { parseStored } from '../records';

/**
 * A stored row could not be read back as its domain record. The message names the table and key only:
 * never the row's content, which is a child's data.
 */
export class StoredRecordError extends Error {
  constructor(
    readonly table: string,
    readonly key: string,
    problem: 'is not valid JSON' | 'does not match the schema',
  ) {
    super(`The stored row in table "${table}" with key "${key}" is malformed: its data ${problem}.`);
    this.name = 'StoredRecordError';
  }
}

/** Parses a stored `data` column and validates it with the domain schema. */
export function decodeRow<T>(schema: z.ZodType<T>, table: string, key: string, data: unknown): T {
  let parsed: unknown;
  try {
    if (typeof data !== 'string') throw new TypeError('not text');
    parsed = JSON.parse(data);
  } catch {
    throw new StoredRecordError(table, key, 'is not valid JSON');
  }
  const result = parseStored(schema, parsed);
  if (!result.success) throw new StoredRecordError(table, key, 'does not match the schema');
  return result.data;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Runs synchronous database work behind an async port method: errors become rejections, and a database
 * still locked by another writer after the busy timeout becomes a `BusyError` the caller may retry.
 */
export function run<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    if (isBusy(error))
      return Promise.reject(new BusyError('The database is busy. Please try again shortly.', 1));
    return Promise.reject(error);
  }
}

/** Prepared statements, prepared once per SQL text (list queries vary only in which filters are set). */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** A statement returning rows as arrays (`[key, data]`), cheaper than objects for big lists. */
  raw(sql: string): Database.Statement {
    const key = `raw:${sql}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql).raw(true);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}

/** Epoch milliseconds of an instant, for ordering and range filters; `InvalidError` if it is not one. */
export function instantMs(value: string, path: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new InvalidError(`${path} is not a valid instant.`, [
      { path, message: 'must be an ISO 8601 instant' },
    ]);
  }
  return ms;
}

/** A list filter as a JSON array, for `IN (SELECT value FROM json_each(?))` (one statement for any length). */
export function jsonList(values: readonly string[]): string {
  return JSON.stringify(values);
}
