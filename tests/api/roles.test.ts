import request from 'supertest';
import { ADMIN, CHAIR, MEMBER, OTHER_MEMBER, OWNER, SENIOR, makeTestApp, referral } from '../helpers/api';

/**
 * SPEC "Users and roles" as a table: each route and the roles that may use it. Every role is tried on
 * every route against a fresh store, so a permitted call must succeed (2xx), and any other gets 403.
 */
type Who = 'member' | 'otherMember' | 'chair' | 'senior' | 'admin';
const HEADERS: Record<Who, Record<string, string>> = {
  member: MEMBER,
  otherMember: OTHER_MEMBER,
  chair: CHAIR,
  senior: SENIOR,
  admin: ADMIN,
};
const ALL: Who[] = ['member', 'otherMember', 'chair', 'senior', 'admin'];

interface Fixture {
  ref: string;
  actionId: string;
  escalationId: string;
  meetingId: string;
}

interface Route {
  name: string;
  allowed: Who[];
  run(app: ReturnType<typeof makeTestApp>['app'], f: Fixture, h: Record<string, string>): request.Test;
}

const READERS: Who[] = ['member', 'otherMember', 'chair', 'senior'];
const EDITORS: Who[] = ['member', 'otherMember', 'chair'];

const ROUTES: Route[] = [
  { name: 'GET /api/me', allowed: ALL, run: (app, _f, h) => request(app).get('/api/me').set(h) },
  { name: 'GET /api/cases', allowed: READERS, run: (app, _f, h) => request(app).get('/api/cases').set(h) },
  {
    name: 'GET /api/cases/:ref',
    allowed: READERS,
    run: (app, f, h) => request(app).get(`/api/cases/${f.ref}`).set(h),
  },
  {
    name: 'POST /api/cases (refer)',
    allowed: EDITORS,
    run: (app, _f, h) => request(app).post('/api/cases').set(h).send(referral()),
  },
  {
    name: 'POST /api/cases/check',
    allowed: EDITORS,
    run: (app, _f, h) => request(app).post('/api/cases/check').set(h).send(referral()),
  },
  {
    name: 'PATCH /api/cases/:ref (record fields)',
    allowed: EDITORS,
    run: (app, f, h) =>
      request(app)
        .patch(`/api/cases/${f.ref}`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ lastSchool: 'Other (synthetic)' }),
  },
  {
    name: 'PATCH /api/cases/:ref (concern)',
    allowed: ['chair'],
    run: (app, f, h) =>
      request(app).patch(`/api/cases/${f.ref}`).set(h).set('If-Match', '"2"').send({ concern: 'high' }),
  },
  {
    name: 'PATCH /api/cases/:ref (stuck flag)',
    allowed: ['chair'],
    run: (app, f, h) =>
      request(app).patch(`/api/cases/${f.ref}`).set(h).set('If-Match', '"2"').send({ stuckFlag: true }),
  },
  {
    name: 'PATCH /api/cases/:ref (status)',
    allowed: ['chair'],
    run: (app, f, h) =>
      request(app).patch(`/api/cases/${f.ref}`).set(h).set('If-Match', '"2"').send({ status: 'monitoring' }),
  },
  {
    name: 'POST /api/cases/:ref/close',
    allowed: ['chair'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/cases/${f.ref}/close`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ reason: 'moved-out', date: '2026-03-24' }),
  },
  {
    name: 'POST /api/cases/:ref/list-checks',
    allowed: EDITORS,
    run: (app, f, h) =>
      request(app)
        .post(`/api/cases/${f.ref}/list-checks`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ list: 'cse', checkedOn: '2026-03-24', checkedBy: 'Demo', outcome: 'Not on list' }),
  },
  {
    name: 'GET /api/cases/:ref/updates',
    allowed: READERS,
    run: (app, f, h) => request(app).get(`/api/cases/${f.ref}/updates`).set(h),
  },
  {
    name: 'POST /api/cases/:ref/updates',
    allowed: EDITORS,
    run: (app, f, h) =>
      request(app).post(`/api/cases/${f.ref}/updates`).set(h).send({ text: 'Spoke to school' }),
  },
  {
    name: 'POST /api/cases/:ref/escalations',
    allowed: ['chair'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/cases/${f.ref}/escalations`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ to: 'director', reason: 'R', decisionRequested: 'D' }),
  },
  {
    name: 'GET /api/actions',
    allowed: READERS,
    run: (app, _f, h) => request(app).get('/api/actions').set(h),
  },
  {
    name: 'GET /api/actions/:id',
    allowed: READERS,
    run: (app, f, h) => request(app).get(`/api/actions/${f.actionId}`).set(h),
  },
  {
    name: 'POST /api/actions',
    allowed: EDITORS,
    run: (app, f, h) =>
      request(app).post('/api/actions').set(h).send({
        caseRef: f.ref,
        description: 'Call school',
        successMeasure: 'Call logged',
        owner: OWNER,
        ownerService: 'EWS',
        dueDate: '2026-03-30',
      }),
  },
  // The action is owned by `member`: the other member may not change it; the chair may.
  {
    name: 'PATCH /api/actions/:id',
    allowed: ['member', 'chair'],
    run: (app, f, h) =>
      request(app)
        .patch(`/api/actions/${f.actionId}`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ ownerService: 'EWS North' }),
  },
  {
    name: 'POST /api/actions/:id/complete',
    allowed: ['member', 'chair'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/actions/${f.actionId}/complete`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ note: 'Done' }),
  },
  {
    name: 'POST /api/actions/:id/extend',
    allowed: ['member', 'chair'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/actions/${f.actionId}/extend`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ dueDate: '2026-04-14', reason: 'School closed' }),
  },
  {
    name: 'POST /api/actions/:id/cancel',
    allowed: ['chair'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/actions/${f.actionId}/cancel`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ reason: 'Duplicate' }),
  },
  {
    name: 'GET /api/meetings',
    allowed: READERS,
    run: (app, _f, h) => request(app).get('/api/meetings').set(h),
  },
  {
    name: 'GET /api/meetings/next',
    allowed: READERS,
    run: (app, _f, h) => request(app).get('/api/meetings/next').set(h),
  },
  {
    name: 'GET /api/meetings/:id',
    allowed: READERS,
    run: (app, f, h) => request(app).get(`/api/meetings/${f.meetingId}`).set(h),
  },
  {
    name: 'GET /api/meetings/:id/agenda',
    allowed: READERS,
    run: (app, f, h) => request(app).get(`/api/meetings/${f.meetingId}/agenda`).set(h),
  },
  {
    name: 'POST /api/meetings',
    allowed: ['chair'],
    run: (app, _f, h) => request(app).post('/api/meetings').set(h).send({ startsAt: '2026-05-05T09:00:00Z' }),
  },
  {
    name: 'GET /api/escalations',
    allowed: READERS,
    run: (app, _f, h) => request(app).get('/api/escalations').set(h),
  },
  {
    name: 'POST /api/escalations/:id/response',
    allowed: ['chair'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/escalations/${f.escalationId}/response`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ response: 'Place funded' }),
  },
  { name: 'GET /api/audit', allowed: ['admin'], run: (app, _f, h) => request(app).get('/api/audit').set(h) },
];

async function fixture() {
  const t = makeTestApp();
  const ref = (await request(t.app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref as string;
  const actionId = (
    await request(t.app).post('/api/actions').set(MEMBER).send({
      caseRef: ref,
      description: 'Visit',
      successMeasure: 'Recorded',
      owner: OWNER,
      ownerService: 'EWS',
      dueDate: '2026-03-27',
    })
  ).body.id as string;
  const escalationId = (
    await request(t.app)
      .post(`/api/cases/${ref}/escalations`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ to: 'head-of-service', reason: 'R', decisionRequested: 'D' })
  ).body.escalation.id as string;
  const meetingId = (
    await request(t.app).post('/api/meetings').set(CHAIR).send({ startsAt: '2026-04-07T09:00:00Z' })
  ).body.id as string;
  return { t, f: { ref, actionId, escalationId, meetingId } };
}

describe('each role gets exactly the routes SPEC allows', () => {
  test.each(ROUTES.map((r) => [r.name, r] as const))('%s', async (_name, route) => {
    const outcome: Record<string, number> = {};
    for (const who of ALL) {
      const { t, f } = await fixture();
      const res = await route.run(t.app, f, HEADERS[who]);
      outcome[who] = res.status;
    }
    const expected = Object.fromEntries(ALL.map((w) => [w, route.allowed.includes(w) ? '2xx' : 403]));
    const actual = Object.fromEntries(
      ALL.map((w) => [w, outcome[w]! >= 200 && outcome[w]! < 300 ? '2xx' : outcome[w]]),
    );
    expect(actual).toEqual(expected);
  });

  test('a refused call writes nothing', async () => {
    const { t, f } = await fixture();
    const res = await request(t.app)
      .post(`/api/cases/${f.ref}/close`)
      .set(MEMBER)
      .set('If-Match', '"2"')
      .send({ reason: 'moved-out', date: '2026-03-24' });
    expect(res.status).toBe(403);
    expect((await t.store.cases.get(f.ref))?.status).toBe('escalated');
  });

  test('a missing or unknown sign-in is 401', async () => {
    const { t } = await fixture();
    expect((await request(t.app).get('/api/cases')).status).toBe(401);
    expect((await request(t.app).get('/api/cases').set('Authorization', 'Bearer dev:nobody')).status).toBe(
      401,
    );
    expect(
      (await request(t.app).get('/api/cases').set('Authorization', 'Bearer eyJhbGciOi.fake.token')).status,
    ).toBe(401);
  });
});
