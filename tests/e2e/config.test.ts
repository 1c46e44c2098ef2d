/**
 * The configurable tab's set-up page (/config) opened outside Teams, in real headless Chromium against
 * the built server: it says it is Teams' set-up page, shows what Teams would save for a channel and for
 * a meeting, and axe-core finds no serious or critical violation in the light and the dark theme.
 */
import type { Browser } from 'playwright-core';
import {
  E2E_TEST_TIMEOUT_MS,
  PREPARE_TIMEOUT_MS,
  type TestServer,
  launchBrowser,
  openPage,
  prepareE2E,
  seriousAxeViolations,
  AXE_THEMES,
  themeLabel,
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

describe('the tab set-up page outside Teams', () => {
  for (const theme of AXE_THEMES) {
    test(`explains itself and shows what Teams would save, with no serious axe violation (${themeLabel(theme)} theme)`, async () => {
      const { context, page } = await openPage(browser, server, {
        user: 'dev-member-ewo',
        theme,
        path: '/config',
        axe: true,
      });
      try {
        await page.getByRole('heading', { level: 1, name: /^Tab set-up/ }).waitFor();
        await page.getByText('Opened outside Teams').waitFor();
        const origin = new URL(server.url).origin;
        const channel = page.getByLabel('What Teams saves for a channel');
        const meeting = page.getByLabel('What Teams saves for a meeting');
        expect(await channel.getByText(`${origin}/?host=teams`, { exact: true }).count()).toBe(1);
        expect(await channel.getByText('cmoe-list', { exact: true }).count()).toBe(1);
        expect(await meeting.getByText(`${origin}/meetings/next?host=teams`, { exact: true }).count()).toBe(
          1,
        );
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
