/**
 * What an export of the list will hold. The list filters in the browser; the export is filtered by the
 * server (GET /api/export takes GET /api/cases' filters), and not every filter on screen has a server
 * twin: several categories, "No lead", "New since last meeting". So the tab translates what it can,
 * works out — with the server's own rules, over the same rows — which cases the file will hold, and
 * says plainly when that differs from what is on screen. Pure, tested without a DOM.
 */
import { searchTerms } from '../../../domain/caseFilter';
import type { CaseSummary } from '../../../domain/views';
import type { ExportQuery } from '../../client/adminApi';
import { type CaseListFilters, NO_LEAD, filterCases } from './caseListModel';

export type ExportFilters = Omit<ExportQuery, 'format'>;

export interface ExportPlan {
  /** The filters the export request sends. */
  query: ExportFilters;
  /** Filters on screen the export cannot apply, in words ("New since last meeting"). */
  notApplied: string[];
  /** The cases the server will put in the file, as far as the rows on hand tell. */
  expected: CaseSummary[];
  /** True when the file will hold exactly the rows on screen. */
  matchesScreen: boolean;
}

const lower = (s: string | null) => (s === null ? null : s.trim().toLowerCase());

/**
 * `all`: every case the user may see (the list's rows before filtering); `shown`: the rows on screen;
 * `mineRefs`: the server's "my cases" (the export asks the server for `mine` itself).
 */
export function exportPlan(
  all: readonly CaseSummary[],
  shown: readonly CaseSummary[],
  f: CaseListFilters,
  mineRefs: ReadonlySet<string> | null,
): ExportPlan {
  const query: ExportFilters = {};
  const notApplied: string[] = [];
  if (f.status.length) query.status = f.status;
  if (f.concern.length) query.concern = f.concern;
  if (f.category.length === 1) query.category = f.category[0];
  else if (f.category.length > 1) notApplied.push('more than one category (the file has every category)');
  let leadEmail: string | null = null;
  if (f.lead === NO_LEAD) notApplied.push('“No lead” (the file has cases with and without a lead)');
  else if (f.lead !== null) {
    // The list filters by the lead's name, the server by their email: translate when the name has one.
    const emails = new Set(all.filter((c) => c.lead === f.lead).map((c) => lower(c.leadEmail)));
    const [only] = [...emails];
    if (emails.size === 1 && only) {
      leadEmail = only;
      query.lead = only;
    } else notApplied.push(`the lead “${f.lead}” (no single email to filter the file by)`);
  }
  if (f.stuck) query.stuck = true;
  if (f.overdue) query.overdue = true;
  if (f.mine) query.mine = true;
  if (f.newSinceLastMeeting) notApplied.push('“New since last meeting” (the file has older referrals too)');
  // The server searches as the list does (domain/caseFilter.ts: every word, in any order).
  const terms = searchTerms(f.q);
  if (terms.length) query.q = terms.join(' ');

  const serverSide = filterCases(
    all,
    {
      status: f.status,
      concern: f.concern,
      category: query.category ? [query.category] : [],
      lead: null,
      stuck: f.stuck,
      overdue: f.overdue,
      mine: f.mine,
      newSinceLastMeeting: false,
      q: f.q,
    },
    { mineRefs, lastMeetingAt: null },
  );
  const expected = serverSide.filter((c) => leadEmail === null || lower(c.leadEmail) === leadEmail);
  const shownRefs = new Set(shown.map((c) => c.ref));
  const matchesScreen = expected.length === shown.length && expected.every((c) => shownRefs.has(c.ref));
  return { query, notApplied, expected, matchesScreen };
}
