/** @jest-environment jsdom */
import './dom';
import { screen, waitFor, within } from '@testing-library/react';
import { CaseView } from '../../src/tab/components/CaseView/CaseView';
import { clearKeptDrafts } from '../../src/tab/components/CaseView/useCaseEditor';
import { CHAIR_ME, FakeApi, MEMBER_ME, SENIOR_ME, makeCase } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

afterEach(() => clearKeptDrafts());

const REF = 'CMOE-0001';

async function openCase(api: FakeApi) {
  renderInApp(<CaseView caseRef={REF} onChanged={() => undefined} />, api);
  await screen.findByRole('heading', { level: 1, name: /^CMOE-0001 ·/ });
  return userSetup();
}

function seeded(me = CHAIR_ME) {
  const api = new FakeApi(me);
  api.cases.set(REF, makeCase(1, { lastSchool: 'Start School (synthetic)', hoursPerWeek: 5 }));
  return api;
}

const school = () =>
  screen.getByRole('textbox', { name: /School or provision last attended/ }) as HTMLInputElement;
const notes = () => screen.getByRole('textbox', { name: /Notes on concerns/ }) as HTMLTextAreaElement;
const updateCalls = (api: FakeApi) => api.calls.filter((c) => c.method === 'updateCase');

describe('editing a case', () => {
  test('saves only the changed fields with the version it was loaded at', async () => {
    const api = seeded(MEMBER_ME);
    const user = await openCase(api);
    setText(school(), 'New School (synthetic)');
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved.');
    expect(updateCalls(api)[0]!.args).toEqual([REF, 1, { lastSchool: 'New School (synthetic)' }]);
    expect(api.cases.get(REF)!.version).toBe(2);
  });

  test('a conflict shows the user’s edit beside the server’s value, keeps what they typed, and re-applies their choice', async () => {
    const api = seeded();
    const user = await openCase(api);
    setText(school(), 'Mine (synthetic)');
    setText(notes(), 'My note');
    api.changeOnServer(REF, { lastSchool: 'Theirs (synthetic)', hoursPerWeek: 12 });

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const panel = await screen.findByRole('region', {
      name: 'Someone else changed this case while you were editing',
    });
    const row = within(panel).getByRole('row', { name: /School or provision last attended/ });
    expect(within(row).getByRole('cell', { name: 'Mine (synthetic)' })).toBeTruthy();
    expect(within(row).getByRole('cell', { name: 'Theirs (synthetic)' })).toBeTruthy();
    expect(within(row).getByRole('cell', { name: 'Start School (synthetic)' })).toBeTruthy();
    const notesRow = within(panel).getByRole('row', { name: /Notes on concerns/ });
    expect(within(notesRow).getByText('Yours (no clash)')).toBeTruthy();
    expect(within(panel).getByText(/They also changed: Hours per week/)).toBeTruthy();
    // Nothing was overwritten, and nothing typed was lost.
    expect(api.cases.get(REF)!.lastSchool).toBe('Theirs (synthetic)');
    expect(school().value).toBe('Mine (synthetic)');
    expect(notes().value).toBe('My note');
    expect(screen.getByRole('button', { name: 'Save changes' }).hasAttribute('disabled')).toBe(true);

    // Take theirs for the school, keep the note: saved on the server's version.
    await user.click(within(row).getByRole('radio', { name: 'Theirs' }));
    await user.click(within(panel).getByRole('button', { name: 'Re-apply my edits and save' }));
    await screen.findByText('Saved.');
    expect(updateCalls(api).at(-1)!.args).toEqual([REF, 2, { concernNotes: 'My note' }]);
    expect(api.cases.get(REF)).toMatchObject({
      lastSchool: 'Theirs (synthetic)',
      concernNotes: 'My note',
      hoursPerWeek: 12,
      version: 3,
    });
    await waitFor(() => expect(school().value).toBe('Theirs (synthetic)'));
    expect(screen.queryByRole('region', { name: /Someone else changed/ })).toBeNull();
  });

  test('"re-apply and review first" puts the user’s edits on the current version without saving', async () => {
    const api = seeded();
    const user = await openCase(api);
    setText(school(), 'Mine (synthetic)');
    api.changeOnServer(REF, { lastSchool: 'Theirs (synthetic)', hoursPerWeek: 12 });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const panel = await screen.findByRole('region', { name: /Someone else changed/ });
    await user.click(within(panel).getByRole('button', { name: 'Re-apply and review first' }));
    expect(updateCalls(api)).toHaveLength(1);
    expect(school().value).toBe('Mine (synthetic)');
    expect((screen.getByRole('spinbutton', { name: /Hours per week/ }) as HTMLInputElement).value).toBe('12');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved.');
    expect(updateCalls(api).at(-1)!.args).toEqual([REF, 2, { lastSchool: 'Mine (synthetic)' }]);
  });

  test('unsaved edits survive leaving the case and coming back', async () => {
    const api = seeded();
    await openCase(api);
    setText(notes(), 'Half-written note');
    document.body.replaceChildren();
    await openCase(api);
    expect(notes().value).toBe('Half-written note');
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
  });

  test('a member sees the chair’s fields as text; a senior manager gets no edit control at all', async () => {
    const api = seeded(MEMBER_ME);
    await openCase(api);
    expect(screen.queryByRole('combobox', { name: 'Concern' })).toBeNull();
    expect(screen.getAllByText('Set by the chair').length).toBeGreaterThanOrEqual(3);
    document.body.replaceChildren();

    await openCase(seeded(SENIOR_ME));
    const record = screen.getByRole('form', { name: 'Case record' });
    expect(within(record).queryAllByRole('textbox')).toEqual([]);
    expect(within(record).queryAllByRole('combobox')).toEqual([]);
    expect(within(record).queryAllByRole('checkbox')).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Escalate' })).toBeNull();
    expect(screen.getByText('Your role can read this record but not change it.')).toBeTruthy();
  });
});
