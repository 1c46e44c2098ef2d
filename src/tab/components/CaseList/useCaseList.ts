/**
 * State of the CMOE list: the rows from the API (loaded once, refreshed in the background), the
 * filters, search, sort and saved views, applied in the browser through the pure model. A hook with no
 * DOM of its own, so it is tested with `renderHook` and a fake API.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '../../../domain/views';
import { ApiError, type CmoeApi } from '../../client/client';
import {
  type CaseListFilters,
  DEFAULT_FILTERS,
  DEFAULT_SORT,
  SAVED_VIEWS,
  type SavedViewId,
  type SortKey,
  type SortState,
  activeFilterCount,
  activeView,
  filterCases,
  lastMeetingStart,
  leadOptions,
  sortCases,
} from './caseListModel';

export interface CaseListState {
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  /** True while a background refresh runs (the old rows stay on screen). */
  refreshing: boolean;
  /** Every case the user may see. */
  all: CaseSummary[];
  /** The filtered, searched and sorted rows. */
  rows: CaseSummary[];
  filters: CaseListFilters;
  setFilters(patch: Partial<CaseListFilters>): void;
  clearFilters(): void;
  applyView(id: SavedViewId): void;
  view: SavedViewId | null;
  filterCount: number;
  sort: SortState;
  sortBy(key: SortKey): void;
  leads: string[];
  /** "My cases" needs the server's answer once; true while it loads. */
  mineLoading: boolean;
  /** The server's "my cases" refs, once asked for (the export works out its rows with them). */
  mineRefs: ReadonlySet<string> | null;
  /** True while a filter change is still being applied (the list shows the previous rows meanwhile). */
  pending: boolean;
  lastMeetingAt: string | null;
  reload(): Promise<void>;
  /** The list's scroll position, kept while the user looks at a case. */
  scrollOffset: { current: number };
}

/** Columns whose natural first sort is largest first. */
const DESCENDING_FIRST: ReadonlySet<SortKey> = new Set(['concern', 'weeksOut', 'flags', 'categories']);

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError(0, 'Internal', 'Error', 'Something went wrong while loading the list. Try again.');
}

export function useCaseList(
  api: CmoeApi,
  opts: {
    now?: () => Date;
    /**
     * False for a role that may not read cases (an administrator): nothing is asked of the server, which
     * would refuse it and log a refusal in the audit trail every time the tab opened.
     */
    enabled?: boolean;
  } = {},
): CaseListState {
  const now = opts.now ?? (() => new Date());
  const enabled = opts.enabled ?? true;
  const [all, setAll] = useState<CaseSummary[]>([]);
  const [status, setStatus] = useState<CaseListState['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [lastMeetingAt, setLastMeetingAt] = useState<string | null>(null);
  const [meetingsKnown, setMeetingsKnown] = useState(false);
  const [mineRefs, setMineRefs] = useState<ReadonlySet<string> | null>(null);
  const [mineLoading, setMineLoading] = useState(false);
  const [filters, setFiltersState] = useState<CaseListFilters>(DEFAULT_FILTERS);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const scrollOffset = useRef(0);
  const loaded = useRef(false);
  const mineWanted = useRef(false);

  const loadMine = useCallback(async () => {
    setMineLoading(true);
    try {
      const mine = await api.listCases({ mine: true });
      setMineRefs(new Set(mine.map((c) => c.ref)));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setMineLoading(false);
    }
  }, [api]);

  const reload = useCallback(async () => {
    if (loaded.current) setRefreshing(true);
    else setStatus('loading');
    try {
      const at = now();
      // The rows show as soon as they arrive (issue 15): the meetings only date the "new since the last
      // meeting" filter, which waits for them (`pending`), so they never hold the list back.
      const meetings = api.listMeetings({ to: at.toISOString() }).catch(() => []);
      void meetings.then((m) => {
        setLastMeetingAt(lastMeetingStart(m, at));
        setMeetingsKnown(true);
      });
      const rows = await api.listCases();
      setAll(rows);
      setError(null);
      setStatus('ready');
      loaded.current = true;
      if (mineWanted.current) void loadMine();
    } catch (e) {
      setError(toApiError(e));
      if (!loaded.current) setStatus('error');
    } finally {
      setRefreshing(false);
    }
    // `now` is a clock, not state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, loadMine]);

  useEffect(() => {
    if (enabled) void reload();
  }, [reload, enabled]);

  useEffect(() => {
    mineWanted.current = filters.mine;
    if (filters.mine && mineRefs === null && !mineLoading) void loadMine();
  }, [filters.mine, mineRefs, mineLoading, loadMine]);

  const setFilters = useCallback(
    (patch: Partial<CaseListFilters>) => setFiltersState((f) => ({ ...f, ...patch })),
    [],
  );
  const clearFilters = useCallback(() => setFiltersState((f) => ({ ...DEFAULT_FILTERS, q: f.q })), []);
  const applyView = useCallback((id: SavedViewId) => {
    const v = SAVED_VIEWS.find((s) => s.id === id);
    if (v) setFiltersState((f) => ({ ...v.filters, q: f.q }));
  }, []);
  const sortBy = useCallback((key: SortKey) => {
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: DESCENDING_FIRST.has(key) ? 'descending' : 'ascending' },
    );
  }, []);

  // Typing stays responsive: the list catches up with the deferred filters in a background render.
  const deferredFilters = useDeferredValue(filters);
  const deferredSort = useDeferredValue(sort);
  const filtered = useMemo(
    () =>
      // Until the meetings are known, "new since the last meeting" shows nothing rather than everything.
      deferredFilters.newSinceLastMeeting && !meetingsKnown
        ? []
        : filterCases(all, deferredFilters, { mineRefs, lastMeetingAt }),
    [all, deferredFilters, mineRefs, lastMeetingAt, meetingsKnown],
  );
  const rows = useMemo(() => sortCases(filtered, deferredSort), [filtered, deferredSort]);
  const leads = useMemo(() => leadOptions(all), [all]);

  return {
    status,
    error,
    refreshing,
    all,
    rows,
    filters,
    setFilters,
    clearFilters,
    applyView,
    view: activeView(filters),
    filterCount: activeFilterCount(filters),
    sort,
    sortBy,
    leads,
    mineLoading,
    mineRefs,
    pending:
      deferredFilters !== filters ||
      deferredSort !== sort ||
      (filters.mine && mineRefs === null) ||
      (filters.newSinceLastMeeting && !meetingsKnown),
    lastMeetingAt,
    reload,
    scrollOffset,
  };
}
