/**
 * Step 3 of an import: per row, create / update / unchanged / rejected, with the exact writes, checked with
 * the domain's own schema and rules (referral date, year group from date of birth, eligibility).
 */
import { checkEligibility } from '../eligibility';
import type { FieldIssue } from '../errors';
import { CANONICAL_HEADERS, type ImportField } from '../importColumns';
import { textKey } from '../importValues';
import { nextMeetingOnOrAfter, referralDateFor } from '../meetings';
import { caseDateIssues, closureDateIssues } from '../dateRules';
import type { Policy } from '../policy';
import {
  type Action,
  type Case,
  type CaseFields,
  type CaseStatus,
  type CaseUpdate,
  type Instant,
  type LocalDate,
  type Meeting,
  PLAIN_EDIT_STATUSES,
  caseFieldsSchema,
  closureSchema,
} from '../types';
import { nationalCurriculumYear, yearGroupFor } from '../yearGroup';
import type { ActionDraft, CellIssue, ImportRow, ImportSheet, RowValues } from './read';
import { identityKey, indexCases, matchCase, simplify } from './match';
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
