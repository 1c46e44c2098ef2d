/**
 * Issue 19: every real import is a batch, and the system owner can undo the last one. The same tests run
 * on both stores (SQLite in a file, SharePoint through the Graph fake), comparing a full dump of every
 * table or list before the import and after the undo (audit, batches and the ref counter aside).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AlreadyDoneError } from '../../src/domain/errors';
import type { Store } from '../../src/store/ports';
import { importSpreadsheet } from '../../src/operations/importExport';
import { ALREADY_UNDONE, lastImportBatch, undoLastImport } from '../../src/operations/importUndo';
import { holdsValues } from '../../src/domain/importBatches';
import { openSqliteStore } from '../../src/store/sqlite';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';
import { ADMIN_CALL, CHAIR_CALL, callAs, fixture, makeDeps } from './helpers';

const REAL = { dryRun: false, skipInvalid: false, mapping: null };
const text = () => new TextDecoder().decode(fixture('sample-tracker.csv'));
const bytesOf = (t: string) => new TextEncoder().encode(t);
/** Two synthetic children the first file does not have, as rows of the same tracker. */
const NEW_ROWS = [
  'Undoable,Alphina,10/01/2021,Rec,,Demo Infants (synthetic),Part time timetable,AP,15,,EWO,Demo Member (Bea Placeholder),2026-03-02,Demo Lead (Ana Fictional),,,Green,Open,Call the family | due: 15/04/2026,First note (synthetic).',
  'Undoable,Betasia,11/02/2020,Y1,,Demo Infants (synthetic),Part time timetable,AP,15,,EWO,Demo Member (Bea Placeholder),2026-03-02,Demo Lead (Ana Fictional),,,Green,Open,,',
];
/** The sample again, with one existing case changed (concern, plus an action and a note) and two new rows. */
const secondFile = () =>
  bytesOf(
    `${text()
      .replace(
        'Amber,Monitoring,,',
        'Red,Monitoring,Arrange a place at the PRU | due: 15/04/2026,Visited on 20 March (synthetic).',
      )
      .trimEnd()}\n${NEW_ROWS.join('\n')}\n`,
  );

const at = (iso: string) => ({ ...ADMIN_CALL, now: new Date(iso) });
const FIRST = at('2026-03-25T10:00:00.000Z');
const SECOND = at('2026-03-25T11:00:00.000Z');
const LATER = new Date('2026-03-25T12:00:00.000Z');
const UNDO = at('2026-03-25T13:00:00.000Z');

type Dump = Record<string, unknown[]>;

interface Harness {
  store: Store;
  /** Every table/list but the audit, the batches and the ref counter, records parsed. */
  dump(): Promise<Dump>;
  /** The ref counter's value. */
  counter(): Promise<number>;
  close(): Promise<void>;
}

let env: SharePointTestEnv;
let dir: string;
beforeAll(async () => {
  env = await startSharePointEnv();
  dir = mkdtempSync(join(tmpdir(), 'cmoe-undo-'));
});
afterAll(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const SQLITE_SKIPPED = new Set([
  'audit_log',
  'import_batches',
  'schema_migrations',
  'sqlite_sequence',
  'counters',
]);
let files = 0;

function sqliteHarness(): Harness {
  const path = join(dir, `store-${++files}.sqlite`);
  const store = openSqliteStore(path);
  const raw = new Database(path, { readonly: true });
  return {
    store,
    dump: () => {
      const tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[];
      const out: Dump = {};
      for (const t of tables.filter((n) => !SQLITE_SKIPPED.has(n))) {
        out[t] = (raw.prepare(`SELECT * FROM ${t} ORDER BY 1`).all() as Record<string, unknown>[]).map(
          (row) => {
            const { seq, ...rest } = row;
            void seq; // an autoincrement key, not data
            return typeof rest.data === 'string' ? { ...rest, data: JSON.parse(rest.data) as unknown } : rest;
          },
        );
      }
      return Promise.resolve(out);
    },
    counter: () =>
      Promise.resolve(
        Number(raw.prepare("SELECT value FROM counters WHERE name = 'case_ref'").pluck().get()),
      ),
    close: async () => {
      raw.close();
      await store.close();
    },
  };
}

const SHAREPOINT_SKIPPED = new Set([
  'CMOE Audit',
  'CMOE Import Batches',
  'CMOE Import Batch Cases',
  'CMOE Counters',
]);

async function sharePointHarness(): Promise<Harness> {
  const siteId = await env.newSite();
  const store = env.open(siteId);
  const site = () => {
    const s = env.graph.fake.sites.get(siteId);
    if (!s) throw new Error('no site');
    return s;
  };
  return {
    store,
    dump: () => {
      const out: Dump = {};
      for (const list of site().lists.values()) {
        if (SHAREPOINT_SKIPPED.has(list.displayName)) continue;
        out[list.displayName] = [...list.items.values()]
          .sort((a, b) => a.id - b.id)
          .map((item) => {
            const f = item.fields;
            return typeof f.RecordData === 'string'
              ? { ...f, RecordData: JSON.parse(f.RecordData) as unknown }
              : { ...f };
          });
      }
      return Promise.resolve(out);
    },
    counter: () => {
      const list = [...site().lists.values()].find((l) => l.displayName === 'CMOE Counters');
      const item = [...(list?.items.values() ?? [])][0];
      return Promise.resolve(Number(item?.fields.CounterValue ?? NaN));
    },
    close: () => store.close(),
  };
}

/** A case the undo restored gets its fields back under a newer version (versions never go back). */
function withoutBookkeeping(d: Dump, refs: readonly string[]): Dump {
  const strip = (r: unknown): unknown => {
    if (typeof r !== 'object' || r === null) return r;
    const rec = r as Record<string, unknown>;
    const data = (rec.data ?? rec.RecordData) as Record<string, unknown> | undefined;
    if (!data || !refs.includes(data.ref as string)) return r;
    const { version, updatedAt, ...rest } = data;
    void version;
    void updatedAt;
    const out: Record<string, unknown> = { ...rec };
    if ('data' in rec) {
      out.data = rest;
      delete out.version;
    } else out.RecordData = rest;
    return out;
  };
  return Object.fromEntries(Object.entries(d).map(([k, rows]) => [k, rows.map(strip)]));
}

describe.each([
  ['SQLite', () => Promise.resolve(sqliteHarness())],
  ['SharePoint', sharePointHarness],
])('undo of the last import on %s', (_name, open) => {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(() => h.close());

  test('an import then an undo leaves every table as it was, except a case touched since, which is listed and left alone', async () => {
    const deps = makeDeps(h.store);
    await importSpreadsheet(deps, FIRST, { bytes: fixture('sample-tracker.csv') }, REAL);
    const before = await h.dump();
    // The dump holds the cases, actions and timeline notes themselves (not an empty comparison).
    const sizes = Object.values(before).map((rows) => rows.length);
    expect(sizes).toContain(10);
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    const counterBefore = await h.counter();

    const report = await importSpreadsheet(
      deps,
      SECOND,
      { bytes: secondFile(), fileName: 'tracker.csv' },
      REAL,
    );
    expect(report.counts).toMatchObject({ create: 2, update: 1 });
    expect(report.batchId).toEqual(expect.any(String));
    const created = report.rows.filter((r) => r.outcome === 'create').map((r) => r.ref as string);
    const changed = report.rows.find((r) => r.outcome === 'update')?.ref as string;
    expect(created).toHaveLength(2);
    // Someone adds a note to one new case in the tab after the import.
    const touched = created[1] as string;
    await h.store.updates.add({
      caseRef: touched,
      at: LATER.toISOString(),
      by: { id: 'dev-member-ewo', name: 'Demo Member', email: 'member@example.org' },
      text: 'Spoke to the family (synthetic).',
    });

    const undo = await undoLastImport(deps, UNDO);
    expect(undo).toMatchObject({
      batchId: report.batchId,
      removed: [created[0]],
      restored: [changed],
      leftAlone: [{ ref: touched, reason: 'timeline' }],
    });

    const after = await h.dump();
    // The touched case and its records stay, as they were: take them out, and the rest is as before.
    const notTouched = (rows: unknown[]) => rows.filter((r) => !JSON.stringify(r).includes(`"${touched}"`));
    const strip = (d: Dump) =>
      withoutBookkeeping(Object.fromEntries(Object.entries(d).map(([k, v]) => [k, notTouched(v)])), [
        changed,
      ]);
    expect(strip(after)).toEqual(strip(before));
    expect(JSON.stringify(after)).toContain(`"${touched}"`);
    // Refs are never reused: the counter stays past the removed case's ref.
    expect(await h.counter()).toBe(counterBefore + 2);
    const {
      ref: _ref,
      version: _v,
      createdAt: _c,
      updatedAt: _u,
      ...input
    } = (await h.store.cases.get(touched))!;
    const next = await h.store.cases.create(input, LATER.toISOString());
    expect(next.ref).not.toBe(created[0]);
    expect(next.ref > touched).toBe(true);
  });

  test('the import and the undo are both audited, with refs and counts only, and an undone batch cannot be undone again (409)', async () => {
    const deps = makeDeps(h.store);
    await importSpreadsheet(deps, FIRST, { bytes: fixture('sample-tracker.csv') }, REAL);
    const report = await importSpreadsheet(deps, SECOND, { bytes: secondFile() }, REAL);
    await undoLastImport(deps, UNDO);

    const batchTarget = `import-batch:${report.batchId}`;
    const batchEntries = await h.store.audit.query({ target: batchTarget });
    expect(batchEntries.map((e) => [e.action, e.fields])).toEqual([
      ['import.undo', ['removed=2', 'restored=1', 'left-alone=0']],
      ['import.batch', ['created=2', 'changed=1']],
    ]);
    const perCase = (await h.store.audit.query({ action: 'import.undo' })).filter(
      (e) => e.target !== batchTarget,
    );
    expect(perCase.map((e) => e.fields[0]).sort()).toEqual(['removed', 'removed', 'restored']);
    expect(JSON.stringify(await h.store.audit.query({ limit: 5000 }))).not.toMatch(
      /Undoable|Alphina|2021-01-10/,
    );

    const again = undoLastImport(deps, UNDO);
    await expect(again).rejects.toBeInstanceOf(AlreadyDoneError);
    await expect(again).rejects.toMatchObject({ current: { reason: ALREADY_UNDONE } });
    expect(await lastImportBatch(deps, UNDO)).toMatchObject({
      id: report.batchId,
      created: 2,
      changed: 1,
      undone: { at: UNDO.now.toISOString(), by: 'dev-admin' },
    });
  });

  test('the values an import replaced are kept only while its batch can be undone: not once undone, nor once another import came after', async () => {
    const deps = makeDeps(h.store);
    await importSpreadsheet(deps, FIRST, { bytes: fixture('sample-tracker.csv') }, REAL);
    const second = await importSpreadsheet(deps, SECOND, { bytes: secondFile() }, REAL);
    const kept = await h.store.importBatches.get(second.batchId as string);
    expect(kept?.cases.filter(holdsValues).map((c) => Object.keys(c.before?.fields ?? {}))).toEqual([
      ['concern', 'lastProgressAt'],
    ]);
    // A third import (one more change) supersedes it: the second batch forgets what it replaced.
    const third = await importSpreadsheet(
      deps,
      at('2026-03-25T11:30:00.000Z'),
      {
        bytes: bytesOf(new TextDecoder().decode(secondFile()).replace('Red,Monitoring', 'Green,Monitoring')),
      },
      REAL,
    );
    expect(third.counts.update).toBe(1);
    expect((await h.store.importBatches.get(second.batchId as string))?.cases.some(holdsValues)).toBe(false);
    expect((await h.store.importBatches.get(third.batchId as string))?.cases.some(holdsValues)).toBe(true);
    const undo = await undoLastImport(deps, UNDO);
    expect(undo.restored).toHaveLength(1);
    expect((await h.store.importBatches.get(third.batchId as string))?.cases.some(holdsValues)).toBe(false);
  });

  test('an edit that lands between the undo reading a case and deleting it keeps the case', async () => {
    const deps = makeDeps(h.store);
    const report = await importSpreadsheet(deps, FIRST, { bytes: fixture('sample-tracker.csv') }, REAL);
    const refs = report.rows.filter((r) => r.outcome === 'create').map((r) => r.ref as string);
    const raced = refs[0] as string;
    // A store whose first removal loses a race with someone editing that case in the tab.
    let edited = false;
    const racing: Store = {
      ...h.store,
      importBatches: {
        latest: () => h.store.importBatches.latest(),
        get: (id) => h.store.importBatches.get(id),
        record: (b, now) => h.store.importBatches.record(b, now),
        markUndone: (id, v, u, now) => h.store.importBatches.markUndone(id, v, u, now),
        removeAdded: (own) => h.store.importBatches.removeAdded(own),
        forgetReplacedValues: (id) => h.store.importBatches.forgetReplacedValues(id),
        removeCase: async (ref, version, own) => {
          if (!edited && ref === raced) {
            edited = true;
            await h.store.cases.update(
              ref,
              version,
              { lastSchool: 'Changed in the tab (synthetic)' },
              LATER.toISOString(),
            );
          }
          return h.store.importBatches.removeCase(ref, version, own);
        },
      },
    };
    const undo = await undoLastImport(makeDeps(racing), UNDO);
    expect(undo.leftAlone).toEqual([{ ref: raced, reason: 'conflict' }]);
    expect(undo.removed).toHaveLength(refs.length - 1);
    expect(await h.store.cases.get(raced)).toMatchObject({ lastSchool: 'Changed in the tab (synthetic)' });
    expect(await h.store.cases.list()).toHaveLength(1);
  });

  test('a case edited since the import is left alone and its ref listed; only the admin may undo', async () => {
    const deps = makeDeps(h.store);
    const report = await importSpreadsheet(deps, FIRST, { bytes: fixture('sample-tracker.csv') }, REAL);
    const ref = report.rows.find((r) => r.outcome === 'create')?.ref as string;
    const c = await h.store.cases.get(ref);
    await h.store.cases.update(
      ref,
      c?.version ?? 1,
      { lastSchool: 'Edited (synthetic)' },
      LATER.toISOString(),
    );
    await expect(undoLastImport(deps, CHAIR_CALL)).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(undoLastImport(deps, callAs('dev-senior'))).rejects.toMatchObject({ code: 'Forbidden' });
    const undo = await undoLastImport(deps, UNDO);
    expect(undo.leftAlone).toEqual([{ ref, reason: 'edited' }]);
    expect((await h.store.cases.list()).map((x) => x.ref)).toEqual([ref]);
  });
});

describe('undo on SharePoint racing another writer', () => {
  test('a case item changed in SharePoint between the undo reading it and deleting it is kept (If-Match, 412)', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    try {
      const deps = makeDeps(store);
      const report = await importSpreadsheet(deps, FIRST, { bytes: fixture('sample-tracker.csv') }, REAL);
      const refs = report.rows.filter((r) => r.outcome === 'create').map((r) => r.ref as string);
      const fake = env.graph.fake;
      const cases = fake.list(siteId, 'CMOE Cases');
      const raced = refs[0] as string;
      const item = [...cases.items.values()].find((i) => i.fields.RecordKey === raced);
      if (!item) throw new Error('no item');
      // Another writer edits the case item just before the undo's DELETE of it reaches SharePoint.
      let edited = false;
      fake.throttle(429, Infinity, null, (r) => {
        if (!edited && r.method === 'DELETE' && r.path.endsWith(`/lists/${cases.id}/items/${item.id}`)) {
          edited = true;
          const data = JSON.parse(String(item.fields.RecordData)) as Record<string, unknown>;
          fake.changeItem(cases, item.id, {
            RecordData: JSON.stringify({ ...data, lastSchool: 'Changed in SharePoint (synthetic)' }),
          });
        }
        return false;
      });
      const undo = await undoLastImport(deps, UNDO);
      fake.clearThrottles();
      expect(edited).toBe(true);
      expect(undo.leftAlone).toEqual([{ ref: raced, reason: 'conflict' }]);
      expect(undo.removed).toHaveLength(refs.length - 1);
      expect((await env.open(siteId, { readModel: false }).cases.list()).map((c) => c.ref)).toEqual([raced]);
    } finally {
      await store.close();
    }
  });
});
