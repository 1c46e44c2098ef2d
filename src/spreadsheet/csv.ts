/**
 * CSV in and out (RFC 4180) for a council tracker saved from Excel: reading through `csv-parse` (quoted
 * fields with `""` escapes, commas and line breaks inside quotes, CRLF, LF or CR line ends, a UTF-8
 * byte-order mark), with `;` or tab detected as the delimiter (Excel in many European locales writes
 * `;`). Writing stays a few lines here: one quoting rule, and the formula-injection escaping is the
 * caller's (domain/importValues.ts), before any text reaches a cell.
 */
import { CsvError, parse } from 'csv-parse/sync';
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
 * Parses CSV text into rows of fields, with `csv-parse`. A byte-order mark is dropped; empty trailing
 * lines are not rows; rows may differ in length. A quote that is never closed is an error naming the line
 * its row began on (the value is not quoted back). A quote inside an unquoted field is kept as a
 * character, as Excel does.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let rows: string[][];
  // The line the last whole row ended on: an unclosed quote is in the row after it.
  let lastRowEndedOn = 0;
  try {
    rows = parse(text, {
      delimiter,
      // Excel on Windows writes CRLF, a Mac's older Excel CR, everything else LF; a file may mix them.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        lastRowEndedOn = context.lines;
        return record;
      },
    }) as string[][];
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const openedOn = lastRowEndedOn + 1;
      throw new InvalidError(
        `The CSV file has a quote opened on line ${openedOn} that is never closed: check that line in a text editor.`,
        [{ path: `line ${openedOn}`, message: 'opens a quote that is never closed' }],
      );
    }
    // csv-parse's messages can quote the file's text: say only what kind of problem it was.
    throw new InvalidError('The CSV file could not be read: save it again from Excel as .csv.', [
      { path: '(file)', message: e instanceof CsvError ? e.code : 'is not readable CSV' },
    ]);
  }
  while (rows.length > 0 && isEmptyRow(rows[rows.length - 1] as string[])) rows.pop();
  return rows;
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
