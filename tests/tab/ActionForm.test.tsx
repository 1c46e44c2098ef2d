/** @jest-environment jsdom */
import './dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EMPTY_CALENDAR, addDays, nextWorkingDayOnOrAfter } from '../../src/domain/calendar';
import type { Action } from '../../src/domain/types';
import { ActionForm } from '../../src/tab/components/Actions/ActionForm';
import { CHAIR_ME, FakeApi, TODAY } from './fakeApi';
import { descriptionOf, renderInApp, userSetup } from './render';

function nextSaturday(): string {
  let d = addDays(TODAY, 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6) d = addDays(d, 1);
  return d;
}

function setup() {
  const api = new FakeApi(CHAIR_ME);
  const created: Action[] = [];
  renderInApp(
    <ActionForm caseRef="CMOE-0001" onCreated={(a) => created.push(a)} onCancel={() => undefined} />,
    api,
  );
  const form = screen.getByRole('form', { name: 'New SMART action' });
  return { api, created, form, user: userSetup() };
}

describe('the SMART action form', () => {
  test('submitting an empty action shows the SMART check’s message and each missing part on its field', async () => {
    const { api, created, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await screen.findByText(
      /This action is not SMART yet: add a description of what will be done \(specific\), a success measure/,
    );
    const description = screen.getByRole('textbox', { name: /What will be done/ });
    expect(description.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(description)).toContain('Describe what will be done (specific).');
    expect(descriptionOf(screen.getByRole('textbox', { name: /Success measure/ }))).toContain(
      'Say how the group will know it is done (measurable).',
    );
    expect(descriptionOf(screen.getByRole('combobox', { name: /Owner/ }))).toContain(
      'Choose who owns this action.',
    );
    expect(descriptionOf(screen.getByLabelText(/Due date/))).toContain(
      'Choose a due date on a future working day (time-bound).',
    );
    expect(created).toEqual([]);
    expect(api.actions).toEqual([]);
  });

  test('the checklist explains each part as it is filled; a weekend due date is refused with the reason', async () => {
    const { created, user } = setup();
    const checklist = screen.getByRole('complementary', { name: 'Is it SMART?' });
    expect(checklist.textContent).toContain('Specific: What will be done — still needed');
    await user.type(screen.getByRole('textbox', { name: /What will be done/ }), 'Arrange a home visit');
    expect(checklist.textContent).toContain('Specific: What will be done — done');
    await user.type(
      screen.getByRole('textbox', { name: /Success measure/ }),
      'Visit recorded on the timeline',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: /Owner/ }), 'dev-member-ewo');
    // The owner's service is filled from what the tab knows about them.
    expect((screen.getByRole('textbox', { name: "Owner's service" }) as HTMLInputElement).value).toBe(
      'Education Welfare',
    );
    const saturday = nextSaturday();
    fireEvent.change(screen.getByLabelText(/Due date/), { target: { value: saturday } });
    expect(checklist.textContent).toMatch(
      /Time-bound: A due date on a future working day — needs a different date/,
    );
    expect(checklist.textContent).toContain('is not a working day');

    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await waitFor(() =>
      expect(descriptionOf(screen.getByLabelText(/Due date/))).toContain(
        `${saturday} is not a working day (a Saturday).`,
      ),
    );
    expect(created).toEqual([]);

    const monday = nextWorkingDayOnOrAfter(addDays(saturday, 2), EMPTY_CALENDAR);
    fireEvent.change(screen.getByLabelText(/Due date/), { target: { value: monday } });
    expect(checklist.textContent).toContain('Time-bound: A due date on a future working day — done');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      caseRef: 'CMOE-0001',
      description: 'Arrange a home visit',
      successMeasure: 'Visit recorded on the timeline',
      owner: {
        id: 'dev-member-ewo',
        name: 'Demo Member (Bea Placeholder)',
        email: 'bea.placeholder@example.org',
      },
      ownerService: 'Education Welfare',
      dueDate: monday,
    });
    // The form is ready for the next action.
    expect((screen.getByRole('textbox', { name: /What will be done/ }) as HTMLTextAreaElement).value).toBe(
      '',
    );
  });

  test('offers the case’s own people as owners besides the user (inside Teams there is no directory)', async () => {
    const api = new FakeApi(CHAIR_ME);
    const created: Action[] = [];
    renderInApp(
      <ActionForm
        caseRef="CMOE-0001"
        casePeople={[
          { id: 'oid-lead', name: 'Lead Person (synthetic)', email: 'lead@example.org', service: 'SEND' },
        ]}
        onCreated={(a) => created.push(a)}
        onCancel={() => undefined}
      />,
      api,
    );
    const user = userSetup();
    const owner = screen.getByRole('combobox', { name: /Owner/ });
    expect(within(owner).getByRole('option', { name: 'Lead Person (synthetic) — SEND' })).toBeTruthy();
    await user.selectOptions(owner, 'oid-lead');
    expect((screen.getByRole('textbox', { name: "Owner's service" }) as HTMLInputElement).value).toBe('SEND');
  });
});
