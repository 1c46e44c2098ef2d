/**
 * Step 1 of an import: read the sheet. Finds the sheet and its header row, binds columns to fields and
 * reads every data row's cells into typed values (or cell issues). File-level problems throw `InvalidError`.
 */
import { z } from 'zod';
import { InvalidError } from '../errors';
import {
  CANONICAL_HEADERS,
  type ColumnBinding,
  type HeaderRow,
  type ImportField,
  type MappingFile,
  type Sheet,
  type SkippedColumn,
  bindHeaderRow,
  columnLetter,
  findHeaderRow,
  headerMappingOf,
  headerText,
  HEADER_SEARCH_ROWS,
  normaliseHeader,
  surnameFirst,
} from '../importColumns';
import {
  type Parsed,
  parseActionLines,
  parseCategories,
  parseClosureReason,
  parseConcern,
  parseCseRisk,
  parseDate,
  formatUkDate,
  hoursInText,
  parseHours,
  parseList,
  parseProvision,
  parseRef,
  parseReferralSource,
  parseSendStatus,
  parseSocialCareStatus,
  parseStatus,
  parseYearGroup,
  readCell,
  splitFullName,
  splitLead,
  textOf,
} from '../importValues';
import { dueDateIssues } from '../dateRules';
import {
  type CaseStatus,
  type Category,
  type ClosureReason,
  type Concern,
  type CseRisk,
  type LocalDate,
  type Provision,
  type ReferralSource,
  type SendStatus,
  type SocialCareStatus,
  type YearGroup,
  localDateSchema,
} from '../types';
/**
 * The largest file the import reads (the API's body limit too). The app's own .csv export of 5,000 cases,
 * with actions and notes, is about 3.3 MB; a 10 MB upload is surely the wrong file.
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
/** The most data rows one import takes. */
export const MAX_IMPORT_ROWS = 20_000;

/** Where a problem is, and what it is. Never the value. */
export interface CellIssue {
  /** 1-based row number in the sheet. */
  row: number;
  /** The column's header as written in the file, or null for a problem with the whole row. */
  column: string | null;
  /** Cell reference, "C7", or null for the whole row. */
  cell: string | null;
  message: string;
}

/** "row 7, column 'Date of birth' (C7): is not a date (write it as dd/mm/yyyy)". */
export function describeIssue(i: CellIssue): string {
  const where = i.column === null ? `row ${i.row}` : `row ${i.row}, column '${i.column}' (${i.cell})`;
  return `${where}: ${i.message}`;
}

/** An action to add from an Actions cell. */
export interface ActionDraft {
  description: string;
  successMeasure: string;
  dueDate: LocalDate;
  /** Always true: a spreadsheet names no signed-in owner, so the chair assigns one ("incomplete — from import"). */
  incompleteFromImport: boolean;
}

/** What a row says, typed; a field is absent when its cell is blank or its column is missing. */
export interface RowValues {
  ref?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: LocalDate;
  yearGroup?: YearGroup;
  upn?: string;
  lastSchool?: string;
  categories?: Category[];
  provision?: Provision;
  hoursPerWeek?: number;
  outOfEducationSince?: LocalDate;
  exclusionDate?: LocalDate;
  timetableEndDate?: LocalDate;
  timetableReviewDate?: LocalDate;
  referralSource?: ReferralSource;
  referredBy?: string;
  receivedOn?: LocalDate;
  leadName?: string;
  /** The service in brackets after the lead's name, "A. Officer (EWO)": added to a new case's agencies. */
  leadService?: string;
  /** The lead cell as written, name and service: a case whose lead reads so already is not changed. */
  leadText?: string;
  leadEmail?: string;
  agencies?: string[];
  sendStatus?: SendStatus;
  socialCareStatus?: SocialCareStatus;
  cseRisk?: CseRisk;
  concernNotes?: string;
  concern?: Concern;
  status?: CaseStatus;
  closureReason?: ClosureReason;
  closureDate?: LocalDate;
  closureNote?: string;
  actions?: { description: string; successMeasure: string | null; dueDate: LocalDate | null }[];
  notes?: string;
}

export interface ImportRow {
  /** 1-based row number in the sheet. */
  row: number;
  values: RowValues;
  /** The cell each field was read from (for messages). */
  cells: Partial<Record<ImportField, { column: string; cell: string }>>;
  issues: CellIssue[];
  warnings: string[];
  /**
   * The date received a new case takes when the row has none (see {@link ReceivedDateFallback}), with
   * the warning that says so. Never applied to a stored case, which has its own.
   */
  receivedFallback?: { date: LocalDate; warning: string };
}

/**
 * What to do when rows have no date received (a council tracker often has no such column): one date for
 * every row, or the date in another column ("Date out of education"). Each row it is used for says so
 * in a warning.
 */
export type ReceivedDateFallback = { date: LocalDate } | { column: string } | null;

/** The received-date options as the API's query and the command line name them (at most one). */
export const receivedOptionsShape = {
  receivedOn: localDateSchema.optional(),
  receivedFrom: z.string().trim().min(1).max(200).optional(),
};

/**
 * The fallback the options ask for; both at once is an `InvalidError` (which date would win is
 * anybody's guess).
 */
export function receivedFallbackOf(o: {
  receivedOn?: LocalDate;
  receivedFrom?: string;
}): ReceivedDateFallback {
  if (o.receivedOn !== undefined && o.receivedFrom !== undefined)
    throw new InvalidError('Give one date for every row or a column to take it from, not both.', [
      { path: 'receivedFrom', message: 'cannot be given with receivedOn' },
    ]);
  if (o.receivedOn !== undefined) return { date: o.receivedOn };
  if (o.receivedFrom !== undefined) return { column: o.receivedFrom };
  return null;
}

export interface ImportSheet {
  sheet: string;
  headerRow: number;
  columns: ColumnBinding[];
  skipped: SkippedColumn[];
  /** Fields that have a column. */
  fields: ReadonlySet<ImportField>;
  /** Notes about the whole file ("no Provision column: ..."). */
  notices: string[];
  rows: ImportRow[];
}

const FIELD_WORDS: Readonly<Record<ImportField, string>> = {
  ...CANONICAL_HEADERS,
  categories: 'Category (or Reason)',
  dateOfBirth: 'Date of birth (or DOB)',
  receivedOn: 'Date received (or Received)',
};

/**
 * The required fields a header row has no column for: a name (first and last, or one full name), date
 * of birth, reason and date received. The mapping step names the same ones.
 */
export function missingRequired(fields: ReadonlySet<ImportField>): ImportField[] {
  const missing: ImportField[] = [];
  if (!(fields.has('firstName') && fields.has('lastName')) && !fields.has('fullName')) {
    if (!fields.has('firstName')) missing.push('firstName');
    if (!fields.has('lastName')) missing.push('lastName');
  }
  for (const f of ['dateOfBirth', 'categories', 'receivedOn'] as const) if (!fields.has(f)) missing.push(f);
  return missing;
}

function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/**
 * Reads the sheet: picks it (the mapping's `sheet`, else the first with a header row), finds the header
 * row (the mapping's `headerRow`, else searched for under any title rows), checks the required columns
 * are there, and reads every non-blank row below. Throws `InvalidError` for a file that cannot be
 * imported at all; problems with single cells are the rows' `issues`.
 */
export function readImportSheet(
  sheets: readonly Sheet[],
  mapping: MappingFile | null,
  today: LocalDate,
  received: ReceivedDateFallback = null,
): ImportSheet {
  const headerMapping = headerMappingOf(mapping);
  if (received !== null && 'date' in received && received.date > today)
    throw new InvalidError('The date given for every row is after today: a referral is received by today.', [
      { path: 'receivedOn', message: 'is after today' },
    ]);
  if (sheets.every((s) => s.rows.every(isBlankRow))) {
    throw new InvalidError('The file is empty: there is nothing to import.', [
      { path: '(file)', message: 'is empty' },
    ]);
  }
  let chosen: { sheet: Sheet; header: HeaderRow } | null = null;
  if (mapping?.sheet !== undefined) {
    const wanted = mapping.sheet.toLowerCase();
    const sheet = sheets.find((s) => s.name.toLowerCase() === wanted);
    if (!sheet)
      throw new InvalidError('The file has no worksheet with the name the mapping file gives.', [
        { path: 'mapping.sheet', message: 'is not a worksheet of the file' },
      ]);
    const header = headerOf(sheet, mapping, headerMapping);
    if (header) chosen = { sheet, header };
  } else {
    for (const sheet of sheets) {
      const header = headerOf(sheet, mapping, headerMapping);
      if (header) {
        chosen = { sheet, header };
        break;
      }
    }
  }
  if (!chosen) {
    throw new InvalidError(
      `No header row found in the first ${HEADER_SEARCH_ROWS} rows: the file needs a row of column headers such as Surname, Forename, Date of birth, Reason and Date received. Rename the columns, or name them in a mapping file.`,
      [{ path: '(header row)', message: 'not found' }],
    );
  }
  const { sheet, header } = chosen;
  const fields = new Set(header.columns.map((c) => c.field));
  const missing = missingRequired(fields).filter((f) => !(f === 'receivedOn' && received !== null));
  if (missing.length > 0) {
    const receivedHelp = missing.includes('receivedOn')
      ? ' For a file with no date received, give one date for every row (--received-on, receivedOn) or the column to take it from (--received-from, receivedFrom).'
      : '';
    throw new InvalidError(
      `The header row (row ${header.row}) has no column for: ${missing.map((f) => FIELD_WORDS[f]).join(', ')}. Rename the columns, or name them in a mapping file.${receivedHelp}`,
      missing.map((f) => ({
        path: `header row ${header.row}`,
        message: `has no column for ${FIELD_WORDS[f]}`,
      })),
    );
  }

  const fallback = receivedFallbackReader(received, sheet, header, today);
  const rows: ImportRow[] = [];
  for (let r = header.row; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (header.columns.every((c) => isBlank(cells[c.index]))) continue;
    if (rows.length >= MAX_IMPORT_ROWS) {
      throw new InvalidError(
        `The file has more than ${MAX_IMPORT_ROWS} rows: split it and import the parts.`,
        [{ path: '(file)', message: `has more than ${MAX_IMPORT_ROWS} rows` }],
      );
    }
    const row = readRow(r + 1, cells, header.columns, today);
    if (row.values.receivedOn === undefined) fallback.read(row, cells);
    rows.push(row);
  }
  if (rows.length === 0) {
    throw new InvalidError(`The file has a header row (row ${header.row}) but no rows to import below it.`, [
      { path: '(file)', message: 'has no data rows' },
    ]);
  }

  const notices: string[] = [];
  const absent = (f: ImportField, consequence: string) => {
    if (!fields.has(f)) notices.push(`No ${CANONICAL_HEADERS[f]} column: ${consequence}`);
  };
  for (const c of header.columns)
    if (c.stoodInFor === 'referralDate')
      notices.push(
        `Column ${c.letter} (${c.header}) is read as the date received: the file has no Date received column.`,
      );
  if (received !== null && !fields.has('receivedOn'))
    notices.push(
      'date' in received
        ? `No Date received column: new cases are recorded as received on ${formatUkDate(received.date)}, the date given for every row.`
        : `No Date received column: new cases take the date in column '${fallback.column}'.`,
    );
  absent('provision', 'new cases are recorded with provision None.');
  absent('referralSource', 'new cases are recorded with referral source Other.');
  absent('referredBy', 'new cases are recorded as referred by "Not recorded".');
  for (const s of header.skipped) {
    if (s.reason === 'computed')
      notices.push(
        `Column ${s.letter} (${s.header}) is computed by the app from the date received: not imported.`,
      );
    else if (s.reason === 'duplicate')
      notices.push(`Column ${s.letter} (${s.header}) repeats a column already read: not imported.`);
  }
  return {
    sheet: sheet.name,
    headerRow: header.row,
    columns: header.columns,
    skipped: header.skipped,
    fields,
    notices,
    rows,
  };
}

function headerOf(
  sheet: Sheet,
  mapping: MappingFile | null,
  headerMapping: ReturnType<typeof headerMappingOf>,
) {
  if (mapping?.headerRow !== undefined) {
    const bound = bindHeaderRow(sheet.rows[mapping.headerRow - 1] ?? [], mapping.headerRow, headerMapping);
    return bound.columns.length > 0 ? bound : null;
  }
  return findHeaderRow(sheet.rows, headerMapping);
}

/**
 * The step that gives a row without a date received its fallback. A named column must be in the header
 * row (or the whole file is refused); its cell is read with the same date rules, and a cell that is not a
 * date is an issue unless that column is already read as another field (which reports it).
 */
function receivedFallbackReader(
  received: ReceivedDateFallback,
  sheet: Sheet,
  header: HeaderRow,
  today: LocalDate,
): {
  read: (row: ImportRow, cells: readonly Sheet['rows'][number][number][]) => void;
  /** The column's header as the file writes it. */
  column?: string;
} {
  if (received === null) return { read: () => undefined };
  if ('date' in received) {
    const warning = `No date received: recorded as ${formatUkDate(received.date)}, the date given for every row.`;
    return {
      read: (row) => {
        row.receivedFallback = { date: received.date, warning };
      },
    };
  }
  const wanted = normaliseHeader(received.column);
  const headerCells = sheet.rows[header.row - 1] ?? [];
  const index = headerCells.findIndex((c) => {
    const t = headerText(c);
    return t !== null && normaliseHeader(t) === wanted;
  });
  if (index < 0 || wanted === '')
    throw new InvalidError(
      `The header row (row ${header.row}) has no column with the name given for the date received.`,
      [{ path: 'receivedFrom', message: 'is not a column of the header row' }],
    );
  const binding = header.columns.find((c) => c.index === index);
  const title = headerText(headerCells[index]) as string;
  const letter = binding?.letter ?? columnLetter(index);
  const warning = `No date received: the date in column '${title}' is used.`;
  const read = (row: ImportRow, cells: readonly Sheet['rows'][number][number][]) => {
    const read = readCell(cells[index]);
    const parsed: Parsed<LocalDate> | null = !read.ok
      ? read
      : read.value.kind === 'blank'
        ? null
        : parseDate(read.value, today);
    if (parsed?.ok) row.receivedFallback = { date: parsed.value, warning };
    else if (parsed !== null && !parsed.ok && binding === undefined)
      row.issues.push({
        row: row.row,
        column: title,
        cell: `${letter}${row.row}`,
        message: `${parsed.message} (it is used as the date received)`,
      });
  };
  return { read, column: title };
}

function isBlank(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && cell.trim() === '';
}

/** Reads one data row's bound cells into values; a cell that cannot be read is an issue, not a value. */
function readRow(
  row: number,
  cells: readonly Sheet['rows'][number][number][],
  columns: readonly ColumnBinding[],
  today: LocalDate,
): ImportRow {
  const out: ImportRow = { row, values: {}, cells: {}, issues: [], warnings: [] };
  const v = out.values;
  let fullName: { text: string; header: string; where: { column: string; cell: string } } | null = null;
  let provisionHours: { hours: number; where: { column: string; cell: string } } | null = null;
  for (const col of columns) {
    const where = { column: col.header, cell: `${col.letter}${row}` };
    out.cells[col.field] = where;
    const fail = (message: string) => out.issues.push({ row, ...where, message });
    const read = readCell(cells[col.index]);
    if (!read.ok) {
      fail(read.message);
      continue;
    }
    const cell = read.value;
    if (cell.kind === 'blank') continue;
    const text = textOf(cell);
    const take = <T>(p: Parsed<T>, set: (value: T) => void) => {
      if (!p.ok) fail(p.message);
      else {
        set(p.value);
        if (p.warning) out.warnings.push(`Column '${col.header}' (${where.cell}): ${p.warning}`);
      }
    };
    const date = (set: (d: LocalDate) => void) => take(parseDate(cell, today), set);
    switch (col.field) {
      case 'ref':
        take(parseRef(cell), (x) => (v.ref = x));
        break;
      case 'firstName':
        v.firstName = text;
        break;
      case 'lastName':
        v.lastName = text;
        break;
      case 'fullName':
        fullName = { text, header: col.header, where };
        break;
      case 'dateOfBirth':
        date((d) => (v.dateOfBirth = d));
        break;
      case 'yearGroup':
        take(parseYearGroup(cell), (x) => (v.yearGroup = x));
        break;
      case 'upn':
        v.upn = text.replace(/\s+/g, '');
        break;
      case 'lastSchool':
        v.lastSchool = text;
        break;
      case 'categories':
        take(parseCategories(cell), (x) => (v.categories = x));
        break;
      case 'provision': {
        take(parseProvision(cell), (x) => (v.provision = x));
        // "Part time timetable 10hrs": the hours, when no Hours column says otherwise (read below).
        const hours = cell.kind === 'text' ? hoursInText(cell.text) : null;
        if (hours !== null) provisionHours = { hours, where };
        break;
      }
      case 'hoursPerWeek':
        take(parseHours(cell), (x) => (v.hoursPerWeek = x));
        break;
      case 'outOfEducationSince':
        date((d) => (v.outOfEducationSince = d));
        break;
      case 'exclusionDate':
        date((d) => (v.exclusionDate = d));
        break;
      case 'timetableEndDate':
        date((d) => (v.timetableEndDate = d));
        break;
      case 'timetableReviewDate':
        date((d) => (v.timetableReviewDate = d));
        break;
      case 'referralSource':
        take(parseReferralSource(cell), (x) => (v.referralSource = x));
        break;
      case 'referredBy':
        v.referredBy = text;
        break;
      case 'receivedOn':
        date((d) => (v.receivedOn = d));
        break;
      case 'referralDate':
        break;
      case 'lead': {
        const lead = splitLead(text);
        v.leadName = lead.name;
        if (lead.service !== null) {
          v.leadService = lead.service;
          v.leadText = text;
        }
        break;
      }
      case 'leadEmail':
        v.leadEmail = text;
        break;
      case 'agencies':
        v.agencies = parseList(text);
        break;
      case 'sendStatus':
        take(parseSendStatus(cell, col.header), (x) => (v.sendStatus = x));
        break;
      case 'socialCareStatus':
        take(parseSocialCareStatus(cell), (x) => (v.socialCareStatus = x));
        break;
      case 'cseRisk':
        take(parseCseRisk(cell), (x) => (v.cseRisk = x));
        break;
      case 'concernNotes':
        v.concernNotes = text;
        break;
      case 'concern':
        take(parseConcern(cell), (x) => (v.concern = x));
        break;
      case 'status':
        take(parseStatus(cell), (x) => (v.status = x));
        break;
      case 'closureReason':
        take(parseClosureReason(cell), (x) => (v.closureReason = x));
        break;
      case 'closureDate':
        date((d) => (v.closureDate = d));
        break;
      case 'closureNote':
        v.closureNote = text;
        break;
      case 'actions':
        readActions(text, today, fail, out);
        break;
      case 'notes':
        if (text.length > 4000) fail('is longer than 4000 characters');
        else v.notes = text;
        break;
    }
  }
  if (fullName !== null && (v.firstName === undefined || v.lastName === undefined)) {
    const { text, header, where } = fullName;
    const split = splitFullName(text, surnameFirst(header));
    if (!split) out.issues.push({ row, ...where, message: 'needs a first and a last name' });
    else {
      v.firstName ??= split.firstName;
      v.lastName ??= split.lastName;
      out.cells.firstName ??= where;
      out.cells.lastName ??= where;
    }
  }
  if (provisionHours !== null && v.hoursPerWeek === undefined) {
    v.hoursPerWeek = provisionHours.hours;
    out.cells.hoursPerWeek = provisionHours.where;
  }
  return out;
}

function readActions(text: string, today: LocalDate, fail: (m: string) => void, out: ImportRow): void {
  const lines = parseActionLines(text);
  const actions: NonNullable<RowValues['actions']> = [];
  for (const line of lines) {
    if (line.description.length > 2000) return fail('has an action longer than 2000 characters');
    if ((line.successMeasure ?? '').length > 2000)
      return fail('has a success measure longer than 2000 characters');
    let dueDate: LocalDate | null = null;
    if (line.due !== null) {
      const d = parseDate({ kind: 'text', text: line.due }, today);
      if (!d.ok) return fail("has an action whose due date is not a date (write 'due: dd/mm/yyyy')");
      // The app's bound on due dates (an imported action may already be overdue, so no lower bound
      // but the records' own).
      const bound = dueDateIssues('dueDate', d.value, today)[0];
      if (bound) return fail(`has an action whose due date ${bound.message}`);
      dueDate = d.value;
    }
    if (line.ownerNamed)
      out.warnings.push(
        'An action names an owner: owners are assigned in the app (a name in a spreadsheet is not a signed-in person).',
      );
    actions.push({ description: line.description, successMeasure: line.successMeasure, dueDate });
  }
  if (actions.length > 0) out.values.actions = actions;
}
