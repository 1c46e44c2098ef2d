/**
 * Option lists for the tab's controls, in the domain's order, built from the label maps (so the tab
 * needs no runtime import of the zod schemas), plus short labels for the crowded list columns.
 */
import {
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  CSE_RISK_LABELS,
  ESCALATION_TARGET_LABELS,
  LIST_CHECK_LIST_LABELS,
  PROVISION_LABELS,
  REFERRAL_SOURCE_LABELS,
  SEND_STATUS_LABELS,
  SOCIAL_CARE_STATUS_LABELS,
  YEAR_GROUP_LABELS,
} from '../../domain/labels';
import type { Category } from '../../domain/types';

export interface Option<T extends string> {
  value: T;
  label: string;
}

function optionsOf<T extends string>(labels: Record<T, string>): Option<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export const CATEGORY_OPTIONS = optionsOf(CATEGORY_LABELS);
export const CASE_STATUS_OPTIONS = optionsOf(CASE_STATUS_LABELS);
export const CONCERN_OPTIONS = optionsOf(CONCERN_LABELS);
export const PROVISION_OPTIONS = optionsOf(PROVISION_LABELS);
export const REFERRAL_SOURCE_OPTIONS = optionsOf(REFERRAL_SOURCE_LABELS);
export const SEND_STATUS_OPTIONS = optionsOf(SEND_STATUS_LABELS);
export const SOCIAL_CARE_STATUS_OPTIONS = optionsOf(SOCIAL_CARE_STATUS_LABELS);
export const CSE_RISK_OPTIONS = optionsOf(CSE_RISK_LABELS);
export const YEAR_GROUP_OPTIONS = optionsOf(YEAR_GROUP_LABELS);
export const CLOSURE_REASON_OPTIONS = optionsOf(CLOSURE_REASON_LABELS);
export const LIST_CHECK_OPTIONS = optionsOf(LIST_CHECK_LIST_LABELS);
export const ESCALATION_TARGET_OPTIONS = optionsOf(ESCALATION_TARGET_LABELS);

/** Short forms for the list's categories column; the full label is in the cell's tooltip. */
export const CATEGORY_SHORT_LABELS: Record<Category, string> = {
  'permanently-excluded': 'Perm. excluded',
  'high-suspensions': 'Suspensions',
  'no-school-place': 'No place',
  cme: 'CME',
  'medically-unfit': 'Medically unfit',
  'part-time-or-ap': 'Part-time / AP',
  'ehe-unsatisfactory': 'EHE concern',
  'off-rolling': 'Off-rolling',
};

/** `Year 8`, `Reception` in sentences; `8`, `R` in the list. */
export function yearGroupShort(y: string): string {
  return y === 'R' ? 'R' : `Y${y}`;
}
