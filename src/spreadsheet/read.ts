/**
 * Reading an uploaded or named file as a spreadsheet. The bytes decide the format, not the name or the
 * Content-Type (which only help the message): a zip is an .xlsx, text is CSV, and anything else is
 * refused with a message that says what to do.
 */
import { InvalidError } from '../domain/errors';
import type { Sheet } from '../domain/importColumns';
import { MAX_IMPORT_BYTES } from '../domain/importing';
import { parseCsv } from './csv';
import { readXlsx } from './xlsx';

export interface SpreadsheetFile {
  bytes: Uint8Array;
  /**
   * Only its extension is used, to explain a refusal better; it is never logged or echoed (a file name
   * can name a child).
   */
  fileName?: string | null;
}

export interface Spreadsheet {
  format: 'xlsx' | 'csv';
  sheets: Sheet[];
}

const NOT_A_SPREADSHEET =
  'The file is not a spreadsheet: import an Excel workbook (.xlsx) or a CSV file (.csv) of the CMOE list.';

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);

/** Formats that are surely not a spreadsheet, by their first bytes. */
const OTHER_FORMATS: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // Windows executable
  [0x1f, 0x8b], // gzip
];

/**
 * The text of a CSV file: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark
 * (Excel's "Unicode text"), or else Windows-1252 (Excel's "CSV" on an English Windows). Null when the
 * bytes are binary.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  // Control characters other than tab and line ends do not occur in a spreadsheet's text.
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) control++;
  }
  return control > sample.length / 100 ? null : text;
}

/**
 * Reads the file's sheets. Throws `InvalidError` for an empty file, one over {@link MAX_IMPORT_BYTES},
 * an old binary .xls, and anything that is not a spreadsheet.
 */
export async function readSpreadsheet(file: SpreadsheetFile): Promise<Spreadsheet> {
  const { bytes } = file;
  if (bytes.length === 0) {
    throw new InvalidError('The file is empty: there is nothing to import.', [
      { path: '(file)', message: 'is empty' },
    ]);
  }
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new InvalidError(
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: a CMOE list is much smaller, so check it is the right file (or save it as .csv, without images).`,
      [{ path: '(file)', message: 'is too large' }],
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return { format: 'xlsx', sheets: await readXlsx(bytes) };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new InvalidError(
      'The file is an old Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx.',
      [{ path: '(file)', message: 'is an .xls workbook' }],
    );
  }
  const text = OTHER_FORMATS.some((sig) => startsWith(bytes, sig)) ? null : decodeText(bytes);
  if (text === null)
    throw new InvalidError(NOT_A_SPREADSHEET, [{ path: '(file)', message: 'is not a spreadsheet' }]);
  if (/^\s*</.test(text.slice(0, 1024))) {
    // Some MIS exports write a web page and call it .xls: Excel opens it, the import cannot.
    throw new InvalidError(
      'The file is a web page (HTML), not a spreadsheet: open it in Excel and save it as .xlsx.',
      [{ path: '(file)', message: 'is HTML' }],
    );
  }
  if (/\.xls[xm]?$/i.test(file.fileName ?? '')) {
    throw new InvalidError(
      'The file is named as an Excel workbook but is not one: save it from Excel as .xlsx again.',
      [{ path: '(file)', message: 'is not an .xlsx workbook' }],
    );
  }
  const rows = parseCsv(text).map((r) => r.map((f) => (f === '' ? null : f)));
  return { format: 'csv', sheets: [{ name: 'CSV', rows }] };
}
