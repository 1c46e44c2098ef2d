/**
 * A large file in real headless Chromium against the built server (issue 19): 5,000 generated rows
 * (made-up names) are checked and imported through the import job, the progress bar shows for both
 * with its accessible name, axe-core finds no serious or critical violation while it runs nor on the
 * 5,000-row report, which stays paged (200 rows, then "Show more").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  E2E_TEST_TIMEOUT_MS,
  PREPARE_TIMEOUT_MS,
  type TestServer,
  apiAs,
  launchBrowser,
  openPage,
  prepareE2E,
  seriousAxeViolations,
  startServer,
} from './harness';
import type { CaseSummary } from '../../src/domain/views';

jest.setTimeout(E2E_TEST_TIMEOUT_MS * 2);

const ROWS = 5000;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** 5,000 distinct made-up children: surname by two letters, date of birth by day and month. */
function bigTracker(): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const surname = `Test${LETTERS[Math.floor(i / 26) % 26]}${LETTERS[i % 26]}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    return `${surname},Notreal,${day}/0${(i % 9) + 1}/2014,Perm ex,20/01/2027`;
  });
  return ['Surname,Forename,DOB,Reason,Date received', ...rows].join('\n') + '\n';
}

let server: TestServer;
let browser: Browser;
let dir: string;
let file: string;

beforeAll(async () => {
  await prepareE2E();
  dir = mkdtempSync(join(tmpdir(), 'cmoe-e2e-big-'));
  file = join(dir, 'big tracker (synthetic).csv');
  writeFileSync(file, bigTracker());
  server = await startServer({ seedCases: 0 });
  browser = await launchBrowser();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('5,000 rows are checked and imported with a progress bar, axe clean, and the report stays paged', async () => {
  const { context, page } = await openPage(browser, server, {
    user: 'dev-admin',
    path: '/import',
    axe: true,
  });
  try {
    await page.getByRole('heading', { name: 'Import the group’s spreadsheet' }).waitFor();
    await page.getByLabel('Spreadsheet to import (.xlsx or .csv)').setInputFiles(file);
    await page.getByRole('table', { name: 'Columns of the file' }).waitFor();
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('progressbar', { name: 'Checking the file' }).waitFor();
    await page.getByRole('heading', { name: /^Check report/ }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar', { name: 'Checking the file' }).count()).toBe(0);

    const checked = page.getByRole('table', { name: 'Rows of the file, checked' });
    // Paged: the first 200 rows and the header row, then "Show more".
    expect(await checked.getByRole('row').count()).toBe(201);
    await page.getByText('Showing 200 of 5,000 rows').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Import 5000 rows' }).click();
    const bar = page.getByRole('progressbar', { name: 'Importing the file' });
    await bar.waitFor();
    // Its status is announced politely, in words.
    await page
      .getByRole('status')
      .filter({ hasText: /^(Reading the file|Checking|Importing)/ })
      .first()
      .waitFor();
    // The page with the bar on it (the bar may finish while axe runs: the report is checked below too).
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: /^Import report/ }).waitFor({ timeout: 90_000 });
    expect(await bar.count()).toBe(0);
    await page.getByRole('button', { name: 'Show 200 more rows' }).click();
    await page.getByText('Showing 400 of 5,000 rows').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const cases = await apiAs(server, 'dev-chair').get<CaseSummary[]>('/api/cases');
    expect(cases).toHaveLength(ROWS);
  } finally {
    await context.close();
  }
});
