import request from 'supertest';
import { CHAIR, MEMBER, OWNER, makeTestApp, referral } from '../helpers/api';

/**
 * Every write route with a body that is wrong in one field: the answer is 400 problem+json whose issues
 * name that field, and nothing is written.
 */
type Case = {
  name: string;
  method: 'post' | 'patch';
  path: string;
  body: unknown;
  field: string;
  ifMatch?: string;
};

async function setup() {
  const t = makeTestApp();
  const ref = (await request(t.app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref as string;
  const action = (
    await request(t.app).post('/api/actions').set(MEMBER).send({
      caseRef: ref,
      description: 'Visit',
      successMeasure: 'Recorded',
      owner: OWNER,
      ownerService: 'EWS',
      dueDate: '2026-03-27',
    })
  ).body;
  const esc = (
    await request(t.app)
      .post(`/api/cases/${ref}/escalations`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ to: 'head-of-service', reason: 'No place found', decisionRequested: 'Fund a place' })
  ).body.escalation;
  return { ...t, ref, actionId: action.id as string, escalationId: esc.id as string };
}

describe('request validation', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  const cases = (): Case[] => [
    {
      name: 'referral missing a first name',
      method: 'post',
      path: '/api/cases',
      body: referral({ firstName: undefined }),
      field: 'firstName',
    },
    {
      name: 'referral with an impossible date of birth',
      method: 'post',
      path: '/api/cases',
      body: referral({ dateOfBirth: '2013-02-30' }),
      field: 'dateOfBirth',
    },
    {
      name: 'referral with no category',
      method: 'post',
      path: '/api/cases',
      body: referral({ categories: [] }),
      field: 'categories',
    },
    {
      name: 'referral with an unknown category',
      method: 'post',
      path: '/api/cases',
      body: referral({ categories: ['naughty'] as never }),
      field: 'categories.0',
    },
    {
      name: 'referral with a bad provision',
      method: 'post',
      path: '/api/cases',
      body: referral({ provision: 'school' as never }),
      field: 'provision',
    },
    {
      name: 'referral with an unknown field',
      method: 'post',
      path: '/api/cases',
      body: { ...referral(), address: '1 Demo Street' },
      field: 'address',
    },
    {
      name: 'referral trying to type the referral date',
      method: 'post',
      path: '/api/cases',
      body: { ...referral(), referralDate: '2026-01-01' },
      field: 'referralDate',
    },
    {
      name: 'referral with a bad lead email',
      method: 'post',
      path: '/api/cases',
      body: referral({ lead: { id: null, name: 'Lead', email: 'not-an-email' } }),
      field: 'lead.email',
    },
    {
      name: 'referral with a malformed UPN',
      method: 'post',
      path: '/api/cases',
      body: referral({ upn: '123' }),
      field: 'upn',
    },
    {
      name: 'referral with too many hours',
      method: 'post',
      path: '/api/cases',
      body: referral({ hoursPerWeek: 99 }),
      field: 'hoursPerWeek',
    },
    {
      name: 'case patch with a bad concern',
      method: 'patch',
      path: '/api/cases/:ref',
      body: { concern: 'extreme' },
      field: 'concern',
      ifMatch: '"1"',
    },
    {
      name: 'case patch setting status to closed',
      method: 'patch',
      path: '/api/cases/:ref',
      body: { status: 'closed' },
      field: 'status',
      ifMatch: '"1"',
    },
    {
      name: 'case patch with nothing in it',
      method: 'patch',
      path: '/api/cases/:ref',
      body: {},
      field: '(body)',
      ifMatch: '"1"',
    },
    {
      name: 'case patch changing the ref',
      method: 'patch',
      path: '/api/cases/:ref',
      body: { ref: 'CMOE-0002' },
      field: 'ref',
      ifMatch: '"1"',
    },
    {
      name: 'close without a reason',
      method: 'post',
      path: '/api/cases/:ref/close',
      body: { date: '2026-03-20' },
      field: 'reason',
      ifMatch: '"1"',
    },
    {
      name: 'reopen without a reason',
      method: 'post',
      path: '/api/cases/:ref/reopen',
      body: {},
      field: 'reason',
      ifMatch: '"1"',
    },
    {
      name: 'list check on an unknown list',
      method: 'post',
      path: '/api/cases/:ref/list-checks',
      body: { list: 'police', checkedOn: '2026-03-20', checkedBy: 'X', outcome: 'None' },
      field: 'list',
      ifMatch: '"1"',
    },
    {
      name: 'timeline update with empty text',
      method: 'post',
      path: '/api/cases/:ref/updates',
      body: { text: '   ' },
      field: 'text',
    },
    {
      name: 'action without a measure',
      method: 'post',
      path: '/api/actions',
      body: { caseRef: ':ref', description: 'Visit', owner: OWNER, dueDate: '2026-03-27' },
      field: 'successMeasure',
    },
    {
      name: 'action without an owner',
      method: 'post',
      path: '/api/actions',
      body: { caseRef: ':ref', description: 'Visit', successMeasure: 'Done', dueDate: '2026-03-27' },
      field: 'owner',
    },
    {
      name: 'action due on a past date',
      method: 'post',
      path: '/api/actions',
      body: {
        caseRef: ':ref',
        description: 'Visit',
        successMeasure: 'Done',
        owner: OWNER,
        dueDate: '2026-03-01',
      },
      field: 'dueDate',
    },
    {
      name: 'action due on Good Friday',
      method: 'post',
      path: '/api/actions',
      body: {
        caseRef: ':ref',
        description: 'Visit',
        successMeasure: 'Done',
        owner: OWNER,
        dueDate: '2026-04-03',
      },
      field: 'dueDate',
    },
    {
      name: 'action with a malformed case ref',
      method: 'post',
      path: '/api/actions',
      body: { caseRef: 'case 1', description: 'Visit' },
      field: 'caseRef',
    },
    {
      name: 'action owner without an email',
      method: 'post',
      path: '/api/actions',
      body: {
        caseRef: ':ref',
        description: 'V',
        successMeasure: 'D',
        owner: { id: 'x', name: 'X' },
        dueDate: '2026-03-27',
      },
      field: 'owner.email',
    },
    {
      name: 'complete without a note',
      method: 'post',
      path: '/api/actions/:action/complete',
      body: {},
      field: 'note',
      ifMatch: '"1"',
    },
    {
      name: 'extend without a reason',
      method: 'post',
      path: '/api/actions/:action/extend',
      body: { dueDate: '2026-04-14' },
      field: 'reason',
      ifMatch: '"1"',
    },
    {
      name: 'extend to a weekend',
      method: 'post',
      path: '/api/actions/:action/extend',
      body: { dueDate: '2026-04-11', reason: 'Waiting' },
      field: 'dueDate',
      ifMatch: '"1"',
    },
    {
      name: 'action patch with an empty description',
      method: 'patch',
      path: '/api/actions/:action',
      body: { description: '' },
      field: 'description',
      ifMatch: '"1"',
    },
    {
      name: 'meeting with a local time instead of an instant',
      method: 'post',
      path: '/api/meetings',
      body: { startsAt: '2026-04-07 10:00' },
      field: 'startsAt',
    },
    {
      name: 'escalation to an unknown target',
      method: 'post',
      path: '/api/cases/:ref/escalations',
      body: { to: 'mayor', reason: 'R', decisionRequested: 'D' },
      field: 'to',
      ifMatch: '"2"',
    },
    {
      name: 'escalation without a decision requested',
      method: 'post',
      path: '/api/cases/:ref/escalations',
      body: { to: 'director', reason: 'R' },
      field: 'decisionRequested',
      ifMatch: '"2"',
    },
    {
      name: 'escalation response without text',
      method: 'post',
      path: '/api/escalations/:esc/response',
      body: { outcome: 'x' },
      field: 'response',
      ifMatch: '"1"',
    },
  ];

  test.each(cases().map((c) => [c.name, c] as const))('%s is a 400 naming the field', async (_name, c) => {
    const path = c.path
      .replace(':ref', ctx.ref)
      .replace(':action', ctx.actionId)
      .replace(':esc', ctx.escalationId);
    const body = JSON.parse(JSON.stringify(c.body).replace('":ref"', JSON.stringify(ctx.ref)));
    const before = await ctx.store.audit.query({});
    let req = request(ctx.app)[c.method](path).set(CHAIR);
    if (c.ifMatch) req = req.set('If-Match', c.ifMatch);
    const res = await req.send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('Invalid');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(c.field);
    // The detail is a sentence for people; the issue path is the contract that names the field.
    expect(res.body.detail.length).toBeGreaterThan(10);
    const after = await ctx.store.audit.query({});
    expect(after.filter((e) => e.action !== 'access.refused')).toHaveLength(
      before.filter((e) => e.action !== 'access.refused').length,
    );
  });

  test('the SMART check names every missing part in one message', async () => {
    const res = await request(ctx.app)
      .post('/api/actions')
      .set(MEMBER)
      .send({ caseRef: ctx.ref, description: 'Visit' });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'dueDate',
      'owner',
      'successMeasure',
    ]);
    expect(res.body.detail).toMatch(/measurable/);
    expect(res.body.detail).toMatch(/time-bound/);
  });

  test('a body that is not JSON is a 400 that does not echo it back', async () => {
    const res = await request(ctx.app)
      .post('/api/cases')
      .set(MEMBER)
      .set('Content-Type', 'application/json')
      .send('{"firstName":"Testy"');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('Testy');
  });

  test('a body over the size limit is refused with 413', async () => {
    const big = referral({ concernNotes: 'x'.repeat(200_000) });
    const res = await request(ctx.app).post('/api/cases').set(MEMBER).send(big);
    expect(res.status).toBe(413);
  });

  test('an unknown query parameter is a 400 naming it', async () => {
    const res = await request(ctx.app).get('/api/cases?colour=red').set(MEMBER);
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('colour');
  });
});
