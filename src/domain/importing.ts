/**
 * Importing the group's spreadsheet, as pure steps the import operation runs in order:
 *
 * 1. {@link readImportSheet}: find the sheet and its header row, bind columns to fields, read every
 *    data row's cells into typed values (or cell issues). File-level problems throw `InvalidError`.
 * 2. {@link matchedRefs}: which stored cases rows with notes match (the operation loads only their timelines).
 * 3. {@link planImport}: per row, create / update / unchanged / rejected, with the exact writes, checked
 *    with the domain's own schema and rules (referral date, year group from date of birth, eligibility).
 * 4. {@link reportOf}: the plan as a report that names rows, cells and fields but holds no values, so it
 *    can be shown to an admin (who may not read cases) and logged.
 *
 * Matching a row to a case: by ref, else by UPN, else by first name + last name + date of birth. A ref or
 * UPN match must agree with the case on at least two of first name, last name and date of birth, so a
 * mistyped ref never merges two children. Re-importing the same file changes nothing: fields are
 * compared with what is stored, and an action or note whose text is already on the case is not added.
 */
import { z } from 'zod';
import { checkEligibility } from './eligibility';
import { type FieldIssue, InvalidError } from './errors';
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
} from './importColumns';
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
  textKey,
  textOf,
} from './importValues';
import { nextMeetingOnOrAfter, referralDateFor } from './meetings';
import { caseDateIssues, closureDateIssues, dueDateIssues } from './dateRules';
import type { Policy } from './policy';
import {
  type Action,
  type Case,
  type CaseFields,
  type CaseStatus,
  type CaseUpdate,
  type Category,
  type ClosureReason,
  type Concern,
  type CseRisk,
  type Instant,
  type LocalDate,
  type Meeting,
  type Provision,
  type ReferralSource,
  type SendStatus,
  type SocialCareStatus,
  type YearGroup,
  PLAIN_EDIT_STATUSES,
  caseFieldsSchema,
  closureSchema,
  localDateSchema,
} from './types';
import { nationalCurriculumYear, yearGroupFor } from './yearGroup';

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
  const missing: ImportField[] = [];
  if (!(fields.has('firstName') && fields.has('lastName')) && !fields.has('fullName')) {
    if (!fields.has('firstName')) missing.push('firstName');
    if (!fields.has('lastName')) missing.push('lastName');
  }
  for (const f of ['dateOfBirth', 'categories', 'receivedOn'] as const)
    if (!fields.has(f) && !(f === 'receivedOn' && received !== null)) missing.push(f);
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

// ---------------------------------------------------------------------------------------------------
// Matching

type CaseMatch =
  | { kind: 'new'; refNotFound: boolean }
  | { kind: 'existing'; case: Case }
  | { kind: 'problem'; field: ImportField; message: string };

const simplify = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const identityKey = (first: string, last: string, dob: LocalDate) =>
  `${simplify(first)}|${simplify(last)}|${dob}`;

interface CaseIndex {
  byRef: Map<string, Case>;
  byUpn: Map<string, Case[]>;
  byIdentity: Map<string, Case[]>;
}

function indexCases(cases: readonly Case[]): CaseIndex {
  const index: CaseIndex = { byRef: new Map(), byUpn: new Map(), byIdentity: new Map() };
  const push = (m: Map<string, Case[]>, k: string, c: Case) => {
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  };
  for (const c of cases) {
    index.byRef.set(c.ref, c);
    if (c.upn) push(index.byUpn, c.upn.toUpperCase(), c);
    push(index.byIdentity, identityKey(c.firstName, c.lastName, c.dateOfBirth), c);
  }
  return index;
}

/** A ref or UPN match must agree on two of first name, last name and date of birth. */
function agrees(c: Case, v: RowValues): boolean {
  let same = 0;
  if (v.firstName !== undefined && simplify(v.firstName) === simplify(c.firstName)) same++;
  if (v.lastName !== undefined && simplify(v.lastName) === simplify(c.lastName)) same++;
  if (v.dateOfBirth !== undefined && v.dateOfBirth === c.dateOfBirth) same++;
  return same >= 2;
}

function matchCase(v: RowValues, index: CaseIndex): CaseMatch {
  let refNotFound = false;
  if (v.ref !== undefined) {
    const c = index.byRef.get(v.ref);
    if (c) {
      return agrees(c, v)
        ? { kind: 'existing', case: c }
        : {
            kind: 'problem',
            field: 'ref',
            message:
              'belongs to a case with a different name and date of birth: check the ref (nothing is merged on a doubtful match)',
          };
    }
    refNotFound = true;
  }
  if (v.upn !== undefined) {
    const found = index.byUpn.get(v.upn.toUpperCase()) ?? [];
    if (found.length > 1)
      return {
        kind: 'problem',
        field: 'upn',
        message: `matches ${found.length} cases: resolve the duplicates in the app first`,
      };
    const c = found[0];
    if (c) {
      return agrees(c, v)
        ? { kind: 'existing', case: c }
        : {
            kind: 'problem',
            field: 'upn',
            message: 'belongs to a case with a different name and date of birth: check the UPN',
          };
    }
  }
  if (v.firstName !== undefined && v.lastName !== undefined && v.dateOfBirth !== undefined) {
    // Two children may share a name and a date of birth: different UPNs say they are not the same.
    const upn = v.upn?.toUpperCase();
    const found = (index.byIdentity.get(identityKey(v.firstName, v.lastName, v.dateOfBirth)) ?? []).filter(
      (c) => upn === undefined || c.upn === null || c.upn.toUpperCase() === upn,
    );
    if (found.length > 1)
      return {
        kind: 'problem',
        field: 'lastName',
        message: `matches ${found.length} cases by name and date of birth: add the ref or UPN to say which`,
      };
    if (found[0]) return { kind: 'existing', case: found[0] };
  }
  return { kind: 'new', refNotFound };
}

/**
 * The refs of the stored cases that rows with a note match: the operation loads only their timelines for
 * {@link planImport} (one read per case, which on SharePoint is one request).
 */
export function matchedRefs(sheet: ImportSheet, cases: readonly Case[]): string[] {
  const index = indexCases(cases);
  const refs = new Set<string>();
  for (const r of sheet.rows) {
    if (r.values.notes === undefined) continue;
    const m = matchCase(r.values, index);
    if (m.kind === 'existing') refs.add(m.case.ref);
  }
  return [...refs];
}

// ---------------------------------------------------------------------------------------------------
// Planning

/** A new case as the store takes it (everything but ref and bookkeeping). */
export type NewCaseRecord = Omit<Case, 'ref' | 'version' | 'createdAt' | 'updatedAt'>;
/** A change to a stored case's fields. */
export type CaseRecordPatch = Partial<NewCaseRecord>;

interface PlannedBase {
  row: number;
  warnings: string[];
}
export interface PlannedCreate extends PlannedBase {
  outcome: 'create';
  case: NewCaseRecord;
  actions: ActionDraft[];
  notes: string[];
}
export interface PlannedUpdate extends PlannedBase {
  outcome: 'update';
  ref: string;
  expectedVersion: number;
  patch: CaseRecordPatch;
  /** The fields that change (names only). */
  fields: string[];
  actions: ActionDraft[];
  notes: string[];
}
export interface PlannedUnchanged extends PlannedBase {
  outcome: 'unchanged';
  ref: string;
}
export interface PlannedRejected extends PlannedBase {
  outcome: 'rejected';
  ref: string | null;
  issues: CellIssue[];
}
export type PlannedRow = PlannedCreate | PlannedUpdate | PlannedUnchanged | PlannedRejected;

export interface ImportPlan {
  sheet: ImportSheet;
  rows: PlannedRow[];
}

export interface ExistingRecords {
  cases: readonly Case[];
  /** Every action (any status): an action whose text is already on the case is not added again. */
  actions: readonly Action[];
  /** The timelines of the cases that rows with notes match (see {@link matchedRefs}). */
  updates: ReadonlyMap<string, readonly CaseUpdate[]>;
}

export interface PlanContext {
  today: LocalDate;
  now: Instant;
  policy: Policy;
  meetings: ReadonlyArray<Pick<Meeting, 'id' | 'startsAt' | 'status'>>;
}

/** The fields of a case people edit, in schema order (for validating a merged record). */
const CASE_FIELD_KEYS = Object.keys(caseFieldsSchema.shape) as (keyof CaseFields)[];

/** Which column to blame for a problem with a case field. */
const COLUMN_OF_FIELD: Partial<Record<keyof CaseFields | 'closure' | 'status', ImportField>> = {
  lead: 'lead',
  yearGroup: 'yearGroup',
  closure: 'closureReason',
};

function issueAt(r: ImportRow, field: ImportField, message: string): CellIssue {
  const where = r.cells[field];
  return where
    ? { row: r.row, ...where, message }
    : { row: r.row, column: null, cell: null, message: `${CANONICAL_HEADERS[field]} ${message}` };
}

/** Date-rule issues (dateRules.ts) as cell issues. */
function dateCellIssues(r: ImportRow, issues: readonly FieldIssue[]): CellIssue[] {
  return schemaIssues(r, { issues: issues.map((i) => ({ path: [i.path], message: i.message })) });
}

/** zod issues on case fields as cell issues: path and message, never the value. */
function schemaIssues(
  r: ImportRow,
  error: { issues: readonly { path: PropertyKey[]; message: string }[] },
): CellIssue[] {
  return error.issues.map((i) => {
    const top = String(i.path[0] ?? '');
    const field = (COLUMN_OF_FIELD[top as keyof typeof COLUMN_OF_FIELD] ?? top) as ImportField;
    const sub = i.path.length > 1 ? `${i.path.slice(1).map(String).join('.')} ` : '';
    if (top === 'lead' && i.path[1] === 'email' && r.cells.leadEmail)
      return issueAt(r, 'leadEmail', i.message);
    if (top === 'yearGroup' && !r.cells.yearGroup) return issueAt(r, 'dateOfBirth', i.message);
    return issueAt(r, field, `${sub}${i.message}`);
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Plans every row against the store's records. Pure: the same sheet, records and context give the same
 * plan, and planning twice from the state the first plan leads to gives only "unchanged".
 */
export function planImport(sheet: ImportSheet, existing: ExistingRecords, ctx: PlanContext): ImportPlan {
  const index = indexCases(existing.cases);
  const actionKeys = new Map<string, Set<string>>();
  for (const a of existing.actions) {
    const set = actionKeys.get(a.caseRef) ?? new Set<string>();
    set.add(textKey(a.description));
    actionKeys.set(a.caseRef, set);
  }
  const defaultDue = nextMeetingOnOrAfter(ctx.today, ctx.meetings, ctx.policy).date;
  const seenRef = new Map<string, number>();
  const seenUpn = new Map<string, number>();
  const seenIdentity = new Map<string, { row: number; upn: string | undefined }>();

  const rows: PlannedRow[] = sheet.rows.map((r): PlannedRow => {
    const reject = (issues: CellIssue[], ref: string | null = null): PlannedRejected => ({
      outcome: 'rejected',
      row: r.row,
      ref,
      issues,
      warnings: r.warnings,
    });
    if (r.issues.length > 0) return reject(r.issues);
    const v = r.values;
    const match = matchCase(v, index);
    if (match.kind === 'problem') return reject([issueAt(r, match.field, match.message)]);

    if (match.kind === 'existing') {
      const ref = match.case.ref;
      const earlier = seenRef.get(ref);
      if (earlier !== undefined)
        return reject(
          [{ row: r.row, column: null, cell: null, message: `is the same case as row ${earlier}` }],
          ref,
        );
      seenRef.set(ref, r.row);
      return planUpdate(r, match.case, existing, actionKeys.get(ref) ?? new Set(), defaultDue, ctx);
    }

    const missing = (['firstName', 'lastName', 'dateOfBirth', 'categories', 'receivedOn'] as const).filter(
      (f) => v[f] === undefined && !(f === 'receivedOn' && r.receivedFallback !== undefined),
    );
    if (missing.length > 0) {
      return reject(
        missing.map((f) =>
          issueAt(
            r,
            f === 'firstName' || f === 'lastName' ? (r.cells[f] ? f : 'fullName') : f,
            'is required for a new case',
          ),
        ),
      );
    }
    const upnKey = v.upn?.toUpperCase();
    const idKey = identityKey(v.firstName as string, v.lastName as string, v.dateOfBirth as string);
    const sameUpn = upnKey !== undefined ? seenUpn.get(upnKey) : undefined;
    if (sameUpn !== undefined) return reject([issueAt(r, 'upn', `is the same as in row ${sameUpn}`)]);
    const sameChild = seenIdentity.get(idKey);
    if (sameChild !== undefined && (upnKey === undefined || sameChild.upn === undefined))
      return reject([
        {
          row: r.row,
          column: null,
          cell: null,
          message: `has the same name and date of birth as row ${sameChild.row}`,
        },
      ]);
    if (upnKey !== undefined) seenUpn.set(upnKey, r.row);
    if (!seenIdentity.has(idKey)) seenIdentity.set(idKey, { row: r.row, upn: upnKey });
    const planned = planCreate(r, sheet, defaultDue, ctx);
    if (planned.outcome === 'create' && match.refNotFound)
      planned.warnings.push('The ref matches no case: the case is created with a new ref.');
    return planned;
  });
  return { sheet, rows };
}

function leadOf(v: RowValues): CaseFields['lead'] {
  return v.leadName === undefined ? null : { id: null, name: v.leadName, email: v.leadEmail ?? null };
}

/** A new case's agencies with the lead's service ("EWO" from "A. Officer (EWO)") unless listed already. */
function withService(agencies: readonly string[], service: string | undefined): string[] {
  if (service === undefined || agencies.some((a) => simplify(a) === simplify(service))) return [...agencies];
  return [...agencies, service];
}

function drafts(v: RowValues, known: ReadonlySet<string>, defaultDue: LocalDate): ActionDraft[] {
  const out: ActionDraft[] = [];
  for (const a of v.actions ?? []) {
    if (known.has(textKey(a.description))) continue;
    out.push({
      description: a.description,
      successMeasure: a.successMeasure ?? '',
      dueDate: a.dueDate ?? defaultDue,
      incompleteFromImport: true,
    });
  }
  return out;
}

function eligibilityWarnings(fields: CaseFields, ctx: PlanContext): string[] {
  return checkEligibility(fields, ctx.today, ctx.policy).warnings.map((w) => w.message);
}

function planCreate(r: ImportRow, sheet: ImportSheet, defaultDue: LocalDate, ctx: PlanContext): PlannedRow {
  const v = r.values;
  const warnings = [...r.warnings];
  let receivedOn = v.receivedOn;
  if (receivedOn === undefined && r.receivedFallback !== undefined) {
    receivedOn = r.receivedFallback.date;
    warnings.push(r.receivedFallback.warning);
  }
  const dob = v.dateOfBirth as LocalDate;
  const derived = yearGroupFor(dob, ctx.today);
  // Outside R-11 and not typed: record the nearest edge so the child is kept, with the eligibility warning.
  const yearGroup = v.yearGroup ?? derived ?? (nationalCurriculumYear(dob, ctx.today) < 0 ? 'R' : '11');
  const blank = (f: ImportField, what: string) => {
    if (sheet.fields.has(f))
      warnings.push(`Column '${r.cells[f]?.column ?? CANONICAL_HEADERS[f]}' is blank: ${what}`);
  };
  if (v.provision === undefined) blank('provision', 'recorded as None.');
  if (v.referralSource === undefined) blank('referralSource', 'recorded as Other.');
  if (v.referredBy === undefined) blank('referredBy', 'recorded as "Not recorded".');
  if (v.leadEmail !== undefined && v.leadName === undefined)
    warnings.push('A lead email without a lead name is not imported.');

  const fields = caseFieldsSchema.safeParse({
    firstName: v.firstName,
    lastName: v.lastName,
    dateOfBirth: dob,
    yearGroup,
    upn: v.upn ?? null,
    lastSchool: v.lastSchool ?? null,
    categories: v.categories,
    provision: v.provision ?? 'none',
    hoursPerWeek: v.hoursPerWeek ?? null,
    outOfEducationSince: v.outOfEducationSince ?? null,
    exclusionDate: v.exclusionDate ?? null,
    timetableEndDate: v.timetableEndDate ?? null,
    timetableReviewDate: v.timetableReviewDate ?? null,
    referralSource: v.referralSource ?? 'other',
    referredBy: v.referredBy ?? 'Not recorded',
    receivedOn,
    lead: leadOf(v),
    agencies: withService(v.agencies ?? [], v.leadService),
    sendStatus: v.sendStatus ?? 'none',
    socialCareStatus: v.socialCareStatus ?? 'none',
    cseRisk: v.cseRisk ?? 'not-checked',
    concernNotes: v.concernNotes ?? null,
    concern: v.concern ?? 'medium',
  });
  if (!fields.success)
    return { outcome: 'rejected', row: r.row, ref: null, issues: schemaIssues(r, fields.error), warnings };
  const dateIssues = [
    ...caseDateIssues(fields.data, ctx.today),
    ...closureDateIssues(v.closureDate, ctx.today, 'closureDate'),
  ];
  if (dateIssues.length > 0)
    return { outcome: 'rejected', row: r.row, ref: null, issues: dateCellIssues(r, dateIssues), warnings };

  const referralDate = referralDateFor(fields.data.receivedOn, ctx.meetings, ctx.policy);
  // A case whose referral date has passed has been to a meeting: it is open, not a new referral.
  const status = v.status ?? (referralDate < ctx.today ? 'open' : 'referred');
  let closure: NewCaseRecord['closure'] = null;
  if (status === 'closed') {
    const issues: CellIssue[] = [];
    if (v.closureReason === undefined)
      issues.push(issueAt(r, 'closureReason', 'is required for a closed case'));
    if (v.closureDate === undefined) issues.push(issueAt(r, 'closureDate', 'is required for a closed case'));
    if (issues.length > 0) return { outcome: 'rejected', row: r.row, ref: null, issues, warnings };
    const parsed = closureSchema.safeParse({
      reason: v.closureReason,
      date: v.closureDate,
      note: v.closureNote ?? null,
    });
    if (!parsed.success)
      return {
        outcome: 'rejected',
        row: r.row,
        ref: null,
        issues: schemaIssues(r, {
          issues: parsed.error.issues.map((i) => ({ ...i, path: ['closure', ...i.path] })),
        }),
        warnings,
      };
    closure = parsed.data;
  } else if (v.closureReason !== undefined || v.closureDate !== undefined) {
    warnings.push('Closure details are not imported for a case that is not closed.');
  }
  warnings.push(...eligibilityWarnings(fields.data, ctx));
  const notes = v.notes !== undefined ? [v.notes] : [];
  const actions = status === 'closed' ? [] : drafts(v, new Set(), defaultDue);
  if (status === 'closed' && (v.actions?.length ?? 0) > 0)
    warnings.push('Actions are not added to a closed case.');
  return {
    outcome: 'create',
    row: r.row,
    warnings,
    case: {
      ...fields.data,
      referralDate,
      status,
      closure,
      listChecks: [],
      stuckFlag: false,
      proposedForClosure: false,
      lastProgressAt: ctx.now,
    },
    actions,
    notes,
  };
}

/** Statuses an import may move a case between: a plain edit's (closing, reopening, escalating record more). */
const PLAIN_STATUSES: ReadonlySet<CaseStatus> = new Set(PLAIN_EDIT_STATUSES);

function planUpdate(
  r: ImportRow,
  c: Case,
  existing: ExistingRecords,
  knownActions: ReadonlySet<string>,
  defaultDue: LocalDate,
  ctx: PlanContext,
): PlannedRow {
  const v = r.values;
  const warnings = [...r.warnings];
  const patch: CaseRecordPatch = {};
  const changed: string[] = [];
  const set = <K extends keyof NewCaseRecord>(k: K, value: NewCaseRecord[K]) => {
    patch[k] = value;
    changed.push(k);
  };
  const scalar = <K extends keyof NewCaseRecord & keyof RowValues>(k: K) => {
    const value = v[k];
    if (value !== undefined && value !== c[k]) set(k, value as NewCaseRecord[K]);
  };
  // Names and UPN differing only in capitals or spacing are the same: a tracker typed in capitals must
  // not rewrite every name.
  const sameText = (a: string | undefined, b: string | null) =>
    a === undefined || (b !== null && simplify(a) === simplify(b));
  if (!sameText(v.firstName, c.firstName)) set('firstName', v.firstName as string);
  if (!sameText(v.lastName, c.lastName)) set('lastName', v.lastName as string);
  scalar('dateOfBirth');
  scalar('yearGroup');
  if (!sameText(v.upn, c.upn)) set('upn', v.upn as string);
  scalar('lastSchool');
  if (v.categories !== undefined && !sameSet(v.categories, c.categories)) set('categories', v.categories);
  scalar('provision');
  scalar('hoursPerWeek');
  scalar('outOfEducationSince');
  scalar('exclusionDate');
  scalar('timetableEndDate');
  scalar('timetableReviewDate');
  scalar('referralSource');
  scalar('referredBy');
  scalar('receivedOn');
  if (v.leadName !== undefined) {
    const sameName =
      c.lead !== null &&
      (simplify(c.lead.name) === simplify(v.leadName) ||
        (v.leadText !== undefined && simplify(c.lead.name) === simplify(v.leadText)));
    const sameEmail =
      v.leadEmail === undefined || (c.lead?.email ?? '').toLowerCase() === v.leadEmail.toLowerCase();
    if (!(sameName && sameEmail)) {
      // Keep the Entra id when only the email is added or corrected for the same person.
      set('lead', {
        id: sameName ? (c.lead?.id ?? null) : null,
        name: v.leadName,
        email: v.leadEmail ?? (sameName ? (c.lead?.email ?? null) : null),
      });
    }
  } else if (v.leadEmail !== undefined) warnings.push('A lead email without a lead name is not imported.');
  if (v.agencies !== undefined && !sameList(v.agencies, c.agencies)) set('agencies', v.agencies);
  scalar('sendStatus');
  scalar('socialCareStatus');
  scalar('cseRisk');
  scalar('concernNotes');
  scalar('concern');

  const issues: CellIssue[] = [];
  if (v.status !== undefined && v.status !== c.status) {
    if (PLAIN_STATUSES.has(v.status) && PLAIN_STATUSES.has(c.status)) set('status', v.status);
    else
      issues.push(
        issueAt(
          r,
          'status',
          'differs, and closing, reopening or escalating a case is done in the app, where the reason is recorded',
        ),
      );
  }
  if (c.status === 'closed' && c.closure !== null) {
    const closureDiffers =
      (v.closureReason !== undefined && v.closureReason !== c.closure.reason) ||
      (v.closureDate !== undefined && v.closureDate !== c.closure.date) ||
      (v.closureNote !== undefined && v.closureNote !== c.closure.note);
    if (closureDiffers)
      issues.push(
        issueAt(
          r,
          v.closureReason !== undefined ? 'closureReason' : 'closureDate',
          'differs from the closed case: change a closure in the app',
        ),
      );
  }
  if (c.status === 'closed' && changed.length > 0) {
    // As in the app: a closed record is reopened before it changes, so the change reaches an agenda.
    issues.push(
      issueAt(
        r,
        changed[0] as ImportField,
        `changes a closed case (${changed.join(', ')}): reopen it in the app first`,
      ),
    );
  }
  if (issues.length > 0) return { outcome: 'rejected', row: r.row, ref: c.ref, issues, warnings };

  const merged = caseFieldsSchema.safeParse(
    Object.fromEntries(CASE_FIELD_KEYS.map((k) => [k, k in patch ? patch[k] : c[k]])),
  );
  if (!merged.success)
    return { outcome: 'rejected', row: r.row, ref: c.ref, issues: schemaIssues(r, merged.error), warnings };
  // As in the app: the date rules for the fields the row changes (a stored date from before the rules
  // does not block other changes; a new receipt date re-judges the date of birth).
  const dateIssues = caseDateIssues(merged.data, ctx.today).filter(
    (i) => i.path in patch || (i.path === 'dateOfBirth' && 'receivedOn' in patch),
  );
  if (dateIssues.length > 0)
    return { outcome: 'rejected', row: r.row, ref: c.ref, issues: dateCellIssues(r, dateIssues), warnings };

  if (patch.receivedOn !== undefined)
    patch.referralDate = referralDateFor(patch.receivedOn, ctx.meetings, ctx.policy);
  if (changed.some((f) => f === 'status' || f === 'provision' || f === 'concern'))
    patch.lastProgressAt = ctx.now;

  const closed = c.status === 'closed';
  const actions = closed ? [] : drafts(v, knownActions, defaultDue);
  if (
    closed &&
    actions.length === 0 &&
    (v.actions ?? []).some((a) => !knownActions.has(textKey(a.description)))
  )
    warnings.push('Actions are not added to a closed case.');
  const knownNotes = new Set((existing.updates.get(c.ref) ?? []).map((u) => textKey(u.text)));
  const notes = v.notes !== undefined && !knownNotes.has(textKey(v.notes)) ? [v.notes] : [];

  if (changed.length === 0 && actions.length === 0 && notes.length === 0)
    return { outcome: 'unchanged', row: r.row, ref: c.ref, warnings };
  if (changed.length > 0) warnings.push(...eligibilityWarnings(merged.data, ctx));
  return {
    outcome: 'update',
    row: r.row,
    ref: c.ref,
    expectedVersion: c.version,
    patch,
    fields: changed,
    actions,
    notes,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------
// Report

export type RowOutcome = 'create' | 'update' | 'unchanged' | 'rejected' | 'conflict';

/** One row of the report: row number, outcome, ref, field names and messages. No values. */
export interface ImportRowReport {
  row: number;
  outcome: RowOutcome;
  /** The matched case; for a created row, its new ref once written (null in a dry run). */
  ref: string | null;
  /** Fields that change (update). */
  fields: string[];
  /** Actions added (or, in a dry run, to be added). */
  actions: number;
  /** Timeline updates added (or to be added). */
  updates: number;
  warnings: string[];
  issues: CellIssue[];
}

export interface ImportCounts {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  rejected: number;
  conflict: number;
  actions: number;
  updates: number;
}

/** What an import did, or in a dry run would do. */
export interface ImportReport {
  dryRun: boolean;
  /** True when anything was written. */
  written: boolean;
  format: 'xlsx' | 'csv';
  sheet: string;
  headerRow: number;
  columns: { letter: string; header: string; field: ImportField }[];
  skipped: SkippedColumn[];
  notices: string[];
  counts: ImportCounts;
  rows: ImportRowReport[];
}

/** A planned row as a report row (before writing). */
export function reportRow(p: PlannedRow): ImportRowReport {
  const base = {
    row: p.row,
    warnings: p.warnings,
    fields: [] as string[],
    actions: 0,
    updates: 0,
    issues: [] as CellIssue[],
  };
  switch (p.outcome) {
    case 'create':
      return { ...base, outcome: 'create', ref: null, actions: p.actions.length, updates: p.notes.length };
    case 'update':
      return {
        ...base,
        outcome: 'update',
        ref: p.ref,
        fields: p.fields,
        actions: p.actions.length,
        updates: p.notes.length,
      };
    case 'unchanged':
      return { ...base, outcome: 'unchanged', ref: p.ref };
    case 'rejected':
      return { ...base, outcome: 'rejected', ref: p.ref, issues: p.issues };
  }
}

export function countRows(rows: readonly ImportRowReport[]): ImportCounts {
  const counts: ImportCounts = {
    rows: rows.length,
    create: 0,
    update: 0,
    unchanged: 0,
    rejected: 0,
    conflict: 0,
    actions: 0,
    updates: 0,
  };
  for (const r of rows) {
    counts[r.outcome]++;
    if (r.outcome !== 'rejected' && r.outcome !== 'conflict') {
      counts.actions += r.actions;
      counts.updates += r.updates;
    }
  }
  return counts;
}

/** The report of a plan (or of a run, given the rows as written). */
export function reportOf(
  plan: ImportPlan,
  run: { dryRun: boolean; written: boolean; format: 'xlsx' | 'csv'; rows?: ImportRowReport[] },
): ImportReport {
  const rows = run.rows ?? plan.rows.map(reportRow);
  return {
    dryRun: run.dryRun,
    written: run.written,
    format: run.format,
    sheet: plan.sheet.sheet,
    headerRow: plan.sheet.headerRow,
    columns: plan.sheet.columns.map((c) => ({ letter: c.letter, header: c.header, field: c.field })),
    skipped: plan.sheet.skipped,
    notices: plan.sheet.notices,
    counts: countRows(rows),
    rows,
  };
}

/** The issues of rejected rows as field issues for an `InvalidError` (at most `limit`, then a count). */
export function rejectionIssues(plan: ImportPlan, limit = 100): FieldIssue[] {
  const all = plan.rows.flatMap((r) => (r.outcome === 'rejected' ? r.issues : []));
  const out: FieldIssue[] = all.slice(0, limit).map((i) => ({
    path: i.column === null ? `row ${i.row}` : `row ${i.row}, column '${i.column}' (${i.cell})`,
    message: i.message,
  }));
  if (all.length > limit) out.push({ path: '(file)', message: `and ${all.length - limit} more problems` });
  return out;
}
