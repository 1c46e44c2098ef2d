/**
 * Schema migrations, applied in order when a database is opened. Append new ones at the end; never edit
 * or reorder one that has shipped (a database records the ids it has applied in `schema_migrations`,
 * and `PRAGMA user_version` holds how many).
 *
 * Every record table keeps the record's JSON in `data` (the source of truth, validated with the domain
 * schema on read) plus indexed columns derived from it for what the ports filter and order by. Versioned
 * tables also keep `version`, so a reader can tell whether a record it already decoded is still current
 * without fetching or parsing its JSON.
 * Instants used for ordering are stored as epoch milliseconds, because ISO strings with and without
 * fractional seconds do not sort correctly as text.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  /** Stable, unique, never changed once shipped. */
  id: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    id: '0001-initial',
    sql: `
      CREATE TABLE counters (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO counters (name, value) VALUES ('case_ref', 0);

      CREATE TABLE cases (
        ref        TEXT PRIMARY KEY,
        seq        INTEGER NOT NULL UNIQUE,
        status     TEXT NOT NULL,
        concern    TEXT NOT NULL,
        lead_email TEXT,
        version    INTEGER NOT NULL,
        data       TEXT NOT NULL
      );
      CREATE INDEX cases_status ON cases (status, seq);
      CREATE INDEX cases_concern ON cases (concern, seq);
      CREATE INDEX cases_lead_email ON cases (lead_email, seq);

      CREATE TABLE case_categories (
        ref      TEXT NOT NULL REFERENCES cases (ref) ON DELETE CASCADE,
        category TEXT NOT NULL,
        PRIMARY KEY (ref, category)
      ) WITHOUT ROWID;
      CREATE INDEX case_categories_category ON case_categories (category, ref);

      CREATE TABLE actions (
        id         TEXT PRIMARY KEY,
        case_ref   TEXT NOT NULL,
        owner_id   TEXT,
        status     TEXT NOT NULL,
        meeting_id TEXT,
        due_date   TEXT NOT NULL,
        version    INTEGER NOT NULL,
        data       TEXT NOT NULL
      );
      -- version is in each index so a list of (id, version) is read from the index alone (see
      -- VersionedTable.list): a long list never touches the table's large rows unless a record changed.
      CREATE INDEX actions_due ON actions (due_date, id, version);
      CREATE INDEX actions_case_ref ON actions (case_ref, due_date, id, version);
      CREATE INDEX actions_owner_id ON actions (owner_id, due_date, id, version);
      CREATE INDEX actions_status ON actions (status, due_date, id, version);
      CREATE INDEX actions_meeting_id ON actions (meeting_id, due_date, id, version);

      CREATE TABLE case_updates (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        id       TEXT NOT NULL UNIQUE,
        case_ref TEXT NOT NULL,
        at_ms    INTEGER NOT NULL,
        data     TEXT NOT NULL
      );
      CREATE INDEX case_updates_case_ref ON case_updates (case_ref, at_ms, seq);

      CREATE TABLE meetings (
        id           TEXT PRIMARY KEY,
        starts_at_ms INTEGER NOT NULL,
        version      INTEGER NOT NULL,
        data         TEXT NOT NULL
      );
      CREATE INDEX meetings_starts_at ON meetings (starts_at_ms, id);

      CREATE TABLE minutes (
        meeting_id   TEXT PRIMARY KEY,
        file_name    TEXT NOT NULL,
        content_type TEXT NOT NULL,
        bytes        BLOB NOT NULL,
        created_at   TEXT NOT NULL
      );

      CREATE TABLE escalations (
        id        TEXT PRIMARY KEY,
        case_ref  TEXT NOT NULL,
        raised_on TEXT NOT NULL,
        responded INTEGER NOT NULL CHECK (responded IN (0, 1)),
        version   INTEGER NOT NULL,
        data      TEXT NOT NULL
      );
      CREATE INDEX escalations_raised_on ON escalations (raised_on, id);
      CREATE INDEX escalations_case_ref ON escalations (case_ref, raised_on, id);
      CREATE INDEX escalations_responded ON escalations (responded, raised_on, id);

      CREATE TABLE audit_log (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        id      TEXT NOT NULL UNIQUE,
        at_ms   INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        target  TEXT NOT NULL,
        action  TEXT NOT NULL,
        data    TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at_ms, seq);
      CREATE INDEX audit_log_user_id ON audit_log (user_id, at_ms, seq);
      CREATE INDEX audit_log_target ON audit_log (target, at_ms, seq);
      CREATE INDEX audit_log_action ON audit_log (action, at_ms, seq);
      -- The audit log is append-only, in the database as well as in the port.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE conversations (
        conversation_id TEXT PRIMARY KEY,
        kind            TEXT NOT NULL,
        tenant_id       TEXT,
        team_id         TEXT,
        user_id         TEXT,
        reference       TEXT NOT NULL,
        active          INTEGER NOT NULL CHECK (active IN (0, 1)),
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX conversations_active ON conversations (active, conversation_id);

      CREATE TABLE notifications (
        id            TEXT PRIMARY KEY,
        state         TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed')),
        claimed_by    TEXT NOT NULL,
        claimed_at    TEXT NOT NULL,
        claimed_at_ms INTEGER NOT NULL,
        sent_at       TEXT,
        attempts      INTEGER NOT NULL,
        last_error    TEXT
      ) WITHOUT ROWID;
    `,
  },
  {
    // What finishing a meeting rendered the document from (MinutesContent as JSON), so the minutes read
    // on screen stay what the document says. NULL for minutes stored before it was kept.
    id: '0002-minutes-content',
    sql: `ALTER TABLE minutes ADD COLUMN content TEXT;`,
  },
  {
    // Escalations keep the responses a newer one replaced (issue 14). Existing records get an empty
    // history: what an earlier response said before this was kept is gone (the audit log still says
    // who changed the escalation, and when). The version is not bumped: nothing a reader sees changed.
    id: '0003-escalation-earlier-responses',
    sql: `UPDATE escalations SET data = json_set(data, '$.earlierResponses', json('[]'))
          WHERE json_type(data, '$.earlierResponses') IS NULL;`,
  },
  {
    // The disclosure log (issue 18, ToR §6): append-only in the database as well as in the port, like
    // the audit log. A correction is a new row naming the one it corrects.
    id: '0004-disclosures',
    sql: `
      CREATE TABLE disclosures (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        id       TEXT NOT NULL UNIQUE,
        case_ref TEXT NOT NULL,
        at_ms    INTEGER NOT NULL,
        data     TEXT NOT NULL
      );
      CREATE INDEX disclosures_case_ref ON disclosures (case_ref, at_ms, seq);
      CREATE INDEX disclosures_at ON disclosures (at_ms, seq);
      CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
        BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;
      CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
        BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;
    `,
  },
  {
    // Saved named import mappings (issue 19): the mapping as JSON, validated on every read.
    id: '0006-import-mappings',
    sql: `CREATE TABLE import_mappings (
            name TEXT PRIMARY KEY,
            data TEXT NOT NULL
          );`,
  },
  {
    // Import batches (issue 19): one row a real import, newest found by at_ms then seq. The JSON holds
    // refs, versions and record ids, plus the earlier field values of cases an import changed.
    id: '0007-import-batches',
    sql: `
      CREATE TABLE import_batches (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        id      TEXT NOT NULL UNIQUE,
        at_ms   INTEGER NOT NULL,
        version INTEGER NOT NULL,
        data    TEXT NOT NULL
      );
      CREATE INDEX import_batches_at ON import_batches (at_ms, seq);
    `,
  },
  {
    // Where each person's personal nudges go (issue 20): channel, feed or both; absent means both.
    id: '0008-notification-preferences',
    sql: `
      CREATE TABLE feed_preferences (
        user_id    TEXT PRIMARY KEY,
        preference TEXT NOT NULL CHECK (preference IN ('channel', 'feed', 'both')),
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // Disposal (issue 18) must remove a disposed case's free text and people's names from its disclosure
    // entries, so 0004's blanket refusal of UPDATE gives way to one that refuses every update but that
    // redaction: the row stays the same row, what was shared and why read exactly the disposal's
    // placeholder for the case ("Removed on disposal (ref)", domain/disposal.ts redactionFor), and
    // everything the log keeps (date, categories, lawful basis, agency and role, authoriser's role,
    // meeting, correction, when recorded) is unchanged. So a stray UPDATE cannot rewrite what was
    // disclosed; DELETE is still refused outright.
    id: '0009-disclosure-redaction',
    sql: `
      DROP TRIGGER disclosures_no_update;
      CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
        WHEN NOT (
          NEW.seq IS OLD.seq AND NEW.id IS OLD.id AND NEW.case_ref IS OLD.case_ref AND NEW.at_ms IS OLD.at_ms
          AND json_valid(NEW.data)
          AND json_extract(NEW.data, '$.details') IS 'Removed on disposal (' || OLD.case_ref || ')'
          AND json_extract(NEW.data, '$.reason') IS 'Removed on disposal (' || OLD.case_ref || ')'
          AND json_extract(NEW.data, '$.id') IS json_extract(OLD.data, '$.id')
          AND json_extract(NEW.data, '$.caseRef') IS json_extract(OLD.data, '$.caseRef')
          AND json_extract(NEW.data, '$.disclosedOn') IS json_extract(OLD.data, '$.disclosedOn')
          AND json_extract(NEW.data, '$.categories') IS json_extract(OLD.data, '$.categories')
          AND json_extract(NEW.data, '$.recipient.agency') IS json_extract(OLD.data, '$.recipient.agency')
          AND json_extract(NEW.data, '$.recipient.role') IS json_extract(OLD.data, '$.recipient.role')
          AND json_extract(NEW.data, '$.article6') IS json_extract(OLD.data, '$.article6')
          AND json_extract(NEW.data, '$.specialCategory') IS json_extract(OLD.data, '$.specialCategory')
          AND json_extract(NEW.data, '$.authorisedBy.role') IS json_extract(OLD.data, '$.authorisedBy.role')
          AND json_extract(NEW.data, '$.meetingId') IS json_extract(OLD.data, '$.meetingId')
          AND json_extract(NEW.data, '$.corrects') IS json_extract(OLD.data, '$.corrects')
          AND json_extract(NEW.data, '$.recordedAt') IS json_extract(OLD.data, '$.recordedAt')
        )
        BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only (only a disposal redacts an entry)'); END;
    `,
  },
];

/** Thrown when a database was written by a newer version of the app (it has migrations we don't know). */
export class UnknownMigrationError extends Error {
  constructor(ids: readonly string[]) {
    super(`The database has migrations this version of the app does not know: ${ids.join(', ')}.`);
    this.name = 'UnknownMigrationError';
  }
}

/**
 * Applies the migrations the database has not seen, in order, in one immediate transaction (so two
 * processes opening the same new file cannot both apply them). Returns the ids applied now.
 */
export function runMigrations(
  db: Database.Database,
  list: readonly Migration[] = migrations,
  now: () => string = () => new Date().toISOString(),
): string[] {
  const ids = new Set<string>();
  for (const m of list) {
    if (ids.has(m.id)) throw new Error(`Duplicate migration id ${m.id}.`);
    ids.add(m.id);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id         TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  ) WITHOUT ROWID`);

  const apply = db.transaction((): string[] => {
    const applied = new Set(
      db
        .prepare('SELECT id FROM schema_migrations')
        .pluck()
        .all()
        .map((v) => String(v)),
    );
    const unknown = [...applied].filter((id) => !ids.has(id));
    if (unknown.length > 0) throw new UnknownMigrationError(unknown);

    const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
    const done: string[] = [];
    for (const m of list) {
      if (applied.has(m.id)) continue;
      db.exec(m.sql);
      record.run(m.id, now());
      done.push(m.id);
    }
    db.pragma(`user_version = ${applied.size + done.length}`);
    return done;
  });
  return apply.immediate();
}
