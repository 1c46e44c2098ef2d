/**
 * The tab's weekly work in real headless Chromium against the built server (issue 4, "Done when"):
 * sign in locally, filter and search the list, open a case and edit it, add an action that fails the
 * SMART check and then passes, refer a child and see the referral date, complete an action from My
 * actions, and a conflict from a second browser shown and resolved with nothing lost.
 *
 * One server and one browser for the file; each test opens its own context.
 */
import type { Browser, Page } from 'playwright-core';
import { EMPTY_CALENDAR, addDays, nextWorkingDayOnOrAfter, toLondonDate } from '../../src/domain/calendar';
import type { Action, Case } from '../../src/domain/types';
import { ukDate } from '../../src/domain/ukDates';
import type { CaseDetail, CaseSummary, ReferralCheck } from '../../src/domain/views';
import {
  E2E_TEST_TIMEOUT_MS,
  PREPARE_TIMEOUT_MS,
  type TestServer,
  apiAs,
  launchBrowser,
  openPage,
  prepareE2E,
  startServer,
} from './harness';

jest.setTimeout(E2E_TEST_TIMEOUT_MS);

let server: TestServer;
let browser: Browser;
const OPEN = 'referred,open,escalated,monitoring';

beforeAll(async () => {
  await prepareE2E();
  server = await startServer({ seedCases: 60 });
  browser = await launchBrowser();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const chairApi = () => apiAs(server, 'dev-chair');
const countText = (page: Page) => page.getByText(/^Showing [\d,]+ of [\d,]+ cases$/);

async function openCase(page: Page, ref: string): Promise<void> {
  await page.goto(`${server.url}/cases/${ref}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${ref} ·`) }).waitFor();
}

/** An open (not closed, not escalated) case none of the other tests touch. */
/** An open case from the list, with its version (the list's rows carry only what the list shows). */
async function pickCase(index: number): Promise<CaseSummary & { version: number }> {
  const rows = await chairApi().get<CaseSummary[]>(`/api/cases?status=referred,open,monitoring`);
  const row = rows[index];
  if (!row) throw new Error(`the seed has fewer than ${index + 1} open cases`);
  const { version } = (await chairApi().get<CaseDetail>(`/api/cases/${row.ref}`)).case;
  return { ...row, version };
}

describe('the tab in a browser, outside Teams', () => {
  test('offers a local sign-in with a synthetic-data banner, and shows the list to the chosen user', async () => {
    const { context, page } = await openPage(browser, server);
    try {
      await page.getByRole('heading', { name: 'Sign in to the local demo' }).waitFor();
      await expectVisible(page.getByText('Local demo — synthetic data'));
      await page.getByRole('radio', { name: /Demo Chair \(Alex Sample\)/ }).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
      await expectVisible(page.getByText('Chair', { exact: true }));
      // A deep link to a case opens it once signed in (the server answers /cases/... with the tab).
      const [first] = await chairApi().get<CaseSummary[]>('/api/cases');
      await openCase(page, first!.ref);
      await page.getByRole('link', { name: 'Back to the CMOE list' }).click();
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('filters and searches the list, with counts that agree with the API, and sorts by a column', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-chair' });
    try {
      // "Showing n of N": N is every case the user may see, n what the filters let through.
      const total = (await chairApi().get<CaseSummary[]>('/api/cases')).length;
      const all = await chairApi().get<CaseSummary[]>(`/api/cases?status=${OPEN}`);
      await countText(page).waitFor();
      await page.getByText(`Showing ${all.length} of ${total} cases`).waitFor();

      // Search by surname: the rows are exactly the open cases whose ref or name contains it.
      const target = all[Math.floor(all.length / 2)]!;
      const bySurname = await chairApi().get<CaseSummary[]>(
        `/api/cases?status=${OPEN}&q=${encodeURIComponent(target.lastName)}`,
      );
      await page.getByRole('searchbox', { name: 'Search by name or ref' }).fill(target.lastName);
      await page.getByText(`Showing ${bySurname.length} of ${total} cases`).waitFor();
      await expectVisible(page.getByRole('link', { name: new RegExp(`^${target.ref},`) }));

      // Search by ref finds the one case.
      await page.getByRole('searchbox', { name: 'Search by name or ref' }).fill(target.ref.toLowerCase());
      await page.getByText(`Showing 1 of ${total} cases`).waitFor();
      await page.getByRole('searchbox', { name: 'Search by name or ref' }).fill('');

      // A saved view: highest concern.
      const high = await chairApi().get<CaseSummary[]>(`/api/cases?status=${OPEN}&concern=high`);
      await page.getByRole('button', { name: 'Highest concern' }).click();
      await page.getByText(`Showing ${high.length} of ${total} cases`).waitFor();
      expect(await page.getByRole('button', { name: 'Highest concern' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      await page.getByRole('button', { name: /^Clear filters/ }).click();

      // Category and the stuck flag together.
      const cmeStuck = await chairApi().get<CaseSummary[]>(
        `/api/cases?status=${OPEN}&category=cme&stuck=true`,
      );
      await page
        .getByRole('combobox', { name: 'Category' })
        .selectOption({ label: 'Reported missing education (CME)' });
      await page.getByRole('checkbox', { name: 'Stuck' }).check();
      await page.getByText(`Showing ${cmeStuck.length} of ${total} cases`).waitFor();
      await page.getByRole('button', { name: /^Clear filters/ }).click();
      await page.getByText(`Showing ${all.length} of ${total} cases`).waitFor();

      // "My cases" asks the server once what counts as mine.
      const mine = await chairApi().get<CaseSummary[]>(`/api/cases?status=${OPEN}&mine=true`);
      await page.getByRole('checkbox', { name: 'My cases' }).check();
      await page.getByText(`Showing ${mine.length} of ${total} cases`).waitFor();
      await page.getByRole('checkbox', { name: 'My cases' }).uncheck();

      // Sort by ref, ascending then descending.
      const refHeader = page.getByRole('columnheader', { name: 'Ref' });
      await refHeader.click();
      expect(await refHeader.getAttribute('aria-sort')).toBe('ascending');
      const refs = all.map((c) => c.ref).sort();
      await expectVisible(
        page
          .getByRole('row')
          .nth(1)
          .getByRole('link', { name: new RegExp(`^${refs[0]},`) }),
      );
      await refHeader.click();
      expect(await refHeader.getAttribute('aria-sort')).toBe('descending');
      await expectVisible(
        page
          .getByRole('row')
          .nth(1)
          .getByRole('link', { name: new RegExp(`^${refs[refs.length - 1]},`) }),
      );
      // The rows are virtualised: far fewer in the DOM than in the list, and the grid says how many.
      expect(await page.getByRole('table', { name: 'CMOE cases' }).getAttribute('aria-rowcount')).toBe(
        String(all.length + 1),
      );
    } finally {
      await context.close();
    }
  });

  test('opens a case from the list and edits it; the change is saved with the version', async () => {
    const target = await pickCase(2);
    const before = await chairApi().get<CaseDetail>(`/api/cases/${target.ref}`);
    const hours = before.case.hoursPerWeek === 7.5 ? 8.5 : 7.5;
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo' });
    try {
      await page.getByRole('searchbox', { name: 'Search by name or ref' }).fill(target.ref);
      await page.getByRole('link', { name: new RegExp(`^${target.ref},`) }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${target.ref} ·`) }).waitFor();
      const school = page.getByRole('textbox', { name: 'School or provision last attended' });
      await school.fill('Edited Academy (synthetic)');
      await page.getByRole('spinbutton', { name: 'Hours per week' }).fill(String(hours));
      await page.getByText('2 unsaved changes').waitFor();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Saved.').waitFor();
      const saved = await chairApi().get<CaseDetail>(`/api/cases/${target.ref}`);
      expect(saved.case.lastSchool).toBe('Edited Academy (synthetic)');
      expect(saved.case.hoursPerWeek).toBe(hours);
      expect(saved.case.version).toBe(target.version + 1);
      // A member cannot change what the chair decides: concern is shown, not offered.
      await expectVisible(page.getByText('Set by the chair').first());
      expect(await page.getByRole('combobox', { name: 'Concern' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test("a case's sections by keyboard: one tab stop, arrows move (wrapping), Home/End, Enter selects", async () => {
    // Fluent's TabList moves focus with its focus manager (tabster), which does not run in jsdom, so the
    // keyboard is checked here; tests/tab/caseSections.test.tsx checks names and selection by click.
    const target = await pickCase(5);
    const { context, page } = await openPage(browser, server, { user: 'dev-chair' });
    try {
      await openCase(page, target.ref);
      const focusedId = () => page.evaluate('document.activeElement && document.activeElement.id');
      const selected = () => page.getByRole('tab', { selected: true }).getAttribute('id');
      await page.getByRole('tab', { name: /^Timeline/ }).click();
      expect(await selected()).toBe('tab-timeline');
      expect(await focusedId()).toBe('tab-timeline');
      // Arrows move focus; the tab under focus is selected by Enter (or Space), so merely passing the
      // Disclosures tab never loads, and audits, the disclosure log.
      await page.keyboard.press('ArrowRight');
      expect(await focusedId()).toBe('tab-checks');
      expect(await selected()).toBe('tab-timeline');
      await page.keyboard.press('Enter');
      expect(await selected()).toBe('tab-checks');
      await expectVisible(page.getByRole('tabpanel', { name: /^List checks/ }));
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      expect(await focusedId()).toBe('tab-actions');
      await page.keyboard.press('End');
      expect(await focusedId()).toBe('tab-disclosures');
      await page.keyboard.press('ArrowRight');
      expect(await focusedId()).toBe('tab-details');
      await page.keyboard.press('ArrowLeft');
      expect(await focusedId()).toBe('tab-disclosures');
      await page.keyboard.press('Home');
      expect(await focusedId()).toBe('tab-details');
      await page.keyboard.press(' ');
      expect(await selected()).toBe('tab-details');
      // One tab stop: Tab leaves the list for the panel, Shift+Tab comes back to the selected tab.
      await page.keyboard.press('Tab');
      expect(String(await focusedId())).not.toMatch(/^tab-/);
      await page.keyboard.press('Shift+Tab');
      expect(await focusedId()).toBe('tab-details');
    } finally {
      await context.close();
    }
  });

  test('an action that fails the SMART check is explained field by field, then passes', async () => {
    const target = await pickCase(3);
    const { context, page } = await openPage(browser, server, { user: 'dev-chair' });
    try {
      await openCase(page, target.ref);
      await page.getByRole('tab', { name: /^Actions/ }).click();
      await page.getByRole('button', { name: 'Add action' }).click();
      const form = page.getByRole('form', { name: 'New SMART action' });
      await form.getByRole('textbox', { name: /What will be done/ }).fill('Arrange a school place panel');
      await form.getByRole('button', { name: 'Add action' }).click();

      // The server's SMART check names each missing part, against its field.
      await expectVisible(form.getByText(/This action is not SMART yet: add a success measure/));
      await expectVisible(form.getByText('Say how the group will know it is done (measurable).'));
      await expectVisible(form.getByText('Choose who owns this action.'));
      await expectVisible(form.getByText('Choose a due date on a future working day (time-bound).'));
      const before = await chairApi().get<Action[]>(`/api/actions?caseRef=${target.ref}`);

      // A weekend date is explained too, before and after submitting.
      const today = toLondonDate(server.now());
      let saturday = addDays(today, 1);
      while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = addDays(saturday, 1);
      await form.getByRole('textbox', { name: /Success measure/ }).fill('Panel date agreed and recorded');
      await form
        .getByRole('combobox', { name: 'Owner' })
        .selectOption({ label: 'Demo Chair (Alex Sample) — Education' });
      await form.getByLabel('Due date (time-bound)').fill(saturday);
      await form.getByRole('button', { name: 'Add action' }).click();
      await expectVisible(form.getByText(/is not a working day \(a Saturday\)/).first());

      const due = nextWorkingDayOnOrAfter(addDays(today, 7), EMPTY_CALENDAR);
      await form.getByLabel('Due date (time-bound)').fill(due);
      await form.getByRole('button', { name: 'Add action' }).click();
      await page.getByText(/^Action added: due/).waitFor();
      const after = await chairApi().get<Action[]>(`/api/actions?caseRef=${target.ref}`);
      expect(after).toHaveLength(before.length + 1);
      const added = after.find((a) => a.description === 'Arrange a school place panel');
      expect(added).toMatchObject({ dueDate: due, owner: { id: 'dev-chair' }, ownerService: 'Education' });
      await expectVisible(
        page.getByRole('list', { name: 'Open actions' }).getByText('Arrange a school place panel'),
      );
    } finally {
      await context.close();
    }
  });

  test('refers a child, showing the computed referral date and warnings before submitting', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-member-send' });
    try {
      await page.getByRole('link', { name: 'Refer a child' }).click();
      await page.getByRole('heading', { name: 'Refer a child', level: 1 }).waitFor();
      await expectVisible(page.getByText(/To see the referral date and eligibility, fill in/));
      const today = toLondonDate(server.now());
      const receivedOn = addDays(today, -3);
      await page.getByRole('textbox', { name: 'First name' }).fill('Referra');
      await page.getByRole('textbox', { name: 'Last name' }).fill('Testchild-Synthetic');
      await page.getByLabel('Date of birth').fill('2013-09-15');
      await page.getByRole('checkbox', { name: 'No school place or awaiting a place' }).check();
      await page.getByRole('combobox', { name: 'Current provision' }).selectOption({ label: 'None' });
      // Out for two weeks only: outside the ToR's four weeks, accepted with a warning.
      await page.getByLabel('Out of education since').fill(addDays(today, -14));
      await page
        .getByRole('combobox', { name: 'Referral source' })
        .selectOption({ label: 'SEND lead worker' });
      await page.getByLabel('Date received').fill(receivedOn);

      const expected = apiAs(server, 'dev-member-send');
      const check = (
        await expected.call('POST', '/api/cases/check', {
          firstName: 'Referra',
          lastName: 'Testchild-Synthetic',
          dateOfBirth: '2013-09-15',
          categories: ['no-school-place'],
          provision: 'none',
          outOfEducationSince: addDays(today, -14),
          referralSource: 'send-lead',
          referredBy: 'Demo Member (Cal Fictional)',
          receivedOn,
        })
      ).body as ReferralCheck;
      // The tab's long dates are the domain's one UK formatter ("Tuesday 8 December 2026").
      const longDate = ukDate(check.referralDate);
      const preview = page.getByRole('complementary', { name: 'Before you refer' });
      await preview.getByText(longDate).waitFor();
      expect(check.warnings.length).toBeGreaterThan(0);
      for (const w of check.warnings) await expectVisible(preview.getByText(w.text));

      await page.getByRole('button', { name: 'Refer this child' }).click();
      const success = page.getByText(/^Referred as CMOE-\d{4}$/);
      await success.waitFor();
      const ref = (await success.textContent())!.replace('Referred as ', '');
      await expectVisible(page.getByText(new RegExp(`Referral date ${longDate}`)));
      const created = await chairApi().get<CaseDetail>(`/api/cases/${ref}`);
      expect(created.case).toMatchObject({
        firstName: 'Referra',
        referralDate: check.referralDate,
        status: 'referred',
        referredBy: 'Demo Member (Cal Fictional)',
      });
      await page.getByRole('button', { name: `Open ${ref}` }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${ref} ·`) }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('completes an action from My actions, in place, overdue and due soon listed first', async () => {
    const member = apiAs(server, 'dev-member-ewo');
    const open = await member.get<Action[]>('/api/actions?mine=true&status=open');
    expect(open.length).toBeGreaterThan(0);
    const { context, page } = await openPage(browser, server, { user: 'dev-member-ewo' });
    try {
      await page.getByRole('link', { name: 'My actions' }).click();
      await page.getByText(`${open.length} open actions`).waitFor();
      const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
      const order = ['Overdue', 'Due soon', 'Later'];
      const seen = headings.map((h) => order.findIndex((o) => h.startsWith(o))).filter((i) => i >= 0);
      expect(seen).toEqual([...seen].sort());

      // The first card stays first once done (completed in place), so the locator keeps pointing at it.
      const firstCard = page.getByRole('main').getByRole('listitem').first();
      const description = (await firstCard.getByRole('paragraph').first().textContent()) ?? '';
      await firstCard.getByRole('button', { name: 'Complete' }).click();
      await firstCard
        .getByRole('textbox', { name: /What was done/ })
        .fill('Visited; family engaged (synthetic)');
      await firstCard.getByRole('button', { name: 'Mark as done' }).click();
      await expectVisible(firstCard.getByText('Marked as done.'));
      await expectVisible(firstCard.getByText('Done', { exact: true }));

      const after = await member.get<Action[]>('/api/actions?mine=true&status=done');
      const done = after.find(
        (a) => a.description === description && a.completionNote?.includes('family engaged'),
      );
      expect(done?.status).toBe('done');
      expect(done?.completedOn).toBe(toLondonDate(server.now()));
    } finally {
      await context.close();
    }
  });

  test('a conflict from a second browser is shown beside the user’s edit and resolved with nothing lost', async () => {
    const target = await pickCase(5);
    const a = await openPage(browser, server, { user: 'dev-chair', path: `/cases/${target.ref}` });
    const b = await openPage(browser, server, { user: 'dev-member-send', path: `/cases/${target.ref}` });
    try {
      await a.page.getByRole('heading', { level: 1, name: new RegExp(`^${target.ref} ·`) }).waitFor();
      await b.page.getByRole('heading', { level: 1, name: new RegExp(`^${target.ref} ·`) }).waitFor();

      // A types (not saved yet); B changes the same field and another one, and saves first.
      await a.page
        .getByRole('textbox', { name: 'School or provision last attended' })
        .fill('School typed by A (synthetic)');
      await a.page.getByRole('textbox', { name: 'Notes on concerns' }).fill('Note typed by A');
      await b.page
        .getByRole('textbox', { name: 'School or provision last attended' })
        .fill('School saved by B (synthetic)');
      await b.page.getByRole('spinbutton', { name: 'Hours per week' }).fill('11');
      await b.page.getByRole('button', { name: 'Save changes' }).click();
      await b.page.getByText('Saved.').waitFor();

      // A saves: nothing is overwritten; both versions are shown.
      await a.page.getByRole('button', { name: 'Save changes' }).click();
      const panel = a.page.getByRole('region', {
        name: 'Someone else changed this case while you were editing',
      });
      await panel.waitFor();
      const row = panel.getByRole('row').filter({ hasText: 'School or provision last attended' });
      await expectVisible(row.getByRole('cell', { name: 'School typed by A (synthetic)' }));
      await expectVisible(row.getByRole('cell', { name: 'School saved by B (synthetic)' }));
      await expectVisible(panel.getByText(/They also changed: Hours per week/));
      // What A typed is still in the form.
      expect(
        await a.page.getByRole('textbox', { name: 'School or provision last attended' }).inputValue(),
      ).toBe('School typed by A (synthetic)');
      let stored = await chairApi().get<CaseDetail>(`/api/cases/${target.ref}`);
      expect(stored.case.lastSchool).toBe('School saved by B (synthetic)');

      // A keeps their school, re-applies on the current version and saves.
      await row.getByRole('radio', { name: 'Mine' }).check();
      await panel.getByRole('button', { name: 'Re-apply my edits and save' }).click();
      await a.page.getByText('Saved.').waitFor();
      stored = await chairApi().get<CaseDetail>(`/api/cases/${target.ref}`);
      const c: Case = stored.case;
      expect(c.lastSchool).toBe('School typed by A (synthetic)');
      expect(c.concernNotes).toBe('Note typed by A');
      expect(c.hoursPerWeek).toBe(11); // B's other change survives
      expect(c.version).toBe(target.version + 2);
      expect(await a.page.getByRole('spinbutton', { name: 'Hours per week' }).inputValue()).toBe('11');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});

describe('the chair’s decisions on a case', () => {
  test('adds an update, records a list check, escalates, closes and reopens a case', async () => {
    const target = await pickCase(7);
    const { context, page } = await openPage(browser, server, {
      user: 'dev-chair',
      path: `/cases/${target.ref}`,
    });
    try {
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${target.ref} ·`) }).waitFor();

      await page.getByRole('tab', { name: /^Timeline/ }).click();
      await page.getByRole('textbox', { name: 'Add an update' }).fill('Spoke to the family (synthetic)');
      await page.getByRole('button', { name: 'Add update' }).click();
      await expectVisible(
        page
          .getByRole('list', { name: 'Updates, newest first' })
          .getByText('Spoke to the family (synthetic)'),
      );

      await page.getByRole('tab', { name: /^List checks/ }).click();
      await page
        .getByRole('combobox', { name: 'List checked' })
        .selectOption({ label: 'Child sexual exploitation (CSE) list' });
      await page.getByRole('textbox', { name: 'Outcome' }).fill('Not on the list (synthetic)');
      await page.getByRole('button', { name: 'Record check' }).click();
      await expectVisible(
        page.getByRole('table', { name: 'List checks' }).getByText('Not on the list (synthetic)'),
      );

      await page.getByRole('button', { name: 'Escalate' }).click();
      const escalate = page.getByRole('dialog', { name: 'Escalate to a senior manager' });
      await escalate
        .getByRole('combobox', { name: 'Escalate to' })
        .selectOption({ label: 'Head of service' });
      await escalate.getByRole('textbox', { name: 'Reason' }).fill('No progress for two meetings');
      await escalate.getByRole('textbox', { name: 'Decision requested' }).fill('Fund a tuition place');
      await escalate.getByRole('button', { name: 'Escalate' }).click();
      await escalate.waitFor({ state: 'hidden' });
      await page.getByRole('tab', { name: 'Escalations (1)' }).click();
      await expectVisible(page.getByText('Fund a tuition place'));
      await expectVisible(page.getByText('Awaiting response'));

      await page.getByRole('button', { name: 'Close case' }).click();
      const close = page.getByRole('dialog', { name: 'Close this case' });
      await close
        .getByRole('combobox', { name: 'Closure reason' })
        .selectOption({ label: 'Full-time school place started' });
      await close.getByRole('button', { name: 'Close case' }).click();
      await close.waitFor({ state: 'hidden' });
      await expectVisible(page.getByText(/^Closed on /));
      await page.getByRole('tab', { name: 'Record' }).click();
      await expectVisible(
        page.getByText('This case is closed, so its record is read-only. Reopen it to change it.'),
      );

      await page.getByRole('button', { name: 'Reopen case' }).click();
      const reopen = page.getByRole('dialog', { name: 'Reopen this case' });
      await reopen.getByRole('textbox', { name: 'Why reopen it?' }).fill('Place fell through');
      await reopen.getByRole('button', { name: 'Reopen' }).click();
      await reopen.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Close case' }).waitFor();

      const detail = await chairApi().get<CaseDetail>(`/api/cases/${target.ref}`);
      expect(detail.case.status).toBe('open');
      expect(detail.case.listChecks.at(-1)).toMatchObject({
        list: 'cse',
        outcome: 'Not on the list (synthetic)',
      });
      expect(detail.escalations.map((e) => e.decisionRequested)).toContain('Fund a tuition place');
      expect(detail.updates.map((u) => u.text)).toEqual(
        expect.arrayContaining(['Spoke to the family (synthetic)', 'Reopened: Place fell through']),
      );
    } finally {
      await context.close();
    }
  });
});

async function expectVisible(locator: ReturnType<Page['getByText']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}
