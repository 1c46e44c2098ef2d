/**
 * The authorisation matrix: every API route x every role, no role and no sign-in, each with the exact
 * status SPEC "Users and roles" implies. The routes come from the app itself (its router stack), and the
 * first test fails when one is registered without a row here, so a new route cannot be missed.
 *
 * The rows are written from SPEC, not from src/auth/roles.ts: deriving them from the matrix under test
 * would let a wrong grant pass. The contract's table (src/contract/routes.ts) is checked against them: it
 * has exactly these routes, and each row's permissions, through the roles' grants, give exactly the
 * roles written here, so a route added to the table fails here until it has a row and an example. Each permitted call runs against a fresh store and must succeed with its
 * exact status; the refused ones share one fresh store, which must be left unchanged.
 */
import request from 'supertest';
import {
  ADMIN,
  CHAIR,
  MEMBER,
  NO_ROLE,
  OTHER_MEMBER,
  OWNER,
  SENIOR,
  type TestApp,
  disclosureBody,
  makeTestApp,
  referral,
} from '../helpers/api';
import { registeredRoutes } from '../helpers/routes';
import { findDevUser } from '../../src/auth/devUsers';
import { ROLE_PERMISSIONS } from '../../src/auth/roles';
import { ROUTES, type Route } from '../../src/contract/routes';

type Who = 'anonymous' | 'noRole' | 'member' | 'otherMember' | 'chair' | 'senior' | 'admin';
const HEADERS: Record<Who, Record<string, string>> = {
  anonymous: {},
  noRole: NO_ROLE,
  member: MEMBER, // owns the fixture's action
  otherMember: OTHER_MEMBER,
  chair: CHAIR,
  senior: SENIOR,
  admin: ADMIN,
};
const EVERYONE: Who[] = ['anonymous', 'noRole', 'member', 'otherMember', 'chair', 'senior', 'admin'];
const ANY_ROLE: Who[] = ['member', 'otherMember', 'chair', 'senior', 'admin'];
const READERS: Who[] = ['member', 'otherMember', 'chair', 'senior'];
const EDITORS: Who[] = ['member', 'otherMember', 'chair'];
const CHAIR_ONLY: Who[] = ['chair'];
const OWNER_OR_CHAIR: Who[] = ['member', 'chair'];
const AUDIT_READERS: Who[] = ['senior', 'admin'];

/** What a row needs beyond the base fixture. */
type Need = 'closedCase' | 'liveMeeting' | 'completedMeeting' | 'heldCase' | 'pastRetention';

interface Fixture {
  /** Referred, actioned and escalated: version 2. */
  ref: string;
  /** Owned by `member`, version 1. */
  actionId: string;
  escalationId: string;
  /** Scheduled, version 1. */
  meetingId: string;
  /** A second case, closed: version 2. */
  closedRef: string;
  /** A meeting in progress (version 2) and a fresh case (version 1) to discuss in it. */
  liveMeetingId: string;
  liveRef: string;
  /** A finished meeting with minutes: version 3. */
  doneMeetingId: string;
}

interface Row {
  route: string;
  /** Tells variants of one route apart (e.g. which field a PATCH changes). */
  variant?: string;
  allowed: Who[];
  /** The exact status of a permitted call. */
  ok: number;
  /** Reached without sign-in (health check, dev users): every caller gets `ok`. */
  public?: boolean;
  needs?: Need[];
  run(app: TestApp['app'], f: Fixture, h: Record<string, string>): request.Test;
}

const get = (path: (f: Fixture) => string) => (app: TestApp['app'], f: Fixture, h: Record<string, string>) =>
  request(app).get(path(f)).set(h);

const ROWS: Row[] = [
  { route: 'GET /healthz', allowed: EVERYONE, ok: 200, public: true, run: get(() => '/healthz') },
  // Dev sign-in only (AUTH_MODE=dev, loopback): the local sign-in page lists the synthetic users.
  { route: 'GET /api/dev/users', allowed: EVERYONE, ok: 200, public: true, run: get(() => '/api/dev/users') },
  { route: 'GET /api/me', allowed: ANY_ROLE, ok: 200, run: get(() => '/api/me') },

  // Cases
  { route: 'GET /api/cases', allowed: READERS, ok: 200, run: get(() => '/api/cases') },
  {
    route: 'POST /api/cases/check',
    allowed: EDITORS,
    ok: 200,
    run: (app, _f, h) => request(app).post('/api/cases/check').set(h).send(referral()),
  },
  {
    route: 'POST /api/cases',
    allowed: EDITORS,
    ok: 201,
    run: (app, _f, h) => request(app).post('/api/cases').set(h).send(referral()),
  },
  { route: 'GET /api/cases/:ref', allowed: READERS, ok: 200, run: get((f) => `/api/cases/${f.ref}`) },
  ...(
    [
      ['record fields', EDITORS, { lastSchool: 'Other (synthetic)' }],
      ['concern', CHAIR_ONLY, { concern: 'high' }],
      ['stuck flag', CHAIR_ONLY, { stuckFlag: true }],
      ['status', CHAIR_ONLY, { status: 'monitoring' }],
    ] as const
  ).map(([variant, allowed, body]): Row => ({
    route: 'PATCH /api/cases/:ref',
    variant,
    allowed,
    ok: 200,
    run: (app, f, h) => request(app).patch(`/api/cases/${f.ref}`).set(h).set('If-Match', '"2"').send(body),
  })),
  {
    route: 'POST /api/cases/:ref/close',
    allowed: CHAIR_ONLY,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .post(`/api/cases/${f.ref}/close`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ reason: 'moved-out', date: '2026-03-24' }),
  },
  {
    route: 'POST /api/cases/:ref/reopen',
    allowed: CHAIR_ONLY,
    ok: 200,
    needs: ['closedCase'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/cases/${f.closedRef}/reopen`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ reason: 'Family moved back' }),
  },
  {
    route: 'POST /api/cases/:ref/list-checks',
    allowed: EDITORS,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .post(`/api/cases/${f.ref}/list-checks`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ list: 'cse', checkedOn: '2026-03-24', checkedBy: 'Demo', outcome: 'Not on list' }),
  },
  {
    route: 'GET /api/cases/:ref/updates',
    allowed: READERS,
    ok: 200,
    run: get((f) => `/api/cases/${f.ref}/updates`),
  },
  {
    route: 'POST /api/cases/:ref/updates',
    allowed: EDITORS,
    ok: 201,
    run: (app, f, h) =>
      request(app).post(`/api/cases/${f.ref}/updates`).set(h).send({ text: 'Spoke to school' }),
  },
  {
    route: 'POST /api/cases/:ref/escalations',
    allowed: CHAIR_ONLY,
    ok: 201,
    run: (app, f, h) =>
      request(app)
        .post(`/api/cases/${f.ref}/escalations`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ to: 'director', reason: 'R', decisionRequested: 'D' }),
  },

  // Issue 18, the disclosure log: read with the case, recorded by those who edit cases, listed (without
  // its free text) for the chair and the admin.
  {
    route: 'GET /api/cases/:ref/disclosures',
    allowed: READERS,
    ok: 200,
    run: get((f) => `/api/cases/${f.ref}/disclosures`),
  },
  {
    route: 'POST /api/cases/:ref/disclosures',
    allowed: EDITORS,
    ok: 201,
    run: (app, f, h) => request(app).post(`/api/cases/${f.ref}/disclosures`).set(h).send(disclosureBody()),
  },
  { route: 'GET /api/disclosures', allowed: ['chair', 'admin'], ok: 200, run: get(() => '/api/disclosures') },
  // Issue 18: a subject access export is the controller's answer to a request: the admin alone.
  {
    route: 'GET /api/cases/:ref/subject-access',
    allowed: ['admin'],
    ok: 200,
    run: get((f) => `/api/cases/${f.ref}/subject-access?format=json`),
  },

  // Actions: the fixture's action is owned by `member`; the other member may not change it.
  { route: 'GET /api/actions', allowed: READERS, ok: 200, run: get(() => '/api/actions') },
  {
    route: 'POST /api/actions',
    allowed: EDITORS,
    ok: 201,
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
  { route: 'GET /api/actions/:id', allowed: READERS, ok: 200, run: get((f) => `/api/actions/${f.actionId}`) },
  {
    route: 'PATCH /api/actions/:id',
    allowed: OWNER_OR_CHAIR,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .patch(`/api/actions/${f.actionId}`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ ownerService: 'EWS North' }),
  },
  {
    route: 'POST /api/actions/:id/complete',
    allowed: OWNER_OR_CHAIR,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .post(`/api/actions/${f.actionId}/complete`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ note: 'Done' }),
  },
  {
    route: 'POST /api/actions/:id/extend',
    allowed: OWNER_OR_CHAIR,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .post(`/api/actions/${f.actionId}/extend`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ dueDate: '2026-04-14', reason: 'School closed' }),
  },
  {
    route: 'POST /api/actions/:id/cancel',
    allowed: CHAIR_ONLY,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .post(`/api/actions/${f.actionId}/cancel`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ reason: 'Duplicate' }),
  },

  // Meetings
  { route: 'GET /api/meetings', allowed: READERS, ok: 200, run: get(() => '/api/meetings') },
  { route: 'GET /api/meetings/next', allowed: READERS, ok: 200, run: get(() => '/api/meetings/next') },
  {
    route: 'POST /api/meetings',
    allowed: CHAIR_ONLY,
    ok: 201,
    run: (app, _f, h) => request(app).post('/api/meetings').set(h).send({ startsAt: '2026-05-05T09:00:00Z' }),
  },
  {
    route: 'POST /api/meetings/cadence',
    allowed: CHAIR_ONLY,
    ok: 201,
    run: (app, _f, h) => request(app).post('/api/meetings/cadence').set(h).send({ count: 2 }),
  },
  {
    route: 'GET /api/meetings/:id',
    allowed: READERS,
    ok: 200,
    run: get((f) => `/api/meetings/${f.meetingId}`),
  },
  {
    route: 'PATCH /api/meetings/:id',
    allowed: CHAIR_ONLY,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .patch(`/api/meetings/${f.meetingId}`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ attendees: [{ name: 'Demo Member (Bea Placeholder)' }] }),
  },
  ...(['cancel', 'start'] as const).map((step): Row => ({
    route: `POST /api/meetings/:id/${step}`,
    allowed: CHAIR_ONLY,
    ok: 200,
    run: (app, f, h) =>
      request(app).post(`/api/meetings/${f.meetingId}/${step}`).set(h).set('If-Match', '"1"'),
  })),
  {
    route: 'POST /api/meetings/:id/finish',
    allowed: CHAIR_ONLY,
    ok: 200,
    needs: ['liveMeeting'],
    run: (app, f, h) =>
      request(app).post(`/api/meetings/${f.liveMeetingId}/finish`).set(h).set('If-Match', '"2"'),
  },
  {
    route: 'POST /api/meetings/:id/publish',
    allowed: CHAIR_ONLY,
    ok: 200,
    needs: ['completedMeeting'],
    run: (app, f, h) =>
      request(app).post(`/api/meetings/${f.doneMeetingId}/publish`).set(h).set('If-Match', '"3"'),
  },
  {
    route: 'GET /api/meetings/:id/minutes',
    allowed: READERS,
    ok: 200,
    needs: ['completedMeeting'],
    run: get((f) => `/api/meetings/${f.doneMeetingId}/minutes`),
  },
  {
    route: 'GET /api/meetings/:id/minutes/content',
    allowed: READERS,
    ok: 200,
    needs: ['completedMeeting'],
    run: get((f) => `/api/meetings/${f.doneMeetingId}/minutes/content`),
  },
  {
    route: 'GET /api/meetings/:id/cases/:ref',
    allowed: READERS,
    ok: 200,
    needs: ['liveMeeting'],
    run: get((f) => `/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}`),
  },
  {
    route: 'PUT /api/meetings/:id/cases/:ref/record',
    allowed: CHAIR_ONLY,
    ok: 200,
    needs: ['liveMeeting'],
    run: (app, f, h) =>
      request(app)
        .put(`/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}/record`)
        .set(h)
        .set('If-Match', '"0"')
        .send({ summary: 'Discussed' }),
  },
  {
    route: 'POST /api/meetings/:id/cases/:ref/actions',
    allowed: CHAIR_ONLY,
    ok: 201,
    needs: ['liveMeeting'],
    run: (app, f, h) =>
      request(app).post(`/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}/actions`).set(h).send({
        description: 'Offer a place',
        successMeasure: 'Offer letter sent',
        owner: OWNER,
        ownerService: 'Admissions',
        dueDate: '2026-04-10',
      }),
  },
  ...(
    [
      ['concern', 200, { concern: 'high' }],
      ['lead', 200, { lead: { name: 'Demo Lead (synthetic)' } }],
      ['escalate', 201, { to: 'head-of-service', reason: 'R', decisionRequested: 'D' }],
      ['close', 200, { reason: 'school-place', date: '2026-03-24' }],
    ] as const
  ).map(([step, ok, body]): Row => ({
    route: `POST /api/meetings/:id/cases/:ref/${step}`,
    allowed: CHAIR_ONLY,
    ok,
    needs: ['liveMeeting'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}/${step}`)
        .set(h)
        .set('If-Match', '"1"')
        .send(body),
  })),
  {
    route: 'GET /api/meetings/:id/agenda',
    allowed: READERS,
    ok: 200,
    run: get((f) => `/api/meetings/${f.meetingId}/agenda`),
  },

  // Escalations
  { route: 'GET /api/escalations', allowed: READERS, ok: 200, run: get(() => '/api/escalations') },
  {
    route: 'POST /api/escalations/:id/response',
    allowed: CHAIR_ONLY,
    ok: 200,
    run: (app, f, h) =>
      request(app)
        .post(`/api/escalations/${f.escalationId}/response`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ response: 'Place funded' }),
  },

  // The audit trail: read by admins and senior managers (issue 7), changed by nobody.
  { route: 'GET /api/audit', allowed: AUDIT_READERS, ok: 200, run: get(() => '/api/audit') },

  // Issue 17: the oversight figures are aggregates, for every CMOE role, admins included (an admin gets
  // them without the case refs behind them: tests/api/oversight.test.ts).
  { route: 'GET /api/oversight', allowed: ANY_ROLE, ok: 200, run: get(() => '/api/oversight') },
  {
    route: 'GET /api/oversight/report',
    allowed: ANY_ROLE,
    ok: 200,
    run: get(() => '/api/oversight/report?format=xlsx&suppress=true&from=2025-04-01&to=2026-03-25'),
  },

  // Issue 9: the system owner imports the spreadsheet; whoever reads cases exports the list they see.
  {
    route: 'POST /api/import',
    allowed: ['admin'],
    ok: 200,
    run: (app, _f, h) =>
      request(app)
        .post('/api/import?dryRun=true')
        .set(h)
        .set('Content-Type', 'text/csv')
        .send('Surname,Forename,DOB,Reason,Date received\nExample,Testy,14/05/2013,Perm ex,20/03/2026\n'),
  },
  // Issue 19: the import as a job with progress (a large file), the system owner's as the import is. A
  // job is read only by whoever started it: the fixture has none, so a permitted read is 404.
  {
    route: 'POST /api/import/jobs',
    allowed: ['admin'],
    ok: 201,
    run: (app, _f, h) =>
      request(app)
        .post('/api/import/jobs?dryRun=true')
        .set(h)
        .set('Content-Type', 'text/csv')
        .send('Surname,Forename,DOB,Reason,Date received\nExample,Testy,14/05/2013,Perm ex,20/03/2026\n'),
  },
  {
    route: 'GET /api/import/jobs/:id',
    allowed: ['admin'],
    ok: 404,
    run: get(() => '/api/import/jobs/no-such-job'),
  },
  // Issue 19: the import's mapping step reads the file's columns for the admin who may import it.
  {
    route: 'POST /api/import/preview',
    allowed: ['admin'],
    ok: 200,
    run: (app, _f, h) =>
      request(app)
        .post('/api/import/preview')
        .set(h)
        .set('Content-Type', 'text/csv')
        .send('Pupil name,DOB\nExample,14/05/2013\n'),
  },
  {
    route: 'PUT /api/import/mappings/:name',
    allowed: ['admin'],
    ok: 200,
    run: (app, _f, h) =>
      request(app)
        .put('/api/import/mappings/Council%20tracker')
        .set(h)
        .send({ mapping: { columns: { 'Date referred': 'receivedOn' } } }),
  },
  { route: 'GET /api/import/mappings', allowed: ['admin'], ok: 200, run: get(() => '/api/import/mappings') },
  {
    route: 'GET /api/import/mappings/:name',
    allowed: ['admin'],
    ok: 404,
    run: get(() => '/api/import/mappings/Nothing%20saved'),
  },
  { route: 'GET /api/export', allowed: READERS, ok: 200, run: get(() => '/api/export?format=csv') },

  // Issue 18: the disposal review, holds and disposal are the admin's (refs, dates and counts only).
  {
    route: 'GET /api/retention/review',
    allowed: ['admin'],
    ok: 200,
    run: get(() => '/api/retention/review'),
  },
  {
    route: 'GET /api/retention/review/due',
    allowed: ['admin'],
    ok: 200,
    run: get(() => '/api/retention/review/due'),
  },
  {
    route: 'PUT /api/retention/cases/:ref/hold',
    allowed: ['admin'],
    ok: 200,
    needs: ['closedCase'],
    run: (app, f, h) =>
      request(app)
        .put(`/api/retention/cases/${f.closedRef}/hold`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ reason: 'Litigation hold (synthetic)' }),
  },
  {
    route: 'DELETE /api/retention/cases/:ref/hold',
    allowed: ['admin'],
    ok: 200,
    needs: ['closedCase', 'heldCase'],
    run: (app, f, h) =>
      request(app).delete(`/api/retention/cases/${f.closedRef}/hold`).set(h).set('If-Match', '"3"'),
  },
  {
    route: 'POST /api/retention/cases/:ref/dispose',
    allowed: ['admin'],
    ok: 200,
    needs: ['closedCase', 'pastRetention'],
    run: (app, f, h) =>
      request(app)
        .post(`/api/retention/cases/${f.closedRef}/dispose`)
        .set(h)
        .set('If-Match', '"2"')
        .send({ confirmRef: f.closedRef }),
  },
  // Issue 19: the last import batch and its undo are the system owner's, as the import is. The fixture
  // has no import, so a permitted undo gets past the role check to "nothing to undo" (404).
  {
    route: 'GET /api/import/batches/last',
    allowed: ['admin'],
    ok: 200,
    run: get(() => '/api/import/batches/last'),
  },
  {
    route: 'POST /api/import/batches/last/undo',
    allowed: ['admin'],
    ok: 404,
    run: (app, _f, h) => request(app).post('/api/import/batches/last/undo').set(h),
  },
];

/**
 * Authorise first, then validate (issue 14 item 7): for each route, a request that fails validation (a
 * body, query, If-Match or route parameter the route rejects). A permitted caller gets 400; anyone else
 * gets 403 and an `access.refused` entry, never the 400 that would list the schema's field names.
 */
type Send = (app: TestApp['app'], f: Fixture, h: Record<string, string>) => request.Test;
const BAD_BODY = { bogus: true };
const postBad =
  (path: (f: Fixture) => string, version?: string): Send =>
  (app, f, h) => {
    const r = request(app).post(path(f)).set(h);
    return (version ? r.set('If-Match', version) : r).send(BAD_BODY);
  };
const INVALID: Record<string, Send> = {
  'GET /api/oversight': get(() => '/api/oversight?from=not-a-date'),
  'GET /api/oversight/report': get(() => '/api/oversight/report?format=pdf'),
  'GET /api/cases': get(() => '/api/cases?bogus=1'),
  'POST /api/cases/check': postBad(() => '/api/cases/check'),
  'POST /api/cases': postBad(() => '/api/cases'),
  'GET /api/cases/:ref': get(() => '/api/cases/not-a-ref'),
  'PATCH /api/cases/:ref (record fields)': (app, f, h) =>
    request(app).patch(`/api/cases/${f.ref}`).set(h).set('If-Match', '"2"').send(BAD_BODY),
  'POST /api/cases/:ref/close': postBad((f) => `/api/cases/${f.ref}/close`, '"2"'),
  'POST /api/cases/:ref/reopen': postBad((f) => `/api/cases/${f.closedRef}/reopen`, '"2"'),
  'POST /api/cases/:ref/list-checks': postBad((f) => `/api/cases/${f.ref}/list-checks`, '"2"'),
  'GET /api/cases/:ref/updates': get(() => '/api/cases/not-a-ref/updates'),
  'POST /api/cases/:ref/updates': postBad((f) => `/api/cases/${f.ref}/updates`),
  'POST /api/cases/:ref/escalations': postBad((f) => `/api/cases/${f.ref}/escalations`, '"2"'),
  'GET /api/cases/:ref/disclosures': get(() => '/api/cases/not-a-ref/disclosures'),
  'POST /api/cases/:ref/disclosures': postBad((f) => `/api/cases/${f.ref}/disclosures`),
  'GET /api/cases/:ref/subject-access': get((f) => `/api/cases/${f.ref}/subject-access?format=pdf`),
  'GET /api/actions': get(() => '/api/actions?bogus=1'),
  'POST /api/actions': postBad(() => '/api/actions'),
  'PATCH /api/actions/:id': (app, f, h) =>
    request(app).patch(`/api/actions/${f.actionId}`).set(h).set('If-Match', '"1"').send(BAD_BODY),
  'POST /api/actions/:id/complete': postBad((f) => `/api/actions/${f.actionId}/complete`, '"1"'),
  'POST /api/actions/:id/extend': postBad((f) => `/api/actions/${f.actionId}/extend`, '"1"'),
  'POST /api/actions/:id/cancel': postBad((f) => `/api/actions/${f.actionId}/cancel`, '"1"'),
  'GET /api/meetings': get(() => '/api/meetings?bogus=1'),
  'POST /api/meetings': postBad(() => '/api/meetings'),
  'POST /api/meetings/cadence': postBad(() => '/api/meetings/cadence'),
  'PATCH /api/meetings/:id': (app, f, h) =>
    request(app).patch(`/api/meetings/${f.meetingId}`).set(h).set('If-Match', '"1"').send(BAD_BODY),
  'POST /api/meetings/:id/cancel': postBad((f) => `/api/meetings/${f.meetingId}/cancel`, 'not-an-etag'),
  'POST /api/meetings/:id/start': postBad((f) => `/api/meetings/${f.meetingId}/start`, 'not-an-etag'),
  'POST /api/meetings/:id/finish': postBad((f) => `/api/meetings/${f.liveMeetingId}/finish`, 'not-an-etag'),
  'POST /api/meetings/:id/publish': postBad((f) => `/api/meetings/${f.doneMeetingId}/publish`, 'not-an-etag'),
  'GET /api/meetings/:id/cases/:ref': get((f) => `/api/meetings/${f.liveMeetingId}/cases/not-a-ref`),
  'PUT /api/meetings/:id/cases/:ref/record': (app, f, h) =>
    request(app)
      .put(`/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}/record`)
      .set(h)
      .set('If-Match', '"0"')
      .send(BAD_BODY),
  'POST /api/meetings/:id/cases/:ref/actions': postBad(
    (f) => `/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}/actions`,
  ),
  ...Object.fromEntries(
    (['concern', 'lead', 'escalate', 'close'] as const).map((step) => [
      `POST /api/meetings/:id/cases/:ref/${step}`,
      postBad((f) => `/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}/${step}`, '"1"'),
    ]),
  ),
  'GET /api/escalations': get(() => '/api/escalations?bogus=1'),
  'POST /api/escalations/:id/response': postBad((f) => `/api/escalations/${f.escalationId}/response`, '"1"'),
  'GET /api/audit': get(() => '/api/audit?bogus=1'),
  'POST /api/import': (app, _f, h) =>
    request(app).post('/api/import?bogus=1').set(h).set('Content-Type', 'text/csv').send('a,b\n'),
  'POST /api/import/jobs': (app, _f, h) =>
    request(app).post('/api/import/jobs?bogus=1').set(h).set('Content-Type', 'text/csv').send('a,b\n'),
  'GET /api/export': get(() => '/api/export?format=pdf'),
  'PUT /api/retention/cases/:ref/hold': (app, f, h) =>
    request(app).put(`/api/retention/cases/${f.closedRef}/hold`).set(h).set('If-Match', '"2"').send(BAD_BODY),
  'DELETE /api/retention/cases/:ref/hold': (app, f, h) =>
    request(app).delete(`/api/retention/cases/${f.closedRef}/hold`).set(h).set('If-Match', 'not-an-etag'),
  'POST /api/retention/cases/:ref/dispose': postBad(
    (f) => `/api/retention/cases/${f.closedRef}/dispose`,
    '"2"',
  ),
  'PUT /api/import/mappings/:name': (app, _f, h) =>
    request(app)
      .put('/api/import/mappings/Council')
      .set(h)
      .send({ mapping: { columns: { A: 'nope' } } }),
  'GET /api/import/mappings/:name': get(() => `/api/import/mappings/${'x'.repeat(81)}`),
  'POST /api/import/preview': (app, _f, h) =>
    request(app).post('/api/import/preview').set(h).set('Content-Type', 'application/json').send('{}'),
};
/** Routes with nothing a caller sends that could fail validation (no body, query or checked parameter). */
const NOTHING_TO_VALIDATE = new Set([
  'GET /healthz',
  'GET /api/import/batches/last',
  'POST /api/import/batches/last/undo',
  'GET /api/import/jobs/:id',
  'GET /api/dev/users',
  'GET /api/me',
  'GET /api/import/mappings',
  'PATCH /api/cases/:ref (concern)',
  'PATCH /api/cases/:ref (stuck flag)',
  'PATCH /api/cases/:ref (status)',
  'GET /api/actions/:id',
  'GET /api/meetings/next',
  'GET /api/meetings/:id',
  'GET /api/meetings/:id/minutes',
  'GET /api/meetings/:id/minutes/content',
  'GET /api/meetings/:id/agenda',
  'GET /api/retention/review',
  'GET /api/retention/review/due',
  'GET /api/disclosures',
]);

/**
 * Which calls are views of a child (issue 14 item 3, docs/architecture.md "Audit of views"): the audit
 * entries a permitted call writes with a viewing action, as [action, target, fields]. A route not listed
 * here must write none: its response holds no child's record (refs, counts, meeting details) or it is
 * a change, audited as such.
 */
type ViewEntry = [action: string, target: string, fields: string[]];
const VIEW_ACTIONS = new Set(['case.view', 'case.list', 'minutes.view', 'export']);
const VIEWS: Record<string, (f: Fixture) => ViewEntry[]> = {
  'GET /api/cases': () => [['case.list', 'cases', []]],
  'GET /api/cases/:ref': (f) => [['case.view', f.ref, []]],
  'GET /api/cases/:ref/updates': (f) => [['case.view', f.ref, ['updates']]],
  'GET /api/cases/:ref/disclosures': (f) => [['case.view', f.ref, ['disclosures']]],
  'GET /api/disclosures': () => [['case.list', 'disclosures', []]],
  'GET /api/actions': () => [['case.list', 'actions', []]],
  'GET /api/actions/:id': (f) => [['case.view', f.ref, ['actions']]],
  'GET /api/meetings/:id/minutes': (f) => [['minutes.view', f.doneMeetingId, []]],
  'GET /api/meetings/:id/minutes/content': (f) => [['minutes.view', f.doneMeetingId, []]],
  'GET /api/meetings/:id/cases/:ref': (f) => [['case.view', f.liveRef, []]],
  'GET /api/escalations': () => [['case.list', 'escalations', []]],
  'GET /api/export': () => [['export', 'cases', ['format=csv', 'count=1']]],
  // The report is audited like an export (aggregates only: the target is the report, not a child).
  'GET /api/oversight/report': () => [
    ['export', 'oversight', ['format=xlsx', 'from=2025-04-01', 'to=2026-03-25', 'suppress=true']],
  ],
};

/** The viewing entries `userId` has in the audit log, oldest first. */
async function viewsBy(t: TestApp, userId: string): Promise<ViewEntry[]> {
  return (await t.store.audit.query({ userId }))
    .filter((e) => VIEW_ACTIONS.has(e.action))
    .reverse()
    .map((e) => [e.action, e.target, e.fields]);
}

async function fixture(needs: readonly Need[] = []): Promise<{ t: TestApp; f: Fixture }> {
  const t = makeTestApp();
  const ok = async (r: request.Test, status: number) => {
    const res = await r;
    if (res.status !== status) throw new Error(`fixture step got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const refer = async () =>
    (await ok(request(t.app).post('/api/cases').set(MEMBER).send(referral()), 201)).case.ref;
  const schedule = async (startsAt: string) =>
    (await ok(request(t.app).post('/api/meetings').set(CHAIR).send({ startsAt }), 201)).id as string;
  const step = (id: string, what: string, version: number) =>
    ok(request(t.app).post(`/api/meetings/${id}/${what}`).set(CHAIR).set('If-Match', `"${version}"`), 200);

  const ref = await refer();
  const actionId = (
    await ok(
      request(t.app).post('/api/actions').set(MEMBER).send({
        caseRef: ref,
        description: 'Visit',
        successMeasure: 'Recorded',
        owner: OWNER,
        ownerService: 'EWS',
        dueDate: '2026-03-27',
      }),
      201,
    )
  ).id as string;
  const escalationId = (
    await ok(
      request(t.app)
        .post(`/api/cases/${ref}/escalations`)
        .set(CHAIR)
        .set('If-Match', '"1"')
        .send({ to: 'head-of-service', reason: 'R', decisionRequested: 'D' }),
      201,
    )
  ).escalation.id as string;
  const meetingId = await schedule('2026-04-07T09:00:00Z');
  const f: Fixture = {
    ref,
    actionId,
    escalationId,
    meetingId,
    closedRef: '',
    liveMeetingId: '',
    liveRef: '',
    doneMeetingId: '',
  };
  if (needs.includes('closedCase')) {
    f.closedRef = await refer();
    await ok(
      request(t.app)
        .post(`/api/cases/${f.closedRef}/close`)
        .set(CHAIR)
        .set('If-Match', '"1"')
        .send({ reason: 'moved-out', date: '2026-03-24' }),
      200,
    );
  }
  if (needs.includes('heldCase')) {
    await ok(
      request(t.app)
        .put(`/api/retention/cases/${f.closedRef}/hold`)
        .set(ADMIN)
        .set('If-Match', '"2"')
        .send({ reason: 'Litigation hold (synthetic)' }),
      200,
    );
  }
  // The closed case's retention over (the default rule: until the child is 25, born 2013): the same
  // store, 25 years on.
  if (needs.includes('pastRetention')) t.clock.now = new Date('2051-03-25T10:00:00.000Z');
  if (needs.includes('liveMeeting')) {
    f.liveRef = await refer();
    f.liveMeetingId = await schedule('2026-04-21T09:00:00Z');
    await step(f.liveMeetingId, 'start', 1);
  }
  if (needs.includes('completedMeeting')) {
    f.doneMeetingId = await schedule('2026-05-05T09:00:00Z');
    await step(f.doneMeetingId, 'start', 1);
    await step(f.doneMeetingId, 'finish', 2);
  }
  return { t, f };
}

const key = (r: Row) => r.route;
const label = (r: Row) => (r.variant ? `${r.route} (${r.variant})` : r.route);

function expectedStatus(row: Row, who: Who): number {
  if (row.public) return row.ok;
  if (who === 'anonymous') return 401;
  return row.allowed.includes(who) ? row.ok : 403;
}

/** Everything a store holds, except the audit log (refusals are audited on purpose). */
async function snapshot(t: TestApp) {
  const s = t.store;
  return JSON.stringify([
    await s.cases.list({ status: ['referred', 'open', 'escalated', 'monitoring', 'closed'] }),
    await s.actions.list({}),
    await s.meetings.list({}),
    await s.escalations.list({}),
    await s.disclosures.listAll(),
  ]);
}

describe('the authorisation matrix', () => {
  test('every route the app registers has a row, and every row is a registered route', () => {
    const registered = registeredRoutes(makeTestApp().app);
    const rows = new Set(ROWS.map(key));
    expect(registered.filter((r) => !rows.has(r))).toEqual([]);
    expect([...rows].filter((r) => !registered.includes(r))).toEqual([]);
  });

  test("every route of the contract's table has a row here, and every row (but /healthz) is in the table", () => {
    const table = Object.values(ROUTES).map((r) => `${r.method} ${r.path}`);
    const rows = new Set(ROWS.map(key));
    expect(table.filter((r) => !rows.has(r))).toEqual([]);
    expect([...rows].filter((r) => r !== 'GET /healthz' && !table.includes(r))).toEqual([]);
  });

  test("each route's permissions in the contract admit exactly the roles SPEC gives it here", () => {
    /** Who the contract's row lets through, from the caller's roles' grants (and ownership of an action). */
    const admitted = (route: Route, who: Who): boolean => {
      const id = HEADERS[who].Authorization?.replace('Bearer dev:', '') ?? '';
      const grants = new Set((findDevUser(id)?.roles ?? []).flatMap((r) => ROLE_PERMISSIONS[r]));
      if (grants.size === 0) return false;
      if (route.ownerOf === 'action')
        return grants.has('action.updateAny') || (grants.has('action.updateOwn') && who === 'member');
      return route.permissions.every((p) => grants.has(p));
    };
    const mismatched: string[] = [];
    for (const route of Object.values(ROUTES) as Route[]) {
      if (route.public) continue;
      const rows = ROWS.filter((r) => key(r) === `${route.method} ${route.path}`);
      // Variants (which field a PATCH changes) narrow further in the operation: the route admits any.
      const spec = new Set(rows.flatMap((r) => r.allowed));
      const byContract = EVERYONE.filter((who) => admitted(route, who));
      if (byContract.join() !== EVERYONE.filter((w) => spec.has(w)).join())
        mismatched.push(
          `${route.method} ${route.path}: contract ${byContract.join()}, SPEC ${[...spec].join()}`,
        );
    }
    expect(mismatched).toEqual([]);
  });

  test.each(ROWS.map((r) => [label(r), r] as const))('%s', async (_label, row) => {
    const actual: Partial<Record<Who, number>> = {};
    const expected: Partial<Record<Who, number>> = {};
    const views: Partial<Record<Who, ViewEntry[]>> = {};
    const expectedViews: Partial<Record<Who, ViewEntry[]>> = {};
    // Refused callers share one store, which they must leave as it was.
    const refusedStore = await fixture(row.needs);
    const before = await snapshot(refusedStore.t);
    for (const who of EVERYONE) {
      expected[who] = expectedStatus(row, who);
      const permitted = expected[who]! < 300;
      const { t, f } = permitted ? await fixture(row.needs) : refusedStore;
      actual[who] = (await row.run(t.app, f, HEADERS[who])).status;
      // A permitted call on its own fresh store: the views it wrote are exactly the route's.
      if (permitted && !row.public) {
        const userId = HEADERS[who].Authorization!.replace('Bearer dev:', '');
        views[who] = await viewsBy(t, userId);
        expectedViews[who] = VIEWS[label(row)]?.(f) ?? [];
      }
    }
    expect(actual).toEqual(expected);
    expect(views).toEqual(expectedViews);
    expect(await snapshot(refusedStore.t)).toBe(before);
  });

  test('every route either has an invalid request in the matrix or has nothing to validate', () => {
    const labels = ROWS.map(label);
    expect(labels.filter((l) => !(l in INVALID) && !NOTHING_TO_VALIDATE.has(l))).toEqual([]);
    expect(Object.keys(INVALID).filter((l) => !labels.includes(l))).toEqual([]);
  });

  test.each(ROWS.filter((r) => label(r) in INVALID).map((r) => [label(r), r] as const))(
    'authorised before validated: %s with an invalid request',
    async (name, row) => {
      const send = INVALID[name]!;
      const { t, f } = await fixture(row.needs);
      const before = await snapshot(t);
      const actual: Partial<Record<Who, number>> = {};
      const expected: Partial<Record<Who, number>> = {};
      const refusedAudited: Partial<Record<Who, boolean>> = {};
      for (const who of EVERYONE) {
        const refusalsBefore = (await t.store.audit.query({ action: 'access.refused' })).length;
        const res = await send(t.app, f, HEADERS[who]);
        actual[who] = res.status;
        expected[who] = who === 'anonymous' ? 401 : row.allowed.includes(who) ? 400 : 403;
        if (res.status === 403) {
          const refusals = await t.store.audit.query({ action: 'access.refused' });
          refusedAudited[who] = refusals.length === refusalsBefore + 1;
          // A 403 says nothing about the body: no field issues.
          expect(res.body.issues).toBeUndefined();
        }
      }
      expect(actual).toEqual(expected);
      expect(Object.values(refusedAudited).every(Boolean)).toBe(true);
      expect(await snapshot(t)).toBe(before);
    },
  );

  test("one child's actions or escalations are a view of that case; a filtered list is one entry naming its filters, never their values", async () => {
    const { t, f } = await fixture();
    await request(t.app).get(`/api/actions?caseRef=${f.ref}`).set(SENIOR).expect(200);
    await request(t.app).get(`/api/escalations?caseRef=${f.ref}&awaiting=true`).set(SENIOR).expect(200);
    await request(t.app).get('/api/cases?q=Testy&status=referred,open&stuck=false').set(SENIOR).expect(200);
    await request(t.app).get('/api/actions?mine=true&status=open').set(SENIOR).expect(200);
    await request(t.app).get('/api/escalations?awaiting=false').set(SENIOR).expect(200);
    expect(await viewsBy(t, 'dev-senior')).toEqual([
      ['case.view', f.ref, ['actions']],
      ['case.view', f.ref, ['escalations']],
      ['case.list', 'cases', ['q', 'status', 'stuck']],
      ['case.list', 'actions', ['mine', 'status']],
      ['case.list', 'escalations', ['awaiting']],
    ]);
    // One entry per request, however many children the list held.
    await request(t.app).post('/api/cases').set(MEMBER).send(referral()).expect(201);
    await request(t.app).get('/api/cases').set(SENIOR).expect(200);
    expect((await viewsBy(t, 'dev-senior')).filter(([a]) => a === 'case.list')).toHaveLength(4);
    expect(JSON.stringify(await t.store.audit.query({}))).not.toContain('Testy');
  });

  test('a meeting that recorded its discussion of a case is a view of the cases it recorded; one without records is not', async () => {
    const { t, f } = await fixture(['liveMeeting']);
    await request(t.app).get(`/api/meetings/${f.liveMeetingId}`).set(SENIOR).expect(200);
    await request(t.app).get('/api/meetings').set(SENIOR).expect(200);
    expect(await viewsBy(t, 'dev-senior')).toEqual([]);
    await request(t.app)
      .put(`/api/meetings/${f.liveMeetingId}/cases/${f.liveRef}/record`)
      .set(CHAIR)
      .set('If-Match', '"0"')
      .send({ summary: 'Discussed' })
      .expect(200);
    await request(t.app).get(`/api/meetings/${f.liveMeetingId}`).set(SENIOR).expect(200);
    await request(t.app).get('/api/meetings?from=2026-01-01T00:00:00.000Z').set(SENIOR).expect(200);
    expect(await viewsBy(t, 'dev-senior')).toEqual([
      ['case.list', f.liveMeetingId, ['records']],
      ['case.list', 'meetings', ['from']],
    ]);
  });

  test('every refusal of a signed-in user is audited with who and what, nothing more', async () => {
    const { t, f } = await fixture();
    await request(t.app)
      .post(`/api/cases/${f.ref}/close`)
      .set(MEMBER)
      .set('If-Match', '"2"')
      .send({ reason: 'moved-out', date: '2026-03-24' });
    await request(t.app).get('/api/cases').set(NO_ROLE);
    await request(t.app).get('/api/audit').set(CHAIR);
    const refused = await t.store.audit.query({ action: 'access.refused' });
    expect(refused.map((e) => [e.userId, e.target])).toEqual([
      ['dev-chair', 'audit'],
      ['dev-norole', '/api/cases'],
      ['dev-member-ewo', f.ref],
    ]);
    for (const e of refused) expect(e).toMatchObject({ fields: [], fromVersion: null, toVersion: null });
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

  test('nobody can change or delete the audit log through the API', async () => {
    const { t } = await fixture();
    for (const h of [ADMIN, SENIOR, CHAIR]) {
      expect((await request(t.app).delete('/api/audit').set(h)).status).toBe(404);
      expect((await request(t.app).post('/api/audit').set(h).send({})).status).toBe(404);
      expect((await request(t.app).patch('/api/audit').set(h).send({})).status).toBe(404);
    }
  });
});
