/**
 * The mapping step (issue 19): what the import would make of a file's columns before anything is checked
 * row by row. Every column with its first few values, the field it is matched to (or none), suggestions
 * for the columns nobody recognised, and the required fields the file has no column for. The tab shows
 * this and sends the admin's choices back as a mapping (`MappingFile`): the matching rule stays here.
 *
 * Samples are cell text shown only to the admin who chose the file; nothing here is logged.
 */
import {
  CANONICAL_HEADERS,
  COMPUTED_FIELDS,
  IMPORT_FIELDS,
  type ImportField,
  type MappingFile,
  RECOGNISED_HEADERS,
  type Sheet,
  type SheetCell,
  bindHeaderRow,
  columnLetter,
  findHeaderRow,
  headerMappingOf,
  headerText,
  normaliseHeader,
} from '../importColumns';
import { parseDate, readCell, textOf } from '../importValues';
import { InvalidError } from '../errors';
import type { LocalDate } from '../types';
import { missingRequired } from './read';

/** How many values of each column the mapping step shows. */
export const PREVIEW_SAMPLES = 3;
/** A sample is cut to this many characters: enough to recognise a column, not to read a case. */
const SAMPLE_CHARS = 40;

export type ColumnStatus = 'matched' | 'unknown' | 'ignored' | 'computed' | 'duplicate';

export interface PreviewColumn {
  letter: string;
  /** The header as the file writes it. */
  header: string;
  /** The first non-blank values below the header, as text (dates dd/mm/yyyy). */
  samples: string[];
  /** The field the column is read as, or null (not imported). */
  field: ImportField | null;
  status: ColumnStatus;
  /** For a column not matched: fields its header is close to, best first (none when nothing is close). */
  suggestions: ImportField[];
  /** Most of its sampled values read as dates: a candidate to take the date received from. */
  looksLikeDates: boolean;
}

export interface ImportPreview {
  sheet: string;
  headerRow: number;
  /** Non-blank rows below the header row. */
  rowCount: number;
  columns: PreviewColumn[];
  /** Required fields no column is matched to (a name, date of birth, reason, date received). */
  missing: ImportField[];
  /** Every field a column may be mapped to, with the name the app gives it, for the dropdown. */
  fields: { field: ImportField; label: string }[];
}

/** What POST /api/import/preview answers: the preview, the file's format and the date to offer. */
export interface ImportPreviewResponse extends ImportPreview {
  format: 'xlsx' | 'csv';
  /**
   * What "one date for every row" offers first: the date of the group's first meeting in the app (the
   * tracker's cases were received by then), or today when there is none yet or it is still to come.
   */
  receivedOnDefault: LocalDate;
}

/** Fields a column may be mapped to: every import field but the computed ones. */
const MAPPABLE: readonly ImportField[] = IMPORT_FIELDS.filter((f) => !COMPUTED_FIELDS.has(f));

/** "referred", "referral" and a misspelt "referal" all become "refer"; "dates" becomes "date". */
function stem(word: string): string {
  return (word.length > 4 ? word.replace(/(?:ing|ed|al|s)$/, '') : word).replace(/(.)\1+/g, '$1');
}

/** Words too common in headers to make two of them close ("Date of referral" is not "Date of birth"). */
const COMMON_WORDS: ReadonlySet<string> = new Set(
  'of the and a for on in no date child childs pupil pupils young person'.split(' '),
);

function tokens(header: string): Set<string> {
  return new Set(
    normaliseHeader(header)
      .split(' ')
      .filter((w) => w !== '' && !COMMON_WORDS.has(w))
      .map(stem),
  );
}

/** Every recognised header and alias as tokens, with its field. */
const KNOWN: readonly { field: ImportField; tokens: Set<string> }[] = RECOGNISED_HEADERS.flatMap((r) =>
  COMPUTED_FIELDS.has(r.field)
    ? []
    : [r.header, ...r.aliases].map((h) => ({ field: r.field, tokens: tokens(h) })),
);

/**
 * Words that point to a field on their own, for headers sharing no word with any known name ("Pupil
 * name" is a full name; "DOB" anywhere is a date of birth).
 */
const HINTS: readonly { test: RegExp; fields: ImportField[] }[] = [
  { test: /\b(?:dob|birth|born)\b/, fields: ['dateOfBirth'] },
  { test: /\bnames?\b/, fields: ['fullName', 'lastName', 'firstName'] },
  { test: /\breferr?(?:al|ed)?\b/, fields: ['receivedOn', 'referredBy', 'referralSource'] },
  { test: /\b(?:yr|ncy|year)\b/, fields: ['yearGroup'] },
  { test: /\bschool\b/, fields: ['lastSchool'] },
  { test: /\b(?:worker|officer|lead|keyworker)\b/, fields: ['lead'] },
  { test: /\b(?:reason|category|type)\b/, fields: ['categories'] },
];

/**
 * Fields whose known names are close to a header: words in common (Dice over stemmed words) with any
 * known name, then the hint words. At most three, best first, leaving out fields another column has.
 */
export function suggestFields(header: string, taken: ReadonlySet<ImportField> = new Set()): ImportField[] {
  const t = tokens(header);
  const best = new Map<ImportField, number>();
  for (const k of KNOWN) {
    if (taken.has(k.field) || k.tokens.size === 0 || t.size === 0) continue;
    let common = 0;
    for (const w of t) if (k.tokens.has(w)) common++;
    const score = (2 * common) / (t.size + k.tokens.size);
    if (score >= 0.5 && score > (best.get(k.field) ?? 0)) best.set(k.field, score);
  }
  const normal = normaliseHeader(header);
  for (const h of HINTS)
    if (h.test.test(normal))
      for (const [i, f] of h.fields.entries())
        if (!taken.has(f) && !best.has(f)) best.set(f, 0.45 - i * 0.01);
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([f]) => f);
}

function sampleText(cell: SheetCell | undefined): string | null {
  const r = readCell(cell);
  if (!r.ok)
    return typeof cell === 'object' && cell !== null && cell.kind === 'formula' ? '(formula)' : '(error)';
  if (r.value.kind === 'blank') return null;
  const text = textOf(r.value);
  return text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS - 1)}…` : text;
}

function isBlank(cell: SheetCell | undefined): boolean {
  const r = readCell(cell);
  return r.ok && r.value.kind === 'blank';
}

/** The first row with at least two headers: the header row of a file whose columns nobody knows. */
function firstFilledRow(sheet: Sheet): number | null {
  const limit = Math.min(sheet.rows.length, 30);
  for (let r = 0; r < limit; r++)
    if ((sheet.rows[r] ?? []).filter((c) => headerText(c) !== null).length >= 2) return r + 1;
  return null;
}

/**
 * The mapping step's view of a file, as the import would read it with `mapping` (null: the built-in
 * names only). A header row is the one the import would find, else the first row with two or more
 * headers, so a file whose columns nobody recognises can still be mapped. Throws `InvalidError` only
 * for a file with no such row at all.
 */
export function previewImportSheet(
  sheets: readonly Sheet[],
  mapping: MappingFile | null,
  today: LocalDate,
): ImportPreview {
  const headerMapping = headerMappingOf(mapping);
  const candidates =
    mapping?.sheet !== undefined
      ? sheets.filter((s) => s.name.toLowerCase() === mapping.sheet?.toLowerCase())
      : sheets;
  let found: { sheet: Sheet; row: number } | null = null;
  for (const sheet of candidates) {
    const row =
      mapping?.headerRow ?? findHeaderRow(sheet.rows, headerMapping)?.row ?? firstFilledRow(sheet) ?? null;
    if (row !== null) {
      found = { sheet, row };
      break;
    }
  }
  if (!found)
    throw new InvalidError('No row of column headers found in the first 30 rows: there is nothing to map.', [
      { path: '(header row)', message: 'not found' },
    ]);
  const { sheet, row } = found;
  const headerCells = sheet.rows[row - 1] ?? [];
  const bound = bindHeaderRow(headerCells, row, headerMapping);
  const byLetter = new Map<string, { field: ImportField | null; status: ColumnStatus }>();
  for (const c of bound.columns) byLetter.set(c.letter, { field: c.field, status: 'matched' });
  for (const s of bound.skipped)
    byLetter.set(s.letter, { field: null, status: s.reason === 'unknown' ? 'unknown' : s.reason });
  const taken = new Set(bound.columns.map((c) => c.field));

  const body = sheet.rows.slice(row).filter((cells) => cells.some((c) => !isBlank(c)));
  const columns: PreviewColumn[] = [];
  headerCells.forEach((cell, index) => {
    const header = headerText(cell);
    if (header === null) return;
    const letter = columnLetter(index);
    const samples: string[] = [];
    let dates = 0;
    let seen = 0;
    for (const cells of body) {
      if (samples.length >= PREVIEW_SAMPLES) break;
      const text = sampleText(cells[index]);
      if (text === null) continue;
      samples.push(text);
      seen++;
      const v = readCell(cells[index]);
      if (v.ok && v.value.kind !== 'blank' && parseDate(v.value, today).ok) dates++;
    }
    const b = byLetter.get(letter) ?? { field: null, status: 'unknown' as const };
    columns.push({
      letter,
      header,
      samples,
      field: b.field,
      status: b.status,
      suggestions: b.status === 'matched' ? [] : suggestFields(header, taken),
      looksLikeDates: seen > 0 && dates * 2 > seen,
    });
  });
  return {
    sheet: sheet.name,
    headerRow: row,
    rowCount: body.length,
    columns,
    missing: missingRequired(taken),
    fields: MAPPABLE.map((f) => ({ field: f, label: CANONICAL_HEADERS[f] })),
  };
}
