/**
 * Excel workbooks in and out through exceljs. Reading turns every cell into a plain {@link SheetCell}:
 * formulas are marked as formulas (their cached results are never trusted), merged cells count once (at
 * their top-left cell), rich text and hyperlinks become their text. Writing puts strings as strings and
 * dates as dates: a value is never written as a formula.
 */
import { type Cell, type CellValue, ValueType, Workbook } from 'exceljs';
import { InvalidError } from '../domain/errors';
import type { Sheet, SheetCell } from '../domain/importColumns';
import type { ExportCell } from '../domain/exporting';
import { xmlSafe } from '../domain/text';
import type { LocalDate } from '../domain/types';
import { zipEntries } from './zip';

/** The most an .xlsx may unpack to: a real tracker unpacks to a few MB; a zip bomb to gigabytes. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

const NOT_A_WORKBOOK =
  'The file is not an Excel workbook (.xlsx) that can be read: save it from Excel as .xlsx or .csv.';

function dateOf(d: Date): SheetCell {
  if (Number.isNaN(d.getTime())) return { kind: 'error' };
  // exceljs turns a serial date into a Date at UTC midnight (plus any time of day): the UTC calendar
  // date is the date the cell shows.
  return { kind: 'date', date: d.toISOString().slice(0, 10) as LocalDate };
}

function richText(v: { richText: { text: string }[] }): string {
  return v.richText.map((r) => r.text).join('');
}

/** One exceljs cell as a plain cell. */
export function sheetCellOf(cell: Cell): SheetCell {
  const v: CellValue = cell.value;
  switch (cell.type) {
    // A merged range's value belongs to its top-left cell: the others read as blank, so a merged
    // title above the table is one cell, not a row of copies.
    case ValueType.Merge:
    case ValueType.Null:
      return null;
    case ValueType.Formula:
      return { kind: 'formula' };
    case ValueType.Error:
      return { kind: 'error' };
    default:
      return plain(v);
  }
}

function plain(v: CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateOf(v);
  if ('formula' in v || 'sharedFormula' in v) return { kind: 'formula' };
  if ('error' in v) return { kind: 'error' };
  if ('richText' in v) return richText(v);
  if ('hyperlink' in v) {
    // The link is dropped: only the text a person sees is imported.
    const text: unknown = v.text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text)
      return richText(text as { richText: { text: string }[] });
    return null;
  }
  return null;
}

/**
 * The worksheets of an .xlsx file as plain rows. Refuses (with `InvalidError`) a zip that is not a
 * workbook, one that would unpack to more than {@link MAX_UNZIPPED_BYTES}, and anything exceljs cannot read.
 */
export async function readXlsx(bytes: Uint8Array): Promise<Sheet[]> {
  const entries = zipEntries(bytes);
  if (entries === null || !entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new InvalidError(NOT_A_WORKBOOK, [{ path: '(file)', message: 'is not an .xlsx workbook' }]);
  }
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_UNZIPPED_BYTES) {
    throw new InvalidError(
      `The workbook would unpack to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB: remove other sheets or images, or save the list as .csv.`,
      [{ path: '(file)', message: 'unpacks to too much data' }],
    );
  }
  const workbook = new Workbook();
  try {
    // exceljs types `load` with an older Node `Buffer`; the bytes are a Buffer at run time.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    // exceljs's message can quote the file's XML: it is not passed on.
    throw new InvalidError(NOT_A_WORKBOOK, [{ path: '(file)', message: 'could not be read as a workbook' }]);
  }
  return workbook.worksheets.map((ws) => {
    const rows: SheetCell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: SheetCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = sheetCellOf(cell);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
    return { name: ws.name, rows };
  });
}

/**
 * An .xlsx with one sheet: a bold, frozen header row and the rows below. Strings are written as strings
 * (escaped by the caller), numbers as numbers and dates as date cells shown dd/mm/yyyy. Every string goes
 * through `xmlSafe` whatever is stored (defence in depth): exceljs writes U+FFFE, U+FFFF, C0 controls and
 * lone surrogates into the XML unchanged, and Excel then refuses or "repairs" the workbook.
 */
export async function writeXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly ExportCell[])[],
  created: Date,
): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.creator = 'CMOE Tracker';
  workbook.created = created;
  workbook.modified = created;
  const ws = workbook.addWorksheet(xmlSafe(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(headers.map(xmlSafe)).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow([]);
    r.forEach((value, i) => {
      if (value === null) return;
      const cell = row.getCell(i + 1);
      if (typeof value === 'object') {
        const [y, m, d] = value.date.split('-').map(Number) as [number, number, number];
        cell.value = new Date(Date.UTC(y, m - 1, d));
        cell.numFmt = 'dd/mm/yyyy';
      } else {
        // A plain assignment: exceljs writes a string as a shared string and a number as a number,
        // never a formula (only a `{ formula }` object would be one).
        cell.value = typeof value === 'string' ? xmlSafe(value) : value;
        if (typeof value === 'string' && value.includes('\n'))
          cell.alignment = { wrapText: true, vertical: 'top' };
      }
    });
  }
  ws.columns.forEach((col, i) => {
    col.width = Math.min(40, Math.max(10, (headers[i] ?? '').length + 2));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
