/**
 * The CMOE list's filtering, search, sorting and saved views as pure functions over the API's rows, so
 * a filter over 5,000 cases runs in the browser without a round trip and is tested without a DOM.
 */
import {
  type CaseFilter,
  caseSearchText,
  matchesCaseFilter,
  matchesCaseSearch,
  searchTerms,
} from '../../../domain/caseFilter';
import { CONCERN_RANK, OPEN_CASE_STATUSES } from '../../../domain/caseStatus';
import type { CaseStatus, Category, Concern } from '../../../domain/types';
import type { CaseSummary } from '../../../domain/views';

export interface CaseListFilters {
  /** Empty: every status. */
  status: CaseStatus[];
  concern: Concern[];
  /** A case matches when it has any of these categories. */
  category: Category[];
  /** Lead professional's name; `NO_LEAD` for cases without one. */
  lead: string | null;
  stuck: boolean;
  overdue: boolean;
  mine: boolean;
  /** Created since the last meeting. */
  newSinceLastMeeting: boolean;
  /** Text search over ref, first and last name. */
  q: string;
}

export const NO_LEAD = '(no lead)';

export const DEFAULT_FILTERS: CaseListFilters = {
  /** The default view: every case not closed (the domain's one list of them). */
  status: [...OPEN_CASE_STATUSES],
  concern: [],
  category: [],
  lead: null,
  stuck: false,
  overdue: false,
  mine: false,
  newSinceLastMeeting: false,
  q: '',
};

export type SortKey =
  | 'ref'
  | 'name'
  | 'yearGroup'
  | 'categories'
  | 'concern'
  | 'status'
  | 'weeksOut'
  | 'lead'
  | 'nextActionDue'
  | 'flags';

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

/** Highest concern first, then by ref: the order the group reads its list in. */
export const DEFAULT_SORT: SortState = { key: 'concern', direction: 'descending' };

export type SavedViewId = 'highest-concern' | 'stuck' | 'new-since-last-meeting';

export interface SavedView {
  id: SavedViewId;
  label: string;
  description: string;
  filters: CaseListFilters;
}

export const SAVED_VIEWS: readonly SavedView[] = [
  {
    id: 'highest-concern',
    label: 'Highest concern',
    description: 'Open cases the group rates high concern',
    filters: { ...DEFAULT_FILTERS, concern: ['high'] },
  },
  {
    id: 'stuck',
    label: 'Stuck',
    description: 'Open cases with no progress, repeated deferrals, or marked stuck by the chair',
    filters: { ...DEFAULT_FILTERS, stuck: true },
  },
  {
    id: 'new-since-last-meeting',
    label: 'New since last meeting',
    description: 'Referrals received since the last group meeting',
    filters: { ...DEFAULT_FILTERS, newSinceLastMeeting: true },
  },
];

export interface FilterContext {
  /** Refs the server counts as "mine" (lead, or owner of an open action); null until loaded. */
  mineRefs: ReadonlySet<string> | null;
  /** When the last meeting started (ISO); null when there has been none. */
  lastMeetingAt: string | null;
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function filtersEqual(a: CaseListFilters, b: CaseListFilters): boolean {
  return (
    sameSet(a.status, b.status) &&
    sameSet(a.concern, b.concern) &&
    sameSet(a.category, b.category) &&
    a.lead === b.lead &&
    a.stuck === b.stuck &&
    a.overdue === b.overdue &&
    a.mine === b.mine &&
    a.newSinceLastMeeting === b.newSinceLastMeeting &&
    a.q.trim() === b.q.trim()
  );
}

/** The saved view the filters match exactly, if any (search text aside). */
export function activeView(filters: CaseListFilters): SavedViewId | null {
  const v = SAVED_VIEWS.find((s) => filtersEqual({ ...filters, q: '' }, s.filters));
  return v?.id ?? null;
}

/** How many filters differ from the default (search aside): for "Clear filters (3)". */
export function activeFilterCount(f: CaseListFilters): number {
  let n = 0;
  if (!sameSet(f.status, DEFAULT_FILTERS.status)) n++;
  if (f.concern.length) n++;
  if (f.category.length) n++;
  if (f.lead !== null) n++;
  if (f.stuck) n++;
  if (f.overdue) n++;
  if (f.mine) n++;
  if (f.newSinceLastMeeting) n++;
  return n;
}

export function filterCases(
  rows: readonly CaseSummary[],
  f: CaseListFilters,
  ctx: FilterContext,
): CaseSummary[] {
  const terms = searchTerms(f.q);
  // The domain's filter, as the server's: here an empty choice means "any", so it is left out.
  const stored: CaseFilter = {
    status: f.status.length ? f.status : undefined,
    concern: f.concern.length ? f.concern : undefined,
    categories: f.category.length ? f.category : undefined,
  };
  const lastAt = ctx.lastMeetingAt ? Date.parse(ctx.lastMeetingAt) : -Infinity;
  const out: CaseSummary[] = [];
  for (const c of rows) {
    if (!matchesCaseFilter(c, stored)) continue;
    if (f.lead !== null && (c.lead ?? NO_LEAD) !== f.lead) continue;
    if (f.stuck && !c.flags.stuck) continue;
    if (f.overdue && !c.flags.overdue) continue;
    if (f.mine && !(ctx.mineRefs?.has(c.ref) ?? false)) continue;
    if (f.newSinceLastMeeting && !(Date.parse(c.createdAt) > lastAt)) continue;
    if (terms.length && !matchesCaseSearch(caseSearchText(c), terms)) continue;
    out.push(c);
  }
  return out;
}

const STATUS_RANK: Record<CaseStatus, number> = {
  referred: 1,
  open: 2,
  escalated: 3,
  monitoring: 4,
  closed: 5,
};
const YEAR_RANK = (y: string) => (y === 'R' ? 0 : Number(y));
const refNumber = (ref: string) => Number(ref.slice(5));

/** How many flags a case carries, most serious counted heaviest, for sorting by the flags column. */
function flagWeight(c: CaseSummary): number {
  const f = c.flags;
  return (
    (f.cseRisk ? 32 : 0) +
    (f.stuck ? 16 : 0) +
    (f.overdue ? 8 : 0) +
    (f.statutory ? 4 : 0) +
    (f.socialCare ? 2 : 0) +
    (f.ehcp ? 1 : 0)
  );
}

type Key = number | string | null;

const SORT_VALUE: Record<SortKey, (c: CaseSummary) => Key> = {
  ref: (c) => refNumber(c.ref),
  name: (c) => `${c.lastName} ${c.firstName}`.toLowerCase(),
  yearGroup: (c) => YEAR_RANK(c.yearGroup),
  categories: (c) => c.categories.length,
  // The domain's rank is 0 for high (highest first); negated, so a higher value is more concern and the
  // default descending sort puts high first.
  concern: (c) => -CONCERN_RANK[c.concern],
  status: (c) => STATUS_RANK[c.status],
  weeksOut: (c) => c.weeksOut,
  lead: (c) => c.lead?.toLowerCase() ?? null,
  nextActionDue: (c) => c.nextActionDue,
  flags: (c) => flagWeight(c),
};

/**
 * Sorts by one column; ties fall back to the ref so the order is stable. Missing values (no lead, no
 * action due) go last in either direction, since they are never what a sort is looking for.
 */
export function sortCases(rows: readonly CaseSummary[], sort: SortState): CaseSummary[] {
  const value = SORT_VALUE[sort.key];
  const dir = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((c) => ({ c, k: value(c), r: refNumber(c.ref) }));
  keyed.sort((a, b) => {
    if (a.k !== b.k) {
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      return (a.k < b.k ? -1 : 1) * dir;
    }
    return a.r - b.r;
  });
  return keyed.map((x) => x.c);
}

/** Lead names for the lead filter, sorted, with "(no lead)" last when some case has none. */
export function leadOptions(rows: readonly CaseSummary[]): string[] {
  const names = new Set<string>();
  let none = false;
  for (const c of rows) {
    if (c.lead) names.add(c.lead);
    else none = true;
  }
  const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en-GB'));
  return none ? [...sorted, NO_LEAD] : sorted;
}

/** The latest meeting that started before `now` and was not cancelled. */
export function lastMeetingStart(
  meetings: readonly { startsAt: string; status: string }[],
  now: Date,
): string | null {
  let last: string | null = null;
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    if (Date.parse(m.startsAt) >= now.getTime()) continue;
    if (last === null || m.startsAt > last) last = m.startsAt;
  }
  return last;
}
