/**
 * Import, export and the audit log in real headless Chromium against the built server (issues 9 and 7):
 * the admin checks and imports the synthetic sample tracker (with one bad row added), skipping the
 * rejected row, and a re-check finds everything unchanged; a malformed file is refused in words; a
 * member exports the filtered list and the downloaded file holds exactly those cases; admins and senior
 * managers read the audit log with those entries and a refusal; members have no admin screens and the
 * API refuses them; axe-core finds no serious or critical violation on either screen, light and dark.
 *
 * The tests run in order and build on each other (the import feeds the list and the audit log).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AuditEntry } from '../../src/domain/types';
import type { CaseSummary } from '../../src/domain/views';
import { parseCsv } from '../../src/spreadsheet/csv';
import {
  E2E_TEST_TIMEOUT_MS,
  PREPARE_TIMEOUT_MS,
  type TestServer,
  type ThemeName,
  apiAs,
  launchBrowser,
  openPage,
  prepareE2E,
  seriousAxeViolations,
  AXE_THEMES,
  startServer,
} from './harness';

jest.setTimeout(E2E_TEST_TIMEOUT_MS);

const FIXTURES = join(__dirname, '..', 'fixtures');
const OPEN = 'referred,open,escalated,monitoring';

let server: TestServer;
let browser: Browser;
let dir: string;
/** The sample tracker with one row whose date of birth is no date (sheet row 17). */
let withBadRow: string;

beforeAll(async () => {
  await prepareE2E();
  server = await startServer({ seedCases: 30 });
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'cmoe-e2e-admin-'));
  const sample = readFileSync(join(FIXTURES, 'sample-tracker.csv'), 'utf8').replace(/\s+$/, '');
  withBadRow = join(dir, 'tracker with a bad row (synthetic).csv');
  writeFileSync(
    withBadRow,
    `${sample}\r\nInvalidrow,Testa,31/02/2015,Y5,,Demo Primary (synthetic),Perm ex,None,,05/01/2026,EWO,Demo Member (Bea Placeholder),20/03/2026\r\n`,
  );
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const reportTable = (page: Page, checked: boolean) =>
  page.getByRole('table', { name: checked ? 'Rows of the file, checked' : 'Rows of the file, imported' });

/** Each report row as [row, outcome, ref]. */
async function reportRows(page: Page, checked: boolean): Promise<string[][]> {
  const table = reportTable(page, checked);
  await table.waitFor();
  const rows = await table.getByRole('row').all();
  const out: string[][] = [];
  for (const r of rows.slice(1)) {
    const cells = await r.getByRole('cell').allInnerTexts();
    out.push(cells.slice(0, 3).map((c) => c.trim()));
  }
  return out;
}

/** POST /api/import (a dry run) of the sample as `user`, as the tab sends it; the status. */
async function uploadAs(user: string): Promise<number> {
  const res = await fetch(`${server.url}/api/import?dryRun=true`, {
    method: 'POST',
    headers: { Authorization: `Bearer dev:${user}`, 'Content-Type': 'text/csv' },
    body: readFileSync(join(FIXTURES, 'sample-tracker.csv')),
  });
  return res.status;
}

async function chooseFile(page: Page, path: string) {
  await page.getByLabel('Spreadsheet to import (.xlsx or .csv)').setInputFiles(path);
}

describe('importing the spreadsheet as the admin', () => {
  test('check shows every row, rejected included; import with skip; the list has the case; a re-check is all unchanged', async () => {
    // The synthetic demo data can hold a Placeholda too: the import adds exactly one to those.
    const chair = apiAs(server, 'dev-chair');
    const demoPlaceholdas = (await chair.get<CaseSummary[]>('/api/cases?q=Placeholda')).map((c) => c.ref);
    const { context, page } = await openPage(browser, server, { user: 'dev-admin', path: '/import' });
    try {
      await page.getByRole('heading', { name: 'Import the group’s spreadsheet' }).waitFor();
      await chooseFile(page, withBadRow);
      await page.getByRole('button', { name: 'Check file' }).click();
      const checked = await reportRows(page, true);
      expect(checked.map((r) => r[0])).toEqual([
        '5',
        '6',
        '7',
        '9',
        '10',
        '11',
        '13',
        '14',
        '15',
        '16',
        '17',
      ]);
      expect(checked.filter((r) => r[1] === 'Will create')).toHaveLength(10);
      expect(checked[10]).toEqual(['17', 'Rejected', '—']);
      const bad = await reportTable(page, true).getByRole('row').last().getByRole('cell').last().innerText();
      expect(bad).toMatch(/^Column 'D\.O\.B\.', cell C17: is not a date/);

      const importButton = page.getByRole('button', { name: 'Import 10 rows' });
      expect(await importButton.isDisabled()).toBe(true);
      await page.getByText(/^1 row is rejected, so nothing would be written/).waitFor();
      await page.getByRole('checkbox', { name: /^Skip rejected rows/ }).check();
      await importButton.click();

      const imported = await reportRows(page, false);
      expect(imported).toHaveLength(11);
      expect(imported.slice(0, 10).every((r) => r[1] === 'Created' && /^CMOE-\d{4}$/.test(r[2]!))).toBe(true);
      expect(imported[10]).toEqual(['17', 'Left out', '—']);
      await page.getByText(/10 cases created, 0 updated, 0 unchanged, 1 rejected row left out\./).waitFor();

      // The cases are in the list (the admin reads no case: the chair looks).
      const found = await chair.get<CaseSummary[]>('/api/cases?q=Placeholda');
      expect(found.map((c) => c.ref).sort()).toEqual([...demoPlaceholdas, imported[4]![2]].sort());
      const list = await openPage(browser, server, { user: 'dev-chair' });
      try {
        await list.page.getByRole('searchbox', { name: 'Search by name or ref' }).fill('Placeholda');
        await list.page.getByRole('link', { name: `${imported[4]![2]}, Placeholda Madeup` }).waitFor();
      } finally {
        await list.context.close();
      }

      await page.getByRole('button', { name: 'Check again' }).click();
      await page.getByRole('heading', { name: /^Check report/ }).waitFor();
      const again = await reportRows(page, true);
      expect(again.slice(0, 10).map((r) => r[1])).toEqual(Array(10).fill('Unchanged'));
      expect(again.slice(0, 10).map((r) => r[2])).toEqual(imported.slice(0, 10).map((r) => r[2]));
      expect(again[10]![1]).toBe('Rejected');
      expect(await page.getByRole('button', { name: 'Import 0 rows' }).isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('a file that is not a spreadsheet is refused in words, and stays chosen', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-admin', path: '/import' });
    try {
      await chooseFile(page, join(FIXTURES, 'not-a-spreadsheet.xlsx'));
      await page.getByRole('button', { name: 'Check file' }).click();
      await page.getByText('The file cannot be imported').waitFor();
      await page.getByText(/The file is not a spreadsheet: import an Excel workbook/).waitFor();
      await page.getByText(/^Chosen: not-a-spreadsheet\.xlsx\./).waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('exporting the list as a member', () => {
  test('the downloaded CSV holds exactly the cases of the filtered list', async () => {
    const member = apiAs(server, 'dev-member-ewo');
    const expected = (await member.get<CaseSummary[]>(`/api/cases?status=${OPEN}&concern=high`))
      .map((c) => c.ref)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo' });
    try {
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
      await page.getByRole('combobox', { name: 'Concern' }).selectOption('high');
      await page.getByText(new RegExp(`^Showing ${expected.length} of \\d+ cases$`)).waitFor();
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByText(`The ${expected.length} cases shown`).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'CSV (.csv)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^cmoe-cases-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const [header, ...rows] = parseCsv(text).filter((r) => r.some((c) => c !== ''));
      const refColumn = header!.indexOf('Ref');
      expect(refColumn).toBeGreaterThanOrEqual(0);
      expect(rows.map((r) => r[refColumn]).sort()).toEqual(expected);
      await page.getByText(`${expected.length} cases saved to ${download.suggestedFilename()}.`).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('the audit log', () => {
  test.each([
    ['the admin', 'dev-admin'],
    ['a senior manager', 'dev-senior'],
  ])('%s reads the import, the export and a refusal', async (_who, user) => {
    // A member asking for the import is refused, and the refusal is audited.
    expect(await uploadAs('dev-member-ewo')).toBe(403);
    const { context, page } = await openPage(browser, server, { user, path: '/audit' });
    try {
      const table = page.getByRole('table', { name: 'Audit entries, newest first' });
      await table.waitFor();
      await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Imported data' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const imported = table.getByRole('row').filter({ hasText: 'Imported data' });
      await imported.first().waitFor();
      expect(await imported.first().innerText()).toMatch(/dev-admin[\s\S]*import:csv[\s\S]*created=10/);
      expect(await table.getByRole('row').count()).toBe(2);

      await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Exported data' });
      await page.getByRole('textbox', { name: 'User id' }).fill('dev-member-ewo');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await table.getByRole('row').filter({ hasText: 'format=csv' }).first().waitFor();
      expect(await table.getByRole('row').filter({ hasText: 'Exported data' }).count()).toBeGreaterThan(0);

      await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Access refused' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await table.getByRole('row').filter({ hasText: 'Access refused' }).first().waitFor();
      expect(await table.getByRole('button').count()).toBe(0);
      const refusals = await apiAs(server, 'dev-admin').get<AuditEntry[]>(
        '/api/audit?action=access.refused&userId=dev-member-ewo',
      );
      expect(refusals.some((e) => e.target === 'import')).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('a member', () => {
  test('has no Import or Audit log tab, is refused on the screens, and the API refuses them', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo' });
    try {
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
      await page.getByRole('link', { name: 'My actions' }).waitFor();
      expect(await page.getByRole('link', { name: 'Import' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
      await page.goto(`${server.url}/import`);
      await page.getByText('Only an administrator can import the group’s spreadsheet.').waitFor();
      await page.goto(`${server.url}/audit`);
      await page.getByText('Only administrators and senior managers can read the audit log.').waitFor();
    } finally {
      await context.close();
    }
    const member = apiAs(server, 'dev-member-ewo');
    expect((await member.call('GET', '/api/audit')).status).toBe(403);
    expect(await uploadAs('dev-member-ewo')).toBe(403);
  });
});

describe('accessibility', () => {
  test.each<ThemeName>([...AXE_THEMES])(
    'the import screen with a report, and the audit log: no serious or critical violations (%s theme)',
    async (theme) => {
      const { context, page } = await openPage(browser, server, {
        user: 'dev-admin',
        path: '/import',
        theme,
        axe: true,
      });
      try {
        await page.getByRole('heading', { name: 'Import the group’s spreadsheet' }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await chooseFile(page, withBadRow);
        await page.getByRole('button', { name: 'Check file' }).click();
        await reportTable(page, true).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await chooseFile(page, join(FIXTURES, 'not-a-spreadsheet.xlsx'));
        await page.getByRole('button', { name: 'Check file' }).click();
        await page.getByText('The file cannot be imported').waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);

        await page.getByRole('link', { name: 'Audit log' }).click();
        await page.getByRole('table', { name: 'Audit entries, newest first' }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
