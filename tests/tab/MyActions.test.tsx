/** @jest-environment jsdom */
import './dom';
import { screen, waitFor, within } from '@testing-library/react';
import { EMPTY_CALENDAR, addDays, addWorkingDays } from '../../src/domain/calendar';
import { MyActions } from '../../src/tab/components/MyActions/MyActions';
import { FakeApi, MEMBER_ME, TODAY, makeAction, makeSummary } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

function seeded() {
  const api = new FakeApi(MEMBER_ME);
  api.actions = [
    makeAction(1, {
      description: 'Later action',
      dueDate: addWorkingDays(TODAY, 10, EMPTY_CALENDAR),
      caseRef: 'CMOE-0003',
    }),
    makeAction(2, { description: 'Overdue action', dueDate: addDays(TODAY, -20) }),
    makeAction(3, {
      description: 'Soon action',
      dueDate: addWorkingDays(TODAY, 1, EMPTY_CALENDAR),
      caseRef: 'CMOE-0002',
    }),
    makeAction(4, {
      description: 'Someone else’s action',
      owner: {
        id: 'dev-member-send',
        name: 'Demo Member (Cal Fictional)',
        email: 'cal.fictional@example.org',
      },
    }),
  ];
  return api;
}

const section = (name: RegExp) => screen.getByRole('region', { name });
const card = (description: string) => screen.getByRole('listitem', { name: description });

describe('My actions', () => {
  test('lists the user’s open actions, overdue first, then due soon, then later, each with its case', async () => {
    renderInApp(<MyActions cases={[makeSummary(1), makeSummary(2)]} />, seeded());
    await screen.findByText('3 open actions');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Overdue (1)', 'Due soon (1)', 'Later (1)']);
    expect(within(section(/^Overdue/)).getByText('Overdue action')).toBeTruthy();
    expect(within(section(/^Due soon/)).getByText('Soon action')).toBeTruthy();
    expect(
      within(card('Overdue action')).getByRole('link', { name: 'CMOE-0001 · Testy1 Example1' }),
    ).toBeTruthy();
    expect(within(card('Later action')).getByRole('link', { name: 'CMOE-0003' })).toBeTruthy();
    expect(screen.queryByText('Someone else’s action')).toBeNull();
  });

  test('completes an action in place with a note', async () => {
    const api = seeded();
    renderInApp(<MyActions cases={[]} />, api);
    const user = userSetup();
    await screen.findByText('3 open actions');
    await user.click(within(card('Overdue action')).getByRole('button', { name: 'Complete' }));
    const done = within(card('Overdue action')).getByRole('button', { name: 'Mark as done' });
    expect(done.hasAttribute('disabled')).toBe(true);
    setText(
      within(card('Overdue action')).getByRole('textbox', { name: /What was done/ }),
      'Visited (synthetic)',
    );
    await user.click(done);
    await within(card('Overdue action')).findByText('Marked as done.');
    expect(within(card('Overdue action')).getByText('Done')).toBeTruthy();
    // Still where it was, with no buttons left.
    expect(within(section(/^Overdue/)).getByText('Overdue action')).toBeTruthy();
    expect(within(card('Overdue action')).queryByRole('button', { name: 'Complete' })).toBeNull();
    expect(api.actions.find((a) => a.id === 'a2')).toMatchObject({
      status: 'done',
      completionNote: 'Visited (synthetic)',
      completedOn: TODAY,
    });
  });

  test('an action someone else closed meanwhile is shown, and the note typed is kept', async () => {
    const api = seeded();
    renderInApp(<MyActions cases={[]} />, api);
    const user = userSetup();
    await screen.findByText('3 open actions');
    await user.click(within(card('Soon action')).getByRole('button', { name: 'Complete' }));
    setText(within(card('Soon action')).getByRole('textbox', { name: /What was done/ }), 'My careful note');
    api.changeActionOnServer('a3', {
      status: 'done',
      completionNote: 'Closed by the chair',
      completedOn: TODAY,
    });
    await user.click(within(card('Soon action')).getByRole('button', { name: 'Mark as done' }));
    await within(card('Soon action')).findByText(/Someone else has already marked this action done/);
    expect(
      (within(card('Soon action')).getByRole('textbox', { name: /What was done/ }) as HTMLTextAreaElement)
        .value,
    ).toBe('My careful note');
    await waitFor(() =>
      expect(
        within(card('Soon action')).getByRole('button', { name: 'Mark as done' }).hasAttribute('disabled'),
      ).toBe(true),
    );
  });
});
