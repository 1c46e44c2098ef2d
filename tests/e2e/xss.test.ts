/**
 * Script injection, end to end (issue 7, "Done when"): markup, script, event-handler attributes,
 * attribute breakers, `javascript:` URLs and markdown links go into every free-text field the API takes
 * (through the API, as any client could send them), and the tab in real headless Chromium against the
 * built server must show each one as plain text: no element the payload would create, no handler run
 * (`window.__xss` stays unset), no dialog. And the CSP refuses inline script even if something slipped
 * through.
 *
 * Each field gets its own marker (X01, X02, ...) before the payload, so the test can tell that every
 * field's text reached the screen as text somewhere (the list, a case's tabs, My actions).
 *
 * A meeting carries its own free text (attendees and apologies, and what the chair records about a case:
 * summary, decisions, challenge note): the second test drives it through the meeting page as the chair
 * runs it, as a member follows along, and in the minutes once it is finished.
 */
import type { Browser, Page } from 'playwright-core';
import { EMPTY_CALENDAR, addDays, nextWorkingDayOnOrAfter, toLondonDate } from '../../src/domain/calendar';
import type { Action, Case, Escalation, Meeting } from '../../src/domain/types';
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

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  "' autofocus onfocus='window.__xss=1' x='",
  'javascript:window.__xss=1',
  '[click](javascript:window.__xss=1) **bold**',
];

const markers: string[] = [];
/** A field's text: a marker of its own, then as many payloads as fit in `max` characters. */
function evil(max = 4000): string {
  const marker = `X${String(markers.length + 1).padStart(2, '0')}`;
  markers.push(marker);
  let text = marker;
  for (const p of PAYLOADS) if (text.length + 1 + p.length <= max) text += ` ${p}`;
  return text;
}

let server: TestServer;
let browser: Browser;
let caseRef: string;
let closedRef: string;

const chair = () => apiAs(server, 'dev-chair');

async function ok<T>(
  r: Promise<{ status: number; body: unknown }>,
  expected: number[] = [200, 201],
): Promise<T> {
  const res = await r;
  if (!expected.includes(res.status))
    throw new Error(`API answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

const CHAIR_PERSON = { id: 'dev-chair', email: 'alex.sample@example.org' };

async function seedPayloads(): Promise<void> {
  const api = chair();
  const today = toLondonDate(server.now());
  const due = nextWorkingDayOnOrAfter(addDays(today, 14), EMPTY_CALENDAR);
  const later = nextWorkingDayOnOrAfter(addDays(today, 28), EMPTY_CALENDAR);
  // The closed case carries payloads in its names and closure note only: a closed case's page shows
  // its closure, and the first case already covers the other fields.
  const referral = (firstName: string, lastName: string, plain = false) => ({
    firstName,
    lastName,
    dateOfBirth: '2013-05-14',
    ...(plain
      ? {
          lastSchool: 'Demo Academy (synthetic)',
          referredBy: 'Demo Member',
          agencies: [],
          concernNotes: null,
        }
      : {
          lastSchool: evil(200),
          referredBy: evil(200),
          agencies: [evil(100), evil(100)],
          concernNotes: evil(),
        }),
    categories: ['permanently-excluded'],
    provision: 'none',
    outOfEducationSince: '2026-01-05',
    referralSource: 'other',
    receivedOn: today,
    lead: { id: null, name: evil(200), email: null },
  });
  const created = await ok<{ case: Case }>(
    api.call('POST', '/api/cases', referral(`Synthetic ${evil(80)}`, evil(100))),
  );
  caseRef = created.case.ref;

  await ok(api.call('POST', `/api/cases/${caseRef}/updates`, { text: evil() }));
  const caseVersion = async () => (await api.get<{ case: Case }>(`/api/cases/${caseRef}`)).case.version;
  await ok(
    api.call(
      'POST',
      `/api/cases/${caseRef}/list-checks`,
      { list: 'cse', checkedOn: today, checkedBy: evil(200), outcome: evil(2000) },
      await caseVersion(),
    ),
  );

  // Actions owned by the chair (so My actions lists them): one extended, one completed.
  const owner = { ...CHAIR_PERSON, name: `Demo Chair ${evil(150)}` };
  const newAction = () =>
    ok<Action>(
      api.call('POST', '/api/actions', {
        caseRef,
        description: evil(2000),
        successMeasure: evil(2000),
        owner,
        ownerService: evil(200),
        dueDate: due,
      }),
    );
  const extended = await newAction();
  await ok(
    api.call(
      'POST',
      `/api/actions/${extended.id}/extend`,
      { dueDate: later, reason: evil(1000) },
      extended.version,
    ),
  );
  const completed = await newAction();
  await ok(
    api.call('POST', `/api/actions/${completed.id}/complete`, { note: evil(2000) }, completed.version),
  );

  const { escalation } = await ok<{ escalation: Escalation }>(
    api.call(
      'POST',
      `/api/cases/${caseRef}/escalations`,
      { to: 'other', toName: evil(200), reason: evil(), decisionRequested: evil() },
      await caseVersion(),
    ),
  );
  await ok(
    api.call(
      'POST',
      `/api/escalations/${escalation.id}/response`,
      { response: evil(), outcome: evil() },
      escalation.version,
    ),
  );

  const second = await ok<{ case: Case }>(
    api.call('POST', '/api/cases', referral(`Synthetic ${evil(80)}`, `Closed ${evil(90)}`, true)),
  );
  closedRef = second.case.ref;
  await ok(
    api.call(
      'POST',
      `/api/cases/${closedRef}/close`,
      { reason: 'school-place', date: today, note: evil(2000) },
      second.case.version,
    ),
  );
}

beforeAll(async () => {
  await prepareE2E();
  server = await startServer({ seedCases: 5 });
  browser = await launchBrowser();
  await seedPayloads();
}, PREPARE_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Fails the test on any dialog; records whether one fired. */
function watch(page: Page): { dialogs: string[] } {
  const seen = { dialogs: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.type());
    void d.dismiss();
  });
  return seen;
}

/** What the payloads would have created or run, in the page as it is now. */
async function injected(page: Page): Promise<unknown> {
  // Strings, not functions: the tests compile without the DOM library (as harness.ts does).
  return page.evaluate(`({
    xss: window.__xss,
    elements: [...document.querySelectorAll(
      'img[src="x"], svg[onload], [onerror], [onload]:not(body), [onfocus], [onmouseover], main script',
    )].map((e) => e.tagName),
    jsLinks: [...document.querySelectorAll('a[href]')]
      .filter((a) => a.href.trim().toLowerCase().startsWith('javascript:')).length,
  })`);
}

async function expectClean(page: Page): Promise<void> {
  expect(await injected(page)).toEqual({ xss: undefined, elements: [], jsLinks: 0 });
}

/** The page's visible text, after checking nothing was injected. */
async function textOf(page: Page): Promise<string> {
  await expectClean(page);
  // Open what a user would open (done actions, extension history) to read it too.
  await page.evaluate(`document.querySelectorAll('details:not([open]) > summary').forEach((s) => s.click())`);
  await expectClean(page);
  // Form fields show their text as their value (the record tab is an editable form).
  return (await page.evaluate(
    `[document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((e) => e.value)].join('\\n')`,
  )) as string;
}

describe('free text with markup and script in it', () => {
  test('is shown as text in the list, every tab of a case, a closed case and My actions; nothing runs', async () => {
    const { context, page } = await openPage(browser, server, { user: 'dev-chair' });
    const seen = watch(page);
    const texts: string[] = [];
    try {
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
      await page.getByRole('searchbox', { name: 'Search by name or ref' }).fill(caseRef.toLowerCase());
      await page
        .getByRole('link', { name: new RegExp(caseRef) })
        .first()
        .waitFor();
      texts.push(await textOf(page));

      for (const ref of [caseRef, closedRef]) {
        await page.goto(`${server.url}/cases/${ref}`);
        await page.getByRole('heading', { level: 1, name: new RegExp(`^${ref} ·`) }).waitFor();
        for (const tab of ['Details', 'Actions', 'Timeline', 'List checks', 'Escalations']) {
          const t = page.getByRole('tab', { name: new RegExp(`^${tab}`) });
          if ((await t.count()) === 0) continue;
          await t.first().click();
          // Let the panel's data load: its first marker (or the panel's end) shows.
          await page.waitForLoadState('networkidle');
          texts.push(await textOf(page));
        }
      }

      await page.goto(`${server.url}/actions`);
      await page.getByRole('heading', { name: /My actions/ }).waitFor();
      await page.waitForLoadState('networkidle');
      texts.push(await textOf(page));

      const all = texts.join('\n');
      // The payloads themselves are on screen, character for character.
      for (const p of PAYLOADS) expect(all).toContain(p);
      // And every field that carried one reached the screen as text somewhere.
      const missing = markers.filter((m) => !all.includes(`${m} `));
      expect(missing).toEqual([]);
      expect(seen.dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('in a meeting: the chair’s runner, a member following along, the minutes and the archive; nothing runs', async () => {
    const api = chair();
    const first = markers.length;
    const person = () => ({ name: evil(200), service: evil(200) });
    const startsAt = new Date(server.now().getTime() + 60 * 60 * 1000).toISOString();
    let meeting = await ok<Meeting>(
      api.call('POST', '/api/meetings', { startsAt, attendees: [person()], apologies: [person()] }),
    );
    meeting = await ok<Meeting>(
      api.call('POST', `/api/meetings/${meeting.id}/start`, undefined, meeting.version),
    );
    await ok(
      api.call(
        'PUT',
        `/api/meetings/${meeting.id}/cases/${caseRef}/record`,
        { summary: evil(8000), decisions: evil(8000), challengeNote: evil(4000) },
        0,
      ),
    );
    const meetingMarkers = markers.slice(first);
    const texts: { who: string; text: string }[] = [];
    const read = async (user: string, path: string, ready: (page: Page) => Promise<void>) => {
      const { context, page } = await openPage(browser, server, { user });
      const seen = watch(page);
      try {
        await page.goto(`${server.url}${path}`);
        await ready(page);
        await page.waitForLoadState('networkidle');
        texts.push({ who: `${user} ${path}`, text: await textOf(page) });
        expect(seen.dialogs).toEqual([]);
      } finally {
        await context.close();
      }
    };
    const recorded = (all: string) => meetingMarkers.filter((m) => !all.includes(`${m} `));

    // The chair's runner at the case: the record's text is in its fields.
    await read('dev-chair', `/meetings/${meeting.id}?case=${caseRef}`, async (page) => {
      await page.getByRole('button', { name: 'Finish the meeting' }).waitFor();
    });
    // A member following along sees what is recorded, the attendance too.
    await read('dev-member-ewo', `/meetings/${meeting.id}`, async (page) => {
      await page.getByRole('region', { name: 'Follow along' }).waitFor();
    });
    expect(recorded(texts.map((t) => t.text).join('\n'))).toEqual([]);

    meeting = await api.get<Meeting>(`/api/meetings/${meeting.id}`);
    await ok(api.call('POST', `/api/meetings/${meeting.id}/finish`, undefined, meeting.version));
    texts.length = 0;
    // The minutes on screen, for a senior manager; the archive and escalations.
    await read('dev-senior', `/meetings/${meeting.id}`, async (page) => {
      await page.getByRole('button', { name: 'Download minutes (.docx)' }).waitFor();
    });
    await read('dev-senior', '/meetings', async (page) => {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    });
    const minutes = texts.map((t) => t.text).join('\n');
    for (const p of PAYLOADS) expect(minutes).toContain(p);
    // The minutes say who attended and everything recorded about the case.
    expect(recorded(minutes)).toEqual([]);
  });

  test('the CSP refuses inline script, so even markup that slipped through could not run', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc.split(/\s+/)).toEqual(["'self'"]);

    const { context, page } = await openPage(browser, server, { user: 'dev-chair' });
    try {
      await page.getByRole('heading', { name: 'CMOE list' }).waitFor();
      const outcome = (await page.evaluate(`(async () => {
        const violations = [];
        // Both refusals are reported (the script at once, the handler when the image fails to load).
        const reported = new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => {
            violations.push(e.violatedDirective);
            if (violations.length >= 2) resolve();
          });
        });
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.append(s);
        const div = document.createElement('div');
        div.innerHTML = '<img src="/no-such-image.png" onerror="window.__handler=1">';
        document.body.append(div);
        await reported;
        return { inline: window.__inline, handler: window.__handler, violations };
      })()`)) as { inline: unknown; handler: unknown; violations: string[] };
      expect(outcome.inline).toBeUndefined();
      expect(outcome.handler).toBeUndefined();
      expect(outcome.violations.some((v) => v.startsWith('script-src'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
