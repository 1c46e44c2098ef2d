import { InvalidError } from '../../src/domain/errors';
import { MAX_IMPORT_ROWS } from '../../src/domain/importing';
import { importSpreadsheet, type ImportOptions } from '../../src/operations/importExport';
import { ADMIN_CALL, fixture, makeDeps, snapshot } from './helpers';

const REAL: ImportOptions = { dryRun: false, skipInvalid: false, mapping: null };
const text = (s: string) => new TextEncoder().encode(s);
const HEADER = 'Surname,Forename,DOB,Reason,Date received\r\n';
const ROW = 'Example,Testy,14/05/2013,Perm ex,20/03/2026\r\n';

/** A store that already holds the sample tracker, so "unchanged" means something. */
async function populated() {
  const deps = makeDeps();
  await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.xlsx') }, REAL);
  return { deps, before: await snapshot(deps.store) };
}

const MALFORMED: [string, () => Uint8Array, RegExp][] = [
  ['an image named .xlsx', () => fixture('not-a-spreadsheet.xlsx'), /^The file is not a spreadsheet/],
  [
    'a PDF',
    () => text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
    /^The file is not a spreadsheet/,
  ],
  [
    'binary data',
    () => new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0, 0, 0, 9, 9]),
    /^The file is not a spreadsheet/,
  ],
  [
    'a truncated workbook',
    () => fixture('sample-tracker.xlsx').slice(0, 3000),
    /^The file is not an Excel workbook/,
  ],
  [
    'an old Excel 97-2003 workbook',
    () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    /old Excel 97-2003 workbook \(\.xls\): open it in Excel and save it as \.xlsx/,
  ],
  [
    'a web page saved as .xls',
    () => text('<html><body><table><tr><td>Surname</td></tr></table></body></html>'),
    /web page \(HTML\)/,
  ],
  ['an empty file', () => fixture('empty.csv'), /^The file is empty/],
  ['a file of blank rows', () => fixture('blank-rows-only.csv'), /^The file is empty/],
  [
    'a file missing the required columns',
    () => fixture('missing-columns.csv'),
    /^The header row \(row 1\) has no column for: Date of birth \(or DOB\), Category \(or Reason\), Date received/,
  ],
  [
    'a file with no header row',
    () => text('just,some\nwords,here\n'),
    /^No header row found in the first 30 rows/,
  ],
  ['a header with no rows under it', () => text(HEADER), /has a header row \(row 1\) but no rows to import/],
  [
    'a CSV with a quote that is never closed',
    () => text(`${HEADER}${ROW}"Example,Testy\r\n`),
    /quote opened on line 3 that is never closed/,
  ],
  [
    'a 10 MB file',
    () => text(HEADER + ROW.repeat(Math.ceil((10 * 1024 * 1024) / ROW.length))),
    /^The file is larger than 8 MB/,
  ],
  [
    `a file of more than ${MAX_IMPORT_ROWS} rows`,
    () => text(HEADER + ROW.repeat(MAX_IMPORT_ROWS + 1)),
    /more than 20000 rows: split it/,
  ],
];

describe('a file that cannot be imported gives a clear error and writes nothing', () => {
  test.each(MALFORMED)('%s', async (_name, bytes, message) => {
    const { deps, before } = await populated();
    for (const dryRun of [true, false]) {
      const error = await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytes() }, { ...REAL, dryRun }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidError);
      expect((error as InvalidError).message).toMatch(message);
    }
    expect(await snapshot(deps.store)).toEqual(before);
  });

  test('the file name only sharpens the message: a text file named .xlsx is not taken for a CSV', async () => {
    const { deps, before } = await populated();
    await expect(
      importSpreadsheet(deps, ADMIN_CALL, { bytes: text(HEADER + ROW), fileName: 'Tracker.xlsx' }, REAL),
    ).rejects.toThrow(/named as an Excel workbook but is not one/);
    expect(await snapshot(deps.store)).toEqual(before);
  });
});

describe('cells that cannot be imported are refused, and without skip-invalid nothing is written', () => {
  test('formula cells are named by cell and never evaluated', async () => {
    const { deps, before } = await populated();
    const dry = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: fixture('formula-cells.xlsx') },
      { ...REAL, dryRun: true },
    );
    expect(dry.rows.map((r) => [r.row, r.outcome, r.issues.map((i) => `${i.column} ${i.cell}`)])).toEqual([
      [5, 'unchanged', []],
      [6, 'rejected', ['D.O.B. C6', 'Hours I6']],
    ]);
    expect(dry.rows[1]?.issues[0]?.message).toMatch(
      /^is a formula: formulas are never imported\. Copy the column and paste it back as values/,
    );
    const error = (await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: fixture('formula-cells.xlsx') },
      REAL,
    ).catch((e: unknown) => e)) as InvalidError;
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.issues.map((i) => i.path)).toEqual([
      "row 6, column 'D.O.B.' (C6)",
      "row 6, column 'Hours' (I6)",
    ]);
    expect(await snapshot(deps.store)).toEqual(before);
  });

  test('text that a spreadsheet would run as a formula is refused in any column', async () => {
    const deps = makeDeps();
    const error = (await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('injection.csv') }, REAL).catch(
      (e: unknown) => e,
    )) as InvalidError;
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.message).toMatch(/^4 of 5 rows cannot be imported, so nothing was written/);
    expect(error.issues).toEqual([
      { path: "row 2, column 'Notes' (F2)", message: expect.stringMatching(/^starts like a formula/) },
      { path: "row 3, column 'Surname' (A3)", message: expect.stringMatching(/^starts like a formula/) },
      { path: "row 4, column 'Forename' (B4)", message: expect.stringMatching(/^starts like a formula/) },
      { path: "row 5, column 'Reason' (D5)", message: expect.stringMatching(/^starts like a formula/) },
    ]);
    // The error describes the cells; it never quotes them.
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toMatch(/HYPERLINK|cmd|SUM/);
    expect(await snapshot(deps.store)).toEqual({ cases: [], actions: [], updates: [], audit: [] });
  });

  test('a value escaped with a leading quote is text, and is the only row skip-invalid imports', async () => {
    const deps = makeDeps();
    const report = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: fixture('injection.csv') },
      { ...REAL, skipInvalid: true },
    );
    expect(report.counts).toMatchObject({ create: 1, rejected: 4 });
    const [only] = await deps.store.cases.list();
    expect(only).toMatchObject({ firstName: 'Placeholda', lastName: 'Madeup' });
    expect((await deps.store.updates.list(only!.ref)).map((u) => u.text)).toEqual([
      '=not a formula: escaped by a spreadsheet user',
    ]);
  });
});
