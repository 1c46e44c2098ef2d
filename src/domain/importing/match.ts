/**
 * Step 2 of an import: match a row to a stored case by ref, else by UPN, else by first name + last name +
 * date of birth. A ref or UPN match must agree with the case on at least two of first name, last name and
 * date of birth, so a mistyped ref never merges two children.
 */
import type { ImportField } from '../importColumns';
import type { Case, LocalDate } from '../types';
import type { ImportSheet, RowValues } from './read';
export type CaseMatch =
  | { kind: 'new'; refNotFound: boolean }
  | { kind: 'existing'; case: Case }
  | { kind: 'problem'; field: ImportField; message: string };

export const simplify = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
export const identityKey = (first: string, last: string, dob: LocalDate) =>
  `${simplify(first)}|${simplify(last)}|${dob}`;

export interface CaseIndex {
  byRef: Map<string, Case>;
  byUpn: Map<string, Case[]>;
  byIdentity: Map<string, Case[]>;
}

export function indexCases(cases: readonly Case[]): CaseIndex {
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

export function matchCase(v: RowValues, index: CaseIndex): CaseMatch {
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
