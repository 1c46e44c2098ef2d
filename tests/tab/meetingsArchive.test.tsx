/** @jest-environment jsdom */
import './dom';
import { screen, waitFor, within } from '@testing-library/react';
import { addDays, londonInstant } from '../../src/domain/calendar';
import type { Me } from '../../src/tab/client/client';
import { MeetingsPage } from '../../src/tab/components/Meetings/MeetingsPage';
import { formatMeetingTime } from '../../src/tab/components/Meetings/meetingsModel';
import { CHAIR_ME, FakeApi, MEMBER_ME, SENIOR_ME, TODAY, makeEscalation, makeMeeting } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

/** The real matrix's meeting permissions (src/auth/roles.ts), which the shared fake users leave out. */
const MEMBER: Me = {
  ...MEMBER_ME,
  permissions: [...MEMBER_ME.permissions, 'meeting.read', 'minutes.read', 'escalation.read'],
};
const SENIOR: Me = {
  ...SENIOR_ME,
  permissions: ['case.read', 'meeting.read', 'minutes.read', 'escalation.read', 'report.read', 'audit.read'],
};

const at = (days: number, time = '09:30') => londonInstant(addDays(TODAY, days), time).toISOString();

function seeded(me: Me = CHAIR_ME) {
  const api = new FakeApi(me);
  api.meetings = [
    makeMeeting(1, { startsAt: at(14) }),
    makeMeeting(2, { startsAt: at(7), attendees: [{ name: 'Kim Example', service: 'SEND', email: null }] }),
    makeMeeting(3, { startsAt: at(-28), status: 'completed', minutesPublishedAt: at(-27) }),
    makeMeeting(4, { startsAt: at(-14), status: 'completed' }),
    makeMeeting(5, { startsAt: at(-21), status: 'cancelled' }),
  ];
  api.liveAgenda = [
    { caseRef: 'CMOE-0001', section: 'new-referral', reasons: ['Referred since the last meeting'] },
    { caseRef: 'CMOE-0002', section: 'new-referral', reasons: ['Referred since the last meeting'] },
    { caseRef: 'CMOE-0003', section: 'stuck', reasons: ['No progress at the last 2 meetings'] },
  ];
  return api;
}

async function open(api: FakeApi) {
  renderInApp(<MeetingsPage />, api);
  await screen.findByRole('heading', { level: 2, name: 'Upcoming' });
  return userSetup();
}

const section = (name: string) => screen.getByRole('region', { name });
const upcomingItems = () =>
  within(screen.getByRole('list', { name: 'Upcoming meetings' })).getAllByRole('article');

describe('the meetings page', () => {
  test('lists the next meeting first with its agenda counts, and the archive: published, not yet published, cancelled', async () => {
    await open(seeded(MEMBER));
    const [next, later] = upcomingItems();
    expect(
      within(next!)
        .getByRole('link', { name: formatMeetingTime(at(7)) })
        .getAttribute('href'),
    ).toBe('/meetings/m2');
    expect(within(next!).getByText('Next')).toBeTruthy();
    expect(within(next!).getByText(/1 attendee/)).toBeTruthy();
    const counts = await within(next!).findByRole('list', { name: 'Agenda counts' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['New referrals since the last meeting: 2', 'Stuck cases: 1']);
    expect(within(later!).queryByText('Next')).toBeNull();

    const archive = within(screen.getByRole('list', { name: 'Past meetings' })).getAllByRole('listitem');
    // Newest first.
    expect(archive.map((li) => li.textContent)).toEqual([
      `${formatMeetingTime(at(-14))}— Held · minutes not yet published`,
      `${formatMeetingTime(at(-21))}— Cancelled`,
      `${formatMeetingTime(at(-28))}— Held · minutes published`,
    ]);
    expect(within(archive[0]!).getByRole('link').getAttribute('href')).toBe('/meetings/m4');
    // A member reads: nothing to schedule, record or cancel.
    expect(screen.queryByRole('region', { name: 'Schedule meetings' })).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('the chair schedules the next meetings from the cadence; dates already stored are left alone', async () => {
    const api = seeded();
    api.cadenceDates = [addDays(TODAY, 7), addDays(TODAY, 35), addDays(TODAY, 63)];
    const user = await open(api);
    const form = screen.getByRole('form', { name: 'Schedule from the cadence' });
    setText(within(form).getByRole('spinbutton', { name: /Number of meetings/ }), '3');
    await user.click(within(form).getByRole('button', { name: 'Schedule meetings' }));
    await within(form).findByText(/^Scheduled 2 meetings:/);
    expect(api.calls.filter((c) => c.method === 'scheduleFromCadence').map((c) => c.args)).toEqual([[3]]);
    expect(upcomingItems()).toHaveLength(4);
    expect(
      within(section('Upcoming')).getByRole('link', {
        name: formatMeetingTime(`${addDays(TODAY, 63)}T08:30:00.000Z`),
      }),
    ).toBeTruthy();
  });

  test('a count outside 1 to 26 is explained and not sent', async () => {
    const api = seeded();
    await open(api);
    const form = screen.getByRole('form', { name: 'Schedule from the cadence' });
    setText(within(form).getByRole('spinbutton', { name: /Number of meetings/ }), '40');
    expect(within(form).getByText('Enter a whole number from 1 to 26.')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Schedule meetings' }).hasAttribute('disabled')).toBe(
      true,
    );
  });

  test('the chair adds a one-off meeting at a London date and time', async () => {
    const api = seeded();
    const user = await open(api);
    const form = screen.getByRole('form', { name: 'Add a one-off meeting' });
    const day = addDays(TODAY, 10);
    setText(within(form).getByLabelText(/^Date/), day);
    setText(within(form).getByLabelText(/^Time \(UK time\)/), '14:00');
    await user.click(within(form).getByRole('button', { name: 'Add meeting' }));
    await within(form).findByText(`Added a meeting on ${formatMeetingTime(at(10, '14:00'))}.`);
    expect(api.calls.find((c) => c.method === 'scheduleMeeting')!.args).toEqual([
      { startsAt: londonInstant(day, '14:00').toISOString() },
    ]);
    expect(
      within(section('Upcoming')).getByRole('link', { name: formatMeetingTime(at(10, '14:00')) }),
    ).toBeTruthy();
  });

  test('the chair records attendees and apologies with the meeting’s version', async () => {
    const api = seeded();
    const user = await open(api);
    const next = upcomingItems()[0]!;
    await user.click(within(next).getByRole('button', { name: 'Record attendance' }));
    const form = within(next).getByRole('form', { name: 'Attendance' });
    expect((within(form).getByRole('textbox', { name: /Attendee 1 name/ }) as HTMLInputElement).value).toBe(
      'Kim Example',
    );
    await user.click(within(form).getByRole('button', { name: 'Add an attendee' }));
    setText(within(form).getByRole('textbox', { name: /Attendee 2 name/ }), 'Sam Synthetic');
    setText(within(form).getByRole('textbox', { name: /Attendee 2 service or role/ }), 'Education Welfare');
    await user.click(within(form).getByRole('button', { name: 'Add an apology' }));
    setText(within(form).getByRole('textbox', { name: /Apology 1 name/ }), 'Pat Placeholder');
    await user.click(within(form).getByRole('button', { name: 'Save attendance' }));
    await within(form).findByText('Saved.');
    expect(api.calls.find((c) => c.method === 'updateMeetingDetails')!.args).toEqual([
      'm2',
      1,
      {
        attendees: [
          { name: 'Kim Example', service: 'SEND', email: null },
          { name: 'Sam Synthetic', service: 'Education Welfare', email: null },
        ],
        apologies: [{ name: 'Pat Placeholder', service: null, email: null }],
      },
    ]);
    expect(api.meetings.find((m) => m.id === 'm2')!.version).toBe(2);
    expect(within(next).getByText(/2 attendees, 1 apology/)).toBeTruthy();
  });

  test('a blank name is explained and blocks saving until filled or removed', async () => {
    const api = seeded();
    const user = await open(api);
    const next = upcomingItems()[0]!;
    await user.click(within(next).getByRole('button', { name: 'Record attendance' }));
    const form = within(next).getByRole('form', { name: 'Attendance' });
    await user.click(within(form).getByRole('button', { name: 'Add an apology' }));
    expect(within(form).getByText('Enter a name, or remove this row.')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Save attendance' }).hasAttribute('disabled')).toBe(true);
    await user.click(within(form).getByRole('button', { name: 'Remove apology 1' }));
    expect(within(form).queryByText('Enter a name, or remove this row.')).toBeNull();
  });

  test('a conflict shows the saved lists, keeps what the chair typed, and saves it only when the chair says so', async () => {
    const api = seeded();
    const user = await open(api);
    const next = upcomingItems()[0]!;
    await user.click(within(next).getByRole('button', { name: 'Record attendance' }));
    const form = within(next).getByRole('form', { name: 'Attendance' });
    await user.click(within(form).getByRole('button', { name: 'Add an attendee' }));
    setText(within(form).getByRole('textbox', { name: /Attendee 2 name/ }), 'Sam Synthetic');
    // The chair's other device saved meanwhile.
    api.changeMeetingOnServer('m2', {
      attendees: [{ name: 'Other Device Person', service: 'CSC', email: null }],
    });
    await user.click(within(form).getByRole('button', { name: 'Save attendance' }));

    const panel = await within(form).findByRole('region', { name: 'Someone else changed this meeting' });
    expect(within(panel).getByText('Other Device Person (CSC)')).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: /Attendee 2 name/ }) as HTMLInputElement).value).toBe(
      'Sam Synthetic',
    );
    expect(api.meetings.find((m) => m.id === 'm2')!.attendees.map((a) => a.name)).toEqual([
      'Other Device Person',
    ]);

    await user.click(within(panel).getByRole('button', { name: 'Save my lists instead' }));
    await within(form).findByText('Saved.');
    expect(api.calls.filter((c) => c.method === 'updateMeetingDetails').map((c) => c.args[1])).toEqual([
      1, 2,
    ]);
    expect(api.meetings.find((m) => m.id === 'm2')!.attendees.map((a) => a.name)).toEqual([
      'Kim Example',
      'Sam Synthetic',
    ]);
  });

  test('cancelling asks first, and "keep the meeting" changes nothing', async () => {
    const api = seeded();
    const user = await open(api);
    await user.click(within(upcomingItems()[0]!).getByRole('button', { name: 'Cancel meeting' }));
    const dialog = await screen.findByRole('dialog', {
      name: `Cancel the meeting on ${formatMeetingTime(at(7))}?`,
    });
    await user.click(within(dialog).getByRole('button', { name: 'Keep the meeting' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls.some((c) => c.method === 'cancelMeeting')).toBe(false);
    expect(upcomingItems()).toHaveLength(2);
  });

  test('a confirmed cancellation moves the meeting to the archive as cancelled', async () => {
    const api = seeded();
    const user = await open(api);
    await user.click(within(upcomingItems()[0]!).getByRole('button', { name: 'Cancel meeting' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel the meeting' }));
    await waitFor(() => expect(upcomingItems()).toHaveLength(1));
    expect(api.calls.find((c) => c.method === 'cancelMeeting')!.args).toEqual(['m2', 1]);
    expect(api.meetings.find((m) => m.id === 'm2')!.status).toBe('cancelled');
    expect(
      within(screen.getByRole('list', { name: 'Past meetings' }))
        .getByText(formatMeetingTime(at(7)))
        .closest('li')!.textContent,
    ).toContain('Cancelled');
  });

  test('a cancellation refused because the meeting changed shows the meeting as it is now', async () => {
    const api = seeded();
    const user = await open(api);
    await user.click(within(upcomingItems()[0]!).getByRole('button', { name: 'Cancel meeting' }));
    api.changeMeetingOnServer('m2', { attendees: [] });
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel the meeting' }));
    expect(await within(dialog).findByText('Someone else changed this meeting.')).toBeTruthy();
    expect(api.meetings.find((m) => m.id === 'm2')!.status).toBe('scheduled');
    // The list now shows the server's meeting (no attendees), so a second "yes" uses its version.
    // (The dialog is still open, so the page behind it is hidden from the accessibility tree.)
    const behind = screen.getByRole('list', { name: 'Upcoming meetings', hidden: true });
    expect(within(behind).getAllByText(/0 attendees/)).toHaveLength(2);
  });

  test('a senior manager sees meetings, minutes status and every escalation, with overdue ones said in words, and no controls', async () => {
    const api = seeded(SENIOR);
    api.escalations = [
      makeEscalation(1, {
        caseRef: 'CMOE-0004',
        raisedOn: addDays(TODAY, -20),
        responseDue: addDays(TODAY, -3),
      }),
      makeEscalation(2, {
        caseRef: 'CMOE-0005',
        toName: 'Jo Director (synthetic)',
        to: 'director',
        response: 'Place agreed at Demo Academy',
        outcome: 'Starts next week',
        respondedOn: addDays(TODAY, -1),
      }),
      makeEscalation(3, { caseRef: 'CMOE-0006', responseDue: addDays(TODAY, 5) }),
    ];
    await open(api);
    const list = await screen.findByRole('list', { name: 'Escalations' });
    const items = within(list).getAllByRole('article');
    // Overdue first, then waiting, then answered.
    expect(items.map((a) => within(a).getByRole('heading').textContent)).toEqual([
      'CMOE-0004',
      'CMOE-0006',
      'CMOE-0005',
    ]);
    expect(within(items[0]!).getByText(/overdue, no response yet/)).toBeTruthy();
    expect(within(items[0]!).getByText('Direct a school to admit')).toBeTruthy();
    expect(within(items[0]!).getByRole('link', { name: 'CMOE-0004' }).getAttribute('href')).toBe(
      '/cases/CMOE-0004',
    );
    expect(within(items[1]!).queryByText(/overdue/)).toBeNull();
    expect(within(items[2]!).getByText('Jo Director (synthetic) (Director)')).toBeTruthy();
    expect(within(items[2]!).getByText(/Place agreed at Demo Academy/)).toBeTruthy();
    expect(within(items[2]!).getByText('Starts next week')).toBeTruthy();
    expect(screen.getByText('2 awaiting a response, 1 of them overdue; 3 in all.')).toBeTruthy();
    expect(within(section('Archive')).getByText(/minutes not yet published/)).toBeTruthy();

    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });
});
