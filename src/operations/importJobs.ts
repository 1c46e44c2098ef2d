/**
 * The import as a job, so the tab can show progress on a large file (issue 19: 5,000 rows) without
 * websockets, which a Teams tab behind proxies cannot count on: `POST /api/import/jobs` starts the same
 * `importSpreadsheet` (dry run or real) and answers at once with the job's id; the tab polls
 * `GET /api/import/jobs/:id` for `{ phase, done, total }` until the job is done, and that last answer
 * carries the very report the plain `POST /api/import` returns (or its refusal, as the same problem).
 *
 * Jobs live in memory in the one process that serves the tab (as the rate limiter does): only the admin
 * who started a job can read it (anyone else gets 404, as for a job that never was), a finished job is
 * forgotten once its result is read, and any job is forgotten if unread JOB_TTL_MS after it was last asked about. A status
 * holds counts and a phase only: nothing about a child. Authorisation and the audit are the import's own.
 */
import type { ImportJobStatus, ImportProgress } from '../domain/importJobs';
import { BusyError, NotFoundError } from '../domain/errors';
import type { SpreadsheetFile } from '../spreadsheet/read';
import { type Call, type OperationDeps, authorize } from './context';
import { type ImportOptions, type ImportResult, importSpreadsheet, noFileError } from './importExport';

/** A finished or stalled job is forgotten this long after it last moved (5 minutes). */
export const JOB_TTL_MS = 5 * 60 * 1000;
/** Jobs one admin may have at once (running or unread): a runaway tab cannot fill the memory. */
export const MAX_JOBS_PER_CALLER = 3;

interface Job {
  status: ImportJobStatus;
  owner: string;
  /** The edge's clock of the last call that started or read it. */
  touched: number;
  /** The import's refusal or failure, thrown again to the reader so it is the same problem as today. */
  error: unknown;
}

/** Where jobs are kept: one per app (api/handlers.ts), never shared between processes. */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly newId: () => string = () => crypto.randomUUID()) {}

  /**
   * Forgets finished jobs nobody read within JOB_TTL_MS of the last call that saw them (called on every
   * start and read, with the edge's clock: no timer, no clock read here). A running job always finishes.
   */
  private sweep(now: Date): void {
    for (const [id, job] of this.jobs) {
      if (job.status.phase === 'done' && now.getTime() - job.touched > JOB_TTL_MS) this.jobs.delete(id);
    }
  }

  /**
   * Starts an import job for the caller: authorised and checked as the import is, before anything runs.
   * The job runs on after the answer is sent; its progress is only ever counts.
   */
  async start(
    deps: OperationDeps,
    call: Call,
    file: SpreadsheetFile | null,
    options: Omit<ImportOptions, 'progress'>,
  ): Promise<ImportJobStatus> {
    await authorize(deps, call, 'import.run', 'import');
    this.sweep(call.now);
    if (file === null) {
      // As the plain import says it, at once rather than through the job.
      throw noFileError();
    }
    const mine = [...this.jobs.values()].filter((j) => j.owner === call.caller.id).length;
    if (mine >= MAX_JOBS_PER_CALLER) {
      throw new BusyError(
        'Three imports or checks are already running or waiting to be read. Wait for them to finish.',
      );
    }
    const id = this.newId();
    const job: Job = {
      status: { id, dryRun: options.dryRun, phase: 'reading', done: 0, total: 0, result: null },
      owner: call.caller.id,
      touched: call.now.getTime(),
      error: null,
    };
    this.jobs.set(id, job);
    const progress = (p: ImportProgress): void => {
      job.status = { ...job.status, ...p };
    };
    // Not awaited: the caller polls. Every outcome is kept for the reader; nothing escapes unhandled.
    void importSpreadsheet(deps, call, file, { ...options, progress }).then(
      (result: ImportResult) => {
        job.status = { ...job.status, phase: 'done', done: job.status.total, result };
      },
      (error: unknown) => {
        job.error = error;
        job.status = { ...job.status, phase: 'done' };
      },
    );
    return { ...job.status };
  }

  /**
   * The job's status for the admin who started it; 404 for anyone else and for a forgotten job. Once
   * done it is answered once, with the report (or the import's refusal thrown), and forgotten.
   */
  async read(deps: OperationDeps, call: Call, id: string): Promise<ImportJobStatus> {
    await authorize(deps, call, 'import.run', 'import');
    this.sweep(call.now);
    const job = this.jobs.get(id);
    if (!job || job.owner !== call.caller.id) throw new NotFoundError('This import job');
    if (job.status.phase !== 'done') {
      job.touched = call.now.getTime();
      return { ...job.status };
    }
    this.jobs.delete(id);
    if (job.error !== null) throw job.error;
    return { ...job.status };
  }
}
