/**
 * The chair runs a meeting from the tab in real headless Chromium against the built server (issue 5,
 * "Done when"): start the next meeting, step through the agenda, record decisions, add a SMART action
 * that fails and then passes the check, record a disclosure (issue 18), escalate one case, close another,
 * reload mid-meeting with nothing lost, finish (the minutes show the disclosure), publish, and download
 * the minutes (.docx) to read them. A member watching from a
 * second browser sees the decision as it is recorded; a senior manager reads the minutes with no edit
 * controls and the API refuses their writes. The Teams meeting side panel (320 px) runs a case with no
 * horizontal scrolling, and the runner passes axe-core in light and dark themes.
 *
 * One server and one browser for the file; the tests run in order and share the meeting they run.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { EMPTY_CALENDAR, addDays, nextWorkingDayOnOrAfter, toLondonDate } from '../../src/domain/calendar';
import type { MinutesContent } from '../../src/domain/minutes';
import type { Action, Meeting } from '../../src/domain/types';
import { ukDate } from '../../src/domain/ukDates';
import type { CaseDetail, CaseSummary } from '../../src/domain/views';
import { docxParagraphs } from '../helpers/docxText';
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
  startServer,
} from './harness';

jest.setTimeout(E2E_TEST_TIMEOUT_MS * 2);

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

const chairApi = () => apiAs(server, 'dev-chair');
const OPEN = new Set(['referred', 'open', 'monitoring']);
const caseHeading = (page: Page, ref: string) =>
  page.getByRole('heading', { level: 2, name: new RegExp(`^${ref} ·`) });
const saveStatus = (page: Page) => page.getByRole('status').filter({ hasText: /^(Saved|Not saved|Saving)/ });

async function openAgendaCase(page: Page, ref: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Agenda', exact: true })
    .getByRole('button', { name: new RegExp(`: ${ref} —`) })
    .click();
  await caseHeading(page, ref).waitFor();
}

async function expectSaved(page: Page): Promise<void> {
  await saveStatus(page)
    .filter({ hasText: /^Saved$/ })
    .waitFor();
}

/** A scheduled meeting to run: the next one on the calendar, scheduled from the cadence if there is none. */
async function scheduledMeeting(): Promise<Meeting> {
  const all = await chairApi().get<Meeting[]>('/api/meetings');
  const next = all
    .filter((m) => m.status === 'scheduled')
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1))[0];
  if (next) return next;
  const r = await chairApi().call('POST', '/api/meetings/cadence', { count: 1 });
  expect(r.status).toBe(201);
  return (r.body as Meeting[])[0]!;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function futureWorkingDay(days: number): string {
  return nextWorkingDayOnOrAfter(addDays(toLondonDate(server.now()), days), EMPTY_CALENDAR);
}

// Shared by the tests below, in order.
let meeting: Meeting;
const picked: { first: string; high: string; escalate: string; close: string } = {
  first: '',
  high: '',
  escalate: '',
  close: '',
};
const DECISION = 'Decision (synthetic): the school will offer a part-time timetable from Monday';
const ACTION = 'Arrange a start meeting with the school (synthetic)';
const ESCALATION_ASK = 'Agree funding for alternative provision (synthetic)';
const RELOAD_TEXT = 'Said just before the reload (synthetic): nothing of this is lost';
let actionDue = '';
const DISCLOSED = 'Last known address shared with the police (synthetic)';

describe('the chair runs a meeting in a browser', () => {
  test('starts the next meeting, records, sets a SMART action, escalates, closes, reloads, finishes and publishes; a member follows along', async () => {
    meeting = await scheduledMeeting();
    const { context, page } = await openPage(browser, server, {
      user: 'dev-chair',
      path: `/meetings/${meeting.id}`,
    });
    let member: Awaited<ReturnType<typeof openPage>> | null = null;
    try {
      await page.getByRole('heading', { level: 1, name: /^Meeting on / }).waitFor();
      await page.getByRole('button', { name: 'Start the meeting' }).click();
      await page.getByRole('heading', { level: 1, name: /^Meeting mode/ }).waitFor();

      const started = await chairApi().get<Meeting>(`/api/meetings/${meeting.id}`);
      expect(started.status).toBe('in-progress');
      const agenda = started.agenda ?? [];
      const cases = new Map(
        (await chairApi().get<CaseSummary[]>('/api/cases')).map((c) => [c.ref, c] as const),
      );
      const open = agenda.map((i) => i.caseRef).filter((ref) => OPEN.has(cases.get(ref)?.status ?? ''));
      picked.first = agenda[0]!.caseRef;
      picked.high = open.find((ref) => ref !== picked.first && cases.get(ref)?.concern === 'high') ?? '';
      const rest = open.filter((ref) => ref !== picked.first && ref !== picked.high);
      picked.escalate = rest.find((ref) => cases.get(ref)?.concern !== 'high') ?? '';
      picked.close = rest.find((ref) => ref !== picked.escalate) ?? '';
      expect(picked).toEqual({
        first: expect.any(String),
        high: expect.stringMatching(/^CMOE-/),
        escalate: expect.stringMatching(/^CMOE-/),
        close: expect.stringMatching(/^CMOE-/),
      });
      // The minutes' order is tested only if a case that is not of highest concern is discussed too.
      expect(cases.get(picked.escalate)?.concern).not.toBe('high');

      // A member opens the meeting in progress in another browser: they follow along, read-only.
      member = await openPage(browser, server, { user: 'dev-member-ewo', path: `/meetings/${meeting.id}` });
      await member.page.getByRole('region', { name: 'Follow along' }).waitFor();

      // The first agenda case: the facts, then the record, autosaved.
      await caseHeading(page, picked.first).waitFor();
      await page.getByRole('list', { name: 'Key facts' }).waitFor();
      await page
        .getByRole('textbox', { name: 'Discussion summary' })
        .fill('Discussed the school offer (synthetic)');
      await page.getByRole('textbox', { name: 'Decisions' }).fill(DECISION);
      await expectSaved(page);

      // The member's follow-along view shows the decision as it is recorded.
      await member.page
        .getByRole('region', { name: 'Follow along' })
        .getByText(DECISION)
        .first()
        .waitFor({ timeout: 20_000 });

      // A SMART action: refused with the missing parts named, then added.
      await page.getByRole('button', { name: 'Add SMART action' }).click();
      await page.getByRole('textbox', { name: /What will be done/ }).fill(ACTION);
      await page.getByRole('button', { name: 'Add action' }).click();
      await page.getByText('Not added yet').waitFor();
      await page
        .getByRole('textbox', { name: /Success measure/ })
        .fill('Start date agreed in writing (synthetic)');
      await page.getByRole('combobox', { name: /^Owner/ }).selectOption('dev-member-ewo');
      actionDue = futureWorkingDay(21);
      await page.getByLabel(/Due date/).fill(actionDue);
      await page.getByRole('button', { name: 'Add action' }).click();
      await page.getByText(/^Action added: due/).waitFor();
      await page
        .getByRole('list', { name: 'Actions set in this meeting' })
        .getByText(new RegExp(ACTION.slice(0, 20)))
        .waitFor();

      // A disclosure the group decides on: recorded on the case in the meeting, so it is minuted.
      await page.getByRole('button', { name: 'Record a disclosure' }).click();
      const disc = page.getByRole('dialog', { name: 'Record a disclosure' });
      await disc.getByRole('textbox', { name: 'Recipient agency' }).fill('Demo Police (synthetic)');
      await disc.getByRole('textbox', { name: 'Recipient role' }).fill('Missing persons coordinator');
      await disc.getByRole('checkbox', { name: 'Known or suspected whereabouts' }).check();
      await disc.getByRole('textbox', { name: 'What was shared' }).fill(DISCLOSED);
      await disc.getByRole('textbox', { name: 'Why: the significant-harm concern' }).fill('Missing 2 weeks');
      await disc
        .getByRole('combobox', { name: 'Lawful basis (UK GDPR Article 6)' })
        .selectOption({ label: 'UK GDPR Art 6(1)(e): public task' });
      await disc
        .getByRole('combobox', { name: 'Special category condition (Article 9 / DPA 2018 Schedule 1)' })
        .selectOption({ label: 'No special category or criminal offence data shared' });
      await disc.getByRole('textbox', { name: 'Their role' }).fill('Chair, CMOE group');
      await disc.getByRole('button', { name: 'Save disclosure' }).click();
      await page
        .getByRole('list', { name: 'Disclosures recorded in this meeting' })
        .getByText(/to Demo Police \(synthetic\) \(Missing persons coordinator\)/)
        .waitFor();

      // Step to the next case with the stepper.
      await page.getByRole('button', { name: 'Next case' }).click();
      await caseHeading(page, agenda[1]!.caseRef).waitFor();
      expect(new URL(page.url()).searchParams.get('case')).toBe(agenda[1]!.caseRef);

      // Escalate one case.
      await openAgendaCase(page, picked.escalate);
      await page.getByRole('textbox', { name: 'Discussion summary' }).fill('No place found yet (synthetic)');
      await expectSaved(page);
      await page.getByRole('button', { name: 'Escalate', exact: true }).click();
      const esc = page.getByRole('dialog', { name: 'Escalate to a senior manager' });
      await esc.getByRole('combobox', { name: /Escalate to/ }).selectOption('director');
      await esc.getByRole('textbox', { name: /Reason/ }).fill('No progress after two meetings (synthetic)');
      await esc.getByRole('textbox', { name: /Decision requested/ }).fill(ESCALATION_ASK);
      await esc.getByRole('button', { name: 'Escalate' }).click();
      await page.getByText(new RegExp(`^Escalated to Director: ${escapeRe(ESCALATION_ASK)}`)).waitFor();

      // Close another.
      await openAgendaCase(page, picked.close);
      await page.getByRole('button', { name: 'Close case' }).click();
      const close = page.getByRole('dialog', { name: 'Close this case' });
      await close.getByRole('combobox', { name: /Closure reason/ }).selectOption('school-place');
      await close.getByRole('button', { name: 'Close case' }).click();
      await page.getByText(/^Closed: Full-time school place/).waitFor();

      // The high-concern case: type, then reload at once (before the autosave's pause is over).
      await openAgendaCase(page, picked.high);
      await page.getByRole('textbox', { name: 'Decisions' }).fill(RELOAD_TEXT);
      await page.reload();
      await caseHeading(page, picked.high).waitFor();
      expect(new URL(page.url()).searchParams.get('case')).toBe(picked.high);
      expect(await page.getByRole('textbox', { name: 'Decisions' }).inputValue()).toBe(RELOAD_TEXT);
      await expectSaved(page);
      const afterReload = await chairApi().get<Meeting>(`/api/meetings/${meeting.id}`);
      expect(afterReload.records.find((r) => r.caseRef === picked.high)?.decisions).toBe(RELOAD_TEXT);
      // What was recorded before the reload is all still there.
      expect(afterReload.records.find((r) => r.caseRef === picked.first)?.decisions).toBe(DECISION);
      expect(afterReload.records.find((r) => r.caseRef === picked.escalate)?.escalationId).toEqual(
        expect.any(String),
      );
      expect(afterReload.records.find((r) => r.caseRef === picked.close)?.closure?.reason).toBe(
        'school-place',
      );

      // Finish, then publish from the minutes view.
      await page.getByRole('button', { name: 'Finish the meeting' }).click();
      await page.getByRole('button', { name: 'Finish and write the minutes' }).click();
      // The minutes read on screen carry the disclosure recorded in the meeting.
      await page
        .getByRole('list', { name: 'Disclosures in these minutes' })
        .getByText(new RegExp(escapeRe(DISCLOSED)))
        .waitFor();
      const content = await chairApi().get<MinutesContent>(`/api/meetings/${meeting.id}/minutes/content`);
      expect(content.disclosures).toEqual([
        expect.objectContaining({
          caseRef: picked.first,
          to: 'Demo Police (synthetic), Missing persons coordinator',
          shared: expect.stringContaining(DISCLOSED),
        }),
      ]);
      await page.getByRole('button', { name: 'Publish the minutes' }).click();
      await page.getByText(/^Published on /).waitFor();
      const done = await chairApi().get<Meeting>(`/api/meetings/${meeting.id}`);
      expect(done.status).toBe('completed');
      expect(done.minutesPublishedAt).toEqual(expect.any(String));

      // Download the .docx as a user would, and read it.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download minutes (.docx)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^CMOE minutes \d{4}-\d{2}-\d{2}\.docx$/);
      const lines = docxParagraphs(readFileSync((await download.path())!));
      const caseHeadings = lines.filter((l) => /^CMOE-\d{4} — .* concern$/.test(l));
      // Highest concern first: every high-concern case before any other.
      expect(caseHeadings[0]).toMatch(/ — High concern$/);
      const firstOther = caseHeadings.findIndex((l) => !l.endsWith('High concern'));
      const lastHigh = caseHeadings.map((l) => l.endsWith('High concern')).lastIndexOf(true);
      expect(firstOther).toBeGreaterThan(lastHigh);
      expect(caseHeadings.some((l) => l.startsWith(`${picked.high} — `))).toBe(true);
      expect(caseHeadings.some((l) => l.startsWith(`${picked.escalate} — `))).toBe(true);
      // The new action, its owner and due date; the escalation; the decision typed before the reload.
      const actionAt = lines.indexOf(ACTION);
      expect(actionAt).toBeGreaterThan(-1);
      expect(lines.slice(actionAt, actionAt + 4)).toEqual([
        ACTION,
        'Start date agreed in writing (synthetic)',
        expect.stringMatching(/^Demo Member \(Bea Placeholder\)/),
        ukDate(actionDue),
      ]);
      expect(lines).toContain(ESCALATION_ASK);
      expect(lines.some((l) => l.includes(DISCLOSED))).toBe(true);
      expect(lines.some((l) => l.includes(RELOAD_TEXT))).toBe(true);
      const actions = await chairApi().get<Action[]>(`/api/actions?caseRef=${picked.first}`);
      expect(actions.filter((a) => a.meetingId === meeting.id).map((a) => a.description)).toEqual([ACTION]);
    } finally {
      await member?.context.close();
      await context.close();
    }
  });

  test('a senior manager reads the minutes with no edit controls, and the API refuses their writes', async () => {
    const { context, page } = await openPage(browser, server, {
      user: 'dev-senior',
      path: `/meetings/${meeting.id}`,
    });
    try {
      await page.getByRole('button', { name: 'Download minutes (.docx)' }).waitFor();
      await page.getByText(DECISION).first().waitFor();
      const main = page.getByRole('main');
      for (const role of ['textbox', 'combobox', 'checkbox', 'radio'] as const)
        expect(await main.getByRole(role).count()).toBe(0);
      for (const name of [
        'Publish the minutes',
        'Start the meeting',
        'Finish the meeting',
        'Add SMART action',
      ])
        expect(await page.getByRole('button', { name }).count()).toBe(0);
    } finally {
      await context.close();
    }
    const senior = apiAs(server, 'dev-senior');
    const refusals = await Promise.all([
      senior.call('PUT', `/api/meetings/${meeting.id}/cases/${picked.first}/record`, { summary: 'x' }, 1),
      senior.call('POST', `/api/meetings/${meeting.id}/publish`, undefined, 1),
      senior.call('POST', `/api/meetings/${meeting.id}/cases/${picked.first}/actions`, { description: 'x' }),
      senior.call('POST', '/api/meetings', { startsAt: server.now().toISOString() }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403]);
  });

  test('in the 320 px meeting side panel a case is run (record and action) with no horizontal scrolling', async () => {
    // A second meeting, started through the API: the side panel joins a meeting in progress.
    const r = await chairApi().call('POST', '/api/meetings', {
      startsAt: `${futureWorkingDay(40)}T09:30:00.000Z`,
    });
    expect(r.status).toBe(201);
    const second = r.body as Meeting;
    const s = await chairApi().call('POST', `/api/meetings/${second.id}/start`, undefined, second.version);
    expect(s.status).toBe(200);
    meeting = s.body as Meeting;
    const ref = meeting.agenda![0]!.caseRef;

    const { context, page } = await openPage(browser, server, { user: 'dev-chair', axe: true });
    try {
      await page.setViewportSize({ width: 320, height: 720 });
      await page.goto(`${server.url}/meetings/${meeting.id}`);
      await caseHeading(page, ref).waitFor();
      // Compact: a case picker, not the agenda list beside the case.
      await page.getByRole('combobox', { name: 'Agenda case' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Agenda', exact: true }).count()).toBe(0);
      await page.getByRole('textbox', { name: 'Decisions' }).fill('Side panel decision (synthetic)');
      await expectSaved(page);
      await page.getByRole('button', { name: 'Add SMART action' }).click();
      await page.getByRole('textbox', { name: /What will be done/ }).fill('Side panel action (synthetic)');
      await page.getByRole('textbox', { name: /Success measure/ }).fill('Confirmed by email (synthetic)');
      await page.getByRole('combobox', { name: /^Owner/ }).selectOption('dev-member-ewo');
      await page.getByLabel(/Due date/).fill(futureWorkingDay(14));
      await page.getByRole('button', { name: 'Add action' }).click();
      await page.getByText(/^Action added: due/).waitFor();
      const widths = (await page.evaluate(
        '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
      )) as [number, number];
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);
      expect(await seriousAxeViolations(page)).toEqual([]);
      const saved = await chairApi().get<Meeting>(`/api/meetings/${meeting.id}`);
      const rec = saved.records.find((x) => x.caseRef === ref);
      expect(rec?.decisions).toBe('Side panel decision (synthetic)');
      expect(rec?.actionIds).toHaveLength(1);
      // The next case, picked in the compact picker.
      const second2 = meeting.agenda![1];
      if (second2) {
        await page.getByRole('combobox', { name: 'Agenda case' }).selectOption(second2.caseRef);
        await caseHeading(page, second2.caseRef).waitFor();
      }
    } finally {
      await context.close();
    }
  });

  test('the chair’s second device continues the same case: a clash shows both texts, nothing is lost', async () => {
    const ref = meeting.agenda![1]?.caseRef ?? meeting.agenda![0]!.caseRef;
    const path = `/meetings/${meeting.id}?case=${ref}`;
    const laptop = await openPage(browser, server, { user: 'dev-chair', path });
    const tablet = await openPage(browser, server, { user: 'dev-chair', path, axe: true });
    try {
      await caseHeading(laptop.page, ref).waitFor();
      await caseHeading(tablet.page, ref).waitFor();
      await laptop.page.getByRole('textbox', { name: 'Decisions' }).fill('From the laptop (synthetic)');
      await expectSaved(laptop.page);
      // The tablet opened before that save: its save is refused, and both texts are shown.
      await tablet.page.getByRole('textbox', { name: 'Decisions' }).fill('From the tablet (synthetic)');
      const clash = tablet.page.getByRole('region', { name: 'This case was also saved from another device' });
      await clash.waitFor();
      await clash
        .getByLabel('Decisions saved from the other device')
        .getByText('From the laptop (synthetic)')
        .waitFor();
      await clash.getByLabel('Decisions you typed here').getByText('From the tablet (synthetic)').waitFor();
      expect(await seriousAxeViolations(tablet.page)).toEqual([]);
      await clash.getByRole('button', { name: 'Use this and save' }).click();
      await expectSaved(tablet.page);
      const both = 'From the laptop (synthetic)\n\nFrom the tablet (synthetic)';
      const rec = (await chairApi().get<Meeting>(`/api/meetings/${meeting.id}`)).records.find(
        (r) => r.caseRef === ref,
      );
      expect(rec?.decisions).toBe(both);
      // The laptop, reloaded, continues from the merged record.
      await laptop.page.reload();
      await caseHeading(laptop.page, ref).waitFor();
      expect(await laptop.page.getByRole('textbox', { name: 'Decisions' }).inputValue()).toBe(both);
    } finally {
      await tablet.context.close();
      await laptop.context.close();
    }
  });

  for (const theme of AXE_THEMES) {
    test(`the runner has no serious or critical axe-core violations (${theme} theme)`, async () => {
      const ref = meeting.agenda![0]!.caseRef;
      // Flagged stuck, so the robust challenge is on screen too.
      const c = (await chairApi().get<CaseDetail>(`/api/cases/${ref}`)).case;
      if (!c.stuckFlag)
        expect(
          (await chairApi().call('PATCH', `/api/cases/${ref}`, { stuckFlag: true }, c.version)).status,
        ).toBe(200);
      const { context, page } = await openPage(browser, server, {
        user: 'dev-chair',
        theme,
        axe: true,
        path: `/meetings/${meeting.id}?case=${ref}`,
      });
      try {
        await caseHeading(page, ref).waitFor();
        await page.getByRole('list', { name: 'Actions set in this meeting' }).waitFor();
        await page.getByRole('region', { name: 'No progress: challenge this case' }).waitFor();
        await page.getByRole('region', { name: 'Disclosures', exact: true }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Record a disclosure' }).click();
        const disc = page.getByRole('dialog', { name: 'Record a disclosure' });
        await disc.getByRole('textbox', { name: 'What was shared' }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await disc.getByRole('button', { name: 'Cancel' }).click();
        await disc.waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Add SMART action' }).click();
        await page.getByRole('textbox', { name: /What will be done/ }).waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
