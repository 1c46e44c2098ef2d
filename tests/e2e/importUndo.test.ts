/**
 * Issue 19 in real headless Chromium against the built server: the admin imports a small synthetic
 * file in the tab, then undoes it with "Undo this import" and its confirm dialog; the result says what
 * was removed; the cases are gone from the API; axe-core finds no serious or critical violation with
 * the dialog open nor on the result, light and dark.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CaseSummary } from '../../src/domain/views';
import {
  AXE_THEMES,
  E2E_TEST_TIMEOUT_MS,
  PREPARE_TIMEOUT_MS,
  type TestServer,
  type ThemeName,
  apiAs,
  launchBrowser,
  openPage,
  prepareE2E,
  seriousAxeViolations,
  startServer,
} from './harness';

jest.setTimeout(E2E_TEST_TIMEOUT_MS);

let server: TestServer;
let browser: Browser;
let dir: string;
let file: string;

/** The sample tracker's title and header rows with two new synthetic children (other names each run). */
function writeFile(tag: string): string {
  const sample = readFileSync(join(__dirname, '..', 'fixtures', 'sample-tracker.csv'), 'utf8');
  const head = sample.split(/\r?\n/).slice(0, 4).join('\r\n');
  const path = join(dir, `undo ${tag} (synthetic).csv`);
  const row = (surname: string, forename: string, dob: string) =>
    `${surname},${forename},${dob},Y5,,Demo Primary (synthetic),Perm ex,None,,05/01/2026,EWO,Demo Member (Bea Placeholder),20/03/2026,,,,Amber,Open,,`;
  writeFileSync(
    path,
    `${head}\r\n${row(`Undotest${tag}`, 'Alphina', '02/03/2015')}\r\n${row(`Undotest${tag}`, 'Betasia', '04/05/2015')}\r\n`,
  );
  return path;
}

beforeAll(async () => {
  await prepareE2E();
  server = await startServer({ seedCases: 5 });
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'cmoe-e2e-undo-'));
  file = writeFile('a');
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function importInTab(page: Page, path: string) {
  await page.getByRole('heading', { name: 'Import the group’s spreadsheet' }).waitFor();
  await page.getByLabel('Spreadsheet to import (.xlsx or .csv)').setInputFiles(path);
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByText(/2 cases created, 0 updated, 0 unchanged/).waitFor();
}

test('the admin imports two rows, confirms "Undo this import", and the two cases are gone', async () => {
  const chair = apiAs(server, 'dev-chair');
  const { context, page } = await openPage(browser, server, { user: 'dev-admin', path: '/import' });
  try {
    await importInTab(page, file);
    expect(await chair.get<CaseSummary[]>('/api/cases?q=Undotesta')).toHaveLength(2);
    await page.getByRole('button', { name: 'Undo this import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
    await dialog.getByText(/The 2 cases it created will be removed/).waitFor();
    await dialog.getByRole('button', { name: 'Undo the import' }).click();
    await page.getByText('Import undone').waitFor();
    await page.getByText(/2 cases removed, 0 put back as they were, 0 left alone\./).waitFor();
    expect(await page.getByRole('button', { name: 'Undo this import' }).count()).toBe(0);
    expect(await chair.get<CaseSummary[]>('/api/cases?q=Undotesta')).toEqual([]);
  } finally {
    await context.close();
  }
});

test.each<ThemeName>([...AXE_THEMES])(
  'the undo dialog and its result: no serious or critical violations (%s theme)',
  async (theme) => {
    const { context, page } = await openPage(browser, server, {
      user: 'dev-admin',
      path: '/import',
      theme,
      axe: true,
    });
    try {
      await importInTab(page, writeFile(`b${theme}`));
      await page.getByRole('button', { name: 'Undo this import' }).click();
      await page.getByRole('dialog', { name: 'Undo this import?' }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Undo the import' }).click();
      await page.getByText('Import undone').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  },
);
