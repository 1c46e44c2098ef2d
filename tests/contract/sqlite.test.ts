/**
 * What only the SQLite adapter promises, beyond the shared contract: migrations, the file's pragmas,
 * several connections and processes sharing one file, and malformed rows reported without their content.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BusyError } from '../../src/domain/errors';
import { caseRefNumber, formatCaseRef } from '../../src/store/ids';
import {
  migrations,
  openSqliteStore,
  runMigrations,
  StoredRecordError,
  UnknownMigrationError,
} from '../../src/store/sqlite';
import { run } from '../../src/store/sqlite/records';
import {
  instant,
  sampleAudit,
  sampleCase,
  sampleDisclosure,
  sampleEscalation,
  sampleMinutes,
} from '../helpers/sampleRecords';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmoe-sqlite-'));
  dbPath = join(dir, 'data', 'cmoe.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A plain connection beside the store's, to look at (or damage) what it wrote. */
function rawConnection(): Database.Database {
  return new Database(dbPath, { timeout: 5000 });
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe('opening a database', () => {
  test('creates the parent directory and sets WAL, foreign keys and a busy timeout', async () => {
    const store = openSqliteStore(dbPath);
    expect(existsSync(dbPath)).toBe(true);
    await store.close();
    const db = rawConnection();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  test('records every migration and sets user_version', async () => {
    const store = openSqliteStore(dbPath);
    await store.close();
    const db = rawConnection();
    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all();
    expect(ids).toEqual(migrations.map((m) => m.id));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  test('re-opening keeps the data and does not re-run migrations', async () => {
    const first = openSqliteStore(dbPath);
    const created = await first.cases.create(sampleCase(), instant(1));
    await first.audit.append(sampleAudit());
    await first.close();
    const db = rawConnection();
    const before = db.prepare('SELECT id, applied_at FROM schema_migrations').all();
    db.close();

    const second = openSqliteStore(dbPath);
    expect(await second.cases.get(created.ref)).toEqual(created);
    expect(await second.audit.query()).toHaveLength(1);
    expect((await second.cases.create(sampleCase(), instant(2))).ref).toBe('CMOE-0002');
    await second.close();

    const again = rawConnection();
    expect(again.prepare('SELECT id, applied_at FROM schema_migrations').all()).toEqual(before);
    again.close();
  });

  test('a new migration is applied once, on the next open, and bumps user_version', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db)).toEqual(migrations.map((m) => m.id));
    expect(runMigrations(db)).toEqual([]);
    const next = [...migrations, { id: '9999-test-extra', sql: 'CREATE TABLE extra_test (x INTEGER);' }];
    expect(runMigrations(db, next)).toEqual(['9999-test-extra']);
    expect(runMigrations(db, next)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(next.length);
    db.close();
  });

  test('a failing migration leaves the database as it was', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    const broken = [
      ...migrations,
      { id: '9999-broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT nope FROM nowhere;' },
    ];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  test('a database from a newer version of the app is refused rather than misread', async () => {
    const store = openSqliteStore(dbPath);
    await store.close();
    const db = rawConnection();
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('9999-from-the-future', 'x')").run();
    db.close();
    expect(() => openSqliteStore(dbPath)).toThrow(UnknownMigrationError);
  });
});

describe('minutes stored before their content was kept (migration 0002)', () => {
  test('keep their document, have no content, and take content on the next put', async () => {
    // A database as the app left it before 0002, holding one meeting's minutes.
    mkdirSync(dirname(dbPath), { recursive: true });
    const db = rawConnection();
    runMigrations(
      db,
      migrations.filter((m) => m.id === '0001-initial'),
    );
    db.prepare(
      `INSERT INTO minutes (meeting_id, file_name, content_type, bytes, created_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(
      'meeting-old',
      'CMOE minutes 2025-03-10.docx',
      'application/octet-stream',
      Buffer.from([1, 2, 3]),
      instant(0),
    );
    db.close();

    const store = openSqliteStore(dbPath);
    const old = await store.minutes.get('meeting-old');
    expect(old?.fileName).toBe('CMOE minutes 2025-03-10.docx');
    expect(Array.from(old!.bytes)).toEqual([1, 2, 3]);
    expect(await store.minutes.getContent('meeting-old')).toBeNull();

    const again = sampleMinutes('meeting-old');
    await store.minutes.put(again);
    expect(await store.minutes.getContent('meeting-old')).toEqual(again.content);
    await store.close();
  });
});

describe('escalations stored before earlier responses were kept (migration 0003)', () => {
  test('read with an empty history and keep the next response they are replaced by', async () => {
    mkdirSync(dirname(dbPath), { recursive: true });
    const db = rawConnection();
    runMigrations(
      db,
      migrations.filter((m) => m.id !== '0003-escalation-earlier-responses'),
    );
    const { earlierResponses: _none, ...old } = {
      ...sampleEscalation('CMOE-0001', { response: 'Declined', respondedOn: '2025-03-12' }),
      earlierResponses: [],
      id: 'esc-old',
      createdAt: instant(0),
      updatedAt: instant(0),
      version: 2,
    };
    db.prepare(
      'INSERT INTO escalations (id, case_ref, raised_on, responded, version, data) VALUES (?, ?, ?, 1, 2, ?)',
    ).run('esc-old', 'CMOE-0001', old.raisedOn, JSON.stringify(old));
    db.close();

    const store = openSqliteStore(dbPath);
    const raw = rawConnection();
    const stored = raw.prepare("SELECT data FROM escalations WHERE id = 'esc-old'").pluck().get() as string;
    expect(JSON.parse(stored).earlierResponses).toEqual([]);
    raw.close();
    expect(await store.escalations.get('esc-old')).toEqual({ ...old, earlierResponses: [] });
    await store.close();
  });
});

describe('case refs', () => {
  test('are padded to 4 digits and grow beyond 9999', () => {
    expect(formatCaseRef(1)).toBe('CMOE-0001');
    expect(formatCaseRef(9999)).toBe('CMOE-9999');
    expect(formatCaseRef(10000)).toBe('CMOE-10000');
    expect(caseRefNumber('CMOE-0042')).toBe(42);
    expect(caseRefNumber('CMOE-10000')).toBe(10000);
    expect(caseRefNumber('CMOE-42')).toBeNull();
    expect(() => formatCaseRef(0)).toThrow(RangeError);
  });

  test('past CMOE-9999 the list stays in numeric ref order', async () => {
    const store = openSqliteStore(dbPath);
    const db = rawConnection();
    db.prepare("UPDATE counters SET value = 9998 WHERE name = 'case_ref'").run();
    db.close();
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) refs.push((await store.cases.create(sampleCase(), instant(i))).ref);
    expect(refs).toEqual(['CMOE-9999', 'CMOE-10000', 'CMOE-10001']);
    expect((await store.cases.list()).map((c) => c.ref)).toEqual(refs);
    await store.close();
  });

  test('two connections to one file, creating at once, never duplicate or skip a ref', async () => {
    const a = openSqliteStore(dbPath);
    const b = openSqliteStore(dbPath);
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).cases.create(sampleCase(), instant(i))),
    );
    const refs = created.map((c) => c.ref).sort();
    expect(refs).toEqual(Array.from({ length: 40 }, (_, i) => formatCaseRef(i + 1)));
    expect((await b.cases.list()).map((c) => c.ref)).toEqual(refs);
    await a.close();
    await b.close();
  });

  test('two processes writing to one file at the same moment never duplicate or skip a ref', async () => {
    await openSqliteStore(dbPath).close();
    const goFile = join(dir, 'go');
    const perProcess = 150;
    const script = join(__dirname, 'fixtures', 'createCases.ts');
    const children = [0, 1].map(() => {
      const child = spawn(
        process.execPath,
        ['--require', require.resolve('tsx/cjs'), script, dbPath, goFile, String(perProcess)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const ready = new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (out.startsWith('ready')) {
            clearInterval(check);
            resolve();
          }
        }, 10);
        child.on('exit', () => {
          clearInterval(check);
          reject(new Error(`child exited before it was ready: ${err}`));
        });
      });
      const done = new Promise<string[]>((resolve, reject) => {
        child.on('exit', (code) => {
          if (code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
          resolve(JSON.parse(out.split('\n')[1] ?? '[]') as string[]);
        });
      });
      return { ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    writeFileSync(goFile, '');
    const [first, second] = await Promise.all(children.map((c) => c.done));
    expect(first).toHaveLength(perProcess);
    expect(second).toHaveLength(perProcess);
    const all = [...first!, ...second!].sort();
    expect(all).toEqual(Array.from({ length: 2 * perProcess }, (_, i) => formatCaseRef(i + 1)));
    const store = openSqliteStore(dbPath);
    expect(await store.cases.list()).toHaveLength(2 * perProcess);
    await store.close();
  }, 60_000);
});

describe('malformed rows', () => {
  test('a row whose data is not JSON is reported by table and key, without its content', async () => {
    const store = openSqliteStore(dbPath);
    const created = await store.cases.create(sampleCase(), instant(1));
    expect(await store.cases.list()).toEqual([created]); // read (and validated) once before the damage
    const db = rawConnection();
    db.prepare('UPDATE cases SET data = ? WHERE ref = ?').run(
      '{"firstName":"Secretly Named", broken',
      created.ref,
    );
    db.close();
    // A hand edit that keeps the version is not seen by a warm cache (every writer through the adapter
    // bumps it); a reader that starts afresh must report the damage.
    await store.close();
    const fresh = openSqliteStore(dbPath);
    for (const attempt of [fresh.cases.get(created.ref), fresh.cases.list()]) {
      const error = await errorOf(attempt);
      expect(error).toBeInstanceOf(StoredRecordError);
      expect(error.message).toContain('cases');
      expect(error.message).toContain(created.ref);
      expect(error.message).not.toContain('Secretly');
      expect(String(error.stack)).not.toContain('Secretly');
      expect(error.cause).toBeUndefined();
    }
    await fresh.close();
  });

  test('a row that no longer matches the schema is reported by table and key, without its content', async () => {
    const store = openSqliteStore(dbPath);
    const created = await store.cases.create(sampleCase(), instant(1));
    const db = rawConnection();
    const data = JSON.stringify({ ...created, firstName: 'Secretly Named', dateOfBirth: 'Secret birthday' });
    db.prepare('UPDATE cases SET data = ? WHERE ref = ?').run(data, created.ref);
    db.close();
    await store.close();
    const fresh = openSqliteStore(dbPath);
    const error = await errorOf(fresh.cases.update(created.ref, 1, { concern: 'high' }, instant(2)));
    expect(error).toBeInstanceOf(StoredRecordError);
    expect(error.message).toContain('cases');
    expect(error.message).toContain(created.ref);
    expect(error.message).not.toMatch(/Secret/);
    await fresh.close();
  });

  test('minutes content that is not JSON, or no longer matches the schema, is reported by meeting id only', async () => {
    const store = openSqliteStore(dbPath);
    const doc = sampleMinutes('meeting-1');
    await store.minutes.put(doc);
    const db = rawConnection();
    const damage = (content: string) =>
      db.prepare('UPDATE minutes SET content = ? WHERE meeting_id = ?').run(content, 'meeting-1');
    const expectReported = async () => {
      const error = await errorOf(store.minutes.getContent('meeting-1'));
      expect(error).toBeInstanceOf(StoredRecordError);
      expect(error.message).toContain('minutes');
      expect(error.message).toContain('meeting-1');
      expect(error.message).not.toMatch(/Secret|Testchild/);
      expect(String(error.stack)).not.toMatch(/Secret|Testchild/);
      expect(error.cause).toBeUndefined();
    };

    damage('{"cases":[{"childName":"Secretly Named"}], broken');
    await expectReported();
    damage(
      JSON.stringify({ ...doc.content, date: 'Secret date', closures: [{ childName: 'Secretly Named' }] }),
    );
    await expectReported();
    // Valid minutes, but another meeting's: not these minutes.
    damage(JSON.stringify({ ...doc.content, meetingId: 'meeting-2' }));
    await expectReported();
    db.close();
    // The document itself is still read.
    expect(Array.from((await store.minutes.get('meeting-1'))!.bytes)).toEqual(Array.from(doc.bytes));
    await store.close();
  });

  test('a change written by another connection is seen at once by a warm reader', async () => {
    const reader = openSqliteStore(dbPath);
    const writer = openSqliteStore(dbPath);
    const created = await reader.cases.create(sampleCase(), instant(1));
    expect((await reader.cases.list())[0]?.concern).toBe(created.concern);
    await writer.cases.update(created.ref, 1, { concern: 'high' }, instant(2));
    expect((await reader.cases.get(created.ref))?.concern).toBe('high');
    expect((await reader.cases.list())[0]).toMatchObject({ concern: 'high', version: 2 });
    await writer.close();
    await reader.close();
  });
});

describe('the database itself', () => {
  test('refuses to update or delete audit entries, even with SQL', async () => {
    const store = openSqliteStore(dbPath);
    await store.audit.append(sampleAudit());
    const db = rawConnection();
    expect(() => db.prepare("UPDATE audit_log SET user_id = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
    expect(await store.audit.query()).toHaveLength(1);
    await store.close();
  });

  test('refuses to update or delete disclosure entries, even with SQL', async () => {
    const store = openSqliteStore(dbPath);
    const saved = await store.disclosures.append(sampleDisclosure('CMOE-0001'));
    const db = rawConnection();
    expect(() => db.prepare("UPDATE disclosures SET data = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE disclosures SET case_ref = 'CMOE-0002'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM disclosures').run()).toThrow(/append-only/);
    db.close();
    expect(await store.disclosures.listAll()).toEqual([saved]);
    await store.close();
  });

  test('a database still locked after the busy timeout surfaces as BusyError', async () => {
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    await expect(
      run(() => {
        throw locked;
      }),
    ).rejects.toBeInstanceOf(BusyError);
    await expect(
      run(() => {
        throw new RangeError('other');
      }),
    ).rejects.toBeInstanceOf(RangeError);
  });

  // Speed is measured by `npm run bench` (docs/benchmarks.md), never asserted in a test.
  test('lists 5,000 cases in ref order, each exactly once', async () => {
    const store = openSqliteStore(dbPath);
    for (let i = 0; i < 5000; i++)
      await store.cases.create(sampleCase({ concern: i % 3 === 0 ? 'high' : 'low' }), instant(i));
    const listed = await store.cases.list();
    expect(listed).toHaveLength(5000);
    expect(listed[0]?.ref).toBe('CMOE-0001');
    expect(listed[4999]?.ref).toBe('CMOE-5000');
    expect(new Set(listed.map((c) => c.ref)).size).toBe(5000);
    expect(await store.cases.list({ concern: ['high'] })).toHaveLength(1667);
    await store.close();
  }, 60_000);
});
