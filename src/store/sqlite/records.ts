/**
 * What the SQLite stores share: decoding stored JSON through the domain schemas, validating writes,
 * merging patches, mapping SQLite errors to the app's error codes, and a cache of prepared statements.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { BusyError, InvalidError } from '../../domain/errors';
import type { FieldIssue } from '../../domain/errors';

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
  const result = schema.safeParse(parsed);
  if (!result.success) throw new StoredRecordError(table, key, 'does not match the schema');
  return result.data;
}

/** The zod issues as field paths and messages (zod's messages describe rules, not the values given). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
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
