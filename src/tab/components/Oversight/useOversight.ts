/**
 * State of the oversight screen: the period as typed, the period last asked for, the figures, and the
 * report download. The server chooses the default period (the last 12 months) and judges a bad one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocalDate } from '../../../domain/types';
import { ApiError, type CmoeApi } from '../../client/client';
import type { OversightFigures, OversightReportQuery } from '../../client/oversightApi';
import { saveFile } from '../../lib/download';
import { takePrefetchedOversight } from './prefetch';

export interface OversightState {
  from: LocalDate | '';
  to: LocalDate | '';
  setFrom(v: string): void;
  setTo(v: string): void;
  /** Ask for the figures of the period as typed. */
  apply(): void;
  status: 'loading' | 'ready' | 'error';
  figures: OversightFigures | null;
  error: ApiError | null;
  downloading: boolean;
  download(format: OversightReportQuery['format'], suppress: boolean): Promise<void>;
  downloadError: ApiError | null;
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError(0, 'Network', 'Something went wrong', 'The figures could not be loaded. Try again.');
}

export function useOversight(api: CmoeApi): OversightState {
  const [from, setFrom] = useState<LocalDate | ''>('');
  const [to, setTo] = useState<LocalDate | ''>('');
  const [asked, setAsked] = useState<{ from?: LocalDate; to?: LocalDate }>({});
  const [status, setStatus] = useState<OversightState['status']>('loading');
  const [figures, setFigures] = useState<OversightFigures | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const n = ++latest.current;
    setStatus('loading');
    const first = asked.from === undefined && asked.to === undefined ? takePrefetchedOversight(api) : null;
    (first ?? api.getOversight(asked)).then(
      (f) => {
        if (n !== latest.current) return;
        setFigures(f);
        // The fields show the period the figures are for, the server's default included.
        setFrom(f.period.from);
        setTo(f.period.to);
        setError(null);
        setStatus('ready');
      },
      (e: unknown) => {
        if (n !== latest.current) return;
        setError(toApiError(e));
        setStatus('error');
      },
    );
  }, [api, asked]);

  const apply = useCallback(() => {
    setAsked({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }, [from, to]);

  const download = useCallback(
    async (format: OversightReportQuery['format'], suppress: boolean) => {
      if (!figures) return;
      setDownloading(true);
      setDownloadError(null);
      try {
        const file = await api.downloadOversightReport({
          from: figures.period.from,
          to: figures.period.to,
          format,
          suppress,
        });
        saveFile(file.blob, file.fileName ?? `cmoe-oversight.${format}`);
      } catch (e) {
        setDownloadError(toApiError(e));
      } finally {
        setDownloading(false);
      }
    },
    [api, figures],
  );

  return {
    from,
    to,
    setFrom: (v) => setFrom(v as LocalDate),
    setTo: (v) => setTo(v as LocalDate),
    apply,
    status,
    figures,
    error,
    downloading,
    download,
    downloadError,
  };
}
