/**
 * The first screen's requests, started before React has rendered anything (issue 15: first rows of the
 * 5,000-case list under 1.5 s on a throttled laptop). Without this the tab asks one thing at a time, each
 * after a render: the demo's users, then `/api/me`, then the list — three round trips behind the app's
 * own start-up. Here `/api/me` leaves as soon as the entry script runs, and the list follows the moment
 * `/api/me` says the user will see it, while the app is still starting.
 *
 * Each response is kept for the first identical GET with the same token ({@link takeEarly}, used by the
 * transport), which handles it exactly as one it sent itself (status, retry, problem+json). The list is
 * asked for only when the app would ask for it at once: the user may read cases and does not land on the
 * oversight screen, so an administrator's tab never draws a refused (and audited) list read.
 */
import type { Me } from './client';

const early = new Map<string, Promise<Response>>();

const keyOf = (path: string, token: string | null) => `${token ?? ''} ${path}`;

/** The response of an early GET of `path` with `token`, once; undefined when none was started. */
export function takeEarly(path: string, token: string | null): Promise<Response> | undefined {
  const key = keyOf(path, token);
  const p = early.get(key);
  early.delete(key);
  return p;
}

function startEarly(path: string, token: string | null, doFetch: typeof fetch): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const p = doFetch(path, { method: 'GET', headers, credentials: 'omit' });
  // A failed early request is the app's to report when it takes it; never an unhandled rejection here.
  p.catch(() => undefined);
  early.set(keyOf(path, token), p);
  return p;
}

/**
 * Whether the app will load the CMOE list at once for this user at this address: it does for anyone who
 * may read cases, except on the oversight screen, where a senior manager without a casework role also
 * lands from the tab's root (App.tsx: `Screens` and the landing rule).
 */
export function listWantedAtStart(me: Pick<Me, 'roles' | 'permissions'>, pathname: string): boolean {
  if (!me.permissions.includes('case.read')) return false;
  const path = pathname.replace(/\/+$/, '');
  if (path === '/oversight') return false;
  const seniorOnly =
    me.roles.includes('CMOE.SeniorManager') &&
    !me.roles.includes('CMOE.Member') &&
    !me.roles.includes('CMOE.Chair');
  return !(seniorOnly && path === '');
}

/**
 * Starts `/api/me` with the user's token, then the list when {@link listWantedAtStart}. The app's own
 * calls take these responses; nothing here decides what the user sees.
 */
export function startFirstScreen(token: string, pathname: string, doFetch: typeof fetch = fetch): void {
  const bound: typeof fetch = (input, init) => doFetch(input, init);
  startEarly('/api/me', token, bound)
    .then(async (res) => {
      if (!res.ok) return;
      const me = (await res.clone().json()) as Me;
      if (listWantedAtStart(me, pathname)) startEarly('/api/cases', token, bound);
    })
    .catch(() => undefined);
}

/**
 * The local demo with a remembered user (the page is not in Teams): the demo's users and the first
 * screen's requests, from the entry script. In Teams the token comes from teams-js, so `useSession`
 * starts the first screen as soon as it has one.
 */
export function startLocalDemo(
  win: { location: { pathname: string }; sessionStorage: { getItem(key: string): string | null } },
  userKey: string,
  doFetch: typeof fetch = fetch,
): void {
  let user: string | null = null;
  try {
    user = win.sessionStorage.getItem(userKey);
  } catch {
    return; // storage refused: the app asks who is signing in
  }
  const bound: typeof fetch = (input, init) => doFetch(input, init);
  startEarly('/api/dev/users', null, bound);
  if (user) startFirstScreen(`dev:${user}`, win.location.pathname, bound);
}
