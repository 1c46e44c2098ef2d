/**
 * CSV in and out (RFC 4180), small and strict enough for a council tracker saved from Excel: quoted
 * fields with `""` escapes, commas and line breaks inside quotes, CRLF, LF or CR line ends, a UTF-8
 * byte-order mark, and `;` or tab as the delimiter (Excel in many European locales writes `;`).
 */
import { InvalidError } from '../domain/errors';
import { xmlSafe } from '../domain/text';

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The delimiter the text uses: of `,`, `;` and tab, the one that occurs most often outside quotes in
 * the first lines (a title line above the table has none, so several lines are looked at). Comma when
 * none occurs.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && i < 65_536 && lines < 20; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === '\n') lines++;
    else if (ch === ',' || ch === ';' || ch === '\t') counts[ch]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/**
 * Parses CSV text into rows of fields. A byte-order mark is dropped; empty trailing lines are not rows.
 * A quote that is never closed is an error naming the line it opened on (the value is not quoted back).
 * A quote inside an unquoted field is kept as a character, as Excel does.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote; "" is a quote character.
      const openedOn = line;
      i++;
      let closed = false;
      let start = i;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q === -1) break;
        field += text.slice(start, q);
        line += countLineBreaks(text, start, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          start = i;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        throw new InvalidError(
          `The CSV file has a quote opened on line ${openedOn} that is never closed: check that line in a text editor.`,
          [{ path: `line ${openedOn}`, message: 'opens a quote that is never closed' }],
        );
      }
      // Anything between the closing quote and the delimiter is kept, as Excel does.
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      // A field that was quoted and is empty stays an empty string, distinct from nothing at all only
      // in theory: both read as a blank cell.
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      const next = nextSpecial(text, i, delimiter);
      field += text.slice(i, next);
      i = next;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  while (rows.length > 0 && isEmptyRow(rows[rows.length - 1] as string[])) rows.pop();
  return rows;
}

function nextSpecial(text: string, from: number, delimiter: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === delimiter || c === '\n' || c === '\r') return j;
  }
  return text.length;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let j = from; j < to; j++) {
    const c = text[j];
    if (c === '\n' || (c === '\r' && text[j + 1] !== '\n')) count++;
  }
  return count;
}

function isEmptyRow(row: readonly string[]): boolean {
  return row.every((f) => f === '');
}

/** A field as written: quoted when it holds the delimiter, a quote, a line break or edge spaces. */
function csvField(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV text with a UTF-8 byte-order mark (so Excel reads accents and curly quotes right) and CRLF line
 * ends. Values must already be escaped against formula injection by the caller. Every value goes through
 * `xmlSafe` (controls, U+FFFE / U+FFFF dropped, lone surrogates as U+FFFD) whatever is stored: a CSV is
 * often opened in Excel and saved as .xlsx, and a NUL stops some readers mid-file.
 */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return '\ufeff' + rows.map((r) => r.map((v) => csvField(xmlSafe(v))).join(',')).join('\r\n') + '\r\n';
}
