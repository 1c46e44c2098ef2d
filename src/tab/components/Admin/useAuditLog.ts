/**
 * State of the audit log screen: the filters as typed, the filters last applied (what the server was
 * asked), the entries newest first, and "load more" — the API has no cursor, so more is the same query
 * with a larger limit, up to the API's cap.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { addDays, londonInstant } from '../../../domain/calendar';
import type { AuditAction, AuditEntry, LocalDate } from '../../../domain/types';
import type { AuditQuery } from '../../client/adminApi';
import { ApiError, type CmoeApi } from '../../client/client';

export const AUDIT_PAGE = 100;
/** GET /api/audit takes at most this limit. */
export const AUDIT_CAP = 5000;

export interface AuditFilters {
  action: AuditAction | '';
  userId: string;
  target: string;
  /** London dates, inclusive; '' for open-ended. */
  from: LocalDate | '';
  to: LocalDate | '';
}

export const NO_AUDIT_FILTERS: AuditFilters = { action: '', userId: '', target: '', from: '', to: '' };

/** The query the filters ask for: whole London days, `to` exclusive the day after. */
export function auditQueryOf(f: AuditFilters, limit: number): AuditQuery {
  const q: AuditQuery = { limit };
  if (f.action) q.action = f.action;
  if (f.userId.trim()) q.userId = f.userId.trim();
  if (f.target.trim())
    q.target = f.target.trim().toUpperCase().startsWith('CMOE-')
      ? f.target.trim().toUpperCase()
      : f.target.trim();
  if (f.from) q.from = londonInstant(f.from, '00:00').toISOString();
  if (f.to) q.to = londonInstant(addDays(f.to, 1), '00:00').toISOString();
  return q;
}

export interface AuditLogState {
  draft: AuditFilters;
  setDraft(patch: Partial<AuditFilters>): void;
  applied: AuditFilters;
  /** A problem with the dates as typed (shown on the field; nothing is sent). */
  dateError: string | null;
  apply(): void;
  clear(): void;
  status: 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  entries: AuditEntry[];
  limit: number;
  /** True when the server may hold older entries matching the filters. */
  mayHaveMore: boolean;
  loadMore(): void;
  error: ApiError | null;
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError(0, 'Internal', 'Error', 'Something went wrong while loading the audit log. Try again.');
}

export function useAuditLog(api: CmoeApi): AuditLogState {
  const [draft, setDraftState] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [limit, setLimit] = useState(AUDIT_PAGE);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [status, setStatus] = useState<AuditLogState['status']>('loading');
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  // A slow answer to an older query must not replace a newer one.
  const seq = useRef(0);

  const load = useCallback(
    async (f: AuditFilters, n: number, more: boolean) => {
      const mine = ++seq.current;
      if (more) setLoadingMore(true);
      else setStatus('loading');
      try {
        const rows = await api.queryAudit(auditQueryOf(f, n));
        if (mine !== seq.current) return;
        setEntries(rows);
        setError(null);
        setStatus('ready');
      } catch (e) {
        if (mine !== seq.current) return;
        setError(toApiError(e));
        if (!more) setStatus('error');
      } finally {
        if (mine === seq.current) setLoadingMore(false);
      }
    },
    [api],
  );

  useEffect(() => {
    void load(NO_AUDIT_FILTERS, AUDIT_PAGE, false);
  }, [load]);

  const apply = useCallback(() => {
    if (draft.from && draft.to && draft.from > draft.to) {
      setDateError('The “to” date is before the “from” date.');
      return;
    }
    setDateError(null);
    setApplied(draft);
    setLimit(AUDIT_PAGE);
    void load(draft, AUDIT_PAGE, false);
  }, [draft, load]);

  const clear = useCallback(() => {
    setDraftState(NO_AUDIT_FILTERS);
    setApplied(NO_AUDIT_FILTERS);
    setDateError(null);
    setLimit(AUDIT_PAGE);
    void load(NO_AUDIT_FILTERS, AUDIT_PAGE, false);
  }, [load]);

  const loadMore = useCallback(() => {
    const n = Math.min(AUDIT_CAP, limit + AUDIT_PAGE);
    setLimit(n);
    void load(applied, n, true);
  }, [applied, limit, load]);

  return {
    draft,
    setDraft: (patch) => setDraftState((d) => ({ ...d, ...patch })),
    applied,
    dateError,
    apply,
    clear,
    status,
    loadingMore,
    entries,
    limit,
    mayHaveMore: entries.length >= limit && limit < AUDIT_CAP,
    loadMore,
    error,
  };
}
