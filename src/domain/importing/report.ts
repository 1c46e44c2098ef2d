/**
 * Step 4 of an import: the plan as a report that names rows, cells and fields but holds no values, so it
 * can be shown to an admin (who may not read cases) and logged.
 */
import type { FieldIssue } from '../errors';
import type { ImportField, SkippedColumn } from '../importColumns';
import type { CellIssue } from './read';
import type { ImportPlan, PlannedRow } from './plan';
export type RowOutcome = 'create' | 'update' | 'unchanged' | 'rejected' | 'conflict';

/** One row of the report: row number, outcome, ref, field names and messages. No values. */
export interface ImportRowReport {
  row: number;
  outcome: RowOutcome;
  /** The matched case; for a created row, its new ref once written (null in a dry run). */
  ref: string | null;
  /** Fields that change (update). */
  fields: string[];
  /** Actions added (or, in a dry run, to be added). */
  actions: number;
  /** Timeline updates added (or to be added). */
  updates: number;
  warnings: string[];
  issues: CellIssue[];
}

export interface ImportCounts {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  rejected: number;
  conflict: number;
  actions: number;
  updates: number;
}

/** What an import did, or in a dry run would do. */
export interface ImportReport {
  dryRun: boolean;
  /** True when anything was written. */
  written: boolean;
  format: 'xlsx' | 'csv';
  sheet: string;
  headerRow: number;
  columns: { letter: string; header: string; field: ImportField }[];
  skipped: SkippedColumn[];
  notices: string[];
  counts: ImportCounts;
  rows: ImportRowReport[];
}

/** A planned row as a report row (before writing). */
export function reportRow(p: PlannedRow): ImportRowReport {
  const base = {
    row: p.row,
    warnings: p.warnings,
    fields: [] as string[],
    actions: 0,
    updates: 0,
    issues: [] as CellIssue[],
  };
  switch (p.outcome) {
    case 'create':
      return { ...base, outcome: 'create', ref: null, actions: p.actions.length, updates: p.notes.length };
    case 'update':
      return {
        ...base,
        outcome: 'update',
        ref: p.ref,
        fields: p.fields,
        actions: p.actions.length,
        updates: p.notes.length,
      };
    case 'unchanged':
      return { ...base, outcome: 'unchanged', ref: p.ref };
    case 'rejected':
      return { ...base, outcome: 'rejected', ref: p.ref, issues: p.issues };
  }
}

export function countRows(rows: readonly ImportRowReport[]): ImportCounts {
  const counts: ImportCounts = {
    rows: rows.length,
    create: 0,
    update: 0,
    unchanged: 0,
    rejected: 0,
    conflict: 0,
    actions: 0,
    updates: 0,
  };
  for (const r of rows) {
    counts[r.outcome]++;
    if (r.outcome !== 'rejected' && r.outcome !== 'conflict') {
      counts.actions += r.actions;
      counts.updates += r.updates;
    }
  }
  return counts;
}

/** The report of a plan (or of a run, given the rows as written). */
export function reportOf(
  plan: ImportPlan,
  run: { dryRun: boolean; written: boolean; format: 'xlsx' | 'csv'; rows?: ImportRowReport[] },
): ImportReport {
  const rows = run.rows ?? plan.rows.map(reportRow);
  return {
    dryRun: run.dryRun,
    written: run.written,
    format: run.format,
    sheet: plan.sheet.sheet,
    headerRow: plan.sheet.headerRow,
    columns: plan.sheet.columns.map((c) => ({ letter: c.letter, header: c.header, field: c.field })),
    skipped: plan.sheet.skipped,
    notices: plan.sheet.notices,
    counts: countRows(rows),
    rows,
  };
}

/** The issues of rejected rows as field issues for an `InvalidError` (at most `limit`, then a count). */
export function rejectionIssues(plan: ImportPlan, limit = 100): FieldIssue[] {
  const all = plan.rows.flatMap((r) => (r.outcome === 'rejected' ? r.issues : []));
  const out: FieldIssue[] = all.slice(0, limit).map((i) => ({
    path: i.column === null ? `row ${i.row}` : `row ${i.row}, column '${i.column}' (${i.cell})`,
    message: i.message,
  }));
  if (all.length > limit) out.push({ path: '(file)', message: `and ${all.length - limit} more problems` });
  return out;
}
