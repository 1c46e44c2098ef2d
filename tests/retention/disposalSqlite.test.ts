/**
 * Disposal on the SQLite store (issue 18): an approved case leaves no trace of its child or the people
 * on it anywhere in the database (every table dumped, the minutes documents opened, and the raw file
 * and its write-ahead log searched byte for byte), the oversight figures are unchanged, and the held,
 * open, reopened and recent cases are untouched, row for row.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makePrincipal } from '../../src/auth/principal';
import { reopenCase } from '../../src/operations/cases';
import { disposalReview, disposeCase } from '../../src/operations/disposal';
import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/ports';
import { zipFiles } from '../helpers/docxText';
import {
  ADMIN_CALL,
  KEPT_DISCLOSURE,
  SECRETS,
  depsFor,
  everythingAbout,
  figures,
  seedScenario,
  tracesIn,
  type Scenario,
} from './scenario';

let dir: string;
let path: string;
let store: Store;
let s: Scenario;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cmoe-dispose-'));
  path = join(dir, 'store.sqlite');
  store = openSqliteStore(path);
  s = await seedScenario(store);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table as text; blobs (minutes documents) unzipped. */
function dumpTables(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    const out: string[] = [];
    for (const t of tables) {
      for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          if (Buffer.isBuffer(value)) {
            for (const f of zipFiles(value).values()) out.push(f.toString('utf8'));
          } else out.push(String(value));
        }
      }
    }
    return out.join('\n');
  } finally {
    db.close();
  }
}

/** The raw bytes of the database file and its write-ahead log, as latin1 text (names are ASCII here). */
function rawFiles(file: string): string {
  return [file, `${file}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n');
}

function rows(file: string, table: string, where: string, param: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return JSON.stringify(db.prepare(`SELECT * FROM ${table} WHERE ${where} = ? ORDER BY 1`).all(param));
  } finally {
    db.close();
  }
}

describe('disposal on the SQLite store', () => {
  it('proposes only the closed case past retention, with what will go, and never the others', async () => {
    const review = await disposalReview(depsFor(store), ADMIN_CALL);
    expect(review.due.map((d) => d.ref)).toEqual([s.disposed.ref]);
    expect(review.held.map((h) => h.ref)).toEqual([s.held.ref]);
    expect(review.due[0]?.willGo).toEqual([
      { kind: 'timeline entries', count: 1 },
      { kind: 'actions', count: 1 },
      { kind: 'escalations', count: 1 },
      { kind: 'disclosure log entries', count: 1 },
      { kind: 'meeting records', count: 1 },
      { kind: 'minutes', count: 1 },
      { kind: 'case record', count: 1 },
    ]);
    // The review is for an admin, who reads no child's record.
    expect(tracesIn(JSON.stringify(review))).toEqual([]);
  });

  it('leaves no trace of the child anywhere in the database once approved, and the figures equal', async () => {
    // The scenario is real: before disposal every secret is in the store.
    expect(tracesIn(dumpTables(path)).sort()).toEqual(tracesIn(SECRETS.join('\n')).sort());
    const before = await figures(store);

    await disposeCase(depsFor(store), ADMIN_CALL, s.disposed.ref, s.disposed.version, {
      confirmRef: s.disposed.ref,
    });

    expect(await figures(store)).toEqual(before);
    expect(tracesIn(dumpTables(path))).toEqual([]);
    expect(tracesIn(rawFiles(path))).toEqual([]);
    const after = await store.cases.get(s.disposed.ref);
    expect(after).toMatchObject({
      ref: s.disposed.ref,
      yearGroup: s.disposed.yearGroup,
      categories: s.disposed.categories,
      status: 'closed',
      closure: { reason: 'moved-out', date: s.disposed.closure?.date },
      disposal: { disposedAt: ADMIN_CALL.now.toISOString(), approvedBy: 'admin-1' },
    });
    // The disclosure entry still records that a lawful disclosure was made, in that meeting.
    expect(await store.disclosures.listByCase(s.disposed.ref)).toMatchObject([
      {
        ...KEPT_DISCLOSURE,
        meetingId: s.meetingId,
        details: `Removed on disposal (${s.disposed.ref})`,
        reason: `Removed on disposal (${s.disposed.ref})`,
      },
    ]);
    // Approved once, audited once, and never proposed again.
    expect(await store.audit.query({ action: 'retention.dispose' })).toHaveLength(1);
    expect((await disposalReview(depsFor(store), ADMIN_CALL)).due).toEqual([]);
    // Nobody can bring the anonymous record back as a case to work on.
    const chair = {
      ...ADMIN_CALL,
      caller: makePrincipal({
        id: 'chair-1',
        name: 'Chair',
        email: 'chair@example.org',
        roles: ['CMOE.Chair'],
      }),
    };
    await expect(
      reopenCase(depsFor(store), chair, s.disposed.ref, after!.version, { reason: 'Came back' }),
    ).rejects.toMatchObject({ code: 'Invalid', issues: [{ path: 'disposal', message: 'is set' }] });
  });

  it('leaves the held, open, reopened and recent cases untouched, row for row', async () => {
    const others = [s.held, s.open, s.reopened, s.recent];
    const snapshot = async () =>
      Promise.all(
        others.map(async (c) => [
          await everythingAbout(store, c.ref),
          rows(path, 'cases', 'ref', c.ref),
          rows(path, 'case_updates', 'case_ref', c.ref),
          rows(path, 'actions', 'case_ref', c.ref),
          rows(path, 'disclosures', 'case_ref', c.ref),
        ]),
      );
    const before = await snapshot();
    await disposeCase(depsFor(store), ADMIN_CALL, s.disposed.ref, s.disposed.version, {
      confirmRef: s.disposed.ref,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('still refuses, in SQL, every change to a disclosure entry but a disposal redaction', async () => {
    const db = new Database(path);
    try {
      const id = db.prepare('SELECT id FROM disclosures WHERE case_ref = ?').pluck().get(s.held.ref);
      const set = (expr: string) => () =>
        db.prepare(`UPDATE disclosures SET data = ${expr} WHERE id = ?`).run(id);
      const placeholder = `'Removed on disposal (${s.held.ref})'`;
      const redacted = `json_set(data, '$.details', ${placeholder}, '$.reason', ${placeholder})`;
      // Rewriting what was shared, or redacting and changing what the log keeps, is refused...
      expect(set(`json_set(data, '$.details', 'Nothing was shared')`)).toThrow(/append-only/);
      expect(set(`json_set(${redacted}, '$.article6', 'art6-1d')`)).toThrow(/append-only/);
      expect(set(`json_set(${redacted}, '$.recipient.agency', 'Nobody')`)).toThrow(/append-only/);
      expect(set(`json_set(${redacted}, '$.disclosedOn', '2000-01-01')`)).toThrow(/append-only/);
      expect(() =>
        db.prepare('UPDATE disclosures SET case_ref = ? WHERE id = ?').run(s.open.ref, id),
      ).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM disclosures WHERE id = ?').run(id)).toThrow(/append-only/);
      // ...while the disposal's redaction (free text to the placeholder, kept fields as they were) passes.
      expect(set(redacted)().changes).toBe(1);
    } finally {
      db.close();
    }
  });

  it('refuses to dispose of a held, open, reopened or recent case, changing nothing', async () => {
    for (const c of [s.held, s.open, s.reopened, s.recent]) {
      const before = rows(path, 'cases', 'ref', c.ref);
      await expect(
        disposeCase(depsFor(store), ADMIN_CALL, c.ref, c.version, { confirmRef: c.ref }),
      ).rejects.toMatchObject({ code: 'Invalid' });
      expect(rows(path, 'cases', 'ref', c.ref)).toBe(before);
    }
    expect(await store.audit.query({ action: 'retention.dispose' })).toEqual([]);
  });

  it('refuses an approval with the wrong ref typed or a stale version, changing nothing', async () => {
    const before = dumpTables(path);
    await expect(
      disposeCase(depsFor(store), ADMIN_CALL, s.disposed.ref, s.disposed.version, {
        confirmRef: 'CMOE-9999',
      }),
    ).rejects.toMatchObject({ code: 'Invalid' });
    await expect(
      disposeCase(depsFor(store), ADMIN_CALL, s.disposed.ref, s.disposed.version - 1, {
        confirmRef: s.disposed.ref,
      }),
    ).rejects.toMatchObject({ code: 'Conflict' });
    expect(dumpTables(path)).toBe(before);
  });
});
