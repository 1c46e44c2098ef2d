/**
 * What an import job (issue 19: progress on a large file) tells the tab: a phase and counts, then the
 * import's own report. Never a value from the file. The jobs themselves are operations/importJobs.ts.
 */
import type { ImportReport } from './importing';

export interface ImportProgress {
  /** Reading the file (no total yet), checking it (the plan), writing it (a real import only). */
  phase: 'reading' | 'checking' | 'writing';
  /** Rows through the phase so far, of `total`. */
  done: number;
  total: number;
}

export type ImportJobPhase = ImportProgress['phase'] | 'done';

/** POST /api/import/jobs and GET /api/import/jobs/:id. */
export interface ImportJobStatus {
  id: string;
  dryRun: boolean;
  phase: ImportJobPhase;
  done: number;
  total: number;
  /** The report exactly as POST /api/import answers it; null until the job is done. */
  result: (ImportReport & { batchId: string | null }) | null;
}
