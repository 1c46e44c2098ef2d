/** @jest-environment jsdom */
import './dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EMPTY_CALENDAR, addDays, addWorkingDays } from '../../src/domain/calendar';
import { CaseView } from '../../src/tab/components/CaseView/CaseView';
import { clearKeptDrafts } from '../../src/tab/components/CaseView/useCaseEditor';
import { MyActions } from '../../src/tab/components/MyActions/MyActions';
import { formatDate } from '../../src/tab/lib/format';
import { CHAIR_ME, FakeApi, MEMBER_ME, TODAY, makeAction, makeCase, makeEscalation } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

afterEach(() => clearKeptDrafts());

/** The first Saturday after today: a future day that is not a working day. */
function nextSaturday(): string {
  let d = addDays(TODAY, 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6) d = addDays(d, 1);
  return d;
}

describe('extending an action’s due date', () => {
  const card = () => screen.getByRole('listitem', { name: 'Visit the family' });
  const form = () => within(card()).getByRole('form', { name: "Extend this action's due date" });

  function seeded() {
    const api = new FakeApi(MEMBER_ME);
    api.actions = [
      makeAction(1, {
        description: 'Visit the family',
        dueDate: addWorkingDays(TODAY, 1, EMPTY_CALENDAR),
      }),
    ];
    return api;
  }

  test('moves the due date with a reason, and the card shows the new date and the extension with who and why', async () => {
    const api = seeded();
    const before = api.actions[0]!.dueDate;
    renderInApp(<MyActions cases={[]} />, api);
    const user = userSetup();
    await screen.findByText('1 open action');
    await user.click(within(card()).getByRole('button', { name: 'Extend due date' }));
    const extend = within(form()).getByRole('button', { name: 'Extend' });
    // Both the date and the reason are needed before it can be sent.
    expect(extend.hasAttribute('disabled')).toBe(true);
    const newDue = addWorkingDays(TODAY, 10, EMPTY_CALENDAR);
    fireEvent.change(within(form()).getByLabelText(/New due date/), { target: { value: newDue } });
    expect(extend.hasAttribute('disabled')).toBe(true);
    setText(
      within(form()).getByRole('textbox', { name: /Reason for the extension/ }),
      'Family away (synthetic)',
    );
    await user.click(extend);

    await within(card()).findByText(`Due date moved to ${formatDate(newDue)}.`);
    expect(api.calls.filter((c) => c.method === 'extendAction')[0]!.args).toEqual([
      'a1',
      1,
      { dueDate: newDue, reason: 'Family away (synthetic)' },
    ]);
    expect(api.actions[0]).toMatchObject({
      dueDate: newDue,
      version: 2,
      deferrals: [{ from: before, to: newDue, reason: 'Family away (synthetic)' }],
    });
    expect(within(card()).getByText('Extended 1 time')).toBeTruthy();
    expect(
      within(card()).getByText(/by Demo Member \(Bea Placeholder\) on .*: Family away \(synthetic\)/),
    ).toBeTruthy();
  });

  test('a date that is not a future working day is refused beside the field, and the reason typed is kept', async () => {
    const api = seeded();
    renderInApp(<MyActions cases={[]} />, api);
    const user = userSetup();
    await screen.findByText('1 open action');
    await user.click(within(card()).getByRole('button', { name: 'Extend due date' }));
    fireEvent.change(within(form()).getByLabelText(/New due date/), { target: { value: nextSaturday() } });
    setText(within(form()).getByRole('textbox', { name: /Reason for the extension/ }), 'Waiting (synthetic)');
    await user.click(within(form()).getByRole('button', { name: 'Extend' }));

    await within(card()).findByText(/The new due date must be a future working day/);
    expect(within(form()).getByText(/must be a future working day/)).toBeTruthy();
    expect(
      (within(form()).getByRole('textbox', { name: /Reason for the extension/ }) as HTMLTextAreaElement)
        .value,
    ).toBe('Waiting (synthetic)');
    expect(api.actions[0]!.deferrals).toEqual([]);
  });
});

describe('recording the response to an escalation', () => {
  const REF = 'CMOE-0001';

  async function openEscalations(api: FakeApi) {
    renderInApp(<CaseView caseRef={REF} onChanged={() => undefined} />, api);
    await screen.findByRole('heading', { level: 1, name: /^CMOE-0001 ·/ });
    const user = userSetup();
    await user.click(screen.getByRole('tab', { name: 'Escalations (1)' }));
    return user;
  }

  function seeded(me = CHAIR_ME) {
    const api = new FakeApi(me);
    api.cases.set(REF, makeCase(1));
    api.escalations = [makeEscalation(1, { responseDue: addWorkingDays(TODAY, 5, EMPTY_CALENDAR) })];
    return api;
  }

  test('the chair records the senior manager’s response and outcome; the escalation then shows it', async () => {
    const api = seeded();
    const user = await openEscalations(api);
    expect(screen.getByText('Awaiting response')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Record the response' }));
    const form = screen.getByRole('form', { name: 'Record the response' });
    const save = within(form).getByRole('button', { name: 'Save response' });
    expect(save.hasAttribute('disabled')).toBe(true);
    setText(within(form).getByRole('textbox', { name: /^Response/ }), 'Place agreed at Demo Academy');
    setText(within(form).getByRole('textbox', { name: /Outcome/ }), 'Starts after half term');
    await user.click(save);

    await screen.findByText(/Place agreed at Demo Academy/);
    expect(api.calls.filter((c) => c.method === 'respondToEscalation')[0]!.args).toEqual([
      'e1',
      1,
      { response: 'Place agreed at Demo Academy', outcome: 'Starts after half term' },
    ]);
    expect(api.escalations[0]).toMatchObject({
      response: 'Place agreed at Demo Academy',
      respondedOn: TODAY,
    });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Record the response' })).toBeNull());
    expect(screen.getByText(`Response (${formatDate(TODAY)}):`)).toBeTruthy();
    expect(screen.getByText(/Outcome: Starts after half term/)).toBeTruthy();
    expect(screen.queryByText('Awaiting response')).toBeNull();
  });

  test('an empty outcome is sent as none, not as an empty text', async () => {
    const api = seeded();
    const user = await openEscalations(api);
    await user.click(screen.getByRole('button', { name: 'Record the response' }));
    const form = screen.getByRole('form', { name: 'Record the response' });
    setText(within(form).getByRole('textbox', { name: /^Response/ }), 'Declined (synthetic)');
    setText(within(form).getByRole('textbox', { name: /Outcome/ }), '   ');
    await user.click(within(form).getByRole('button', { name: 'Save response' }));
    await screen.findByText(/Declined \(synthetic\)/);
    expect(api.escalations[0]!.outcome).toBeNull();
  });

  test('a member, who may not record responses, sees the escalation without the button', async () => {
    const api = seeded(MEMBER_ME);
    await openEscalations(api);
    expect(screen.getByText('Awaiting response')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record the response' })).toBeNull();
  });
});
