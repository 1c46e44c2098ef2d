/**
 * State of the import screen: the chosen spreadsheet and mapping file, the dry run's report, and the
 * import itself. It mirrors the server's rule — nothing is written while any row is rejected unless
 * the rejected rows are skipped — so the button says what will happen before it is pressed; the
 * server checks again. A refusal keeps the chosen files, so the admin can fix and retry.
 */
import { useCallback, useState } from 'react';
import type { ImportJobStatus } from '../../../domain/importJobs';
import type { ImportReport } from '../../client/adminApi';
import { ApiError, type CmoeApi } from '../../client/client';
import type { MappingChoices } from './useImportMapping';

/** The server's limit (MAX_IMPORT_BYTES): checked here first so an 80 MB file is not uploaded. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

const SPREADSHEET = /\.(xlsx|csv)$/i;

/**
 * How often a running check or import is asked how far it has got. The check and the import run on the
 * server as a job (POST /api/import/jobs), polled at GET /api/import/jobs/:id: no websocket, which a
 * Teams tab cannot count on, and one upload.
 */
export const POLL_MS = 400;

/** How far the running check or import has got: a phase and counts, never a value from the file. */
export type ImportProgressState = Pick<ImportJobStatus, 'phase' | 'done' | 'total'>;

export interface MappingChoice {
  name: string;
  /** The parsed JSON, or null when it is not JSON. */
  json: unknown;
  error: string | null;
}

export interface ImportState {
  file: File | null;
  fileError: string | null;
  chooseFile(file: File | null): void;
  mapping: MappingChoice | null;
  chooseMapping(file: File | null): Promise<void>;
  busy: 'check' | 'import' | null;
  /** While busy: the job's progress (null before the server has answered). */
  progress: ImportProgressState | null;
  /** The last report: a dry run's, or the import's. */
  report: ImportReport | null;
  error: ApiError | null;
  skipRejected: boolean;
  setSkipRejected(v: boolean): void;
  /** Rows the import would write (create + update) in the last dry run. */
  toWrite: number;
  rejected: number;
  /** Why the import button is disabled, in words; null when it is enabled. */
  blockedBecause: string | null;
  check(): Promise<void>;
  runImport(): Promise<void>;
  /** Forgets the report (the mapping step's choices changed since it was checked). */
  clearReport(): void;
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError(0, 'Internal', 'Error', 'Something went wrong. Nothing was imported; try again.');
}

/** Rounded up, so a file just over the limit never reads as "8 MB". */
function megabytes(n: number): string {
  return `${(Math.ceil((n / (1024 * 1024)) * 10) / 10).toLocaleString('en-GB')} MB`;
}

/** A file's text through FileReader, which every browser (and jsdom, for the tests) has. */
function readText(f: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(f);
  });
}

export function useImport(
  api: CmoeApi,
  /** The mapping step's choices (issue 19), read when the check or the import is sent. */
  choices?: () => MappingChoices,
): ImportState {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<MappingChoice | null>(null);
  const [busy, setBusy] = useState<ImportState['busy']>(null);
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [skipRejected, setSkipRejected] = useState(false);

  const chooseFile = useCallback((f: File | null) => {
    setFile(f);
    setReport(null);
    setError(null);
    setSkipRejected(false);
    if (f === null) setFileError(null);
    else if (!SPREADSHEET.test(f.name))
      setFileError(
        'Choose an Excel workbook (.xlsx) or a CSV file (.csv). Old .xls files: save as .xlsx first.',
      );
    else if (f.size > MAX_IMPORT_BYTES)
      setFileError(`The file is ${megabytes(f.size)}; the import takes files up to 8 MB.`);
    else setFileError(null);
  }, []);

  const chooseMapping = useCallback(async (f: File | null) => {
    setReport(null);
    setError(null);
    if (f === null) {
      setMapping(null);
      return;
    }
    let json: unknown = null;
    let problem: string | null = null;
    try {
      json = JSON.parse(await readText(f));
    } catch {
      problem = 'This mapping file is not valid JSON.';
    }
    setMapping({ name: f.name, json, error: problem });
  }, []);

  const send = useCallback(
    async (dryRun: boolean) => {
      if (!file || fileError || mapping?.error) return;
      setBusy(dryRun ? 'check' : 'import');
      setProgress(null);
      setError(null);
      try {
        let job = await api.startImportJob(
          { name: file.name, bytes: file },
          {
            dryRun,
            skipInvalid: !dryRun && skipRejected,
            mapping: mapping?.json ?? null,
            ...(choices ? choices() : {}),
          },
        );
        // Asked at once (a small file is done by then), then every POLL_MS until done; a refusal is
        // thrown by the last read, as the plain import throws it.
        for (let first = true; job.phase !== 'done'; first = false) {
          setProgress({ phase: job.phase, done: job.done, total: job.total });
          if (!first) await new Promise((r) => setTimeout(r, POLL_MS));
          job = await api.importJob(job.id);
        }
        if (job.result === null) throw new Error('The job ended without a report.');
        setReport(job.result);
        if (dryRun) setSkipRejected(false);
      } catch (e) {
        // The report (if any) stays: the refusal is about this attempt, not the rows already shown.
        setError(toApiError(e));
      } finally {
        setBusy(null);
        setProgress(null);
      }
    },
    [api, choices, file, fileError, mapping, skipRejected],
  );

  const clearReport = useCallback(() => {
    setReport(null);
    setSkipRejected(false);
  }, []);

  const dry = report?.dryRun ? report : null;
  const toWrite = dry ? dry.counts.create + dry.counts.update : 0;
  const rejected = dry ? dry.counts.rejected : 0;
  const blockedBecause = !dry
    ? 'Check the file first.'
    : toWrite === 0
      ? 'Nothing to import: no row would create or change a case.'
      : rejected > 0 && !skipRejected
        ? `${rejected === 1 ? '1 row is' : `${rejected} rows are`} rejected, so nothing would be written. Correct the file and check it again, or tick “Skip rejected rows”.`
        : null;

  return {
    file,
    fileError,
    chooseFile,
    mapping,
    chooseMapping,
    busy,
    progress,
    report,
    error,
    skipRejected,
    setSkipRejected,
    toWrite,
    rejected,
    blockedBecause,
    check: () => send(true),
    runImport: () => send(false),
    clearReport,
  };
}
