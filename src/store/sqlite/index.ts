/**
 * The embedded SQLite store (better-sqlite3): the default for `npm start`, demos and tests. Synchronous
 * work behind the async ports; one connection per `openSqliteStore`. Several connections or processes
 * may share one file: WAL lets readers run beside a writer, and every write that reads first (refs,
 * conditional updates, notification claims) runs in `BEGIN IMMEDIATE`, so writers queue (up to the busy
 * timeout, then `BusyError`) instead of interleaving.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../ports';
import { SqliteActionStore } from './actions';
import { SqliteAuditLog } from './audit';
import { SqliteBotStateStore } from './botState';
import { SqliteCaseStore } from './cases';
import { SqliteDisclosureStore } from './disclosures';
import { SqliteEscalationStore } from './escalations';
import { SqliteImportBatchStore } from './importBatches';
import { SqliteMeetingStore } from './meetings';
import { runMigrations } from './migrations';
import { SqliteImportMappingStore } from './importMappings';
import { SqliteMinutesStore } from './minutes';
import { StatementCache } from './records';
import { SqliteCaseUpdateStore } from './updates';

export { SqliteActionStore } from './actions';
export { SqliteAuditLog } from './audit';
export { SqliteBotStateStore } from './botState';
export { SqliteCaseStore } from './cases';
export { SqliteDisclosureStore } from './disclosures';
export { SqliteEscalationStore } from './escalations';
export { SqliteMeetingStore } from './meetings';
export { migrations, runMigrations, UnknownMigrationError } from './migrations';
export type { Migration } from './migrations';
export { SqliteMinutesStore } from './minutes';
export { StoredRecordError } from './records';
export { SqliteCaseUpdateStore } from './updates';

/** How long a writer waits for another connection's write lock before giving up with `BusyError`. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if need be, with its parent directory) the database at `path`, or a private in-memory
 * one for `':memory:'`, applies any pending migrations and returns the store.
 */
export function openSqliteStore(path: string | ':memory:'): Store {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!inMemory) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // Overwritten and deleted content is zeroed rather than left in free pages (issue 18: a disposed
    // case's text must not survive in the file). Costs a little on writes that free space.
    db.pragma('secure_delete = ON');
    runMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = new StatementCache(db);
  return {
    cases: new SqliteCaseStore(db, statements),
    actions: new SqliteActionStore(db, statements),
    updates: new SqliteCaseUpdateStore(db),
    meetings: new SqliteMeetingStore(db, statements),
    minutes: new SqliteMinutesStore(db),
    escalations: new SqliteEscalationStore(db, statements),
    disclosures: new SqliteDisclosureStore(db),
    audit: new SqliteAuditLog(db, statements),
    bot: new SqliteBotStateStore(db),
    // The write-ahead log still holds the pages as they were before a disposal until it is checkpointed
    // and truncated; secure_delete covers the database file itself.
    purge: () => {
      if (!inMemory) db.pragma('wal_checkpoint(TRUNCATE)');
      return Promise.resolve();
    },
    importBatches: new SqliteImportBatchStore(db),
    importMappings: new SqliteImportMappingStore(db),
    close: () => {
      if (db.open) db.close();
      return Promise.resolve();
    },
  };
}
