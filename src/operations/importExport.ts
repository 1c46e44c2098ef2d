/**
 * Bringing the group's spreadsheet in, and taking the list out (issue 9). The CLI and the API both call
 * these; the rules live in `domain/importing/` and `domain/exporting.ts`, the file formats in `import/`.
 *
 * Import is the system owner's (`import.run`): it writes cases, actions and timeline updates straight
 * through the store port, conditionally on each case's version, and audits each write as the app does
 * plus one `import` entry with counts. It never goes through `updateCase`, because an admin edits no
 * case by hand; the import's own checks stand in for the per-field rules (a closed case is not changed,
 * closing, reopening and escalating stay in the app).
 *
 * Export is `export.run` *and* `case.read`: it is the case list the caller could see in the tab, with the
 * same filters, as a file. An admin without a Member or Chair role reads no case, so exports none.
 */
import { asPerson } from '../auth/principal';
import { ConflictError, InvalidError } from '../domain/errors';
import { EXPORT_HEADERS, type ExportCell, exportRow } from '../domain/exporting';
import type { MappingFile } from '../domain/importColumns';
import type { ImportProgress } from '../domain/importJobs';
import {
  type ActionDraft,
  type ImportPlan,
  type ImportReport,
  type ImportRowReport,
  type ReceivedDateFallback,
  countRows,
  matchedRefs,
  planImport,
  readImportSheet,
  rejectionIssues,
  reportOf,
  reportRow,
} from '../domain/importing';
import { formatUkDate } from '../domain/importValues';
import type { Action, Case, CaseUpdate } from '../domain/types';
import { writeCsv } from '../spreadsheet/csv';
import { type SpreadsheetFile, readSpreadsheet } from '../spreadsheet/read';
import { writeXlsx } from '../spreadsheet/xlsx';
import type { CaseQuery } from '../store/ports';
import { caseSummaries } from './cases';
import { type Call, type OperationDeps, audit, authorize, nowIso, today } from './context';
import type { CaseListQuery, ExportQuery } from '../contract/inputs';
import { BatchCollector, recordImportBatch } from './importUndo';

export interface ImportOptions {
  /** Report what would happen and write nothing. */
  dryRun: boolean;
  /** Import the valid rows even when some are rejected (otherwise nothing is written). */
  skipInvalid: boolean;
  mapping: MappingFile | null;
  /**
   * For rows with no date received: one date for every row, or the column to take it from (a council's
   * tracker often has no such column). Each new case that takes it carries a warning; none by default.
   */
  received?: ReceivedDateFallback;
  /**
   * Told how far the import has got, in rows (the job route's progress bar): counts and a phase only,
   * never a value. Reading has no total yet; checking is the plan (pure, so it jumps); writing counts
   * each row as its case is written.
   */
  progress?: (p: ImportProgress) => void;
}

/** The refusal of an import request that carried no file (a JSON body, say). */
export function noFileError(): InvalidError {
  return new InvalidError(
    'Send the file itself as the body, with Content-Type text/csv or the .xlsx type, and its name in X-File-Name.',
    [{ path: 'Content-Type', message: 'must be text/csv or the .xlsx type' }],
  );
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** How many cases are in it. */
  count: number;
}

/** The import's report, with the id of the batch a real import recorded (null when nothing was written). */
export type ImportResult = ImportReport & { batchId: string | null };

/**
 * Imports a spreadsheet (.xlsx or .csv). A dry run returns the report of what would happen, row by row.
 * A real run plans again against the store as it is now and writes only if every row is valid (or
 * `skipInvalid`); otherwise it throws `InvalidError` naming each rejected row's cells and writes nothing.
 * A case changed by someone else between planning and writing is a `conflict` for that row, never an
 * overwrite. Importing the same file again reports every row unchanged.
 */
export async function importSpreadsheet(
  deps: OperationDeps,
  call: Call,
  /** Null when the request carried no file (a JSON body, say): refused, after the role check. */
  file: SpreadsheetFile | null,
  options: ImportOptions,
): Promise<ImportResult> {
  await authorize(deps, call, 'import.run', 'import');
  if (file === null) throw noFileError();
  const progress = options.progress ?? (() => undefined);
  progress({ phase: 'reading', done: 0, total: 0 });
  const { format, sheets } = await readSpreadsheet(file);
  const day = today(call);
  const sheet = readImportSheet(sheets, options.mapping, day, options.received ?? null);
  const total = sheet.rows.length;
  progress({ phase: 'checking', done: 0, total });
  const [cases, actions, meetings] = await Promise.all([
    deps.store.cases.list(),
    deps.store.actions.list(),
    deps.store.meetings.list({}),
  ]);
  const updates = new Map<string, CaseUpdate[]>();
  for (const ref of matchedRefs(sheet, cases)) updates.set(ref, await deps.store.updates.list(ref));
  const plan = planImport(
    sheet,
    { cases, actions, updates },
    { today: day, now: nowIso(call), policy: deps.policy, meetings },
  );
  progress({ phase: 'checking', done: total, total });
  // The plan held the event loop: let a job's status be read before writing starts.
  if (options.progress) await new Promise<void>((resolve) => setImmediate(resolve));
  if (options.dryRun) return { ...reportOf(plan, { dryRun: true, written: false, format }), batchId: null };

  const rejected = plan.rows.filter((r) => r.outcome === 'rejected').length;
  if (rejected > 0 && !options.skipInvalid) {
    throw new InvalidError(
      `${rejected} of ${plan.rows.length} rows cannot be imported, so nothing was written. Correct them (a dry run lists each one), or import with skip-invalid to leave them out.`,
      rejectionIssues(plan),
    );
  }
  const batch = new BatchCollector();
  const byRef = new Map(cases.map((c) => [c.ref, c]));
  let batchId: string | null = null;
  let rows: ImportRowReport[];
  try {
    rows = await writePlan(deps, call, plan, format, {
      batch,
      byRef,
      progress,
      yieldEvery: options.progress ? YIELD_EVERY_ROWS : null,
    });
  } finally {
    // Whatever was written, even by an import that failed part way, is a batch that can be undone.
    batchId = await recordImportBatch(
      deps,
      call,
      { bytes: file.bytes, fileName: file.fileName ?? null, format },
      batch,
    );
  }
  const written = rows.some((r) => r.outcome === 'create' || r.outcome === 'update');
  return { ...reportOf(plan, { dryRun: false, written, format, rows }), batchId };
}

/** How often a job's import lets the event loop turn while writing (rows). */
const YIELD_EVERY_ROWS = 100;

const CONFLICT_MESSAGE =
  'was changed in the app while the import ran: nothing was written for this row. Import again to compare with the new version.';

/**
 * Writes the plan and audits one `import` entry with the counts, even if a write fails. New cases go in
 * one bulk write, then updates one by one (each conditional: a race is that row's conflict, never an
 * overwrite), then every new action and timeline note in bulk (SharePoint: `$batch` requests of 20).
 */
async function writePlan(
  deps: OperationDeps,
  call: Call,
  plan: ImportPlan,
  format: 'xlsx' | 'csv',
  /** Where each write is noted for the batch, the cases as planned against, and rows written so far. */
  track: {
    batch: BatchCollector;
    byRef: ReadonlyMap<string, Case>;
    progress: (p: ImportProgress) => void;
    /**
     * With progress asked for: let the event loop turn every so many rows, so the job's status can be
     * read meanwhile (SQLite's writes are synchronous and would otherwise hold the loop to the end).
     */
    yieldEvery: number | null;
  },
): Promise<ImportRowReport[]> {
  const now = nowIso(call);
  const total = plan.rows.length;
  let done = 0;
  // A row is done when its case is written (or found unchanged); actions and notes follow in bulk.
  const step = async (n: number): Promise<void> => {
    const every = track.yieldEvery;
    const before = done;
    done += n;
    track.progress({ phase: 'writing', done, total });
    if (every !== null && Math.floor(done / every) > Math.floor(before / every))
      await new Promise<void>((resolve) => setImmediate(resolve));
  };
  track.progress({ phase: 'writing', done: 0, total });
  const by = asPerson(call.caller);
  const out: (ImportRowReport | undefined)[] = new Array(plan.rows.length);
  const appendTo: { ref: string; actions: readonly ActionDraft[]; notes: readonly string[] }[] = [];
  try {
    const creates = plan.rows.flatMap((p, i) => (p.outcome === 'create' ? [{ p, i }] : []));
    const created = await deps.store.cases.createMany(creates.map(({ p }) => ({ input: p.case, now })));
    for (const [n, c] of created.entries()) {
      const { p, i } = creates[n]!;
      track.batch.created(c);
      await audit(deps, call, 'case.create', c.ref, [], null, c.version);
      out[i] = { ...reportRow(p), ref: c.ref };
      appendTo.push({ ref: c.ref, actions: p.actions, notes: p.notes });
      // Counted once its audit entry is written: the bulk create itself is one step of the store's.
      await step(1);
    }

    for (const [i, p] of plan.rows.entries()) {
      if (p.outcome === 'create') continue;
      const report = reportRow(p);
      if (p.outcome === 'update') {
        if (p.fields.length > 0) {
          try {
            const updated = await deps.store.cases.update(p.ref, p.expectedVersion, p.patch, now);
            const before = track.byRef.get(p.ref);
            if (before) track.batch.changed(before, p.patch, updated);
            await audit(deps, call, 'case.update', p.ref, p.fields, p.expectedVersion, updated.version);
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
            out[i] = {
              ...report,
              outcome: 'conflict',
              actions: 0,
              updates: 0,
              issues: [{ row: p.row, column: null, cell: null, message: CONFLICT_MESSAGE }],
            };
            await step(1);
            continue;
          }
        }
        const before = track.byRef.get(p.ref);
        if (p.fields.length === 0 && before) track.batch.changed(before, {}, null);
        appendTo.push({ ref: p.ref, actions: p.actions, notes: p.notes });
      }
      out[i] = report;
      await step(1);
    }

    // New actions ("incomplete — from import") and timeline notes, in bulk.
    const actions = await deps.store.actions.createMany(
      appendTo.flatMap(({ ref, actions }) =>
        actions.map((a) => ({
          input: {
            caseRef: ref,
            description: a.description,
            successMeasure: a.successMeasure,
            owner: null,
            ownerService: '',
            dueDate: a.dueDate,
            meetingId: null,
            status: 'open' as const,
            completionNote: null,
            completedOn: null,
            deferrals: [],
            incompleteFromImport: a.incompleteFromImport,
            createdBy: by,
          },
          now,
        })),
      ),
    );
    track.batch.actions(actions);
    for (const a of actions) await audit(deps, call, 'action.create', a.id, [], null, a.version);
    const notes = await deps.store.updates.addMany(
      appendTo.flatMap(({ ref, notes }) => notes.map((text) => ({ caseRef: ref, at: now, by, text }))),
    );
    track.batch.notes(notes);
    for (const u of notes) await audit(deps, call, 'case.update-added', u.caseRef);
  } finally {
    const c = countRows(out.filter((r): r is ImportRowReport => r !== undefined));
    // Counts only: which rows and children were involved is in the per-case entries.
    await audit(deps, call, 'import', `import:${format}`, [
      `rows=${c.rows}`,
      `created=${c.create}`,
      `updated=${c.update}`,
      `unchanged=${c.unchanged}`,
      `rejected=${c.rejected}`,
      `conflicts=${c.conflict}`,
      `actions=${c.actions}`,
      `updates=${c.updates}`,
    ]);
  }
  return out.filter((r): r is ImportRowReport => r !== undefined);
}

function storeQuery(q: CaseListQuery): CaseQuery {
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.concern ? { concern: q.concern } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.lead ? { leadEmail: q.lead } : {}),
  };
}

/** Filter names for the audit: enum values are kept, free text (a searched name, an email) is not. */
function filterNames(q: CaseListQuery): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    if (k === 'q' || k === 'lead') out.push(k);
    else out.push(`${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  }
  return out;
}

function csvText(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object') return formatUkDate(cell.date);
  return cell;
}

/**
 * The case list as the caller sees it in the tab (same filters, same role), as .csv or .xlsx with the
 * import's headers, so the file imports back unchanged. Text that a spreadsheet could run as a formula
 * is escaped with a leading `'`. Audited as one `export` entry with the format, the filters and the
 * count, never values.
 */
export async function exportCases(
  deps: OperationDeps,
  call: Call,
  query: ExportQuery,
): Promise<ExportedFile> {
  await authorize(deps, call, 'export.run', 'export');
  const { format, ...filters } = query;
  // The tab's own list: it checks case.read and applies every filter, computed ones included.
  const visible = await caseSummaries(deps, call, filters);
  const wanted = new Set(visible.map((s) => s.ref));
  const [cases, open] = await Promise.all([
    deps.store.cases.list(storeQuery(filters)),
    deps.store.actions.list({ status: ['open'] }),
  ]);
  const actionsOf = new Map<string, Action[]>();
  for (const a of open) {
    const list = actionsOf.get(a.caseRef);
    if (list) list.push(a);
    else actionsOf.set(a.caseRef, [a]);
  }
  const rows: ExportCell[][] = [];
  for (const c of cases) {
    if (!wanted.has(c.ref)) continue;
    const timeline = await deps.store.updates.list(c.ref);
    rows.push(exportRow(c, actionsOf.get(c.ref) ?? [], timeline[timeline.length - 1] ?? null));
  }
  const day = today(call);
  const bytes =
    format === 'csv'
      ? new TextEncoder().encode(writeCsv([EXPORT_HEADERS, ...rows.map((r) => r.map(csvText))]))
      : await writeXlsx('CMOE cases', EXPORT_HEADERS, rows, call.now);
  await audit(deps, call, 'export', 'cases', [
    `format=${format}`,
    ...filterNames(filters),
    `count=${rows.length}`,
  ]);
  return {
    fileName: `cmoe-cases-${day}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE,
    bytes,
    count: rows.length,
  };
}
