/** Loads one case with everything computed (GET /api/cases/{ref}); reloads on demand. */
import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail } from '../../../domain/views';
import { ApiError, type CmoeApi } from '../../client/client';

export interface CaseResource {
  status: 'loading' | 'ready' | 'error';
  detail: CaseDetail | null;
  error: ApiError | null;
  reload(): Promise<CaseDetail | null>;
  /** Replaces the loaded detail (after a write that returned part of it). */
  update(fn: (d: CaseDetail) => CaseDetail): void;
}

export function useCase(api: CmoeApi, ref: string): CaseResource {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [status, setStatus] = useState<CaseResource['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    try {
      const d = await api.getCase(ref);
      setDetail(d);
      setError(null);
      setStatus('ready');
      return d;
    } catch (e) {
      setError(
        e instanceof ApiError ? e : new ApiError(0, 'Internal', 'Error', 'The case could not be loaded.'),
      );
      setStatus((s) => (s === 'ready' ? s : 'error'));
      return null;
    }
  }, [api, ref]);

  useEffect(() => {
    setStatus('loading');
    setDetail(null);
    void reload();
  }, [reload]);

  const update = useCallback((fn: (d: CaseDetail) => CaseDetail) => {
    setDetail((d) => (d ? fn(d) : d));
  }, []);

  return { status, detail, error, reload, update };
}
