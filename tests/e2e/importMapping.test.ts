/**
 * The import's mapping step in real headless Chromium against the built server (issue 19): a council
 * tracker with no date received column imports once the admin chooses "one date for every row" on
 * screen; every new case takes that date and its report row says so; axe-core finds no serious or
 * critical violation on the mapping step, light and dark. (The same file from the command line with
 * --received-on: tests/import/cli.test.ts.)
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
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
import type { CaseDetail, CaseSummary } from '../../src/domain/views';

jest.setTimeout(E2E_TEST_TIMEOUT_MS);

const COUNCIL_A = join(__dirname, '..', 'fixtures', 'council-a-no-received.csv');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await prepareE2E();
  server = await startServer({ seedCases: 0 });
  browser = await launchBrowser();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a file with no date received column imports after the admin chooses one date for every row', async () => {
  const { context, page } = await openPage(browser, server, { user: 'dev-admin', path: '/import' });
  try {
    await page.getByRole('heading', { name: 'Import the group’s spreadsheet' }).waitFor();
    await page.getByLabel('Spreadsheet to import (.xlsx or .csv)').setInputFiles(COUNCIL_A);
    await page.getByText('Required, with no column: Date received').waitFor();
    const columns = page.getByRole('table', { name: 'Columns of the file' });
    expect(await columns.getByRole('row').count()).toBe(12);
    expect(
      await page.getByRole('combobox', { name: 'Column F, Date out of education: import as' }).innerText(),
    ).toBe('Out of education since');
    // Without a way forward the check waits; one date for every row lets it go on.
    await page.getByRole('radio', { name: 'Use one date for every row' }).check();
    const date = page.getByLabel(/Date received for every row/);
    expect(await date.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await date.fill('2027-01-11');
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('heading', { name: /^Check report/ }).waitFor();
    const checked = page.getByRole('table', { name: 'Rows of the file, checked' });
    await checked
      .getByText(/Warning: No date received: recorded as 11\/01\/2027/)
      .first()
      .waitFor();

    await page.getByRole('checkbox', { name: /^Skip rejected rows/ }).check();
    await page.getByRole('button', { name: /^Import \d+ rows?$/ }).click();
    await page.getByRole('heading', { name: /^Import report/ }).waitFor();
    const imported = page.getByRole('table', { name: 'Rows of the file, imported' });
    const created = imported.getByRole('row').filter({ hasText: 'Created' });
    const n = await created.count();
    expect(n).toBeGreaterThan(0);
    expect(
      await created.filter({ hasText: 'recorded as 11/01/2027, the date given for every row' }).count(),
    ).toBe(n);

    // The chair sees the cases, each received on the date chosen on screen.
    const chair = apiAs(server, 'dev-chair');
    const cases = await chair.get<CaseSummary[]>('/api/cases');
    expect(cases).toHaveLength(n);
    for (const c of cases)
      expect((await chair.get<CaseDetail>(`/api/cases/${c.ref}`)).case.receivedOn).toBe('2027-01-11');
  } finally {
    await context.close();
  }
});

test.each<ThemeName>([...AXE_THEMES])(
  'the mapping step: no serious or critical violations (%s theme)',
  async (theme) => {
    const { context, page } = await openPage(browser, server, {
      user: 'dev-admin',
      path: '/import',
      theme,
      axe: true,
    });
    try {
      await page.getByLabel('Spreadsheet to import (.xlsx or .csv)').setInputFiles(COUNCIL_A);
      await page.getByRole('table', { name: 'Columns of the file' }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('radio', { name: 'Use another column' }).check();
      await page.getByLabel('Column to take the date received from').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  },
);
