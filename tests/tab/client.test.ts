/**
 * The tab's API client against the real API (createApp over in-memory SQLite) through real HTTP:
 * bearer token on every call, If-Match on changes, problem+json as ApiError with field issues, and a
 * 412 carrying the server's current record.
 */
import { createApiClient, loadDevUsers } from '../../src/tab/client/client';
import { OWNER, referral } from '../helpers/api';
import { serveRealApi, caught } from './realApi';

const { as, base } = serveRealApi();

describe('the tab’s API client', () => {
  test('signs in with the bearer token and reads who the user is and what they may do', async () => {
    const me = await as('dev-member-ewo').me();
    expect(me).toMatchObject({ id: 'dev-member-ewo', roles: ['CMOE.Member'] });
    expect(me.permissions).toContain('case.refer');
    expect(me.permissions).not.toContain('case.setConcern');
    const users = await loadDevUsers({ baseUrl: base() });
    expect(users?.map((u) => u.id)).toContain('dev-senior');
  });

  test('refers, reads and changes a case with If-Match; a stale version is a Conflict carrying the current record', async () => {
    const member = as('dev-member-ewo');
    const chair = as('dev-chair');
    const check = await member.checkReferral(referral() as never);
    const { case: created } = await member.refer(referral() as never);
    expect(created.referralDate).toBe(check.referralDate);
    const detail = await chair.getCase(created.ref);
    expect(detail.case.version).toBe(1);

    const changed = await member.updateCase(created.ref, 1, { lastSchool: 'Client School (synthetic)' });
    expect(changed.version).toBe(2);
    const e = await caught(chair.updateCase(created.ref, 1, { lastSchool: 'Stale (synthetic)' }));
    expect(e.status).toBe(412);
    expect(e.isConflict).toBe(true);
    expect(e.current).toMatchObject({ lastSchool: 'Client School (synthetic)', version: 2 });

    const list = await chair.listCases({ status: ['referred'], q: created.lastName });
    expect(list.map((c) => c.ref)).toContain(created.ref);
  });

  test('a non-SMART action comes back as Invalid with an issue per missing part', async () => {
    const member = as('dev-member-ewo');
    const { case: c } = await member.refer(referral() as never);
    const e = await caught(member.createAction({ caseRef: c.ref, description: 'Visit', owner: OWNER }));
    expect(e.code).toBe('Invalid');
    expect(e.detail).toMatch(/^This action is not SMART yet/);
    expect(e.issuesFor('successMeasure')).toEqual(['Say how the group will know it is done (measurable).']);
    expect(e.issuesFor('dueDate')).toHaveLength(1);
    expect(e.issuesFor('description')).toEqual([]);
  });

  test('a refusal is Forbidden in the server’s words; an unreachable server is a Network error', async () => {
    const e = await caught(as('dev-senior').refer(referral() as never));
    expect(e).toMatchObject({ status: 403, code: 'Forbidden' });
    const offline = createApiClient({ baseUrl: 'http://127.0.0.1:9', getToken: async () => 'dev:dev-chair' });
    const n = await caught(offline.me());
    expect(n.code).toBe('Network');
    expect(n.detail).toMatch(/Can't reach the CMOE service/);
  });

  test('a read refused for a moment is retried once after Retry-After; a write is not repeated', async () => {
    const seen: string[] = [];
    let refuse = 1;
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push(`${init?.method} ${String(input)}`);
      if (refuse-- > 0)
        return new Response(JSON.stringify({ code: 'Busy', title: 'Busy', detail: 'Too many requests.' }), {
          status: 429,
          headers: { 'Retry-After': '0', 'Content-Type': 'application/problem+json' },
        });
      return new Response(JSON.stringify([]), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }) as typeof fetch;
    const client = createApiClient({
      baseUrl: 'http://api.test',
      getToken: async () => 'dev:dev-chair',
      fetch: fakeFetch,
    });
    expect(await client.listCases()).toEqual([]);
    expect(seen).toEqual(['GET http://api.test/api/cases', 'GET http://api.test/api/cases']);

    refuse = 1;
    seen.length = 0;
    const e = await caught(client.addUpdate('CMOE-0001', 'Note'));
    expect(e).toMatchObject({ status: 429, code: 'Busy', detail: 'Too many requests.' });
    expect(seen).toEqual(['POST http://api.test/api/cases/CMOE-0001/updates']);
  });
});
