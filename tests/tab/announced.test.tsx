/** @jest-environment jsdom */
/**
 * What a screen reader hears after an action: messages that appear after a save are in live regions
 * (role="alert" for problems, role="status" for outcomes), queried here as assistive technology finds
 * them, by role, never by class or text position.
 */
import './dom';
import { screen, within } from '@testing-library/react';
import { ApiError } from '../../src/tab/client/client';
import { CaseView } from '../../src/tab/components/CaseView/CaseView';
import { clearKeptDrafts } from '../../src/tab/components/CaseView/useCaseEditor';
import { FakeApi, MEMBER_ME, makeCase } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

afterEach(() => clearKeptDrafts());

const REF = 'CMOE-0001';

async function editedCase(api: FakeApi) {
  renderInApp(<CaseView caseRef={REF} onChanged={() => undefined} />, api);
  await screen.findByRole('heading', { level: 1, name: /^CMOE-0001 ·/ });
  setText(
    screen.getByRole('textbox', { name: /School or provision last attended/ }),
    'New School (synthetic)',
  );
  return userSetup();
}

describe('announced after an action', () => {
  test('a failed save is announced as an alert naming the problem and saying nothing was saved', async () => {
    const api = new FakeApi(MEMBER_ME);
    api.cases.set(REF, makeCase(1));
    api.failSavesWith = new ApiError(
      503,
      'Busy',
      'Busy',
      'The service is busy: nothing was saved. Try again in a minute.',
    );
    const user = await editedCase(api);
    // Nothing is being announced before the save.
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert', { name: 'Busy' });
    expect(alert.textContent).toContain('The service is busy: nothing was saved. Try again in a minute.');
    // The edit is still there to save again.
    expect(within(screen.getByRole('status')).queryByText('Saved.')).toBeNull();
    expect(api.cases.get(REF)!.lastSchool).not.toBe('New School (synthetic)');
  });

  test('a save that works is announced politely as a status, and no alert is left behind', async () => {
    const api = new FakeApi(MEMBER_ME);
    api.cases.set(REF, makeCase(1));
    const user = await editedCase(api);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const status = await screen.findByText('Saved.');
    expect(status.closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
