/**
 * The first screen's early requests (src/tab/client/early.ts, issue 15) against the real API: they leave
 * before the app asks, the app's own calls take their answers instead of asking again, and a user who
 * would not see the list at once (an administrator, a senior manager landing on oversight) never sends
 * a list read early (the server would refuse an administrator's and audit the refusal).
 */
import { createApiClient, loadDevUsers } from '../../src/tab/client/client';
import { listWantedAtStart, startLocalDemo, takeEarly } from '../../src/tab/client/early';
import { DEV_USER_KEY } from '../../src/tab/app/devUser';
import { referral } from '../helpers/api';
import { caught, serveRealApi } from './realApi';

const { as, base } = serveRealApi();

/** fetch against the test server, recording each path asked for (the tab's paths are relative). */
function countingFetch() {
  const paths: string[] = [];
  const f: typeof fetch = (input, init) => {
    const path = String(input);
    paths.push(path);
    return fetch(`${base()}${path}`, init);
  };
  return { f, paths };
}

const page = (user: string | null, pathname = '/') => ({
  location: { pathname },
  sessionStorage: { getItem: (k: string) => (k === DEV_USER_KEY ? user : null) },
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('condition not met in 2 s');
}

describe('the first screen’s early requests', () => {
  beforeAll(async () => {
    await as('dev-member-ewo').refer(referral() as never);
  });

  test('a remembered chair’s /api/me and then the list leave before the app asks, and the app takes both answers without asking again', async () => {
    const { f, paths } = countingFetch();
    startLocalDemo(page('dev-chair'), DEV_USER_KEY, f);
    await until(() => paths.includes('/api/cases'));
    expect(paths).toEqual(['/api/dev/users', '/api/me', '/api/cases']);

    const api = createApiClient({ getToken: async () => 'dev:dev-chair', fetch: f });
    const [users, me, rows] = await Promise.all([loadDevUsers(), api.me(), api.listCases()]);
    expect(users?.map((u) => u.id)).toContain('dev-chair');
    expect(me.id).toBe('dev-chair');
    expect(rows).toEqual(await as('dev-chair').listCases());
    // Taken once: the three answers came from the early requests, and a second list read asks again.
    expect(paths).toHaveLength(3);
    await api.listCases();
    expect(paths).toHaveLength(4);
  });

  test('an early answer is taken only by a call with the same token', async () => {
    const { f, paths } = countingFetch();
    startLocalDemo(page('dev-chair'), DEV_USER_KEY, f);
    await until(() => paths.includes('/api/cases'));
    const other = createApiClient({ getToken: async () => 'dev:dev-member-ewo', fetch: f });
    expect((await other.me()).id).toBe('dev-member-ewo');
    expect(paths.filter((p) => p === '/api/me')).toHaveLength(2);
    // Left for the chair's own call (and cleared by it).
    expect(takeEarly('/api/me', 'dev:dev-chair')).toBeDefined();
    expect(takeEarly('/api/cases', 'dev:dev-chair')).toBeDefined();
    expect(takeEarly('/api/cases', 'dev:dev-chair')).toBeUndefined();
    takeEarly('/api/dev/users', null);
  });

  test('an administrator’s tab asks who they are but never reads the list early (the server would refuse and audit it)', async () => {
    const { f, paths } = countingFetch();
    startLocalDemo(page('dev-admin'), DEV_USER_KEY, f);
    await until(() => paths.includes('/api/me'));
    const api = createApiClient({ getToken: async () => 'dev:dev-admin', fetch: f });
    expect((await api.me()).id).toBe('dev-admin');
    await new Promise((r) => setTimeout(r, 100));
    expect(paths).not.toContain('/api/cases');
    takeEarly('/api/dev/users', null);
  });

  test('a refused early answer reaches the app as the same ApiError its own request would', async () => {
    const { f } = countingFetch();
    startLocalDemo(page('dev-nobody'), DEV_USER_KEY, f);
    const api = createApiClient({ getToken: async () => 'dev:dev-nobody', fetch: f });
    const e = await caught(api.me());
    expect(e.code).toBe('Unauthenticated');
    takeEarly('/api/dev/users', null);
  });

  test('with no remembered user only the demo’s users are asked for', async () => {
    const { f, paths } = countingFetch();
    startLocalDemo(page(null), DEV_USER_KEY, f);
    await until(() => paths.length > 0);
    expect(paths).toEqual(['/api/dev/users']);
    expect(await loadDevUsers()).not.toBeNull();
  });

  test('the list is wanted at once by anyone who may read cases, except on the oversight screen and for a senior manager landing at the root', () => {
    const chair = { roles: ['CMOE.Chair' as const], permissions: ['case.read' as const] };
    const senior = { roles: ['CMOE.SeniorManager' as const], permissions: ['case.read' as const] };
    const admin = { roles: ['CMOE.Admin' as const], permissions: ['audit.read' as const] };
    expect(listWantedAtStart(chair, '/')).toBe(true);
    expect(listWantedAtStart(chair, '/cases/CMOE-0042')).toBe(true);
    expect(listWantedAtStart(chair, '/oversight')).toBe(false);
    expect(listWantedAtStart(senior, '/')).toBe(false);
    expect(listWantedAtStart(senior, '/actions')).toBe(true);
    expect(listWantedAtStart(admin, '/')).toBe(false);
  });
});
