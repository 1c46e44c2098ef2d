/** @jest-environment jsdom */
import './dom';
import { screen } from '@testing-library/react';
import { CaseView } from '../../src/tab/components/CaseView/CaseView';
import { clearKeptDrafts } from '../../src/tab/components/CaseView/useCaseEditor';
import { CHAIR_ME, FakeApi, MEMBER_ME, makeCase } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

/*
 * A case's sections are Fluent's TabList (issue 15). What jsdom can show is checked here: the names,
 * selection by click, aria-selected and the panel's label. The arrow keys and the single tab stop are
 * Fluent's focus manager (tabster), which does not run in jsdom: tests/e2e/workflows.test.ts checks them
 * in Chromium.
 */

afterEach(() => clearKeptDrafts());

const REF = 'CMOE-0001';

async function openCase(me = CHAIR_ME) {
  const api = new FakeApi(me);
  api.cases.set(REF, makeCase(1));
  renderInApp(<CaseView caseRef={REF} onChanged={() => undefined} />, api);
  await screen.findByRole('heading', { level: 1, name: /^CMOE-0001 ·/ });
  return userSetup();
}

/** The tabs in order are the ones with these accessible names. */
const expectTabs = (names: string[]) =>
  expect(screen.getAllByRole('tab')).toEqual(names.map((name) => screen.getByRole('tab', { name })));
const selectedTab = () => screen.getByRole('tab', { selected: true });

describe('a case’s sections', () => {
  test('a named tablist whose tabs control the one panel, labelled by the selected tab; the record first', async () => {
    await openCase();
    expect(screen.getByRole('tablist', { name: 'Case sections' })).toBeTruthy();
    expectTabs([
      'Record',
      'Actions (0 open)',
      'Timeline (0)',
      'List checks (0)',
      'Escalations (0)',
      'Disclosures',
    ]);
    expect(selectedTab()).toBe(screen.getByRole('tab', { name: 'Record' }));
    for (const t of screen.getAllByRole('tab')) expect(t.getAttribute('aria-controls')).toBe('panel-case');
    expect(screen.getByRole('tabpanel', { name: 'Record' })).toBeTruthy();
  });

  test('a click selects a tab (aria-selected moves) and shows its section in the panel', async () => {
    const user = await openCase();
    await user.click(screen.getByRole('tab', { name: 'Timeline (0)' }));
    expect(selectedTab()).toBe(screen.getByRole('tab', { name: 'Timeline (0)' }));
    expect(screen.getByRole('tab', { name: 'Record' }).getAttribute('aria-selected')).toBe('false');
    const panel = screen.getByRole('tabpanel', { name: 'Timeline (0)' });
    expect(panel.textContent).toContain('Add an update');
    await user.click(screen.getByRole('tab', { name: 'List checks (0)' }));
    expect(screen.getByRole('tabpanel', { name: 'List checks (0)' })).toBe(panel);
  });

  test('switching away from the record and back keeps an unsaved edit', async () => {
    const user = await openCase(MEMBER_ME);
    const school = () =>
      screen.getByRole('textbox', { name: /School or provision last attended/ }) as HTMLInputElement;
    setText(school(), 'Typed, not saved (synthetic)');
    await user.click(screen.getByRole('tab', { name: 'Actions (0 open)' }));
    await user.click(screen.getByRole('tab', { name: 'Record' }));
    expect(school().value).toBe('Typed, not saved (synthetic)');
  });
});
