/**
 * The import screen on a large file (issue 19): 5,000 generated rows (made-up names) checked through the
 * import job in headless Chromium against the built server, then the paged report grown by "Show more".
 * Timed from the Node side around each click (Playwright's round trips included), median of the runs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { median } from './stats';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, startServer } from './tab';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `rows` distinct made-up children, received in the past whatever day the bench runs. */
function bigTracker(rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    const surname = `Test${LETTERS[Math.floor(i / 26) % 26]}${LETTERS[i % 26]}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    return `${surname},Notreal,${day}/0${(i % 9) + 1}/2014,Perm ex,20/01/2026`;
  });
  return ['Surname,Forename,DOB,Reason,Date received', ...lines].join('\n') + '\n';
}

export async function importReportBench(
  out: (line?: string) => void,
  opts: { rows: number; runs: number },
): Promise<void> {
  out(`## The import screen on ${opts.rows.toLocaleString('en-GB')} rows (headless Chromium)`);
  out();
  if (!existsSync(join(ROOT, 'dist', 'tab', 'index.html')) || !existsSync(CHROMIUM)) {
    out('Skipped: needs the built tab (`npm run build`) and Chromium.');
    out();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cmoe-bench-import-report-'));
  const file = join(dir, 'big tracker (synthetic).csv');
  writeFileSync(file, bigTracker(opts.rows));
  const server = await startServer(0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const check: number[] = [];
  const more: number[] = [];
  try {
    for (let i = 0; i < opts.runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
      await context.addInitScript(`window.sessionStorage.setItem('cmoe.devUser', 'dev-admin')`);
      const page = await context.newPage();
      await page.goto(`${server.url}/import`);
      await page.getByLabel('Spreadsheet to import (.xlsx or .csv)').setInputFiles(file);
      await page.getByRole('table', { name: 'Columns of the file' }).waitFor();
      let t0 = performance.now();
      await page.getByRole('button', { name: 'Check file' }).click();
      const table = page.getByRole('table', { name: 'Rows of the file, checked' });
      await table.getByRole('row').nth(200).waitFor({ timeout: 120_000 });
      check.push(performance.now() - t0);
      t0 = performance.now();
      await page.getByRole('button', { name: 'Show 200 more rows' }).click();
      await table.getByRole('row').nth(400).waitFor();
      more.push(performance.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  out('| step | median | runs |');
  out('|---|---|---|');
  out(
    `| "Check file" to the first 200 report rows shown (upload, the job's check of every row, polls every 400 ms, render) | ${ms(median(check))} | ${check.length} |`,
  );
  out(`| "Show 200 more rows" to 400 rows rendered | ${ms(median(more))} | ${more.length} |`);
  out();
}
