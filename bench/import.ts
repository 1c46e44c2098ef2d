/**
 * The spreadsheet section of `npm run bench`: exporting a 5,000-case list to .csv and .xlsx, and importing
 * it into an empty SQLite store (dry run and real), then again (every row unchanged), through the same
 * operations the API and the command call. The file is the app's own export of synthetic demo data,
 * each child given a distinct UPN so that no row is refused as a repeat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_USERS } from '../src/auth/devUsers';
import { makePrincipal } from '../src/auth/principal';
import { generateDemoData } from '../src/demo/generate';
import { seedStore } from '../src/demo/seed';
import { toLondonDate } from '../src/domain/calendar';
import type { ImportReport } from '../src/domain/importing';
import { DEFAULT_POLICY } from '../src/domain/policy';
import type { Call } from '../src/operations/context';
import { exportCases, importSpreadsheet, type ImportOptions } from '../src/operations/importExport';
import { previewImport } from '../src/operations/importMapping';
import { ImportJobs } from '../src/operations/importJobs';
import { openSqliteStore } from '../src/store/sqlite';
import { median } from './stats';

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

function callOf(userId: string, now: Date): Call {
  const user = DEV_USERS.find((u) => u.id === userId);
  if (!user) throw new Error(`no dev user ${userId}`);
  return { caller: makePrincipal(user), now };
}

function outcome(r: ImportReport): string {
  const c = r.counts;
  return [
    c.create ? `${c.create} ${r.dryRun ? 'to create' : 'created'}` : '',
    c.update ? `${c.update} ${r.dryRun ? 'to update' : 'updated'}` : '',
    c.unchanged ? `${c.unchanged} unchanged` : '',
    c.rejected ? `${c.rejected} rejected` : '',
    c.actions ? `${c.actions} actions` : '',
    c.updates ? `${c.updates} notes` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Runs the import/export benchmark for `rows` cases, writing its section through `out`. */
export async function importBench(out: (line?: string) => void, rows: number): Promise<void> {
  const now = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'cmoe-bench-import-'));
  const source = openSqliteStore(join(dir, 'source.sqlite'));
  const target = openSqliteStore(join(dir, 'target.sqlite'));
  try {
    const data = generateDemoData({ cases: rows, today: toLondonDate(now), policy: DEFAULT_POLICY });
    const cases = data.cases.map((c, i) => ({ ...c, upn: `B${String(i).padStart(11, '0')}A` }));
    await seedStore(source, { ...data, cases }, now.toISOString());
    const chair = callOf('dev-chair', now);
    const admin = callOf('dev-admin', now);
    const deps = (store: typeof source) => ({ store, policy: DEFAULT_POLICY });

    const csv = await timed(() => exportCases(deps(source), chair, { format: 'csv' }));
    const xlsx = await timed(() => exportCases(deps(source), chair, { format: 'xlsx' }));
    const run = (bytes: Uint8Array, options: Partial<ImportOptions>) =>
      timed(() =>
        importSpreadsheet(
          deps(target),
          admin,
          { bytes },
          { dryRun: true, skipInvalid: false, mapping: null, ...options },
        ),
      );
    // Dry runs read and plan only, so three of each give a median; the real import runs once.
    const dryCsv = [
      await run(csv.value.bytes, {}),
      await run(csv.value.bytes, {}),
      await run(csv.value.bytes, {}),
    ];
    const dryXlsx = [
      await run(xlsx.value.bytes, {}),
      await run(xlsx.value.bytes, {}),
      await run(xlsx.value.bytes, {}),
    ];
    // The mapping step (issue 19): the preview the tab asks for, then a dry run with the mapping it
    // sends back, every column named (what an admin's choices on screen amount to).
    const preview = [1, 2, 3].map(() => 0);
    let mapping: ImportOptions['mapping'] = null;
    for (const i of preview.keys()) {
      const p = await timed(() => previewImport(deps(target), admin, { bytes: xlsx.value.bytes }, null));
      preview[i] = p.ms;
      mapping = {
        sheet: p.value.sheet,
        headerRow: p.value.headerRow,
        columns: Object.fromEntries(p.value.columns.map((c) => [c.header, c.field])),
      };
    }
    const dryMapped = [
      await run(xlsx.value.bytes, { mapping }),
      await run(xlsx.value.bytes, { mapping }),
      await run(xlsx.value.bytes, { mapping }),
    ];
    // The progress path (issue 19): the same import as a job, polled to done (at every turn of the event
    // loop, which is more polling than the tab's every 400 ms), timed from start to the report read.
    const jobs = new ImportJobs();
    const viaJob = (store: typeof source, bytes: Uint8Array, options: Partial<ImportOptions>) =>
      timed(async () => {
        const started = await jobs.start(
          deps(store),
          admin,
          { bytes },
          { dryRun: true, skipInvalid: false, mapping: null, ...options },
        );
        let polls = 0;
        for (;;) {
          await new Promise((r) => setImmediate(r));
          polls++;
          const status = await jobs.read(deps(store), admin, started.id);
          if (status.phase === 'done' && status.result) return { report: status.result, polls };
        }
      });
    const jobTarget = openSqliteStore(join(dir, 'job-target.sqlite'));
    const plainTarget = openSqliteStore(join(dir, 'plain-target.sqlite'));
    let jobDry: Awaited<ReturnType<typeof viaJob>>[];
    let jobReal: Awaited<ReturnType<typeof viaJob>>;
    let plainReal: Awaited<ReturnType<typeof run>>;
    try {
      // Interleaved, so neither path has the warmer process.
      jobDry = [];
      for (let i = 0; i < 3; i++) jobDry.push(await viaJob(target, xlsx.value.bytes, {}));
      plainReal = await timed(() =>
        importSpreadsheet(
          deps(plainTarget),
          admin,
          { bytes: xlsx.value.bytes },
          { dryRun: false, skipInvalid: false, mapping: null },
        ),
      );
      jobReal = await viaJob(jobTarget, xlsx.value.bytes, { dryRun: false });
    } finally {
      await jobTarget.close();
      await plainTarget.close();
    }
    const { batchId: _job, ...jobReport } = jobReal.value.report;
    const { batchId: _plain, ...plainReport } = plainReal.value;
    if (JSON.stringify(jobReport) !== JSON.stringify(plainReport))
      throw new Error('the import job reported otherwise than the plain import');
    const real = await run(xlsx.value.bytes, { dryRun: false });
    const againDry = await run(xlsx.value.bytes, {});
    const againReal = await run(csv.value.bytes, { dryRun: false });
    const stored = (await target.cases.list()).length;
    if (stored !== real.value.counts.create)
      throw new Error(`imported ${stored} of ${real.value.counts.create} cases`);
    if (againReal.value.counts.unchanged !== rows) throw new Error('re-import was not all unchanged');

    const perThousand = (t: number) => ms((t / rows) * 1000);
    out(`## Spreadsheet import and export (SQLite, ${rows} synthetic cases)`);
    out();
    out(
      `The app's own export of the demo list (${kb(csv.value.bytes.length)} as .csv, ${kb(xlsx.value.bytes.length)} as .xlsx), imported into an empty store through the import operation (read, match, plan, and for a real import write each case, action and note with its audit entries), then imported again.`,
    );
    out();
    out('| step | rows | outcome | time | per 1,000 rows |');
    out('|---|---|---|---|---|');
    const row = (step: string, t: number, what: string) =>
      out(`| ${step} | ${rows} | ${what} | ${ms(t)} | ${perThousand(t)} |`);
    row(
      'export to .csv (the operation behind GET /api/export, as the chair)',
      csv.ms,
      `${csv.value.count} cases`,
    );
    row('export to .xlsx', xlsx.ms, `${xlsx.value.count} cases`);
    row('dry run of the .csv (median of 3)', median(dryCsv.map((d) => d.ms)), outcome(dryCsv[0]!.value));
    row('dry run of the .xlsx (median of 3)', median(dryXlsx.map((d) => d.ms)), outcome(dryXlsx[0]!.value));
    row('mapping step: preview of the .xlsx (median of 3)', median(preview), 'columns, samples, matches');
    row(
      'dry run of the .xlsx with the mapping step’s choices (median of 3)',
      median(dryMapped.map((d) => d.ms)),
      outcome(dryMapped[0]!.value),
    );
    row('real import of the .xlsx into the empty store', real.ms, outcome(real.value));
    row(
      'dry run of the .xlsx as a job, polled to done (progress path, median of 3)',
      median(jobDry.map((d) => d.ms)),
      `${outcome(jobDry[0]!.value.report)}; ${jobDry[0]!.value.polls} polls`,
    );
    row(
      'real import of the .xlsx into an empty store, plain (same run, beside the next)',
      plainReal.ms,
      outcome(plainReal.value),
    );
    row(
      'real import of the .xlsx into an empty store as a job, polled to done (progress path)',
      jobReal.ms,
      `${outcome(jobReal.value.report)}; ${jobReal.value.polls} polls; ${((jobReal.ms / plainReal.ms - 1) * 100).toFixed(0)}% vs plain`,
    );
    row('dry run of the same file again', againDry.ms, outcome(againDry.value));
    row('real import of the .csv again (idempotent)', againReal.ms, outcome(againReal.value));
    out();
    out(
      `Memory after the import runs: rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB, heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB.`,
    );
    out();
  } finally {
    await source.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
