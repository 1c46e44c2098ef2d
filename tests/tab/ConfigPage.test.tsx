/** @jest-environment jsdom */
import './dom';
import { render, screen, within } from '@testing-library/react';
import { AppContext, makeAppContext } from '../../src/tab/app/AppContext';
import { ConfigPage } from '../../src/tab/components/Config/ConfigPage';
import { LIST_ENTITY_ID } from '../../src/tab/host/buildInfo';
import {
  MEETING_ENTITY_ID,
  type TabSettings,
  type TabSurface,
  tabSettingsFor,
} from '../../src/tab/host/tabConfig';
import type { Host, TeamsHost } from '../../src/tab/host/teams';
import { CHAIR_ME, FakeApi } from './fakeApi';
import { inFluent } from './render';

/** A Teams host whose set-up frame records what the page asks of it. */
function teamsInSetUp(surface: TabSurface) {
  const seen = { saveHandlers: [] as (() => TabSettings)[], validity: [] as boolean[] };
  const host: TeamsHost = {
    kind: 'teams',
    theme: 'default',
    subPageId: null,
    appId: 'app-id',
    entityId: null,
    getToken: async () => 'teams-sso-token',
    onThemeChange: () => undefined,
    notifyLoaded: () => undefined,
    notifyFailure: () => undefined,
    requestConsent: async () => undefined,
    config: {
      surface,
      onSave: (settings) => seen.saveHandlers.push(settings),
      setValid: (valid) => seen.validity.push(valid),
    },
  };
  return { host, seen };
}

function renderConfig(host: Host) {
  const api = new FakeApi(CHAIR_ME);
  const ctx = makeAppContext({ api, me: api.whoAmI, host, devUsers: [] });
  return render(
    inFluent(
      <AppContext.Provider value={ctx}>
        <ConfigPage />
      </AppContext.Provider>,
    ),
  );
}

const ORIGIN = window.location.origin;

describe('the tab set-up page', () => {
  test('in a channel it saves the CMOE list under the list entity id the deep links use, and enables Save', () => {
    const { host, seen } = teamsInSetUp('channel');
    renderConfig(host);
    expect(screen.getByRole('heading', { level: 1, name: 'Add CMOE Tracker to this channel' })).toBeTruthy();
    expect(seen.saveHandlers).toHaveLength(1);
    expect(seen.validity).toEqual([true]);
    expect(seen.saveHandlers[0]!()).toEqual({
      contentUrl: `${ORIGIN}/?host=teams`,
      websiteUrl: `${ORIGIN}/`,
      entityId: LIST_ENTITY_ID,
      suggestedDisplayName: 'CMOE Tracker',
    });
  });

  test('in a meeting it saves the next meeting’s page (which also serves the side panel)', () => {
    const { host, seen } = teamsInSetUp('meeting');
    renderConfig(host);
    expect(screen.getByRole('heading', { level: 1, name: 'Add CMOE Tracker to this meeting' })).toBeTruthy();
    expect(seen.validity).toEqual([true]);
    const saved = seen.saveHandlers[0]!();
    expect(saved.contentUrl).toBe(`${ORIGIN}/meetings/next?host=teams`);
    expect(saved.websiteUrl).toBe(`${ORIGIN}/meetings/next`);
    expect(saved.entityId).toBe(MEETING_ENTITY_ID);
    expect(saved.entityId).not.toBe(LIST_ENTITY_ID);
  });

  test('a group chat gets the list, like a channel', () => {
    const { host, seen } = teamsInSetUp('chat');
    renderConfig(host);
    expect(seen.saveHandlers[0]!().contentUrl).toBe(`${ORIGIN}/?host=teams`);
  });

  test('in Teams but outside the set-up frame it registers nothing and says there is nothing to set up', () => {
    const { host, seen } = teamsInSetUp('channel');
    const { config: _unused, ...notInSetUp } = host;
    renderConfig(notInSetUp);
    expect(screen.getByText(/There is nothing to set up here/)).toBeTruthy();
    expect(seen.saveHandlers).toHaveLength(0);
    expect(seen.validity).toHaveLength(0);
  });

  test('outside Teams it explains that it is Teams’ set-up page and shows what it would save', () => {
    renderConfig({ kind: 'local' });
    expect(screen.getByText('Opened outside Teams')).toBeTruthy();
    const lists = [
      screen.getByLabelText('What Teams saves for a channel'),
      screen.getByLabelText('What Teams saves for a meeting'),
    ];
    expect(within(lists[0] as HTMLElement).getByText(`${ORIGIN}/?host=teams`)).toBeTruthy();
    expect(within(lists[0] as HTMLElement).getByText(LIST_ENTITY_ID)).toBeTruthy();
    expect(within(lists[1] as HTMLElement).getByText(`${ORIGIN}/meetings/next?host=teams`)).toBeTruthy();
    expect(within(lists[1] as HTMLElement).getByText(MEETING_ENTITY_ID)).toBeTruthy();
  });

  test('the saved URLs never carry a trailing slash twice, whatever origin Teams reports', () => {
    expect(tabSettingsFor('https://cmoe.example.gov.uk/', 'channel').contentUrl).toBe(
      'https://cmoe.example.gov.uk/?host=teams',
    );
    expect(tabSettingsFor('https://cmoe.example.gov.uk/', 'meeting').websiteUrl).toBe(
      'https://cmoe.example.gov.uk/meetings/next',
    );
  });
});
