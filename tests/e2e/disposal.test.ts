/**
 * The disposal review in real headless Chromium against the built server (issue 18): the demo year is
 * seeded, then a second server opens the same database fifteen months on with a one-year retention
 * rule, so the demo's closed cases are past retention. The admin places a hold on one case and approves
 * the disposal of another through the confirm dialog; the API then shows the disposed case anonymous
 * and the held one untouched. A member sees no review and the API refuses them. axe-core finds no
 * serious or critical violation, in every theme, with and without the dialog open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Case } from '../../src/domain/types';
import type { DisposalReview } from '../../src/domain/retention';
import {
  AXE_THEMES,
  E2E_CLOCK_START,
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

beforeAll(async () => {
  await prepareE2E();
  dir = mkdtempSync(join(tmpdir(), 'cmoe-e2e-disposal-'));
  const sqlitePath = join(dir, 'cmoe.sqlite');
  const seeding = await startServer({ seedCases: 30, sqlitePath });
  await seeding.stop();
  // Fifteen months on (the same day of the week is irrelevant here): every demo closure is over a year old.
  const later = new Date(E2E_CLOCK_START.getTime() + 456 * 24 * 3600_000);
  server = await startServer({
    seedCases: 30,
    sqlitePath,
    clockStart: later,
    env: { RETENTION_RULE: 'years-after-closure:1' },
  });
  browser = await launchBrowser();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const review = () => apiAs(server, 'dev-admin').get<DisposalReview>('/api/retention/review');

async function openReview(page: Page) {
  await page.getByRole('heading', { name: 'Disposal review' }).waitFor();
  await page.getByRole('table', { name: 'Cases past retention' }).waitFor();
}

describe('the disposal review', () => {
  it('lets the admin hold one case and approve the disposal of another, with a confirm dialog', async () => {
    const before = await review();
    expect(before.due.length).toBeGreaterThanOrEqual(2);
    const [gone, kept] = before.due as [DisposalReview['due'][number], DisposalReview['due'][number]];
    const chair = apiAs(server, 'dev-chair');
    const keptBefore = (await chair.get<{ case: Case }>(`/api/cases/${kept.ref}`)).case;

    const { context, page } = await openPage(browser, server, { user: 'dev-admin', path: '/retention' });
    try {
      await openReview(page);
      // A hold, with its reason.
      await page.getByRole('button', { name: `Place a hold on ${kept.ref}` }).click();
      await page.getByLabel(/Why the case must be kept/).fill('Litigation hold (synthetic)');
      await page.getByRole('button', { name: 'Place hold' }).click();
      await page.getByRole('status').getByText(`${kept.ref}: hold placed.`).waitFor();
      await page
        .getByRole('table', { name: 'Cases under a hold' })
        .getByRole('cell', { name: kept.ref, exact: true })
        .waitFor();

      // The approval: the button stays disabled until the ref is typed.
      await page.getByRole('button', { name: `Approve disposal of ${gone.ref}` }).click();
      const remove = page.getByRole('button', { name: 'Remove personal data' });
      expect(await remove.isDisabled()).toBe(true);
      await page.getByLabel(`Type ${gone.ref} to confirm`).fill(gone.ref);
      await remove.click();
      await page.getByRole('status').getByText(`${gone.ref}: personal data removed.`).waitFor();
      expect(
        await page
          .getByRole('table', { name: 'Cases past retention' })
          .getByRole('cell', { name: gone.ref, exact: true })
          .count(),
      ).toBe(0);
    } finally {
      await context.close();
    }

    const disposed = (await chair.get<{ case: Case }>(`/api/cases/${gone.ref}`)).case;
    expect(disposed).toMatchObject({ firstName: 'Removed', lastName: gone.ref, upn: null, status: 'closed' });
    expect(disposed.disposal?.approvedBy).toBe('dev-admin');
    const held = (await chair.get<{ case: Case }>(`/api/cases/${kept.ref}`)).case;
    expect(held.retentionHold?.reason).toBe('Litigation hold (synthetic)');
    expect({ ...held, retentionHold: undefined, version: 0, updatedAt: '' }).toEqual({
      ...keptBefore,
      retentionHold: undefined,
      version: 0,
      updatedAt: '',
    });
    const after = await review();
    expect(after.due.map((d) => d.ref)).not.toContain(gone.ref);
    expect(after.due.map((d) => d.ref)).not.toContain(kept.ref);
  });

  it('is not offered to a member, and the API refuses them', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo' });
    try {
      await page.getByRole('link', { name: 'My actions' }).waitFor();
      expect(await page.getByRole('link', { name: 'Disposal review' }).count()).toBe(0);
    } finally {
      await context.close();
    }
    expect((await apiAs(server, 'dev-member-ewo').call('GET', '/api/retention/review')).status).toBe(403);
  });
});

describe('accessibility', () => {
  test.each<ThemeName>([...AXE_THEMES])(
    'the disposal review and its confirm dialog: no serious or critical violations (%s theme)',
    async (theme) => {
      const { context, page } = await openPage(browser, server, {
        user: 'dev-admin',
        path: '/retention',
        theme,
        axe: true,
      });
      try {
        await openReview(page);
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page
          .getByRole('button', { name: /^Approve disposal of / })
          .first()
          .click();
        await page.getByRole('dialog').waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
