/**
 * The tab's start-up and sign-in, as a state machine in a hook (no DOM needed to test it):
 * detect the host -> Teams SSO token, or the local demo's user choice -> GET /api/me -> ready.
 * Every failure ends in a state with words for the user; nothing ends in a blank tab.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ApiError,
  type CmoeApi,
  type DevUser,
  type Me,
  createApiClient,
  loadDevUsers,
} from '../client/client';
import { type Host, type TeamsThemeName, describeSignInFailure, detectHost } from '../host/teams';
import { initialLocalTheme, storeLocalTheme } from '../host/theme';
import { startFirstScreen } from '../client/early';
import { DEV_USER_KEY } from './devUser';

export type SessionState =
  | { phase: 'starting' }
  | { phase: 'choose-user'; users: DevUser[]; error: string | null; busy: boolean }
  | { phase: 'teams-only' }
  | { phase: 'signing-in' }
  | { phase: 'failed'; title: string; message: string }
  /** Teams: the API needs the user's consent (Graph on their behalf) before it can show anything. */
  | { phase: 'consent'; message: string; error: string | null; busy: boolean }
  | { phase: 'ready'; me: Me; api: CmoeApi; users: DevUser[] };

export interface SessionDeps {
  detect?: () => Promise<Host>;
  loadUsers?: () => Promise<DevUser[] | null>;
  makeApi?: (getToken: () => Promise<string>) => CmoeApi;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /**
   * Inside Teams, once a token is in hand: starts `/api/me` and the list before the app asks (client/early.ts).
   * By default only with the real HTTP client (an injected `makeApi` would never take the responses).
   */
  startEarly?: ((token: string) => void) | null;
}

export interface Session {
  state: SessionState;
  host: Host | null;
  theme: TeamsThemeName;
  /** Local demo only: the theme switch. Inside Teams the theme follows Teams. */
  setTheme(theme: TeamsThemeName): void;
  signInAs(userId: string): void;
  signOut(): void;
  retry(): void;
  /** Teams, in the `consent` phase: opens Teams' consent pop-up, then starts again. */
  grantConsent(): void;
}

const USER_KEY = DEV_USER_KEY;

function safeStorage(): SessionDeps['storage'] {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Words for a failure of GET /api/me (the first call after sign-in). */
export function describeStartFailure(e: unknown): { title: string; message: string } {
  if (e instanceof ApiError) {
    if (e.code === 'Forbidden')
      return {
        title: 'No access to the CMOE list',
        message:
          'You are signed in, but you do not have a CMOE role. Ask the system owner to give you ' +
          'the Member, Chair or Senior manager role.',
      };
    if (e.code === 'Unauthenticated')
      return {
        title: 'Sign-in was not accepted',
        message:
          'The CMOE service did not accept your sign-in. Try again; if it keeps failing, contact the system owner.',
      };
    if (e.code === 'Network') return { title: 'Cannot reach the CMOE service', message: e.detail };
    return { title: 'The CMOE service had a problem', message: e.detail };
  }
  return {
    title: 'The tab could not start',
    message: 'Something went wrong while starting. Try again.',
  };
}

/** Words for a consent pop-up that did not end in consent (the error's text is never shown raw). */
export function describeConsentFailure(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error ?? '')).toLowerCase();
  if (/consent_required|admin/.test(text))
    return (
      'Your organisation lets only administrators give this permission. Ask your Teams administrator ' +
      'to grant consent for CMOE Tracker, then try again.'
    );
  if (/cancel|closed|access_denied/.test(text))
    return 'The permission window was closed before permission was given. Try again when you are ready.';
  return 'Permission could not be given just now. Try again; if it keeps failing, contact the system owner.';
}

export function useSession(deps: SessionDeps = {}): Session {
  const depsRef = useRef(deps);
  const detect = depsRef.current.detect ?? (() => detectHost());
  const loadUsers = depsRef.current.loadUsers ?? (() => loadDevUsers());
  const makeApi =
    depsRef.current.makeApi ?? ((getToken: () => Promise<string>) => createApiClient({ getToken }));
  const storage = depsRef.current.storage === undefined ? safeStorage() : depsRef.current.storage;
  const startEarly =
    depsRef.current.startEarly !== undefined
      ? depsRef.current.startEarly
      : depsRef.current.makeApi
        ? null
        : (token: string) => startFirstScreen(token, window.location.pathname);

  const [state, setState] = useState<SessionState>({ phase: 'starting' });
  const [host, setHost] = useState<Host | null>(null);
  const [theme, setThemeState] = useState<TeamsThemeName>(() =>
    typeof window === 'undefined' ? 'default' : initialLocalTheme(),
  );
  const [attempt, setAttempt] = useState(0);
  const usersRef = useRef<DevUser[]>([]);

  const signInLocal = useCallback(
    async (userId: string, users: DevUser[]) => {
      setState({ phase: 'choose-user', users, error: null, busy: true });
      const api = makeApi(async () => `dev:${userId}`);
      try {
        const me = await api.me();
        storage?.setItem(USER_KEY, userId);
        setState({ phase: 'ready', me, api, users });
      } catch (e) {
        storage?.removeItem(USER_KEY);
        setState({ phase: 'choose-user', users, error: describeStartFailure(e).message, busy: false });
      }
    },
    // makeApi and storage come from deps captured once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      setState({ phase: 'starting' });
      let h: Host;
      try {
        h = await detect();
      } catch {
        h = { kind: 'local' };
      }
      if (cancelled) return;
      setHost(h);
      if (h.kind === 'teams') {
        setThemeState(h.theme);
        h.onThemeChange((t) => setThemeState(t));
        setState({ phase: 'signing-in' });
        try {
          const token = await h.getToken();
          startEarly?.(token);
        } catch (e) {
          if (!cancelled) setState({ phase: 'failed', ...describeSignInFailure(e) });
          h.notifyLoaded();
          return;
        }
        const api = makeApi(() => h.getToken());
        try {
          const me = await api.me();
          if (!cancelled) setState({ phase: 'ready', me, api, users: [] });
        } catch (e) {
          if (cancelled) {
            // nothing: a newer attempt owns the state
          } else if (e instanceof ApiError && e.code === 'ConsentRequired') {
            setState({ phase: 'consent', message: e.detail, error: null, busy: false });
          } else {
            setState({ phase: 'failed', ...describeStartFailure(e) });
          }
        }
        h.notifyLoaded();
        return;
      }
      let users: DevUser[] | null;
      try {
        users = await loadUsers();
      } catch (e) {
        if (!cancelled) setState({ phase: 'failed', ...describeStartFailure(e) });
        return;
      }
      if (cancelled) return;
      if (users === null) {
        setState({ phase: 'teams-only' });
        return;
      }
      usersRef.current = users;
      const stored = storage?.getItem(USER_KEY);
      if (stored && users.some((u) => u.id === stored)) await signInLocal(stored, users);
      else setState({ phase: 'choose-user', users, error: null, busy: false });
    })();
    return () => {
      cancelled = true;
    };
    // Re-runs only on retry().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  const setTheme = useCallback(
    (t: TeamsThemeName) => {
      if (host?.kind === 'teams') return;
      setThemeState(t);
      storeLocalTheme(t);
    },
    [host],
  );

  return {
    state,
    host,
    theme,
    setTheme,
    signInAs: (userId) => void signInLocal(userId, usersRef.current),
    signOut: () => {
      storage?.removeItem(USER_KEY);
      setState({ phase: 'choose-user', users: usersRef.current, error: null, busy: false });
    },
    retry: () => setAttempt((n) => n + 1),
    grantConsent: () => {
      if (host?.kind !== 'teams') return;
      setState((s) => (s.phase === 'consent' ? { ...s, busy: true, error: null } : s));
      host.requestConsent().then(
        // Starts over (token, then GET /api/me), as "Try again" does.
        () => setAttempt((n) => n + 1),
        (e: unknown) =>
          setState((s) =>
            s.phase === 'consent' ? { ...s, busy: false, error: describeConsentFailure(e) } : s,
          ),
      );
    },
  };
}
