/**
 * The spreadsheet's columns: which case field each header means, the canonical headers the export
 * writes (so an export imports back unchanged), the mapping file for headers nobody could guess, and
 * finding the header row under a title. Pure: a sheet arrives as plain cells (see {@link SheetCell}).
 */
import { z } from 'zod';
import type { LocalDate } from './types';

/**
 * One cell as the file readers hand it over: text, a number, a boolean, a date (an Excel date cell),
 * a formula (never evaluated: its cached result is not trusted), a spreadsheet error (`#N/A`), or blank.
 */
export type SheetCell =
  | null
  | string
  | number
  | boolean
  | { kind: 'date'; date: LocalDate }
  | { kind: 'formula' }
  | { kind: 'error' };

/** One worksheet (a CSV file is one sheet): `rows[0]` is row 1 and `rows[r][0]` is column A. */
export interface Sheet {
  name: string;
  rows: SheetCell[][];
}

/** What a column can hold. Mostly case fields; a few are import-only (full name, actions, notes...). */
export const IMPORT_FIELDS = [
  'ref',
  'firstName',
  'lastName',
  'fullName',
  'dateOfBirth',
  'yearGroup',
  'upn',
  'lastSchool',
  'categories',
  'provision',
  'hoursPerWeek',
  'outOfEducationSince',
  'exclusionDate',
  'timetableEndDate',
  'timetableReviewDate',
  'referralSource',
  'referredBy',
  'receivedOn',
  'referralDate',
  'lead',
  'leadEmail',
  'agencies',
  'sendStatus',
  'socialCareStatus',
  'cseRisk',
  'concernNotes',
  'concern',
  'status',
  'closureReason',
  'closureDate',
  'closureNote',
  'actions',
  'notes',
] as const;
export const importFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importFieldSchema>;

interface ColumnSpec {
  field: ImportField;
  /** The header the export writes; it is always recognised on import. */
  header: string;
  /** Other headers people use for the same thing (compared after {@link normaliseHeader}). */
  aliases: readonly string[];
  /** Written by the export. Full name is import-only: the export writes first and last names. */
  exported: boolean;
}

/** In export order. Aliases hold the variants seen in council trackers; the mapping file covers the rest. */
const COLUMN_SPECS: readonly ColumnSpec[] = [
  {
    field: 'ref',
    header: 'Ref',
    aliases: ['CMOE ref', 'Case ref', 'Reference', 'Case reference', 'CMOE reference'],
    exported: true,
  },
  {
    field: 'firstName',
    header: 'First name',
    aliases: ['Forename', 'Forenames', 'Given name', 'First names', 'Legal forename'],
    exported: true,
  },
  {
    field: 'lastName',
    header: 'Last name',
    aliases: ['Surname', 'Family name', 'Legal surname'],
    exported: true,
  },
  {
    field: 'fullName',
    header: 'Name',
    aliases: [
      'Full name',
      'Child name',
      'Pupil name',
      'Young person',
      'Child',
      'Pupil',
      'Name of child',
      'Name of pupil',
      'Surname, Forename',
      'Surname, First name',
      'Surname, Forenames',
      'Forename Surname',
      'First name Surname',
    ],
    exported: false,
  },
  {
    field: 'dateOfBirth',
    header: 'Date of birth',
    aliases: ['DOB', 'D.O.B.', 'Birth date', 'Birthdate', 'Born'],
    exported: true,
  },
  {
    field: 'yearGroup',
    header: 'Year group',
    aliases: [
      'Yr',
      'Year',
      'NCY',
      'Yr group',
      'Yr grp',
      'Year grp',
      'School year',
      'NC year',
      'NC yr',
      'Curriculum year',
      'National curriculum year',
    ],
    exported: true,
  },
  { field: 'upn', header: 'UPN', aliases: ['Unique pupil number', 'Pupil number'], exported: true },
  {
    field: 'lastSchool',
    header: 'Last school',
    aliases: [
      'School',
      'Last school attended',
      'School or provision last attended',
      'Current school',
      'School last attended',
      'Previous school',
      'Setting',
    ],
    exported: true,
  },
  {
    field: 'categories',
    header: 'Category',
    aliases: [
      'Categories',
      'Reason',
      'Reason for referral',
      'Referral reason',
      'Category of interest',
      'Type',
      'Cohort',
    ],
    exported: true,
  },
  {
    field: 'provision',
    header: 'Provision',
    aliases: [
      'Current provision',
      'Education provision',
      'Provision type',
      'Provision and hours',
      'Current provision and hours',
      'Current education',
    ],
    exported: true,
  },
  {
    field: 'hoursPerWeek',
    header: 'Hours per week',
    aliases: ['Hours', 'Hrs', 'Hours of provision', 'Hours a week', 'Weekly hours', 'Hrs per week'],
    exported: true,
  },
  {
    field: 'outOfEducationSince',
    header: 'Out of education since',
    aliases: [
      'Date out of education',
      'Out since',
      'OOE since',
      'Date left education',
      'Out of school since',
      'Date out of school',
      'Last attended',
    ],
    exported: true,
  },
  {
    field: 'exclusionDate',
    header: 'Exclusion date',
    aliases: ['Date of exclusion', 'Date excluded', 'PEX date'],
    exported: true,
  },
  {
    field: 'timetableEndDate',
    header: 'Timetable end date',
    aliases: ['PTT end date', 'Part-time timetable end date', 'Timetable end'],
    exported: true,
  },
  {
    field: 'timetableReviewDate',
    header: 'Timetable review date',
    aliases: ['PTT review date', 'Part-time timetable review date', 'Timetable review'],
    exported: true,
  },
  {
    field: 'referralSource',
    header: 'Referral source',
    aliases: ['Source', 'Referred from', 'Source of referral', 'Referring service'],
    exported: true,
  },
  { field: 'referredBy', header: 'Referred by', aliases: ['Referrer', 'Referrer name'], exported: true },
  {
    field: 'receivedOn',
    header: 'Date received',
    aliases: [
      'Received',
      'Received on',
      'Date referral received',
      'Referral received',
      'Date of referral',
      'Referral received date',
      'Date referred',
      'Referred on',
      'Referred date',
      'Date referral made',
      'Date of referral received',
    ],
    exported: true,
  },
  {
    field: 'referralDate',
    header: 'Referral date',
    aliases: ['Meeting date', 'Date of meeting', 'Panel date'],
    exported: true,
  },
  {
    field: 'lead',
    header: 'Lead professional',
    aliases: [
      'Lead',
      'Lead worker',
      'Key worker',
      'Keyworker',
      'Caseworker',
      'Case worker',
      'Allocated worker',
      'Lead practitioner',
      'Lead officer',
      'Allocated officer',
    ],
    exported: true,
  },
  {
    field: 'leadEmail',
    header: 'Lead email',
    aliases: ['Lead professional email', 'Lead worker email', 'Lead e-mail'],
    exported: true,
  },
  {
    field: 'agencies',
    header: 'Agencies',
    aliases: ['Agencies involved', 'Services involved', 'Other agencies'],
    exported: true,
  },
  {
    field: 'sendStatus',
    header: 'SEND',
    aliases: ['SEND status', 'SEN', 'SEN status', 'EHCP', 'SEN/EHCP', 'SEND/EHCP'],
    exported: true,
  },
  {
    field: 'socialCareStatus',
    header: 'Social care',
    aliases: ['Social care status', 'CSC', 'CSC status', 'CSC involvement', "Children's social care"],
    exported: true,
  },
  { field: 'cseRisk', header: 'CSE risk', aliases: ['CSE', 'CSE list', 'CSE check'], exported: true },
  {
    field: 'concernNotes',
    header: 'Concern notes',
    aliases: ['Concerns', 'Why of concern', 'Reason for concern', 'Arrangement concerns'],
    exported: true,
  },
  {
    field: 'concern',
    header: 'Concern',
    aliases: ['RAG', 'Concern level', 'RAG rating', 'Priority', 'Level of concern'],
    exported: true,
  },
  { field: 'status', header: 'Status', aliases: ['Case status', 'Current status'], exported: true },
  {
    field: 'closureReason',
    header: 'Closure reason',
    aliases: ['Reason for closure', 'Closed reason', 'Outcome'],
    exported: true,
  },
  {
    field: 'closureDate',
    header: 'Closure date',
    aliases: ['Date closed', 'Closed on', 'Closed date'],
    exported: true,
  },
  {
    field: 'closureNote',
    header: 'Closure note',
    aliases: ['Closure notes', 'Closure comments'],
    exported: true,
  },
  {
    field: 'actions',
    header: 'Actions',
    aliases: ['Action', 'Next steps', 'Agreed actions', 'Actions agreed', 'Action plan'],
    exported: true,
  },
  {
    field: 'notes',
    header: 'Notes',
    aliases: ['Update', 'Updates', 'Latest update', 'Comments', 'Progress', 'Case notes', 'Note'],
    exported: true,
  },
];

/** Every header recognised without a mapping file, by field in export order: what the docs list. */
export const RECOGNISED_HEADERS: readonly {
  field: ImportField;
  header: string;
  aliases: readonly string[];
}[] = COLUMN_SPECS.map((c) => ({ field: c.field, header: c.header, aliases: c.aliases }));

/** The header the export writes for each field (and the name reports use for a field's column). */
export const CANONICAL_HEADERS: Readonly<Record<ImportField, string>> = Object.fromEntries(
  COLUMN_SPECS.map((c) => [c.field, c.header]),
) as Record<ImportField, string>;

/** The export's columns, in order. */
export const EXPORT_FIELDS: readonly ImportField[] = COLUMN_SPECS.filter((c) => c.exported).map(
  (c) => c.field,
);

/**
 * Fields that are computed from others and so never imported: recognised (not reported as unknown)
 * and skipped with a note in the report.
 */
export const COMPUTED_FIELDS: ReadonlySet<ImportField> = new Set(['referralDate']);

/** Words in front of a header that do not change its meaning ("Child's first name", "Pupil UPN"). */
const NOISE_PREFIXES = /^(?:childs?|pupils?|young persons?|cyp)\s+/;

/**
 * A header reduced to compare: lower case, "&" as "and", punctuation dropped, spaces collapsed.
 * "D.O.B." and "dob" compare equal; so do "Reason for referral" and "reason  for referral:".
 */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Further forms of a header to try: without a bracketed part ("Year group (NCY)") and noise words. */
function headerForms(header: string): string[] {
  const forms = [normaliseHeader(header)];
  const unbracketed = normaliseHeader(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  if (unbracketed !== '') forms.push(unbracketed);
  for (const f of [...forms]) {
    const bare = f.replace(NOISE_PREFIXES, '');
    if (bare !== f && bare !== '') forms.push(bare);
  }
  return forms;
}

const ALIASES: ReadonlyMap<string, ImportField> = (() => {
  const m = new Map<string, ImportField>();
  for (const c of COLUMN_SPECS) {
    for (const h of [c.header, ...c.aliases]) {
      const key = normaliseHeader(h);
      if (m.has(key) && m.get(key) !== c.field) throw new Error(`alias "${h}" is claimed twice`);
      m.set(key, c.field);
    }
  }
  return m;
})();

/**
 * An explicit mapping for headers the built-in names do not know (or to override them), as a JSON file:
 *
 * ```json
 * { "columns": { "Pupil's legal surname": "lastName", "Old notes": null }, "headerRow": 4, "sheet": "Open" }
 * ```
 *
 * `null` ignores a column. `headerRow` (1-based) and `sheet` skip the search for the header row and sheet.
 */
export const mappingFileSchema = z
  .object({
    columns: z.record(z.string().trim().min(1).max(200), importFieldSchema.nullable()).default({}),
    headerRow: z.number().int().min(1).max(1000).optional(),
    sheet: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type MappingFile = z.infer<typeof mappingFileSchema>;

/** A mapping file's columns, keyed by normalised header. */
export type HeaderMapping = ReadonlyMap<string, ImportField | null>;

export function headerMappingOf(mapping: MappingFile | null): HeaderMapping {
  const m = new Map<string, ImportField | null>();
  for (const [header, field] of Object.entries(mapping?.columns ?? {})) m.set(normaliseHeader(header), field);
  return m;
}

/**
 * The field a header means: the mapping file first (`null` there: ignore the column), then the built-in
 * names. `undefined` when nobody knows it.
 */
export function fieldForHeader(header: string, mapping: HeaderMapping): ImportField | null | undefined {
  const forms = headerForms(header);
  for (const f of forms) if (mapping.has(f)) return mapping.get(f);
  for (const f of forms) {
    const field = ALIASES.get(f);
    if (field !== undefined) return field;
  }
  return undefined;
}

/** Spreadsheet column letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The text of a header cell, or null when the cell cannot be a header. */
export function headerText(cell: SheetCell | undefined): string | null {
  if (typeof cell === 'string') {
    const t = cell.replace(/\s+/g, ' ').trim();
    return t === '' ? null : t;
  }
  return null;
}

/** A column of the file bound to a field. */
export interface ColumnBinding {
  /** 0-based column index. */
  index: number;
  /** Column letter(s), "C". */
  letter: string;
  /** The header as written in the file. */
  header: string;
  field: ImportField;
  /**
   * Set when the column was bound to the field only because nothing else was: a "Referral date" column
   * in a file with no "Date received" column is the council's date received (see {@link bindHeaderRow}).
   */
  stoodInFor?: ImportField;
}

/** A column the import does not use, and why. */
export interface SkippedColumn {
  letter: string;
  header: string;
  reason: 'unknown' | 'ignored' | 'computed' | 'duplicate';
}

export interface HeaderRow {
  /** 1-based row number of the header row. */
  row: number;
  columns: ColumnBinding[];
  skipped: SkippedColumn[];
}

/** How many rows from the top are searched for the header row (title rows, notes, blank rows above it). */
export const HEADER_SEARCH_ROWS = 30;

/** Binds the header cells of one row to fields. */
export function bindHeaderRow(cells: readonly SheetCell[], row: number, mapping: HeaderMapping): HeaderRow {
  const columns: ColumnBinding[] = [];
  const skipped: SkippedColumn[] = [];
  const taken = new Set<ImportField>();
  cells.forEach((cell, index) => {
    const header = headerText(cell);
    if (header === null) return;
    const letter = columnLetter(index);
    const field = fieldForHeader(header, mapping);
    if (field === undefined) skipped.push({ letter, header, reason: 'unknown' });
    else if (field === null) skipped.push({ letter, header, reason: 'ignored' });
    else if (COMPUTED_FIELDS.has(field)) skipped.push({ letter, header, reason: 'computed' });
    else if (taken.has(field)) skipped.push({ letter, header, reason: 'duplicate' });
    else {
      taken.add(field);
      columns.push({ index, letter, header, field });
    }
  });
  // The export's "Referral date" is the meeting the app computed, but in a council's own tracker
  // "Referral date" is when the referral came in. With no "Date received" column beside it, it is read as
  // the date received (the report says so); with one, it stays the computed column that is not imported.
  // Only a header that says "referral date" itself: "Meeting date" or "Panel date" are the meeting's.
  if (!taken.has('receivedOn')) {
    const i = skipped.findIndex(
      (s) =>
        s.reason === 'computed' &&
        headerForms(s.header).includes('referral date') &&
        !headerForms(s.header).some((f) => mapping.has(f)),
    );
    const s = skipped[i];
    if (s !== undefined) {
      skipped.splice(i, 1);
      columns.push({
        index: columnIndex(s.letter),
        letter: s.letter,
        header: s.header,
        field: 'receivedOn',
        stoodInFor: 'referralDate',
      });
      columns.sort((a, b) => a.index - b.index);
    }
  }
  return { row, columns, skipped };
}

/** The 0-based index of a column letter: A -> 0, AA -> 26. */
export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Whether a full-name column writes the surname first ("Surname, Forename"), so that a cell without the
 * comma ("Example Testy") is still read surname first.
 */
export function surnameFirst(header: string): boolean {
  const h = normaliseHeader(header);
  const surname = h.search(/\b(?:surname|last name|family name)\b/);
  const forename = h.search(/\b(?:forenames?|first names?|given names?)\b/);
  return surname >= 0 && (forename < 0 || surname < forename);
}

/**
 * The header row: of the first {@link HEADER_SEARCH_ROWS} rows, the one whose cells name the most known
 * fields (at least two), so a merged title row or a note above the table is passed over. Null when no
 * row qualifies.
 */
export function findHeaderRow(
  rows: readonly (readonly SheetCell[])[],
  mapping: HeaderMapping,
): HeaderRow | null {
  let best: HeaderRow | null = null;
  let bestScore = 1;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const bound = bindHeaderRow(rows[r] ?? [], r + 1, mapping);
    const score = bound.columns.length + bound.skipped.filter((s) => s.reason === 'computed').length;
    if (score > bestScore) {
      best = bound;
      bestScore = score;
    }
  }
  return best;
}
