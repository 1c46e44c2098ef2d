import { Workbook } from 'exceljs';
import { generateDemoData } from '../../src/demo/generate';
import { seedStore } from '../../src/demo/seed';
import { toLondonDate } from '../../src/domain/calendar';
import { ForbiddenError } from '../../src/domain/errors';
import { EXPORT_HEADERS } from '../../src/domain/exporting';
import type { Case } from '../../src/domain/types';
import { parseCsv } from '../../src/spreadsheet/csv';
import { exportCases, importSpreadsheet, type ImportOptions } from '../../src/operations/importExport';
import { ADMIN_CALL, CHAIR_CALL, callAs, fixture, makeDeps, snapshot } from './helpers';

const REAL: ImportOptions = { dryRun: false, skipInvalid: false, mapping: null };
const DRY: ImportOptions = { ...REAL, dryRun: true };
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** The sample tracker, imported, with text that a spreadsheet would run as a formula typed in the app. */
async function withDangerousText() {
  const deps = makeDeps();
  await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.xlsx') }, REAL);
  const now = CHAIR_CALL.now.toISOString();
  const c = (await deps.store.cases.get('CMOE-0001')) as Case;
  await deps.store.cases.update(
    c.ref,
    c.version,
    {
      lastSchool: '=HYPERLINK("http://example.invalid/x","click me")',
      referredBy: '+44 7700 900123 (synthetic)',
      concernNotes: "-2+3+cmd|' /C calc'!A0",
      lead: { id: null, name: '@SUM(1+1)', email: null },
      agencies: ["'=already quoted"],
    },
    now,
  );
  await deps.store.updates.add({
    caseRef: c.ref,
    at: now,
    by: { id: 'dev-chair', name: 'Demo Chair', email: 'alex.sample@example.org' },
    text: '=1+1',
  });
  return deps;
}

describe('exported files are safe to open in a spreadsheet', () => {
  test('CSV: every value that starts with =, +, - or @ gets a leading single quote', async () => {
    const deps = await withDangerousText();
    const file = await exportCases(deps, CHAIR_CALL, { format: 'csv' });
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.fileName).toBe('cmoe-cases-2026-03-25.csv');
    const rows = parseCsv(decode(file.bytes));
    expect(rows[0]).toEqual(EXPORT_HEADERS);
    const row = Object.fromEntries((rows[0] ?? []).map((h, i) => [h, rows[1]?.[i]]));
    expect(row).toMatchObject({
      Ref: 'CMOE-0001',
      'Last school': `'=HYPERLINK("http://example.invalid/x","click me")`,
      'Referred by': "'+44 7700 900123 (synthetic)",
      'Concern notes': "'-2+3+cmd|' /C calc'!A0",
      'Lead professional': "'@SUM(1+1)",
      // Already quoted once: quoted again, so the import gives back exactly what was stored.
      Agencies: "''=already quoted",
      Notes: "'=1+1",
    });
    // Nothing in the whole file starts like a formula once unquoted.
    for (const r of rows) for (const v of r) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  test('xlsx: strings are written as strings with the same quote, never as formulas', async () => {
    const deps = await withDangerousText();
    const file = await exportCases(deps, CHAIR_CALL, { format: 'xlsx' });
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(EXPORT_HEADERS);
    const cell = (h: string) => ws.getRow(2).getCell(EXPORT_HEADERS.indexOf(h) + 1);
    expect(cell('Last school').value).toBe(`'=HYPERLINK("http://example.invalid/x","click me")`);
    expect(cell('Lead professional').value).toBe("'@SUM(1+1)");
    expect(cell('Notes').value).toBe("'=1+1");
    // Dates are date cells, numbers numbers, and no cell anywhere is a formula.
    expect(cell('Date of birth').value).toEqual(new Date('2013-05-14T00:00:00.000Z'));
    let formulas = 0;
    ws.eachRow((r) =>
      r.eachCell((c) => {
        if (c.formula || c.type === 6) formulas++;
        if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
    expect(formulas).toBe(0);
  });
});

describe('export -> import round-trips with no change', () => {
  test.each(['csv', 'xlsx'] as const)(
    'the sample tracker through %s: the second import reports every row unchanged',
    async (format) => {
      const deps = await withDangerousText();
      const file = await exportCases(deps, CHAIR_CALL, { format });
      const before = await snapshot(deps.store);
      const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: file.bytes }, REAL);
      expect(report.counts).toMatchObject({ rows: 10, unchanged: 10, create: 0, update: 0, rejected: 0 });
      // Referral date is the app's to compute: recognised, and not imported.
      expect(report.skipped).toEqual([{ letter: 'R', header: 'Referral date', reason: 'computed' }]);
      const after = await snapshot(deps.store);
      expect({ ...after, audit: [] }).toEqual({ ...before, audit: [] });
    },
  );

  test.each(['csv', 'xlsx'] as const)(
    'a varied demo list (closed, escalated, leads, actions) through %s imports back unchanged, and into an empty store creates every case and exports them back',
    async (format) => {
      const deps = makeDeps();
      const data = generateDemoData({
        cases: 80,
        seed: 7,
        today: toLondonDate(CHAIR_CALL.now),
        policy: deps.policy,
      });
      await seedStore(deps.store, data, CHAIR_CALL.now.toISOString());
      const first = await exportCases(deps, CHAIR_CALL, { format });
      expect(first.count).toBe(80);

      const again = await importSpreadsheet(deps, ADMIN_CALL, { bytes: first.bytes }, DRY);
      expect(again.rows.filter((r) => r.outcome !== 'unchanged')).toEqual([]);

      // Into an empty store: each case is created, then exported the same (the open actions and the
      // latest note come along; refs are allocated in the same order).
      const fresh = makeDeps();
      const created = await importSpreadsheet(fresh, ADMIN_CALL, { bytes: first.bytes }, REAL);
      expect(created.rows.filter((r) => r.outcome !== 'create')).toEqual([]);
      const second = await exportCases(fresh, CHAIR_CALL, { format: 'csv' });
      const firstCsv = format === 'csv' ? first : await exportCases(deps, CHAIR_CALL, { format: 'csv' });
      // Except the referral date, which the app computes from its own meetings (the fresh store has none
      // yet, so the cadence decides); and open actions with the same text on one case are one action
      // after import, which adds a text to a case once.
      const referralDate = EXPORT_HEADERS.indexOf('Referral date');
      const actions = EXPORT_HEADERS.indexOf('Actions');
      const texts = (cell: string) => [...new Set(cell.split('\n').map((l) => l.split(' | ')[0]))].sort();
      const comparable = (b: Uint8Array) =>
        parseCsv(decode(b)).map((r) =>
          r.flatMap((v, i) => (i === referralDate ? [] : i === actions ? texts(v) : [v])),
        );
      expect(comparable(second.bytes)).toEqual(comparable(firstCsv.bytes));
      const twice = await importSpreadsheet(fresh, ADMIN_CALL, { bytes: first.bytes }, DRY);
      expect(twice.counts).toMatchObject({ unchanged: 80 });
    },
  );
});

describe('export applies the caller and the filters of the case list', () => {
  test('the filtered view exports only its cases, and the audit entry holds filters and count, never values', async () => {
    const deps = await withDangerousText();
    const file = await exportCases(deps, CHAIR_CALL, { format: 'csv', concern: ['high'], q: 'Testy' });
    const rows = parseCsv(decode(file.bytes));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['CMOE-0001']);
    expect(file.count).toBe(1);
    const [entry] = await deps.store.audit.query({ action: 'export' });
    expect(entry).toMatchObject({
      userId: 'dev-chair',
      target: 'cases',
      fields: ['format=csv', 'concern=high', 'q', 'count=1'],
    });
    expect(JSON.stringify(entry)).not.toMatch(/Testy/);

    const open = await exportCases(deps, CHAIR_CALL, { format: 'csv', status: ['open'] });
    expect(open.count).toBe(7);
  });

  test.each([
    ['a member', 'dev-member-ewo'],
    ['the chair', 'dev-chair'],
    ['a senior manager', 'dev-senior'],
  ])('%s may export every case they can read', async (_who, userId) => {
    const deps = await withDangerousText();
    const file = await exportCases(deps, callAs(userId), { format: 'csv' });
    expect(file.count).toBe(10);
  });

  test('an admin, who reads no case, exports nothing: refused and audited, no export entry', async () => {
    const deps = await withDangerousText();
    await expect(exportCases(deps, ADMIN_CALL, { format: 'csv' })).rejects.toBeInstanceOf(ForbiddenError);
    const audit = await deps.store.audit.query();
    expect(audit[0]).toMatchObject({ action: 'access.refused', userId: 'dev-admin', target: 'export' });
    expect(audit.some((e) => e.action === 'export')).toBe(false);
  });

  test('only an admin imports: every other role is refused before the file is read', async () => {
    for (const userId of ['dev-member-ewo', 'dev-chair', 'dev-senior']) {
      const deps = makeDeps();
      await expect(
        importSpreadsheet(deps, callAs(userId), { bytes: fixture('sample-tracker.csv') }, REAL),
      ).rejects.toBeInstanceOf(ForbiddenError);
      expect(await deps.store.cases.list()).toEqual([]);
      expect((await deps.store.audit.query()).map((e) => e.action)).toEqual(['access.refused']);
    }
  });
});
