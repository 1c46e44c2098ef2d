/**
 * The one rule for which cases a list filter and a search keep. The SharePoint store checks its rows with
 * it, the API's search uses it, and the tab filters the list it holds with it (no round trip); SQLite says
 * the same in SQL, and the store contract suite holds both stores to it.
 */
import type { CaseStatus, Concern } from './caseStatus';
import type { Category } from './types';

/** Filters on stored columns. A list given empty keeps nothing; left out, it keeps everything. */
export interface CaseFilter {
  status?: readonly CaseStatus[] | undefined;
  concern?: readonly Concern[] | undefined;
  /** A case matches when it has any of these categories. */
  categories?: readonly Category[] | undefined;
  /** Lead professional's email, case-insensitive. */
  leadEmail?: string | undefined;
}

export interface FilterableCase {
  status: CaseStatus;
  concern: Concern;
  categories: readonly Category[];
  leadEmail: string | null;
}

export function matchesCaseFilter(c: FilterableCase, f: CaseFilter): boolean {
  if (f.status !== undefined && !f.status.includes(c.status)) return false;
  if (f.concern !== undefined && !f.concern.includes(c.concern)) return false;
  if (f.categories !== undefined && !c.categories.some((k) => f.categories?.includes(k))) return false;
  if (f.leadEmail !== undefined && c.leadEmail?.toLowerCase() !== f.leadEmail.trim().toLowerCase())
    return false;
  return true;
}

/** What a search reads: ref, first and last name, lower-cased (never a date of birth or an address). */
export function caseSearchText(c: { ref: string; firstName: string; lastName: string }): string {
  return `${c.ref} ${c.firstName} ${c.lastName}`.toLowerCase();
}

/** The search's words, lower-cased; none for a blank search. */
export function searchTerms(q: string | undefined): string[] {
  const t = (q ?? '').trim().toLowerCase();
  return t ? t.split(/\s+/) : [];
}

/** Every word of the search appears in the case's search text ("smith 0042" finds CMOE-0042 Smith). */
export function matchesCaseSearch(text: string, terms: readonly string[]): boolean {
  return terms.every((t) => text.includes(t));
}
