/** @jest-environment jsdom */
import './dom';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { act, renderHook, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, type CmoeApi } from '../../src/tab/client/client';
import { App } from '../../src/tab/app/App';
import { type SessionDeps, useSession } from '../../src/tab/app/useSession';
import type { TeamsHost, TeamsThemeName } from '../../src/tab/host/teams';
import { clearKeptDrafts } from '../../src/tab/components/CaseView/useCaseEditor';
import type { Me } from '../../src/tab/client/client';
import { CHAIR_ME, FakeApi, makeCase, makeMeeting, makeSummary } from './fakeApi';
import { DEV_USERS, userSetup } from './render';

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

function signedInAs(userId: string): MemoryStorage {
  const storage = new MemoryStorage();
  storage.setItem('cmoe.devUser', userId);
  return storage;
}

function teamsHost(over: Partial<TeamsHost> = {}) {
  const state = { loaded: 0, themeHandler: null as ((t: TeamsThemeName) => void) | null };
  const host: TeamsHost = {
    kind: 'teams',
    theme: 'dark',
    subPageId: null,
    appId: 'app-id',
    entityId: 'cmoe-list',
    getToken: async () => 'teams-sso-token',
    onThemeChange: (h) => {
      state.themeHandler = h;
    },
    notifyLoaded: () => {
      state.loaded++;
    },
    notifyFailure: () => undefined,
    requestConsent: async () => undefined,
    ...over,
  };
  return { host, state };
}

function seededApi(): FakeApi {
  const api = new FakeApi(CHAIR_ME);
  api.summaries = [makeSummary(1)];
  api.cases.set('CMOE-0001', makeCase(1));
  return api;
}

const styleSink = createDOMRenderer(document.implementation.createHTMLDocument('styles'));
function renderApp(deps: SessionDeps) {
  return render(
    <RendererProvider renderer={styleSink} targetDocument={document}>
      <App sessionDeps={deps} />
    </RendererProvider>,
  );
}

beforeEach(() => window.history.replaceState(null, '', '/'));
afterEach(() => clearKeptDrafts());

describe('signing in', () => {
  test('outside Teams with dev sign-in: choose a user; the choice is remembered for the session', async () => {
    const storage = new MemoryStorage();
    const tokens: string[] = [];
    const api = seededApi();
    const deps: SessionDeps = {
      detect: async () => ({ kind: 'local' }),
      loadUsers: async () => DEV_USERS,
      makeApi: (getToken) => {
        void getToken().then((t) => tokens.push(t));
        return api;
      },
      storage,
    };
    const { result } = renderHook(() => useSession(deps));
    await waitFor(() => expect(result.current.state.phase).toBe('choose-user'));
    act(() => result.current.signInAs('dev-chair'));
    await waitFor(() => expect(result.current.state.phase).toBe('ready'));
    expect(tokens).toEqual(['dev:dev-chair']);
    expect(storage.getItem('cmoe.devUser')).toBe('dev-chair');

    const again = renderHook(() => useSession(deps));
    await waitFor(() => expect(again.result.current.state.phase).toBe('ready'));
  });

  test('a demo user without a CMOE role is refused with the reason, and stays on the sign-in', async () => {
    const noRole = new FakeApi(CHAIR_ME);
    noRole.me = async () => {
      throw new ApiError(403, 'Forbidden', 'Not allowed', 'You do not have a CMOE role.');
    };
    const { result } = renderHook(() =>
      useSession({
        detect: async () => ({ kind: 'local' }),
        loadUsers: async () => DEV_USERS,
        makeApi: () => noRole,
        storage: new MemoryStorage(),
      }),
    );
    await waitFor(() => expect(result.current.state.phase).toBe('choose-user'));
    act(() => result.current.signInAs('dev-norole'));
    await waitFor(() =>
      expect(result.current.state).toMatchObject({
        phase: 'choose-user',
        error: expect.stringMatching(/CMOE role/),
      }),
    );
  });

  test('outside Teams without dev sign-in (a Teams deployment): says to open it in Teams', async () => {
    const { result } = renderHook(() =>
      useSession({ detect: async () => ({ kind: 'local' }), loadUsers: async () => null, storage: null }),
    );
    await waitFor(() => expect(result.current.state.phase).toBe('teams-only'));
  });

  test('inside Teams: the SSO token signs every call, the theme follows Teams and its changes', async () => {
    const { host, state } = teamsHost();
    const tokens: string[] = [];
    const { result } = renderHook(() =>
      useSession({
        detect: async () => host,
        makeApi: (getToken) => {
          void getToken().then((t) => tokens.push(t));
          return seededApi();
        },
      }),
    );
    await waitFor(() => expect(result.current.state.phase).toBe('ready'));
    expect(tokens).toEqual(['teams-sso-token']);
    expect(result.current.theme).toBe('dark');
    act(() => state.themeHandler?.('contrast'));
    expect(result.current.theme).toBe('contrast');
    // The local theme switch does nothing inside Teams.
    act(() => result.current.setTheme('default'));
    expect(result.current.theme).toBe('contrast');
    expect(state.loaded).toBe(1);
  });
});

describe('the app', () => {
  test('outside Teams shows the local demo banner, a theme switch and the sign-in, then the list', async () => {
    renderApp({
      detect: async () => ({ kind: 'local' }),
      loadUsers: async () => DEV_USERS,
      makeApi: () => seededApi(),
      storage: new MemoryStorage(),
    });
    await screen.findByRole('heading', { name: 'Sign in to the local demo' });
    expect(screen.getByText('Local demo — synthetic data')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Theme' })).toBeTruthy();
    const user = userSetup();
    await user.click(screen.getByRole('radio', { name: /Demo Chair/ }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'CMOE list' });
    const nav = within(screen.getByRole('navigation', { name: 'Main' }));
    expect(nav.getByRole('link', { name: 'Cases' }).getAttribute('aria-current')).toBe('page');
    expect(nav.getByRole('link', { name: 'Refer a child' }).getAttribute('aria-current')).toBeNull();
    // The navigation is links: following one changes the address and which link is current.
    await user.click(nav.getByRole('link', { name: 'Refer a child' }));
    await waitFor(() => expect(window.location.pathname).toBe('/refer'));
    expect(nav.getByRole('link', { name: 'Refer a child' }).getAttribute('aria-current')).toBe('page');
    expect(nav.getByRole('link', { name: 'Cases' }).getAttribute('aria-current')).toBeNull();
  });

  test('an administrator (no case reading) gets Import and Audit log, no list tabs, and the list is never asked for', async () => {
    const admin: Me = {
      id: 'dev-admin',
      name: 'Demo Admin (Ida Fictional)',
      email: 'ida.fictional@example.org',
      roles: ['CMOE.Admin'],
      // As src/auth/roles.ts grants the role (the tab may not import it; tests/api checks the matrix).
      permissions: ['audit.read', 'import.run', 'settings.manage'],
    };
    const api = new FakeApi(admin);
    renderApp({
      detect: async () => ({ kind: 'local' }),
      loadUsers: async () => [...DEV_USERS, { ...admin, service: 'Business support' }],
      makeApi: () => api,
      storage: signedInAs('dev-admin'),
    });
    await screen.findByText(/Your role does not include the CMOE list/);
    expect(screen.getByRole('link', { name: 'Import' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Audit log' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Cases' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'My actions' })).toBeNull();
    expect(api.calls.map((c) => c.method)).not.toContain('listCases');
  });

  test('the administrator’s navigation flags the monthly disposal review only when it is overdue', async () => {
    const admin: Me = {
      id: 'dev-admin',
      name: 'Demo Admin (Ida Fictional)',
      email: 'ida.fictional@example.org',
      roles: ['CMOE.Admin'],
      permissions: ['audit.read', 'import.run', 'retention.manage', 'settings.manage'],
    };
    const open = (overdue: boolean) => {
      const api = new FakeApi(admin);
      api.review = { ...api.review, schedule: { ...api.review.schedule, overdue } };
      const view = renderApp({
        detect: async () => ({ kind: 'local' }),
        loadUsers: async () => [...DEV_USERS, { ...admin, service: 'Business support' }],
        makeApi: () => api,
        storage: signedInAs('dev-admin'),
      });
      return { api, view };
    };
    const due = open(true);
    expect(await screen.findByRole('link', { name: 'Disposal review (due)' })).toBeTruthy();
    due.view.unmount();
    const notDue = open(false);
    await screen.findByText(/Your role does not include the CMOE list/);
    await waitFor(() => expect(notDue.api.calls.map((c) => c.method)).toContain('reviewDue'));
    await act(async () => undefined);
    expect(screen.getByRole('link', { name: 'Disposal review' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Disposal review (due)' })).toBeNull();
  });

  test('inside Teams, a failed sign-in is a clear message with a way to try again, never a blank tab', async () => {
    const { host, state } = teamsHost({
      getToken: async () => {
        throw new Error('resourceRequiresConsent');
      },
    });
    renderApp({ detect: async () => host, makeApi: () => seededApi() });
    await screen.findByText('Permission needed');
    expect(screen.getByText(/administrator’s consent/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByText('Local demo — synthetic data')).toBeNull();
    expect(state.loaded).toBe(1);
  });

  test('inside Teams, consent for Graph still to be given: Permission needed, the pop-up, then the list', async () => {
    const api = seededApi();
    let consented = false;
    let meCalls = 0;
    const realMe = api.me.bind(api);
    api.me = async () => {
      meCalls++;
      if (!consented)
        throw new ApiError(
          403,
          'ConsentRequired',
          'Permission needed',
          'CMOE Tracker needs your permission.',
        );
      return realMe();
    };
    let popUps = 0;
    const { host } = teamsHost({
      requestConsent: async () => {
        popUps++;
        consented = true;
      },
    });
    renderApp({ detect: async () => host, makeApi: () => api });
    await screen.findByText('Permission needed');
    expect(screen.getByText(/CMOE Tracker needs your permission\./)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'CMOE list' })).toBeNull();
    await userSetup().click(screen.getByRole('button', { name: 'Give permission' }));
    await screen.findByRole('heading', { name: 'CMOE list' });
    expect(popUps).toBe(1);
    expect(meCalls).toBe(2);
    expect(screen.queryByText('Permission needed')).toBeNull();
  });

  test('inside Teams, a consent pop-up that ends without consent says why and offers it again', async () => {
    const api = seededApi();
    api.me = async () => {
      throw new ApiError(403, 'ConsentRequired', 'Permission needed', 'CMOE Tracker needs your permission.');
    };
    const { host } = teamsHost({
      requestConsent: async () => {
        throw new Error('consent_required');
      },
    });
    renderApp({ detect: async () => host, makeApi: () => api });
    const user = userSetup();
    await user.click(await screen.findByRole('button', { name: 'Give permission' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Ask your Teams administrator/);
    expect(screen.getByRole('button', { name: 'Give permission' })).toBeTruthy();
  });

  test('inside Teams, a deep link’s subPageId opens that case', async () => {
    const { host } = teamsHost({ subPageId: 'CMOE-0001' });
    renderApp({ detect: async () => host, makeApi: (): CmoeApi => seededApi() });
    // A case is a lazy screen (issue 15): its module loads on first use, so allow it the time.
    await screen.findByRole('heading', { level: 1, name: /^CMOE-0001 ·/ }, { timeout: 5000 });
    expect(window.location.pathname).toBe('/cases/CMOE-0001');
  });

  test('inside Teams, a bot card’s deep link to a meeting (its path as subPageId) opens that meeting', async () => {
    const api = seededApi();
    api.meetings = [makeMeeting(7, { id: 'm-2026-04-07' })];
    const { host } = teamsHost({ subPageId: '/meetings/m-2026-04-07' });
    renderApp({ detect: async () => host, makeApi: (): CmoeApi => api });
    await waitFor(() => expect(window.location.pathname).toBe('/meetings/m-2026-04-07'));
    // The chair sees the meeting (its runner, as it is still to be held), not the list.
    await screen.findByRole('button', { name: 'Start the meeting' });
  });
});
