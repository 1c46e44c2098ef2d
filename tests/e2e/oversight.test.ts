/**
 * The oversight screen (issue 17) in real headless Chromium against the built server: a senior manager
 * lands on it, changes the period, reads a chart's table and downloads the report; axe finds no serious
 * or critical issue in light, dark and high contrast; a member can open the cases behind a figure, an
 * admin cannot. Dates come from the server's own answer, never from the test's clock.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { makeDate } from '../../src/domain/calendar';
import type { OversightFigures } from '../../src/domain/oversight';
import { docxParagraphs } from '../helpers/docxText';
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
  startServer,
} from './harness';

jest.setTimeout(E2E_TEST_TIMEOUT_MS);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await prepareE2E();
  server = await startServer({ seedCases: 60 });
  browser = await launchBrowser();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Three calendar months ending on the server's today, from the server's default answer. */
async function threeMonths(): Promise<{ from: string; to: string }> {
  const figures = await apiAs(server, 'dev-senior').get<OversightFigures>('/api/oversight');
  const to = figures.period.to;
  return { from: makeDate(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 2, 1), to };
}

describe('a senior manager', () => {
  test('lands on the oversight screen, changes the period, reads a chart’s table and downloads the report', async () => {
    const period = await threeMonths();
    const expected = await apiAs(server, 'dev-senior').get<OversightFigures>(
      `/api/oversight?from=${period.from}&to=${period.to}`,
    );
    const { context, page } = await openPage(browser, server, { user: 'dev-senior' });
    try {
      await page.getByRole('heading', { level: 1, name: 'Oversight' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/oversight');
      // The list is one click away.
      await page.getByRole('link', { name: 'Cases' }).waitFor();

      await page.getByRole('textbox', { name: 'From', exact: true }).fill(period.from);
      await page.getByRole('textbox', { name: 'To', exact: true }).fill(period.to);
      await page.getByRole('button', { name: 'Show figures' }).click();
      await page.getByText(`Figures for ${period.from} to ${period.to}`).waitFor();

      // The category chart's numbers, as a table: each row says what the API says.
      const table = page.getByRole('table', { name: 'Children on the list by category: the numbers' });
      for (const c of expected.now.byCategory) {
        const row = table.getByRole('row').filter({ hasText: c.label });
        expect((await row.getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual([c.label, String(c.count)]);
      }
      // A senior manager reads cases, so the figures open onto them.
      expect(await table.getByRole('columnheader', { name: 'Cases' }).count()).toBe(1);

      // Over time by month: one row per month of the period.
      const flow = page.getByRole('table', {
        name: /^Referrals, closures and children on the list, by month/,
      });
      expect(await flow.getByRole('row').count()).toBe(1 + 3);

      await page.getByRole('checkbox', { name: /fewer than 5/ }).check();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download report' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`cmoe-oversight-${period.from}-to-${period.to}.docx`);
      const text = docxParagraphs(readFileSync((await download.path())!)).join('\n');
      expect(text).toMatch(/OFFICIAL-SENSITIVE/);
      expect(text).toMatch(/Counts from 1 to 4 are shown as "fewer than 5"/);
      expect(text).not.toMatch(/CMOE-\d/);
    } finally {
      await context.close();
    }
  });
});

describe('drill-down to cases', () => {
  test('a member opens the cases behind a figure', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo', path: '/oversight' });
    try {
      const card = page.getByRole('region', { name: 'Children on the list by concern' });
      const show = card.getByRole('button', { name: /^Show \d+ cases: / }).first();
      await show.click();
      const link = card.getByRole('navigation').getByRole('link').first();
      const ref = await link.innerText();
      expect(ref).toMatch(/^CMOE-\d{4}$/);
      await link.click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${ref} ·`) }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('with the keyboard alone, a member reaches a figure’s cases and opens one', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo', path: '/oversight' });
    try {
      await page.getByRole('table', { name: 'Children on the list by concern: the numbers' }).waitFor();
      // The focused element as TAG:text (`:focus` through Playwright: the test files have no DOM types).
      const focusedName = async () => {
        const focused = page.locator(':focus');
        if ((await focused.count()) === 0) return '';
        // textContent, not innerText: the charts' own focusable parts are SVG elements.
        return focused.evaluate((el) => `${el.tagName}:${el.textContent ?? ''}`);
      };
      // Tab from the top of the page until a figure's "Show N cases" button has the focus.
      let reached = '';
      for (let i = 0; i < 200 && !/^BUTTON:Show \d+ cases/.test(reached); i++) {
        await page.keyboard.press('Tab');
        reached = await focusedName();
      }
      expect(reached).toMatch(/^BUTTON:Show \d+ cases/);
      await page.keyboard.press('Enter');
      // The refs behind the figure are listed in the figure's card (after its table): Tab reaches them.
      let link = '';
      for (let i = 0; i < 100 && !/^A:CMOE-\d{4}$/.test(link); i++) {
        await page.keyboard.press('Tab');
        link = await focusedName();
      }
      expect(link).toMatch(/^A:CMOE-\d{4}$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${link.slice(2)} ·`) }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('an admin sees the same figures and no way to the cases', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-admin', path: '/oversight' });
    try {
      const table = page.getByRole('table', { name: 'Children on the list by concern: the numbers' });
      await table.waitFor();
      expect(await table.getByRole('columnheader', { name: 'Cases' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Show \d+ cases/ }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /^CMOE-\d/ }).count()).toBe(0);
      const body = JSON.stringify(await apiAs(server, 'dev-admin').get('/api/oversight'));
      expect(body).not.toMatch(/CMOE-\d/);
    } finally {
      await context.close();
    }
  });
});

describe('accessibility', () => {
  for (const theme of ['default', 'dark', 'contrast'] as ThemeName[]) {
    test(`no serious or critical axe violations on the oversight screen in the ${theme} theme`, async () => {
      const { context, page } = await openPage(browser, server, {
        user: 'dev-senior',
        path: '/oversight',
        theme,
        axe: true,
      });
      try {
        await page.getByRole('table', { name: 'Children on the list by category: the numbers' }).waitFor();
        await page
          .getByRole('button', { name: /^Show \d+ cases/ })
          .first()
          .click();
        await page.getByRole('tab', { name: 'By meeting' }).click();
        await page
          .getByRole('table', { name: /by meeting: the numbers$/ })
          .first()
          .waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
