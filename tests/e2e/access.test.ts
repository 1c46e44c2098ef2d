/**
 * Who may do what, and accessibility, in real headless Chromium against the built server (issue 4):
 * a senior manager reads everything but sees no edit control and the API refuses their writes; axe-core
 * finds no serious or critical violation on any screen in the light and the dark theme; deep links.
 */
import type { Browser, Page } from 'playwright-core';
import type { Action } from '../../src/domain/types';
import type { CaseSummary } from '../../src/domain/views';
import {
  E2E_TEST_TIMEOUT_MS,
  PREPARE_TIMEOUT_MS,
  type TestServer,
  apiAs,
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
  server = await startServer({ seedCases: 40 });
  browser = await launchBrowser();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function firstOpenCaseWithActions(): Promise<string> {
  const chair = apiAs(server, 'dev-chair');
  const cases = await chair.get<CaseSummary[]>('/api/cases?status=referred,open,monitoring');
  for (const c of cases) {
    const actions = await chair.get<Action[]>(`/api/actions?caseRef=${c.ref}&status=open`);
    if (actions.length > 0) return c.ref;
  }
  throw new Error('no open case with open actions in the seed');
}

describe('a senior manager', () => {
  test('reads the list and a case but sees no edit controls', async () => {
    const ref = await firstOpenCaseWithActions();
    // The tab's root opens the oversight figures for a senior manager (issue 17): the list is /cases.
    const { context, page } = await openPage(browser, server, { user: 'dev-senior', path: '/cases' });
    try {
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
      await page.getByText('Senior manager (read only)').waitFor();
      expect(await page.getByRole('link', { name: 'Refer a child' }).count()).toBe(0);

      await page.getByRole('searchbox', { name: 'Search by name or ref' }).fill(ref);
      await page.getByRole('link', { name: new RegExp(`^${ref},`) }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${ref} ·`) }).waitFor();
      await page.getByText('Your role can read this record but not change it.').waitFor();
      const record = page.getByRole('form', { name: 'Case record' });
      expect(await record.getByRole('textbox').count()).toBe(0);
      expect(await record.getByRole('combobox').count()).toBe(0);
      expect(await record.getByRole('checkbox').count()).toBe(0);
      expect(await record.getByRole('spinbutton').count()).toBe(0);
      for (const name of ['Save changes', 'Escalate', 'Close case', 'Reopen case'])
        expect(await page.getByRole('button', { name }).count()).toBe(0);
      // The record is all there, as text.
      await record.getByText('School or provision last attended').waitFor();

      await page.getByRole('tab', { name: /^Actions/ }).click();
      await page.getByRole('list', { name: 'Open actions' }).waitFor();
      for (const name of ['Add action', 'Complete', 'Extend due date'])
        expect(await page.getByRole('button', { name }).count()).toBe(0);
      await page.getByRole('tab', { name: /^Timeline/ }).click();
      expect(await page.getByRole('button', { name: 'Add update' }).count()).toBe(0);
      await page.getByRole('tab', { name: /^List checks/ }).click();
      expect(await page.getByRole('button', { name: 'Record check' }).count()).toBe(0);

      // Typing the referral URL does not offer the form either.
      await page.goto(`${server.url}/refer`);
      await page.getByText('Your role can view cases but not refer a child.').waitFor();
    } finally {
      await context.close();
    }
  });

  test('is refused by the API for every write the tab would send', async () => {
    const ref = await firstOpenCaseWithActions();
    const senior = apiAs(server, 'dev-senior');
    const chair = apiAs(server, 'dev-chair');
    const detail = await chair.get<{ case: { version: number } }>(`/api/cases/${ref}`);
    const [action] = await chair.get<Action[]>(`/api/actions?caseRef=${ref}&status=open`);
    const v = detail.case.version;
    const writes: [string, string, unknown, number?][] = [
      ['PATCH', `/api/cases/${ref}`, { lastSchool: 'Refused (synthetic)' }, v],
      ['POST', `/api/cases/${ref}/updates`, { text: 'Refused' }],
      [
        'POST',
        `/api/cases/${ref}/list-checks`,
        { list: 'cse', checkedOn: '2026-01-05', checkedBy: 'X', outcome: 'Y' },
        v,
      ],
      ['POST', `/api/cases/${ref}/close`, { reason: 'other', date: '2026-01-05' }, v],
      ['POST', `/api/cases/${ref}/escalations`, { to: 'director', reason: 'R', decisionRequested: 'D' }, v],
      ['POST', '/api/actions', { caseRef: ref, description: 'D' }],
      ['POST', `/api/actions/${action!.id}/complete`, { note: 'N' }, action!.version],
      ['POST', `/api/actions/${action!.id}/extend`, { dueDate: '2099-01-05', reason: 'R' }, action!.version],
    ];
    for (const [method, path, body, version] of writes) {
      const r = await senior.call(method, path, body, version);
      expect({ method, path, status: r.status, code: (r.body as { code?: string }).code }).toEqual({
        method,
        path,
        status: 403,
        code: 'Forbidden',
      });
    }
    const after = await chair.get<{ case: { version: number; lastSchool: string | null } }>(
      `/api/cases/${ref}`,
    );
    expect(after.case.version).toBe(v);
  });
});

describe('accessibility', () => {
  const screens: { name: string; user: string | undefined; open(page: Page): Promise<void> }[] = [
    {
      name: 'local sign-in',
      user: undefined,
      open: async (page) => {
        await page.getByRole('heading', { name: 'Sign in to the local demo' }).waitFor();
      },
    },
    {
      name: 'CMOE list',
      user: 'dev-chair',
      open: async (page) => {
        await page.getByText(/^Showing \d+ of \d+ cases$/).waitFor();
      },
    },
    {
      name: 'case record',
      user: 'dev-chair',
      open: async (page) => {
        const ref = await firstOpenCaseWithActions();
        await page.goto(`${server.url}/cases/${ref}`);
        await page.getByRole('form', { name: 'Case record' }).waitFor();
      },
    },
    {
      name: 'case actions with the SMART form and its errors',
      user: 'dev-chair',
      open: async (page) => {
        const ref = await firstOpenCaseWithActions();
        await page.goto(`${server.url}/cases/${ref}`);
        await page.getByRole('tab', { name: /^Actions/ }).click();
        await page.getByRole('button', { name: 'Add action' }).click();
        const form = page.getByRole('form', { name: 'New SMART action' });
        await form.getByRole('button', { name: 'Add action' }).click();
        await form.getByText('Choose who owns this action.').waitFor();
      },
    },
    {
      name: 'case timeline, list checks and escalations',
      user: 'dev-chair',
      open: async (page) => {
        const ref = await firstOpenCaseWithActions();
        await page.goto(`${server.url}/cases/${ref}`);
        await page.getByRole('tab', { name: /^List checks/ }).click();
        await page.getByRole('button', { name: 'Record check' }).waitFor();
      },
    },
    {
      name: 'a closed case (its status badge and closure)',
      user: 'dev-chair',
      open: async (page) => {
        const chair = apiAs(server, 'dev-chair');
        const [closed] = await chair.get<CaseSummary[]>('/api/cases?status=closed');
        if (!closed) throw new Error('no closed case in the seed');
        await page.goto(`${server.url}/cases/${closed.ref}`);
        await page.getByRole('button', { name: 'Reopen case' }).waitFor();
      },
    },
    {
      name: 'my actions with the complete form open',
      user: 'dev-member-ewo',
      open: async (page) => {
        await page.goto(`${server.url}/actions`);
        await page.getByRole('main').getByRole('button', { name: 'Complete' }).first().click();
        await page.getByRole('button', { name: 'Mark as done' }).waitFor();
      },
    },
    {
      name: 'referral form with its check',
      user: 'dev-member-ewo',
      open: async (page) => {
        await page.goto(`${server.url}/refer`);
        await page.getByRole('textbox', { name: 'First name' }).fill('Axe');
        await page.getByRole('textbox', { name: 'Last name' }).fill('Checkchild');
        await page.getByLabel('Date of birth').fill('2014-02-02');
        await page.getByRole('checkbox', { name: 'Off-rolling concern' }).check();
        await page.getByRole('combobox', { name: 'Current provision' }).selectOption({ label: 'None' });
        await page.getByRole('combobox', { name: 'Referral source' }).selectOption({ label: 'Other' });
        await page.getByText('Referral date', { exact: true }).waitFor();
      },
    },
  ];

  for (const theme of AXE_THEMES) {
    test(`no serious or critical axe violations on any screen in the ${themeLabel(theme)} theme`, async () => {
      const found: Record<string, unknown> = {};
      for (const screen of screens) {
        const { context, page } = await openPage(browser, server, { user: screen.user, theme, axe: true });
        try {
          await screen.open(page);
          const violations = await seriousAxeViolations(page);
          if (violations.length) found[screen.name] = violations;
          // The theme really is the one asked for: the switch shows it.
          expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe(theme);
        } finally {
          await context.close();
        }
      }
      expect(found).toEqual({});
    });
  }
});

describe('deep links and keyboard', () => {
  test('a case URL opens the case; an unknown ref says so; the list is keyboard operable', async () => {
    const chair = apiAs(server, 'dev-chair');
    const cases = await chair.get<CaseSummary[]>('/api/cases?status=referred,open,escalated,monitoring');
    const { context, page } = await openPage(browser, server, {
      user: 'dev-chair',
      path: '/cases/CMOE-9999',
    });
    try {
      await page.getByText('There is no case CMOE-9999').waitFor();
      await page.getByRole('button', { name: 'Back to the CMOE list' }).click();
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();

      // Keyboard only: focus the first row's link, move down with the arrow key, open with Enter.
      await page.getByRole('columnheader', { name: 'Ref' }).click();
      const sorted = cases.map((c) => c.ref).sort();
      await page
        .getByRole('row')
        .nth(1)
        .getByRole('link', { name: new RegExp(`^${sorted[0]},`) })
        .waitFor();
      await page.getByRole('link', { name: new RegExp(`^${sorted[0]},`) }).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate('document.activeElement.textContent')).toBe(sorted[2]);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${sorted[2]} ·`) }).waitFor();

      // Back and forward in the browser move between the screens.
      await page.goBack();
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
      await page.goForward();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${sorted[2]} ·`) }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('a narrow window (the Teams meeting side panel is 320 px wide)', () => {
  test('the local demo banner, the header and the screen do not overlap, and nothing scrolls sideways', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-chair', path: '/meetings' });
    try {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
      // Boxes from the page itself (the test compiles without the DOM library, as harness.ts does).
      const boxes = (await page.evaluate(`(() => {
        const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
        const banner = [...document.querySelectorAll('[role="group"]')]
          .find((e) => e.textContent.startsWith('Local demo'));
        return {
          header: box(document.querySelector('header')),
          banner: box(banner),
          bannerText: [...banner.querySelectorAll('*')].map(box),
          main: box(document.querySelector('h1')),
          wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        };
      })()`)) as {
        header: { top: number; bottom: number };
        banner: { top: number; bottom: number };
        bannerText: { top: number; bottom: number }[];
        main: { top: number; bottom: number };
        wide: boolean;
      };
      expect(boxes.banner.top).toBeGreaterThanOrEqual(boxes.header.bottom - 1);
      // Everything the banner holds stays inside it, and the screen starts below it.
      for (const t of boxes.bannerText) expect(t.bottom).toBeLessThanOrEqual(boxes.banner.bottom + 1);
      expect(boxes.main.top).toBeGreaterThanOrEqual(boxes.banner.bottom - 1);
      expect(boxes.wide).toBe(false);
    } finally {
      await context.close();
    }
  });
});
