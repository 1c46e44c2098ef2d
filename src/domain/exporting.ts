/**
 * A case as a row of the export: the import's canonical headers and the app's labels, so an exported
 * file imports back with no change. Every text value is escaped against formula injection here, once,
 * for CSV and xlsx alike (see {@link escapeText}).
 */
import { CANONICAL_HEADERS, EXPORT_FIELDS, type ImportField } from './importColumns';
import { escapeText, formatActionLine } from './importValues';
import { xmlSafe } from './text';
import {
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  CSE_RISK_LABELS,
  PROVISION_LABELS,
  REFERRAL_SOURCE_LABELS,
  SEND_STATUS_LABELS,
  SOCIAL_CARE_STATUS_LABELS,
  YEAR_GROUP_LABELS,
} from './labels';
import type { Action, Case, CaseUpdate, LocalDate } from './types';

/** One exported value: escaped text, a number, a date, or blank. */
export type ExportCell = string | number | { kind: 'date'; date: LocalDate } | null;

/** The export's header row. */
export const EXPORT_HEADERS: readonly string[] = EXPORT_FIELDS.map((f) => CANONICAL_HEADERS[f]);

// Made XML-safe before the formula guard looks at it: the writers drop forbidden characters anyway, and a
// record stored before the free-text rules as "\u0000=HYPERLINK(...)" must not become "=HYPERLINK(...)"
// after the guard has passed it.
const text = (s: string | null | undefined): ExportCell => {
  const safe = s === null || s === undefined ? '' : xmlSafe(s);
  return safe === '' ? null : escapeText(safe);
};
const date = (d: LocalDate | null | undefined): ExportCell => (d ? { kind: 'date', date: d } : null);

/**
 * The export row of a case: its open actions (due soonest first, one a line, in the form the import
 * reads back) and its latest timeline update as Notes.
 */
export function exportRow(
  c: Case,
  openActions: readonly Action[],
  latestUpdate: CaseUpdate | null,
): ExportCell[] {
  const actions = [...openActions]
    // Ties by text, not id, so the same case exports the same from any store.
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.description.localeCompare(b.description))
    .map(formatActionLine)
    .join('\n');
  const value: Record<ImportField, ExportCell> = {
    ref: c.ref,
    firstName: text(c.firstName),
    lastName: text(c.lastName),
    fullName: null,
    dateOfBirth: date(c.dateOfBirth),
    yearGroup: YEAR_GROUP_LABELS[c.yearGroup],
    upn: text(c.upn),
    lastSchool: text(c.lastSchool),
    categories: c.categories.map((k) => CATEGORY_LABELS[k]).join('; '),
    provision: PROVISION_LABELS[c.provision],
    hoursPerWeek: c.hoursPerWeek,
    outOfEducationSince: date(c.outOfEducationSince),
    exclusionDate: date(c.exclusionDate),
    timetableEndDate: date(c.timetableEndDate),
    timetableReviewDate: date(c.timetableReviewDate),
    referralSource: REFERRAL_SOURCE_LABELS[c.referralSource],
    referredBy: text(c.referredBy),
    receivedOn: date(c.receivedOn),
    referralDate: date(c.referralDate),
    lead: text(c.lead?.name),
    leadEmail: text(c.lead?.email),
    agencies: text(c.agencies.join('; ')),
    sendStatus: SEND_STATUS_LABELS[c.sendStatus],
    socialCareStatus: SOCIAL_CARE_STATUS_LABELS[c.socialCareStatus],
    cseRisk: CSE_RISK_LABELS[c.cseRisk],
    concernNotes: text(c.concernNotes),
    concern: CONCERN_LABELS[c.concern],
    status: CASE_STATUS_LABELS[c.status],
    closureReason: c.closure ? CLOSURE_REASON_LABELS[c.closure.reason] : null,
    closureDate: date(c.closure?.date),
    closureNote: text(c.closure?.note),
    actions: text(actions),
    notes: text(latestUpdate?.text),
  };
  return EXPORT_FIELDS.map((f) => value[f]);
}
