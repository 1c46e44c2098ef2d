/** @jest-environment jsdom */
import './dom';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { EMPTY_CALENDAR, addDays, nextWorkingDayOnOrAfter } from '../../src/domain/calendar';
import type { Meeting } from '../../src/domain/types';
import { MeetingRunner } from '../../src/tab/components/Meetings/run/MeetingRunner';
import { draftKey } from '../../src/tab/components/Meetings/run/useRecordAutosave';
import { CHAIR_ME, FakeApi, TODAY, makeAction, makeCase, makeMeeting } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

const M = 'm1';
const AGENDA: NonNullable<Meeting['agenda']> = [
  { caseRef: 'CMOE-0001', section: 'highest-concern', reasons: ['High concern'] },
  { caseRef: 'CMOE-0002', section: 'stuck', reasons: ['No progress at the last 2 meetings'] },
  { caseRef: 'CMOE-0003', section: 'other-open', reasons: [] },
];
// Saves wait for a pause in typing and retries for a moment: give them time, assert on what happened.
const SLOW = { timeout: 5000 };

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', `/meetings/${M}`);
});

function seeded(status: Meeting['status'] = 'in-progress') {
  const api = new FakeApi(CHAIR_ME);
  for (const n of [1, 2, 3])
    api.cases.set(`CMOE-000${n}`, makeCase(n, { concern: n === 1 ? 'high' : 'medium' }));
  api.liveAgenda = AGENDA;
  api.meetings = [makeMeeting(1, { status, agenda: status === 'in-progress' ? AGENDA : null })];
  return api;
}

/** MeetingPage's part: render the runner for the meeting as the server has it, reloading on change. */
function Harness({ api }: { api: FakeApi }) {
  const [meeting, setMeeting] = useState(api.meetings[0]!);
  return <MeetingRunner meeting={meeting} onChanged={() => void api.getMeeting(M).then(setMeeting)} />;
}

function open(api: FakeApi) {
  const view = renderInApp(<Harness api={api} />, api);
  return { view };
}

async function openRunning(api: FakeApi) {
  const r = open(api);
  await screen.findByRole('heading', { level: 2, name: /^CMOE-0001 ·/ });
  return { ...r, user: userSetup() };
}

const summary = () => screen.getByRole('textbox', { name: 'Discussion summary' });
const decisions = () => screen.getByRole('textbox', { name: 'Decisions' });
const saveCalls = (api: FakeApi) => api.calls.filter((c) => c.method === 'saveRecord');
const record = (api: FakeApi, ref: string) => api.meetings[0]!.records.find((r) => r.caseRef === ref);

describe('the chair runs a meeting', () => {
  test('starts a scheduled meeting with the meeting’s version', async () => {
    const api = seeded('scheduled');
    open(api);
    const user = userSetup();
    await screen.findByText(/freezes its agenda \(3 cases now\)/);
    await user.click(screen.getByRole('button', { name: 'Start the meeting' }));
    await waitFor(() => expect(api.meetings[0]!.status).toBe('in-progress'));
    expect(api.calls.find((c) => c.method === 'startMeeting')!.args).toEqual([M, 1]);
    // MeetingPage reloads the meeting: meeting mode opens on the first agenda case.
    await screen.findByRole('heading', { level: 2, name: /^CMOE-0001 ·/ });
  });

  test('steps through the agenda case by case and keeps the position in the URL', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    const agenda = screen.getByRole('navigation', { name: 'Agenda' });
    expect(within(agenda).getAllByRole('button')).toHaveLength(3);
    expect(
      within(agenda)
        .getByRole('button', { name: /^1 of 3: CMOE-0001/ })
        .getAttribute('aria-current'),
    ).toBe('step');
    await user.click(screen.getByRole('button', { name: 'Next case' }));
    await screen.findByRole('heading', { level: 2, name: /^CMOE-0002 ·/ });
    expect(window.location.search).toBe('?case=CMOE-0002');
    await user.click(within(agenda).getByRole('button', { name: /^3 of 3: CMOE-0003/ }));
    await screen.findByRole('heading', { level: 2, name: /^CMOE-0003 ·/ });
    expect(screen.getByRole('button', { name: 'Next case' }).hasAttribute('disabled')).toBe(true);
    expect(window.location.search).toBe('?case=CMOE-0003');
  });

  test('opens on the case named in the URL after a reload', async () => {
    window.history.replaceState(null, '', `/meetings/${M}?case=CMOE-0003`);
    open(seeded());
    await screen.findByRole('heading', { level: 2, name: /^CMOE-0003 ·/ });
  });

  test('autosaves what is typed with the record’s version: "0" first, then the version it got back', async () => {
    const api = seeded();
    await openRunning(api);
    setText(summary(), 'Discussed the offer of a school place');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'), SLOW);
    expect(saveCalls(api)[0]!.args).toEqual([
      M,
      'CMOE-0001',
      0,
      { summary: 'Discussed the offer of a school place', decisions: '', challengeNote: null },
    ]);
    setText(decisions(), 'Place to start next week');
    await waitFor(() => expect(record(api, 'CMOE-0001')?.decisions).toBe('Place to start next week'), SLOW);
    expect(saveCalls(api)[1]!.args[2]).toBe(1);
    expect(record(api, 'CMOE-0001')?.summary).toBe('Discussed the offer of a school place');
    // Saved text is not kept on the device any longer.
    expect(localStorage.getItem(draftKey(CHAIR_ME.id, M, 'CMOE-0001'))).toBeNull();
  });

  test('a save refused because the other device saved the case shows both texts and loses neither', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    // The chair's other device saves this case first.
    api.writeRecordOnServer(M, 'CMOE-0001', { summary: 'Typed on the laptop' });
    setText(summary(), 'Typed on the tablet');
    const panel = await screen.findByRole(
      'region',
      { name: 'This case was also saved from another device' },
      SLOW,
    );
    expect(within(panel).getByLabelText('Discussion summary saved from the other device').textContent).toBe(
      'Typed on the laptop',
    );
    expect(within(panel).getByLabelText('Discussion summary you typed here').textContent).toBe(
      'Typed on the tablet',
    );
    expect(screen.getByRole('status').textContent).toBe('Not saved — choose which text to keep');
    // Nothing overwritten meanwhile, and the typed text is still in the field.
    expect(record(api, 'CMOE-0001')?.summary).toBe('Typed on the laptop');
    expect((summary() as HTMLTextAreaElement).value).toBe('Typed on the tablet');

    await user.click(within(panel).getByRole('button', { name: 'Use this and save' }));
    await waitFor(
      () => expect(record(api, 'CMOE-0001')?.summary).toBe('Typed on the laptop\n\nTyped on the tablet'),
      SLOW,
    );
    expect(screen.queryByRole('region', { name: 'This case was also saved from another device' })).toBeNull();
  });

  test('the chair can keep only their own text in a conflict', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    api.writeRecordOnServer(M, 'CMOE-0001', { summary: 'Old wording' });
    setText(summary(), 'New wording');
    const panel = await screen.findByRole(
      'region',
      { name: 'This case was also saved from another device' },
      SLOW,
    );
    await user.click(within(panel).getByRole('radio', { name: 'Keep mine' }));
    await user.click(within(panel).getByRole('button', { name: 'Use this and save' }));
    await waitFor(() => expect(record(api, 'CMOE-0001')?.summary).toBe('New wording'), SLOW);
  });

  test('offline, the text stays on the device through a reload and is saved when the connection is back', async () => {
    const api = seeded();
    const { view } = await openRunning(api);
    api.offline = true;
    setText(summary(), 'Said while the connection was down');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not saved — retrying'), SLOW);
    expect(JSON.parse(localStorage.getItem(draftKey(CHAIR_ME.id, M, 'CMOE-0001'))!).draft.summary).toBe(
      'Said while the connection was down',
    );

    // A reload while still offline: the text comes back from the device.
    view.unmount();
    open(api);
    await screen.findByRole('heading', { level: 2, name: /^CMOE-0001 ·/ });
    expect((summary() as HTMLTextAreaElement).value).toBe('Said while the connection was down');
    expect(record(api, 'CMOE-0001')).toBeUndefined();

    api.offline = false;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(
      () => expect(record(api, 'CMOE-0001')?.summary).toBe('Said while the connection was down'),
      SLOW,
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'), SLOW);
    expect(localStorage.getItem(draftKey(CHAIR_ME.id, M, 'CMOE-0001'))).toBeNull();
  });

  test('text kept on the device is offered back only to the person who typed it', async () => {
    const api = seeded();
    const { view } = await openRunning(api);
    api.offline = true;
    setText(summary(), 'Typed by the chair');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not saved — retrying'), SLOW);
    view.unmount();
    // The deputy chair signs in on the same device.
    api.whoAmI = { ...CHAIR_ME, id: 'dev-deputy', name: 'Demo Deputy (Di Sample)' };
    open(api);
    await screen.findByRole('heading', { level: 2, name: /^CMOE-0001 ·/ });
    expect((summary() as HTMLTextAreaElement).value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('Saved');
    // Still kept for the chair who typed it.
    expect(JSON.parse(localStorage.getItem(draftKey(CHAIR_ME.id, M, 'CMOE-0001'))!).draft.summary).toBe(
      'Typed by the chair',
    );
  });

  test('an action added in the meeting does not make the next save a false conflict', async () => {
    const api = seeded();
    await openRunning(api);
    setText(summary(), 'First words');
    await waitFor(() => expect(record(api, 'CMOE-0001')?.version).toBe(1), SLOW);
    // The other device adds an action to this case: the record's version moves, its text does not.
    api.writeRecordOnServer(M, 'CMOE-0001', { actionIds: ['a9'] });
    setText(summary(), 'First words, then more');
    await waitFor(() => expect(record(api, 'CMOE-0001')?.summary).toBe('First words, then more'), SLOW);
    expect(screen.queryByRole('region', { name: 'This case was also saved from another device' })).toBeNull();
    expect(record(api, 'CMOE-0001')?.actionIds).toEqual(['a9']);
  });

  test('adds a SMART action by the meeting: refused with the missing parts, then added', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    await user.click(screen.getByRole('button', { name: 'Add SMART action' }));
    setText(screen.getByRole('textbox', { name: /What will be done/ }), 'Visit the family');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await screen.findByText('Not added yet');
    expect(api.actions).toHaveLength(0);

    setText(screen.getByRole('textbox', { name: /Success measure/ }), 'Visit note on the timeline');
    await user.selectOptions(screen.getByRole('combobox', { name: /^Owner/ }), 'dev-member-ewo');
    // Three weeks on, moved off weekends and bank holidays by the calendar (from TAB_NOW, 7 December
    // 2026, that is past the Boxing Day substitute holiday on the 28th).
    const due = nextWorkingDayOnOrAfter(addDays(TODAY, 21), EMPTY_CALENDAR);
    setText(screen.getByLabelText(/Due date/), due);
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await screen.findByText(/^Action added: due/);
    expect(api.calls.find((c) => c.method === 'addMeetingAction')!.args.slice(0, 2)).toEqual([
      M,
      'CMOE-0001',
    ]);
    expect(api.actions[0]!.meetingId).toBe(M);
    const set = await screen.findByRole('list', { name: 'Actions set in this meeting' });
    expect(within(set).getByText(/Visit the family — Demo Member \(Bea Placeholder\)/)).toBeTruthy();
  });

  test('changes the concern level with the case’s version and shows it as recorded', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Concern level' }), 'medium');
    await screen.findByText('Concern changed from High to Medium.');
    expect(api.calls.find((c) => c.method === 'changeConcern')!.args).toEqual([M, 'CMOE-0001', 1, 'medium']);
  });
});

/** A dialog by its title (the name it gets from aria-labelledby). */
const dialogTitled = (title: string) => screen.findByRole('dialog', { name: title });

describe('deciding and finishing', () => {
  test('escalates with the case’s version and shows what was asked, then offers no second escalation', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const dialog = await dialogTitled('Escalate to a senior manager');
    await user.selectOptions(
      await within(dialog).findByRole('combobox', { name: /Escalate to/ }),
      'director',
    );
    setText(within(dialog).getByRole('textbox', { name: /Reason/ }), 'No place after 12 weeks');
    setText(within(dialog).getByRole('textbox', { name: /Decision requested/ }), 'Direct a school to admit');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    await waitFor(() => expect(record(api, 'CMOE-0001')?.escalationId).toBe('e-run-CMOE-0001'));
    expect(api.calls.find((c) => c.method === 'escalateInMeeting')!.args.slice(0, 3)).toEqual([
      M,
      'CMOE-0001',
      1,
    ]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Escalate' })).toBeNull());
  });

  test('closes a case through the meeting; a stale case version is refused and the dialog keeps the choice', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    api.changeOnServer('CMOE-0001', { concernNotes: 'Changed elsewhere' });
    await user.click(screen.getByRole('button', { name: 'Close case' }));
    const dialog = await dialogTitled('Close this case');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: /Closure reason/ }),
      'school-place',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Close case' }));
    await within(dialog).findByText(/The case changed since it was opened here/);
    expect(api.cases.get('CMOE-0001')!.status).toBe('open');
    expect(
      (within(dialog).getByRole('combobox', { name: /Closure reason/ }) as HTMLSelectElement).value,
    ).toBe('school-place');
    // Refreshed: the second try carries the current version.
    await user.click(within(dialog).getByRole('button', { name: 'Close case' }));
    await screen.findByText(/^Closed: Full-time school place started/);
    expect(api.cases.get('CMOE-0001')!.status).toBe('closed');
  });

  test('marks a case stuck and clears the flag again', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    await user.click(screen.getByRole('button', { name: 'Mark as stuck' }));
    await screen.findByRole('button', { name: 'Clear the stuck flag' });
    expect(api.cases.get('CMOE-0001')!.stuckFlag).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Clear the stuck flag' }));
    await screen.findByRole('button', { name: 'Mark as stuck' });
    expect(api.cases.get('CMOE-0001')!.stuckFlag).toBe(false);
  });

  test('will not finish while typed text is not saved, and finishes with the meeting’s current version', async () => {
    const api = seeded();
    const { user } = await openRunning(api);
    api.offline = true;
    setText(summary(), 'Not on the server yet');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not saved — retrying'), SLOW);
    await user.click(screen.getByRole('button', { name: 'Finish the meeting' }));
    const dialog = await dialogTitled('Finish the meeting?');
    expect(
      within(dialog).getByText(/Text typed for CMOE-0001 is kept on this device but not saved/),
    ).toBeTruthy();
    expect(
      within(dialog).getByRole('button', { name: 'Finish and write the minutes' }).hasAttribute('disabled'),
    ).toBe(true);
    api.offline = false;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(record(api, 'CMOE-0001')?.summary).toBe('Not on the server yet'), SLOW);
    const finish = within(dialog).getByRole('button', { name: 'Finish and write the minutes' });
    await waitFor(() => expect(finish.hasAttribute('disabled')).toBe(false), SLOW);
    const version = api.meetings[0]!.version;
    await user.click(finish);
    await waitFor(() => expect(api.meetings[0]!.status).toBe('completed'));
    expect(api.calls.find((c) => c.method === 'finishMeeting')!.args).toEqual([M, version]);
  });
});

describe('a disclosure recorded in the meeting', () => {
  test('is recorded on the case being discussed with the meeting’s id, and listed as made in this meeting', async () => {
    const api = seeded();
    // An entry recorded elsewhere (not in this meeting) is not listed as the meeting's.
    await api.recordDisclosure('CMOE-0001', {
      disclosedOn: TODAY,
      recipient: { agency: 'Health visiting', role: 'Team lead', name: null },
      categories: ['identity'],
      details: 'Name only',
      reason: 'Earlier concern',
      article6: 'art6-1e',
      specialCategory: 'none',
      authorisedBy: { name: 'Chair Example', role: 'Chair' },
      meetingId: null,
      corrects: null,
    });
    const { user } = await openRunning(api);
    await screen.findByText('No disclosure recorded for this child in this meeting.');
    await user.click(screen.getByRole('button', { name: 'Record a disclosure' }));
    const dialog = await dialogTitled('Record a disclosure');
    setText(within(dialog).getByRole('textbox', { name: /Recipient agency/ }), 'Demo Police');
    setText(within(dialog).getByRole('textbox', { name: /Recipient role/ }), 'Missing persons coordinator');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Known or suspected whereabouts' }));
    setText(within(dialog).getByRole('textbox', { name: /What was shared/ }), 'Last known address');
    setText(within(dialog).getByRole('textbox', { name: /Why: the significant-harm concern/ }), 'Missing');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Article 6/ }), 'art6-1e');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Special category/ }), 'none');
    setText(within(dialog).getByRole('textbox', { name: /Their role/ }), 'Chair, CMOE group');
    await user.click(within(dialog).getByRole('button', { name: 'Save disclosure' }));

    const listed = await screen.findByRole('list', { name: 'Disclosures recorded in this meeting' });
    expect(
      within(listed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('to Demo Police (Missing persons coordinator)')]);
    const recorded = api.calls.filter((c) => c.method === 'recordDisclosure').at(-1)!;
    expect(recorded.args[0]).toBe('CMOE-0001');
    expect(recorded.args[1]).toMatchObject({ meetingId: M, details: 'Last known address' });
    expect(api.disclosures.map((d) => d.meetingId)).toEqual([null, M]);
  });
});

describe('robust challenge', () => {
  function stuckCase() {
    const api = seeded();
    api.meetingInsights.set('CMOE-0002', {
      stuck: true,
      stuckReasons: [{ code: 'no-progress', text: 'No progress over the last 2 meetings' }],
    });
    api.actions.push(
      makeAction(7, {
        caseRef: 'CMOE-0002',
        description: 'Find a tuition place',
        deferrals: [1, 2].map((n) => ({
          from: '2026-02-0' + n,
          to: '2026-03-0' + n,
          reason: 'No capacity',
          by: { id: 'dev-chair', name: 'Demo Chair (Alex Sample)', email: 'alex.sample@example.org' },
          at: '2026-02-01T09:00:00.000Z',
        })),
      }),
    );
    window.history.replaceState(null, '', `/meetings/${M}?case=CMOE-0002`);
    return api;
  }

  test('a case with no progress shows the evidence and asks the chair to choose', async () => {
    const api = stuckCase();
    open(api);
    const challenge = await screen.findByRole('region', { name: 'No progress: challenge this case' });
    const evidence = within(challenge).getByRole('list', { name: 'Evidence of no progress' });
    expect(within(evidence).getByText('No progress over the last 2 meetings')).toBeTruthy();
    expect(within(evidence).getByText(/“Find a tuition place” deferred 2 times/)).toBeTruthy();
    expect(
      within(challenge).getByText(/Choose one: escalate it, reassign the lead, or record why not/),
    ).toBeTruthy();
    expect(within(challenge).getByRole('button', { name: 'Escalate' })).toBeTruthy();
    expect(within(challenge).getByRole('button', { name: 'Reassign the lead' })).toBeTruthy();
  });

  test('recording why not saves the challenge note with the record', async () => {
    const api = stuckCase();
    open(api);
    const challenge = await screen.findByRole('region', { name: 'No progress: challenge this case' });
    setText(
      within(challenge).getByRole('textbox', { name: /Why not escalated or reassigned/ }),
      'Place offered last week; review next meeting',
    );
    await waitFor(
      () =>
        expect(record(api, 'CMOE-0002')?.challengeNote).toBe('Place offered last week; review next meeting'),
      SLOW,
    );
    expect(within(challenge).getByText('Reason recorded below.')).toBeTruthy();
  });

  test('reassigning the lead goes through the meeting with the case’s version', async () => {
    const api = stuckCase();
    open(api);
    const user = userSetup();
    const challenge = await screen.findByRole('region', { name: 'No progress: challenge this case' });
    await user.click(within(challenge).getByRole('button', { name: 'Reassign the lead' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reassign the lead professional' });
    setText(within(dialog).getByRole('textbox', { name: /New lead's name/ }), 'Demo Lead (Cy Sample)');
    await user.click(within(dialog).getByRole('button', { name: 'Reassign' }));
    await screen.findByText('Lead reassigned from none to Demo Lead (Cy Sample).');
    expect(api.calls.find((c) => c.method === 'reassignLead')!.args).toEqual([
      M,
      'CMOE-0002',
      1,
      { id: null, name: 'Demo Lead (Cy Sample)', email: null },
    ]);
  });
});
