/**
 * Issue 18 in real headless Chromium against the built server: the chair records a disclosure on a case
 * in the dialog, sees it on the case, then in the disclosure log (without its free text), as does the
 * admin; a member has no log; the admin downloads the child's subject access export (.json with the
 * disclosure, and .docx), both audited. axe-core finds no serious or critical violation, in every theme.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { DisclosureView } from '../../src/domain/disclosures';
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

beforeAll(async () => {
  await prepareE2E();
  server = await startServer({ seedCases: 5 });
  browser = await launchBrowser();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const REF = 'CMOE-0001';
const DETAILS = 'Name, date of birth and the last known address (synthetic)';

describe('the disclosure log', () => {
  test('the chair records a disclosure; it shows on the case and in the log, for the chair and the admin', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-chair', path: `/cases/${REF}` });
    try {
      await page.getByRole('tab', { name: 'Disclosures' }).click();
      await page.getByText('No disclosure has been recorded for this child.').waitFor();
      await page.getByRole('button', { name: 'Record a disclosure' }).click();
      const dialog = page.getByRole('dialog', { name: 'Record a disclosure' });
      await dialog.getByRole('textbox', { name: 'Recipient agency' }).fill('Demo Police (synthetic)');
      await dialog.getByRole('textbox', { name: 'Recipient role' }).fill('Missing persons coordinator');
      await dialog.getByRole('checkbox', { name: 'Known or suspected whereabouts' }).check();
      await dialog.getByRole('checkbox', { name: 'Health (special category)' }).check();
      await dialog.getByRole('textbox', { name: 'What was shared' }).fill(DETAILS);
      await dialog
        .getByRole('textbox', { name: 'Why: the significant-harm concern' })
        .fill('Missing 2 weeks');
      await dialog
        .getByRole('combobox', { name: 'Lawful basis (UK GDPR Article 6)' })
        .selectOption({ label: 'UK GDPR Art 6(1)(e): public task' });
      const special = dialog.getByRole('combobox', {
        name: 'Special category condition (Article 9 / DPA 2018 Schedule 1)',
      });
      // Health data with "none" is refused by the server, in words, and the dialog keeps what was typed.
      await special.selectOption({ label: 'No special category or criminal offence data shared' });
      await dialog.getByRole('textbox', { name: 'Their role' }).fill('Chair, CMOE group');
      await dialog.getByRole('button', { name: 'Save disclosure' }).click();
      await dialog.getByText('Article 9 / Schedule 1 condition').first().waitFor();
      await special.selectOption({
        label: 'Art 9(2)(g) with DPA 2018 Sch 1 para 18: safeguarding of children and of individuals at risk',
      });
      await dialog.getByRole('button', { name: 'Save disclosure' }).click();
      const list = page.getByRole('list', { name: 'Disclosures, newest first' });
      await list.getByText(DETAILS).waitFor();
      expect(await list.innerText()).toContain('Demo Police (synthetic) (Missing persons coordinator)');

      const saved = await apiAs(server, 'dev-chair').get<DisclosureView[]>(`/api/cases/${REF}/disclosures`);
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({ details: DETAILS, specialCategory: 'art9-2g-sch1-para18' });

      await page.getByRole('link', { name: 'Disclosures' }).click();
      const table = page.getByRole('table', { name: 'Disclosures, newest first' });
      await table.getByRole('row').filter({ hasText: REF }).waitFor();
      expect(await table.innerText()).not.toContain(DETAILS);
    } finally {
      await context.close();
    }
    const admin = await openPage(browser, server, { user: 'dev-admin', path: '/disclosures' });
    try {
      const table = admin.page.getByRole('table', { name: 'Disclosures, newest first' });
      await table.getByRole('row').filter({ hasText: REF }).waitFor();
      expect(await table.innerText()).toContain('Demo Police (synthetic)');
    } finally {
      await admin.context.close();
    }
  });

  test('a member has no disclosure log, and is refused it in words', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo' });
    try {
      await page.getByRole('link', { name: 'My actions' }).waitFor();
      expect(await page.getByRole('link', { name: 'Disclosures' }).count()).toBe(0);
      await page.goto(`${server.url}/disclosures`);
      await page.getByText('Only the chair and administrators can read the disclosure log.').waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('subject access', () => {
  test('the admin downloads the export of one child, with the disclosure in it; it is audited', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-admin' });
    try {
      await page.getByRole('link', { name: 'Subject access' }).click();
      await page.getByRole('textbox', { name: 'Case ref' }).fill(REF.toLowerCase());
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Subject access export (.json)' }).click(),
      ]);
      expect(json.suggestedFilename()).toBe(`CMOE subject access ${REF}.json`);
      const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
        caseRef: string;
        disclosures: { details: string }[];
      };
      expect(exported.caseRef).toBe(REF);
      expect(exported.disclosures.map((d) => d.details)).toEqual([DETAILS]);
      const [docx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Subject access export (.docx)' }).click(),
      ]);
      expect(docx.suggestedFilename()).toBe(`CMOE subject access ${REF}.docx`);
      expect(
        readFileSync((await docx.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    } finally {
      await context.close();
    }
    const audit = await apiAs(server, 'dev-admin').get<{ fields: string[] }[]>(
      `/api/audit?action=case.subjectAccess&target=${REF}`,
    );
    expect(audit.map((e) => e.fields).sort()).toEqual([['format=docx'], ['format=json']]);
  });
});

describe('accessibility', () => {
  test.each<ThemeName>([...AXE_THEMES])(
    'the case disclosures with the dialog open, and the log: no serious or critical violations (%s theme)',
    async (theme) => {
      const { context, page } = await openPage(browser, server, {
        user: 'dev-chair',
        path: `/cases/${REF}`,
        theme,
        axe: true,
      });
      try {
        await page.getByRole('tab', { name: 'Disclosures' }).click();
        await page.getByRole('list', { name: 'Disclosures, newest first' }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Record a disclosure' }).click();
        await page.getByRole('dialog', { name: 'Record a disclosure' }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('link', { name: 'Disclosures' }).click();
        await page.getByRole('table', { name: 'Disclosures, newest first' }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  test.each<ThemeName>([...AXE_THEMES])(
    'the subject access page: no serious or critical violations (%s theme)',
    async (theme) => {
      const { context, page } = await openPage(browser, server, {
        user: 'dev-admin',
        path: '/subject-access',
        theme,
        axe: true,
      });
      try {
        await page.getByRole('heading', { name: 'Subject access' }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
