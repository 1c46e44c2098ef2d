/**
 * Identity helpers shared by the store adapters: case refs (CMOE-0001, ...) and record ids. The numbering
 * itself (a counter that never goes back) is each adapter's job; the format is decided once, here.
 */
import { randomUUID } from 'node:crypto';
import type { CaseRef } from '../domain/types';

const REF_PREFIX = 'CMOE-';
const REF_PATTERN = /^CMOE-(\d{4,})$/;

/** `1` -> `CMOE-0001`; padded to 4 digits, growing beyond 9999 (`CMOE-10000`). */
export function formatCaseRef(n: number): CaseRef {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('A case number is a positive integer.');
  return `${REF_PREFIX}${String(n).padStart(4, '0')}`;
}

/** `CMOE-0042` -> `42`; null when the text is not a case ref. */
export function caseRefNumber(ref: string): number | null {
  const m = REF_PATTERN.exec(ref);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** A new id for an action, meeting, escalation, update or audit entry. */
export function newId(): string {
  return randomUUID();
}
