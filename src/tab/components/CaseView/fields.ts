/**
 * The editable fields of a case: their labels, how a value reads to a person (for the conflict view),
 * and value equality. One list, so the form, the conflict panel and the save bar agree.
 */
import {
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CONCERN_LABELS,
  CSE_RISK_LABELS,
  PROVISION_LABELS,
  REFERRAL_SOURCE_LABELS,
  SEND_STATUS_LABELS,
  SOCIAL_CARE_STATUS_LABELS,
  YEAR_GROUP_LABELS,
} from '../../../domain/labels';
import type { Case, Category, Lead } from '../../../domain/types';
import type { CasePatch } from '../../client/client';
import { formatDate } from '../../lib/format';

export type EditableKey = keyof CasePatch & keyof Case;

export const FIELD_LABELS: Record<EditableKey, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  yearGroup: 'Year group',
  upn: 'UPN',
  lastSchool: 'School or provision last attended',
  categories: 'Categories',
  provision: 'Current provision',
  hoursPerWeek: 'Hours per week',
  outOfEducationSince: 'Out of education since',
  exclusionDate: 'Permanent exclusion date',
  timetableEndDate: 'Part-time timetable end date',
  timetableReviewDate: 'Part-time timetable review date',
  referralSource: 'Referral source',
  referredBy: 'Referred by',
  receivedOn: 'Referral received on',
  lead: 'Lead professional',
  agencies: 'Agencies involved',
  sendStatus: 'SEND status',
  socialCareStatus: 'Social care status',
  cseRisk: 'CSE risk',
  concernNotes: 'Notes on concerns',
  concern: 'Concern',
  status: 'Status',
  stuckFlag: 'Marked stuck by the chair',
  proposedForClosure: 'Proposed for closure',
};

export const EDITABLE_KEYS = Object.keys(FIELD_LABELS) as EditableKey[];

const DATE_KEYS: ReadonlySet<EditableKey> = new Set([
  'dateOfBirth',
  'outOfEducationSince',
  'exclusionDate',
  'timetableEndDate',
  'timetableReviewDate',
  'receivedOn',
]);

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A field's value as a person reads it: labels for codes, dates in words, "(empty)" for nothing. */
export function describeValue(key: EditableKey, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (DATE_KEYS.has(key)) return formatDate(value as string);
  switch (key) {
    case 'categories':
      return (value as Category[]).map((c) => CATEGORY_LABELS[c]).join('; ') || '(none)';
    case 'agencies':
      return (value as string[]).join(', ') || '(none)';
    case 'lead': {
      const l = value as Lead;
      return l.email ? `${l.name} (${l.email})` : l.name;
    }
    case 'yearGroup':
      return YEAR_GROUP_LABELS[value as keyof typeof YEAR_GROUP_LABELS] ?? String(value);
    case 'provision':
      return PROVISION_LABELS[value as keyof typeof PROVISION_LABELS] ?? String(value);
    case 'referralSource':
      return REFERRAL_SOURCE_LABELS[value as keyof typeof REFERRAL_SOURCE_LABELS] ?? String(value);
    case 'sendStatus':
      return SEND_STATUS_LABELS[value as keyof typeof SEND_STATUS_LABELS] ?? String(value);
    case 'socialCareStatus':
      return SOCIAL_CARE_STATUS_LABELS[value as keyof typeof SOCIAL_CARE_STATUS_LABELS] ?? String(value);
    case 'cseRisk':
      return CSE_RISK_LABELS[value as keyof typeof CSE_RISK_LABELS] ?? String(value);
    case 'concern':
      return CONCERN_LABELS[value as keyof typeof CONCERN_LABELS] ?? String(value);
    case 'status':
      return CASE_STATUS_LABELS[value as keyof typeof CASE_STATUS_LABELS] ?? String(value);
    case 'stuckFlag':
    case 'proposedForClosure':
      return value ? 'Yes' : 'No';
    default:
      return String(value);
  }
}
