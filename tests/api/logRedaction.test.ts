/**
 * "Logs carry refs, never names", proven end to end: a long scripted session through the real app (Teams
 * sign-in against the local issuer, the real SQLite store, rate limiting on) refers children, views,
 * changes, acts, runs a meeting, makes mistakes, gets refused, sends bad tokens, hits the rate limit and
 * finally an internal error. Every log line (the app's logger and anything written to the console) is
 * captured, and none may contain a synthetic child's name, date of birth, school or address.
 */
import request from 'supertest';
import { JwksKeySource, httpJwksFetcher } from '../../src/auth/jwks';
import { TeamsAuthenticator } from '../../src/auth/teamsAuthenticator';
import { CLIENT_ID, FakeTokenIssuer, TENANT } from '../fakes/tokenIssuer';
import { OWNER, makeTestApp, referral } from '../helpers/api';

const CHILD_A = {
  firstName: 'Zephyrine',
  lastName: 'Quillbottom-Synthetic',
  dateOfBirth: '2012-11-03',
  lastSchool: 'Larkspur Hollow Academy (synthetic)',
};
const CHILD_B = { firstName: 'Barnaby', lastName: 'Fennimore-Synthetic', dateOfBirth: '2014-02-19' };
const ADDRESS = '14 Imaginary Crescent, Nowhere Town NW1 9ZZ';
/** Everything that identifies the children, as it could appear in a log line. */
const FORBIDDEN = [
  'Zephyrine',
  'Quillbottom',
  'Barnaby',
  'Fennimore',
  '2012-11-03',
  '2014-02-19',
  '03/11/2012',
  'Larkspur',
  'Imaginary Crescent',
  'NW1 9ZZ',
];

const user = (oid: string, name: string, roles: string[]) => ({
  oid,
  name,
  email: `${oid.slice(0, 8)}@example.org`,
  roles,
});
const MEMBER_U = user('11111111-1111-4111-8111-111111111111', 'Demo Member (Teams)', ['CMOE.Member']);
const OTHER_U = user('22222222-2222-4222-8222-222222222222', 'Demo Other (Teams)', ['CMOE.Member']);
const CHAIR_U = user('33333333-3333-4333-8333-333333333333', 'Demo Chair (Teams)', [
  'CMOE.Member',
  'CMOE.Chair',
]);
const SENIOR_U = user('44444444-4444-4444-8444-444444444444', 'Demo Senior (Teams)', ['CMOE.SeniorManager']);
const ADMIN_U = user('55555555-5555-4555-8555-555555555555', 'Demo Admin (Teams)', ['CMOE.Admin']);
const NOROLE_U = user('66666666-6666-4666-8666-666666666666', 'Demo Outsider (Teams)', []);

let issuer: FakeTokenIssuer;
beforeAll(async () => {
  issuer = await FakeTokenIssuer.start();
});
afterAll(() => issuer.stop());

test('a whole session of referrals, changes, meetings, errors, refusals and bad tokens logs no child’s name or date of birth', async () => {
  const consoleLines: string[] = [];
  const capture = (...args: unknown[]) => consoleLines.push(args.map(String).join(' '));
  const spies = [
    jest.spyOn(console, 'log').mockImplementation(capture),
    jest.spyOn(console, 'warn').mockImplementation(capture),
    jest.spyOn(console, 'error').mockImplementation(capture),
  ];
  const t = makeTestApp({
    rateLimitPerMinute: 60,
    authenticator: (log, clock) =>
      new TeamsAuthenticator(
        {
          tenantId: TENANT,
          clientId: CLIENT_ID,
          allowedTenantIds: [TENANT],
          authorityHost: issuer.authorityHost,
        },
        { keys: new JwksKeySource({ fetch: httpJwksFetcher(issuer.jwksUrl), clock }), log, clock },
      ),
  });
  const { app } = t;
  const h = async (u: typeof MEMBER_U) => ({ Authorization: `Bearer ${await issuer.token(u)}` });
  const [member, other, chair, senior, admin, noRole] = await Promise.all(
    [MEMBER_U, OTHER_U, CHAIR_U, SENIOR_U, ADMIN_U, NOROLE_U].map(h),
  );
  const statuses = new Set<number>();
  const seen = async (r: request.Test) => {
    const res = await r;
    statuses.add(res.status);
    return res;
  };

  try {
    // Referrals, previewed first.
    await seen(request(app).post('/api/cases/check').set(member!).send(referral(CHILD_A)));
    const a = await seen(
      request(app)
        .post('/api/cases')
        .set(member!)
        .send(referral({ ...CHILD_A, concernNotes: `Lives at ${ADDRESS}; ${CHILD_A.firstName} not seen` })),
    );
    expect(a.status).toBe(201);
    const refA: string = a.body.case.ref;
    const b = await seen(request(app).post('/api/cases').set(member!).send(referral(CHILD_B)));
    const refB: string = b.body.case.ref;

    // Searching by name (the name is in the URL), viewing, the timeline.
    const found = await seen(request(app).get('/api/cases').query({ q: 'zephyrine' }).set(member!));
    expect(JSON.stringify(found.body)).toContain('Zephyrine'); // the data really flowed
    await seen(request(app).get(`/api/cases/${refA}`).set(member!));
    await seen(request(app).get(`/api/cases/${refA}/updates`).set(member!));
    await seen(
      request(app)
        .post(`/api/cases/${refA}/updates`)
        .set(member!)
        .send({
          text: `Home visit to ${ADDRESS}: ${CHILD_A.firstName} ${CHILD_A.lastName} (DOB 03/11/2012)`,
        }),
    );

    // Changes, a stale one (412 carries the record back) and invalid ones (400 names the fields).
    await seen(
      request(app)
        .patch(`/api/cases/${refA}`)
        .set(member!)
        .set('If-Match', '"1"')
        .send({ lastSchool: 'Larkspur Hollow Annexe (synthetic)' }),
    );
    const stale = await seen(
      request(app)
        .patch(`/api/cases/${refA}`)
        .set(member!)
        .set('If-Match', '"1"')
        .send({ lastName: 'Quillbottom-Renamed' }),
    );
    expect(stale.status).toBe(412);
    await seen(
      request(app)
        .patch(`/api/cases/${refA}`)
        .set(member!)
        .set('If-Match', '"2"')
        .send({ dateOfBirth: '2012-13-45', firstName: 'Zephyrine'.repeat(30) }),
    );
    await seen(request(app).patch(`/api/cases/${refA}`).set(member!).send({ firstName: 'Zephyrine' })); // 428
    await seen(
      request(app)
        .post('/api/cases')
        .set(member!)
        .set('Content-Type', 'application/json')
        .send('{"firstName":"Zephyrine","dateOfBirth":"2012-11-03",'),
    );
    await seen(
      request(app)
        .post('/api/cases')
        .set(member!)
        .send({ ...referral(CHILD_A), concernNotes: `${CHILD_A.firstName} `.repeat(20000) }),
    ); // 413
    await seen(request(app).get('/api/cases/Zephyrine%20Quillbottom').set(member!)); // 400: not a ref
    await seen(request(app).get('/api/Zephyrine/2012-11-03').set(member!)); // 404: no such route
    await seen(request(app).get('/Zephyrine-Quillbottom')); // 404 outside the API

    // Actions: created, changed, completed, refused to someone else.
    const action = await seen(
      request(app)
        .post('/api/actions')
        .set(member!)
        .send({
          caseRef: refA,
          description: `Find a school place for ${CHILD_A.firstName}`,
          successMeasure: `${CHILD_A.firstName} attends from the start date`,
          owner: { ...OWNER, id: MEMBER_U.oid },
          ownerService: 'EWS',
          dueDate: '2026-04-10',
        }),
    );
    expect(action.status).toBe(201);
    const actionId: string = action.body.id;
    await seen(
      request(app)
        .post(`/api/actions/${actionId}/extend`)
        .set(member!)
        .set('If-Match', '"1"')
        .send({ dueDate: '2026-04-17', reason: `${CHILD_A.firstName} was ill` }),
    );
    await seen(
      request(app)
        .post(`/api/actions/${actionId}/complete`)
        .set(other!)
        .set('If-Match', '"2"')
        .send({ note: `${CHILD_A.firstName} started` }),
    ); // 403: not the owner
    await seen(
      request(app)
        .post(`/api/actions/${actionId}/complete`)
        .set(member!)
        .set('If-Match', '"2"')
        .send({ note: `${CHILD_A.firstName} started at Larkspur` }),
    );

    // The chair: concern, escalation and its response.
    await seen(
      request(app).patch(`/api/cases/${refB}`).set(chair!).set('If-Match', '"1"').send({ concern: 'high' }),
    );
    const esc = await seen(
      request(app)
        .post(`/api/cases/${refB}/escalations`)
        .set(chair!)
        .set('If-Match', '"2"')
        .send({
          to: 'director',
          reason: `${CHILD_B.firstName} out of school 12 weeks`,
          decisionRequested: `Fund a place for ${CHILD_B.firstName} ${CHILD_B.lastName}`,
        }),
    );
    await seen(
      request(app)
        .post(`/api/escalations/${esc.body.escalation.id}/response`)
        .set(chair!)
        .set('If-Match', '"1"')
        .send({ response: `Place funded for ${CHILD_B.firstName}` }),
    );

    // A meeting: scheduled, started, minuted with names, finished into minutes, published, read.
    const meeting = await seen(
      request(app).post('/api/meetings').set(chair!).send({ startsAt: '2026-04-07T09:00:00Z' }),
    );
    const mid: string = meeting.body.id;
    await seen(request(app).post(`/api/meetings/${mid}/start`).set(chair!).set('If-Match', '"1"'));
    await seen(request(app).get(`/api/meetings/${mid}/cases/${refA}`).set(chair!));
    await seen(
      request(app)
        .put(`/api/meetings/${mid}/cases/${refA}/record`)
        .set(chair!)
        .set('If-Match', '"0"')
        .send({ summary: `${CHILD_A.firstName} (born 2012-11-03) discussed`, decisions: `Visit ${ADDRESS}` }),
    );
    const live = await seen(request(app).get(`/api/meetings/${mid}`).set(chair!));
    const finished = await seen(
      request(app).post(`/api/meetings/${mid}/finish`).set(chair!).set('If-Match', live.headers.etag!),
    );
    expect(finished.status).toBe(200);
    await seen(
      request(app).post(`/api/meetings/${mid}/publish`).set(chair!).set('If-Match', finished.headers.etag!),
    );
    await seen(request(app).get(`/api/meetings/${mid}/minutes/content`).set(senior!));
    await seen(request(app).get(`/api/meetings/${mid}/minutes`).set(senior!));

    // Refusals: read-only roles, an admin, a user without a role.
    await seen(request(app).get(`/api/cases/${refA}`).set(senior!));
    await seen(
      request(app)
        .patch(`/api/cases/${refA}`)
        .set(senior!)
        .set('If-Match', '"2"')
        .send({ firstName: 'Zephyrine' }),
    );
    await seen(request(app).get(`/api/cases/${refA}`).set(admin!));
    await seen(request(app).get('/api/audit').query({ target: refA }).set(admin!));
    await seen(request(app).get('/api/cases').query({ q: 'Zephyrine' }).set(noRole!));

    // Bad tokens, one carrying a child's name in its claims.
    const named = { ...MEMBER_U, name: `${CHILD_A.firstName} ${CHILD_A.lastName}` };
    for (const bad of [
      await issuer.token(named, { issuedAt: issuer.now - 7200 }),
      await issuer.tamperedToken(named),
      await issuer.unsignedToken(named),
      await issuer.hs256WithPublicKey(named),
      await issuer.token(named, { claims: { aud: 'api://elsewhere/x' } }),
      'Zephyrine.Quillbottom.2012-11-03',
    ]) {
      await seen(
        request(app).get('/api/cases').query({ q: CHILD_A.firstName }).set('Authorization', `Bearer ${bad}`),
      );
    }
    await seen(request(app).get('/api/cases').set('Authorization', `Basic ${CHILD_A.firstName}:2012-11-03`));

    // One user over the rate limit.
    for (let i = 0; i < 70; i++)
      await seen(request(app).get('/api/cases').query({ q: 'Barnaby' }).set(other!));

    // An internal error: the store goes away under the app.
    await t.store.close();
    await seen(request(app).get(`/api/cases/${refA}`).set(chair!));
  } finally {
    for (const s of spies) s.mockRestore();
  }

  // The session went through every path it meant to.
  expect([...statuses].sort()).toEqual([200, 201, 400, 401, 403, 404, 412, 413, 428, 429, 500]);

  const lines = [...t.logs, ...consoleLines];
  expect(t.logs.length).toBeGreaterThan(100);
  for (const l of t.logs) expect(() => JSON.parse(l) as unknown).not.toThrow();
  const all = lines.join('\n').toLowerCase();
  for (const secret of FORBIDDEN) expect(all).not.toContain(secret.toLowerCase());
  expect(all).not.toContain('eyj'); // no token, or any part of one

  // What the logs do say: routes, statuses, users, refusal codes.
  const parsed = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(parsed.some((l) => l.route === '/api/cases/:ref' && l.user === MEMBER_U.oid)).toBe(true);
  expect(parsed.filter((l) => l.msg === 'sign-in refused').map((l) => l.code)).toEqual(
    expect.arrayContaining(['expired', 'signature', 'alg', 'audience', 'malformed']),
  );
  expect(parsed.some((l) => l.msg === 'request failed' && typeof l.frame1 === 'string')).toBe(true);
});
