/** @jest-environment jsdom */
import './dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { addDays, londonInstant } from '../../src/domain/calendar';
import type { MinutesContent } from '../../src/domain/minutes';
import type { Meeting, MeetingCaseRecord } from '../../src/domain/types';
import type { Me } from '../../src/tab/client/client';
import { MeetingPage } from '../../src/tab/components/Meetings/MeetingPage';
import { FOLLOW_ALONG_LABEL, NOW_DISCUSSING } from '../../src/tab/components/Meetings/MeetingAgenda';
import { formatMeetingTime } from '../../src/tab/components/Meetings/meetingsModel';
import { formatDate } from '../../src/tab/lib/format';
import {
  CHAIR_ME,
  FakeApi,
  MEMBER_ME,
  SENIOR_ME,
  TODAY,
  makeAction,
  makeMeeting,
  makeSummary,
} from './fakeApi';
import { TAB_NOW, installTabClock } from './clock';
import { renderInApp, userSetup } from './render';

const MEMBER: Me = {
  ...MEMBER_ME,
  permissions: [...MEMBER_ME.permissions, 'meeting.read', 'minutes.read', 'escalation.read'],
};
const SENIOR: Me = {
  ...SENIOR_ME,
  permissions: ['case.read', 'meeting.read', 'minutes.read', 'escalation.read', 'report.read', 'audit.read'],
};

const at = (days: number, time = '09:30') => londonInstant(addDays(TODAY, days), time).toISOString();

const AGENDA: NonNullable<Meeting['agenda']> = [
  { caseRef: 'CMOE-0001', section: 'new-referral', reasons: ['Referred since the last meeting'] },
  { caseRef: 'CMOE-0002', section: 'highest-concern', reasons: ['High concern'] },
  {
    caseRef: 'CMOE-0003',
    section: 'stuck',
    reasons: ['No progress at the last 2 meetings', 'An action deferred twice'],
  },
];

function record(caseRef: string, over: Partial<MeetingCaseRecord>): MeetingCaseRecord {
  return {
    caseRef,
    summary: '',
    decisions: '',
    concernChange: null,
    actionIds: [],
    escalationId: null,
    closure: null,
    challengeNote: null,
    leadChange: null,
    version: 1,
    updatedAt: TAB_NOW.toISOString(),
    ...over,
  };
}

function seeded(me: Me, meeting: Partial<Meeting>) {
  const api = new FakeApi(me);
  api.summaries = [1, 2, 3].map((n) => makeSummary(n));
  api.liveAgenda = AGENDA;
  api.meetings = [makeMeeting(1, { startsAt: at(0), ...meeting })];
  return api;
}

const page = (api: FakeApi, id = 'm1') => renderInApp(<MeetingPage meetingId={id} />, api);
const heading = () =>
  screen.findByRole('heading', { level: 1, name: `Meeting on ${formatMeetingTime(at(0))}` });
const caseArticle = (scope: HTMLElement, name: RegExp) => within(scope).getByRole('article', { name });

afterEach(() => {
  // Real timers again, on the tab's fixed clock (./clock).
  installTabClock();
  window.history.replaceState(null, '', '/');
});

describe('a meeting, read-only', () => {
  test('before it starts, a member reads the live agenda by section, each case with its reasons and a link', async () => {
    page(seeded(MEMBER, { attendees: [{ name: 'Kim Example', service: 'SEND', email: null }] }));
    await heading();
    expect(screen.getByText('Kim Example (SEND)')).toBeTruthy();
    const agenda = screen.getByRole('region', { name: 'Agenda' });
    const sections = within(agenda)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(sections).toEqual([
      'New referrals since the last meeting (1)',
      'Children of highest concern (1)',
      'Stuck cases (1)',
    ]);
    const stuck = within(agenda).getByRole('region', { name: 'Stuck cases' });
    const item = await waitFor(() => caseArticle(stuck, /^CMOE-0003 · Testy3 Example3$/));
    expect(
      within(within(item).getByRole('list', { name: 'Why it is on the agenda' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['No progress at the last 2 meetings', 'An action deferred twice']);
    expect(within(item).getByRole('link').getAttribute('href')).toBe('/cases/CMOE-0003');
    expect(screen.getByText(/follows the cases until the meeting starts/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('region', { name: FOLLOW_ALONG_LABEL })).toBeNull();
  });

  test('while it runs, a member follows along: a record saved on the server appears after the next poll as "Now discussing"', async () => {
    jest.useFakeTimers({ now: TAB_NOW });
    const api = seeded(MEMBER, { status: 'in-progress', agenda: AGENDA, chair: CHAIR_ME });
    api.actions = [makeAction(7, { caseRef: 'CMOE-0002', description: 'Offer a place at Demo Academy' })];
    const getMeeting = jest.spyOn(api, 'getMeeting');
    page(api);
    await heading();
    const follow = screen.getByRole('region', { name: FOLLOW_ALONG_LABEL });
    expect(within(follow).getByRole('status').textContent).toMatch(/nothing has been recorded yet/);
    expect(within(follow).queryByText(NOW_DISCUSSING)).toBeNull();

    // The chair records a decision on their device.
    api.changeMeetingOnServer('m1', {
      records: [
        record('CMOE-0002', {
          summary: 'School has a place from next term',
          decisions: 'Ask the school to confirm the start date',
          concernChange: { from: 'high', to: 'medium' },
          actionIds: ['a7'],
          updatedAt: '2026-11-01T10:00:00.000Z',
        }),
      ],
    });
    const before = getMeeting.mock.calls.length;
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(getMeeting.mock.calls.length).toBe(before + 1);
    const current = await within(follow).findByRole('article', { current: true });
    expect(current.getAttribute('aria-labelledby')).toBeTruthy();
    expect(within(current).getByRole('heading').textContent).toBe('CMOE-0002 · Testy2 Example2');
    expect(within(current).getByText(NOW_DISCUSSING)).toBeTruthy();
    expect(within(current).getByText('Ask the school to confirm the start date')).toBeTruthy();
    expect(within(current).getByText('High to Medium')).toBeTruthy();
    expect(await within(current).findByText(/^Offer a place at Demo Academy — Demo Member/)).toBeTruthy();
    // A long agenda: the link takes keyboard and screen reader users to the case being discussed.
    fireEvent.click(within(follow).getByRole('link', { name: 'Go to the case being discussed' }));
    expect(document.activeElement).toBe(current);
    expect(within(follow).getByRole('status').textContent).toMatch(
      /^Now discussing CMOE-0002 · Testy2 Example2\./,
    );

    // The chair moves on: the newest record becomes "now".
    api.changeMeetingOnServer('m1', {
      records: [
        ...api.meetings[0]!.records,
        record('CMOE-0003', {
          challengeNote: 'Waiting for the panel',
          updatedAt: '2026-11-01T10:05:00.000Z',
        }),
      ],
    });
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    await waitFor(() =>
      expect(
        within(within(follow).getByRole('article', { current: true })).getByRole('heading').textContent,
      ).toBe('CMOE-0003 · Testy3 Example3'),
    );
    expect(
      within(caseArticle(follow, /^CMOE-0002/)).getByText('Ask the school to confirm the start date'),
    ).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  test('following pauses while the tab is hidden and catches up when it is shown', async () => {
    jest.useFakeTimers({ now: TAB_NOW });
    const api = seeded(MEMBER, { status: 'in-progress', agenda: AGENDA });
    const getMeeting = jest.spyOn(api, 'getMeeting');
    page(api);
    await heading();
    const visibility = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const before = getMeeting.mock.calls.length;
    await act(async () => {
      jest.advanceTimersByTime(20000);
    });
    expect(getMeeting.mock.calls.length).toBe(before);
    api.changeMeetingOnServer('m1', { records: [record('CMOE-0001', { decisions: 'Allocate a lead' })] });
    visibility.mockReturnValue('visible');
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(getMeeting.mock.calls.length).toBe(before + 1);
    expect(await screen.findByText('Allocate a lead')).toBeTruthy();
    visibility.mockRestore();
  });

  test('when the chair finishes, following stops and the minutes appear', async () => {
    jest.useFakeTimers({ now: TAB_NOW });
    const api = seeded(MEMBER, { status: 'in-progress', agenda: AGENDA });
    const getMeeting = jest.spyOn(api, 'getMeeting');
    page(api);
    await heading();
    api.minutes.set('m1', minutes());
    api.changeMeetingOnServer('m1', { status: 'completed' });
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    await screen.findByRole('heading', { level: 2, name: 'Minutes' });
    expect(screen.queryByRole('region', { name: FOLLOW_ALONG_LABEL })).toBeNull();
    const after = getMeeting.mock.calls.length;
    await act(async () => {
      jest.advanceTimersByTime(30000);
    });
    expect(getMeeting.mock.calls.length).toBe(after);
  });
});

function minutes(): MinutesContent {
  return {
    meetingId: 'm1',
    date: TODAY,
    chair: 'Demo Chair (Alex Sample)',
    attendees: ['Kim Example (SEND)'],
    apologies: ['Pat Placeholder'],
    cases: [
      {
        caseRef: 'CMOE-0002',
        childName: 'Testy2 Example2',
        yearGroup: 'Year 8',
        concern: 'High',
        highestConcern: true,
        section: 'Children of highest concern',
        reasons: ['High concern'],
        summary: 'No place for 12 weeks',
        decisions: 'Escalate to the head of service',
        concernChange: null,
        leadChange: null,
        challengeNote: null,
        actions: [
          {
            description: 'Ask two schools for a place',
            successMeasure: 'A start date is agreed',
            owner: 'Demo Member (Bea Placeholder)',
            ownerService: 'Education Welfare',
            dueDate: '2026-12-04',
          },
        ],
        escalation:
          'Escalated to Head of service: Direct a school to admit (response due Friday 11 December 2026)',
        closure: null,
      },
      {
        caseRef: 'CMOE-0001',
        childName: 'Testy1 Example1',
        yearGroup: 'Year 8',
        concern: 'Medium',
        highestConcern: false,
        section: 'New referrals since the last meeting',
        reasons: [],
        summary: 'Family moved into the area',
        decisions: '',
        concernChange: null,
        leadChange: null,
        challengeNote: null,
        actions: [],
        escalation: null,
        closure: 'Closed: Full-time school place started (Friday 27 November 2026)',
      },
    ],
    escalations: [
      {
        caseRef: 'CMOE-0002',
        childName: 'Testy2 Example2',
        to: 'Head of service',
        reason: 'No place for 12 weeks.',
        decisionRequested: 'Direct a school to admit',
        responseDue: '2026-12-11',
      },
    ],
    closures: [
      {
        caseRef: 'CMOE-0001',
        childName: 'Testy1 Example1',
        reason: 'Full-time school place started',
        date: '2026-11-27',
      },
    ],
    notDiscussed: ['CMOE-0003'],
  };
}

describe('the minutes of a finished meeting', () => {
  function finished(me: Me, over: Partial<Meeting> = {}) {
    const api = seeded(me, { status: 'completed', agenda: AGENDA, ...over });
    api.minutes.set('m1', minutes());
    return api;
  }

  test('show attendance, the highest-concern case first with its SMART actions, escalations and closures; not yet published said plainly', async () => {
    page(finished(MEMBER));
    await heading();
    const region = screen.getByRole('region', { name: 'Minutes' });
    expect(within(region).getByText('Not yet published')).toBeTruthy();
    expect(await within(region).findByText('Kim Example (SEND)')).toBeTruthy();
    expect(within(region).getByText('Pat Placeholder')).toBeTruthy();
    const cases = within(within(region).getByRole('list', { name: 'Cases discussed' })).getAllByRole(
      'article',
    );
    expect(cases.map((c) => within(c).getByRole('heading').textContent)).toEqual([
      'CMOE-0002 · Testy2 Example2',
      'CMOE-0001 · Testy1 Example1',
    ]);
    expect(within(cases[0]!).getByText('Highest concern')).toBeTruthy();
    const table = within(cases[0]!).getByRole('table', { name: 'SMART actions for CMOE-0002' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'Ask two schools for a place',
      'A start date is agreed',
      'Demo Member (Bea Placeholder) (Education Welfare)',
      formatDate('2026-12-04'),
    ]);
    expect(within(cases[0]!).getByText('Escalate to the head of service')).toBeTruthy();
    expect(within(region).getByRole('list', { name: 'Escalations in these minutes' }).textContent).toContain(
      'Direct a school to admit',
    );
    expect(within(region).getByRole('list', { name: 'Closures' }).textContent).toContain(
      'Full-time school place started',
    );
    expect(within(region).getByText('On the agenda but not discussed: CMOE-0003.')).toBeTruthy();
    // The frozen agenda is there too.
    expect(screen.getByRole('region', { name: 'Agenda (as it stood at the start)' })).toBeTruthy();
  });

  test('show the disclosures recorded in the meeting, as the .docx has them', async () => {
    const api = finished(MEMBER);
    api.minutes.set('m1', {
      ...minutes(),
      disclosures: [
        {
          caseRef: 'CMOE-0002',
          childName: 'Testy2 Example2',
          disclosedOn: '2026-11-27',
          to: 'Demo Police, Missing persons coordinator',
          shared: 'Known or suspected whereabouts. Last known address',
          reason: 'Missing for two weeks',
          basis: 'UK GDPR Art 6(1)(e): public task; none',
          authorisedBy: 'Chair Example (Chair)',
          correction: false,
        },
      ],
    });
    page(api);
    await heading();
    const list = await screen.findByRole('list', { name: 'Disclosures in these minutes' });
    expect(list.textContent).toContain('CMOE-0002 · Testy2 Example2');
    expect(list.textContent).toContain('to Demo Police, Missing persons coordinator');
    expect(list.textContent).toContain('Last known address');
    expect(list.textContent).toContain('Authorised by Chair Example (Chair)');
  });

  test('without disclosures, the minutes have no disclosure heading', async () => {
    page(finished(MEMBER));
    await heading();
    await screen.findByRole('list', { name: 'Cases discussed' });
    expect(screen.queryByText(/^Disclosures under the child-protection override/)).toBeNull();
  });

  test('published minutes say when', async () => {
    page(finished(MEMBER, { minutesPublishedAt: '2026-11-27T15:04:00.000Z' }));
    await heading();
    expect(await screen.findByText('Published on 27 Nov 2026, 15:04.')).toBeTruthy();
    expect(screen.queryByText('Not yet published')).toBeNull();
  });

  test('"Download minutes (.docx)" fetches the file and saves it under the server’s name through an object URL', async () => {
    const api = finished(MEMBER);
    const created: Blob[] = [];
    const saved: string[] = [];
    URL.createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return 'blob:minutes';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(`${this.download} <- ${this.href}`);
    });
    page(api);
    await heading();
    const user = userSetup();
    await user.click(screen.getByRole('button', { name: 'Download minutes (.docx)' }));
    await waitFor(() => expect(saved).toEqual([`CMOE minutes ${TODAY}.docx <- blob:minutes`]));
    expect(api.calls.filter((c) => c.method === 'downloadMinutes').map((c) => c.args)).toEqual([['m1']]);
    expect(created[0]!.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:minutes'));
    click.mockRestore();
  });

  test('a senior manager reads the minutes with no edit controls at all', async () => {
    page(finished(SENIOR));
    await heading();
    await screen.findByRole('list', { name: 'Cases discussed' });
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Download minutes (.docx)']);
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  test('the chair, once the meeting is over, reads it here and may publish', async () => {
    const api = finished(CHAIR_ME);
    page(api);
    await heading();
    const user = userSetup();
    await user.click(await screen.findByRole('button', { name: 'Publish the minutes' }));
    expect(await screen.findByText(/^Published on /)).toBeTruthy();
    expect(api.meetings[0]!.minutesPublishedAt).not.toBeNull();
  });
});

describe('who sees what', () => {
  test('the chair gets meeting mode (MeetingRunner) for a scheduled meeting, not the read-only view', async () => {
    page(seeded(CHAIR_ME, {}));
    expect(await screen.findByRole('button', { name: 'Start the meeting' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Agenda' })).toBeNull();
    expect(
      screen.queryByRole('heading', { level: 1, name: `Meeting on ${formatMeetingTime(at(0))}` }),
    ).toBeNull();
  });

  test('a senior manager sees a scheduled meeting read-only, never the chair’s meeting mode', async () => {
    page(seeded(SENIOR, {}));
    await heading();
    expect(screen.getByRole('region', { name: 'Agenda' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('a cancelled meeting says so', async () => {
    page(seeded(MEMBER, { status: 'cancelled' }));
    await heading();
    expect(screen.getByText('This meeting was cancelled.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Agenda' })).toBeNull();
  });
});

describe('/meetings/next', () => {
  test('opens the meeting in progress, replacing the URL', async () => {
    const api = seeded(MEMBER, { startsAt: at(7) });
    api.meetings.push(makeMeeting(2, { startsAt: at(0), status: 'in-progress', agenda: AGENDA }));
    window.history.pushState(null, '', '/meetings/next');
    const length = window.history.length;
    page(api, 'next');
    await waitFor(() => expect(window.location.pathname).toBe('/meetings/m2'));
    expect(window.history.length).toBe(length);
  });

  test('else the next scheduled meeting', async () => {
    const api = seeded(MEMBER, { startsAt: at(-7), status: 'completed' });
    api.meetings.push(makeMeeting(2, { startsAt: at(14) }), makeMeeting(3, { startsAt: at(7) }));
    api.next = { date: addDays(TODAY, 7), startsAt: at(7), meetingId: 'm3' };
    page(api, 'next');
    await waitFor(() => expect(window.location.pathname).toBe('/meetings/m3'));
  });

  test('when none is stored, says when the cadence puts the next one', async () => {
    const api = new FakeApi(MEMBER);
    api.next = { date: addDays(TODAY, 3), startsAt: at(3), meetingId: null };
    window.history.replaceState(null, '', '/meetings/next');
    page(api, 'next');
    expect(
      await screen.findByText(`The next meeting on the group’s cadence is ${formatMeetingTime(at(3))}.`),
    ).toBeTruthy();
    expect(window.location.pathname).toBe('/meetings/next');
  });
});
