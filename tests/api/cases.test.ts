import request from 'supertest';
import { CHAIR, MEMBER, NO_ROLE, OWNER, SENIOR, TEST_NOW, makeTestApp, referral } from '../helpers/api';

describe('cases API', () => {
  test('refers a child to the next meeting after receipt, with a computed year group and an ETag', async () => {
    const { app } = makeTestApp();
    const res = await request(app)
      .post('/api/cases')
      .set(MEMBER)
      .send(referral({ receivedOn: '2026-03-20' }));
    expect(res.status).toBe(201);
    expect(res.body.case.ref).toBe('CMOE-0001');
    // Meetings fall on 2026-03-09 and then Easter Monday 2026-04-06, which moves to Tuesday 04-07.
    expect(res.body.case.referralDate).toBe('2026-04-07');
    expect(res.body.case.yearGroup).toBe('8');
    expect(res.body.case.status).toBe('referred');
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe('/api/cases/CMOE-0001');
  });

  test('referral date lands on the next meeting after receipt across a bank holiday', async () => {
    // Checked on the day it is received (a receipt date more than a day ahead is refused).
    const { app } = makeTestApp({ now: new Date('2026-04-02T10:00:00.000Z') });
    // Received on Maundy Thursday: Good Friday and Easter Monday are bank holidays, the meeting moves to Tuesday.
    const res = await request(app)
      .post('/api/cases/check')
      .set(MEMBER)
      .send(referral({ receivedOn: '2026-04-02' }));
    expect(res.status).toBe(200);
    expect(res.body.referralDate).toBe('2026-04-07');
    const onMeetingDay = await request(app)
      .post('/api/cases/check')
      .set(MEMBER)
      .send(referral({ receivedOn: '2026-03-09' }));
    expect(onMeetingDay.body.referralDate).toBe('2026-03-09');
  });

  test('accepts a referral outside the definition with visible warnings instead of dropping it', async () => {
    const { app } = makeTestApp();
    const res = await request(app)
      .post('/api/cases')
      .set(MEMBER)
      .send(referral({ outOfEducationSince: '2026-03-16', dateOfBirth: '2008-01-01' }));
    expect(res.status).toBe(201);
    const codes = res.body.check.warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['outside-compulsory-age', 'out-less-than-threshold']));
    expect(res.body.check.eligible).toBe(false);
    const detail = await request(app).get(`/api/cases/${res.body.case.ref}`).set(MEMBER);
    expect(detail.body.insights.warnings.map((w: { code: string }) => w.code)).toContain(
      'outside-compulsory-age',
    );
  });

  test('a conflict on a stale version loses nothing and returns the current record', async () => {
    const { app, store } = makeTestApp();
    const ref = (await request(app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref;
    const first = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ lastSchool: 'Example School A (synthetic)' });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"2"');

    const stale = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ lastSchool: 'Example School B (synthetic)' });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body.code).toBe('Conflict');
    expect(stale.body.current.lastSchool).toBe('Example School A (synthetic)');
    expect(stale.body.current.version).toBe(2);
    expect(stale.headers.etag).toBe('"2"');
    const stored = await store.cases.get(ref);
    expect(stored?.lastSchool).toBe('Example School A (synthetic)');
    expect(stored?.version).toBe(2);

    // The user re-applies their edit on the current version: it goes through.
    const retry = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(CHAIR)
      .set('If-Match', stale.headers.etag!)
      .send({ lastSchool: 'Example School B (synthetic)' });
    expect(retry.status).toBe(200);
    expect(retry.body.lastSchool).toBe('Example School B (synthetic)');
  });

  test('a write without If-Match is refused with 428 and one with a foreign ETag with 400', async () => {
    const { app } = makeTestApp();
    const ref = (await request(app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref;
    const none = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(MEMBER)
      .send({ lastSchool: 'X (synthetic)' });
    expect(none.status).toBe(428);
    const bad = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(MEMBER)
      .set('If-Match', 'abc')
      .send({ lastSchool: 'X (synthetic)' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('If-Match');
  });

  test('only the chair changes concern, status and the stuck flag; a member edits the record', async () => {
    const { app } = makeTestApp();
    const ref = (await request(app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref;
    const memberConcern = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ concern: 'high' });
    expect(memberConcern.status).toBe(403);
    const chairConcern = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ concern: 'high', status: 'open', stuckFlag: true });
    expect(chairConcern.status).toBe(200);
    expect(chairConcern.body.concern).toBe('high');
    expect(chairConcern.body.stuckFlag).toBe(true);
    expect(chairConcern.body.lastProgressAt).toBe(TEST_NOW.toISOString());
  });

  test('changing the receipt date recomputes the referral date', async () => {
    const { app } = makeTestApp();
    const ref = (
      await request(app)
        .post('/api/cases')
        .set(MEMBER)
        .send(referral({ receivedOn: '2026-03-01' }))
    ).body.case.ref;
    const res = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ receivedOn: '2026-03-20' });
    expect(res.body.referralDate).toBe('2026-04-07');
  });

  test('the chair closes and reopens a case; the reason goes on the timeline', async () => {
    const { app } = makeTestApp();
    const ref = (await request(app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref;
    const closed = await request(app)
      .post(`/api/cases/${ref}/close`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ reason: 'school-place', date: '2026-03-24' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closure).toEqual({ reason: 'school-place', date: '2026-03-24', note: null });
    const edit = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(MEMBER)
      .set('If-Match', '"2"')
      .send({ lastSchool: 'Y (synthetic)' });
    expect(edit.status).toBe(400);
    const reopened = await request(app)
      .post(`/api/cases/${ref}/reopen`)
      .set(CHAIR)
      .set('If-Match', '"2"')
      .send({ reason: 'Place fell through' });
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.closure).toBeNull();
    const updates = await request(app).get(`/api/cases/${ref}/updates`).set(MEMBER);
    expect(updates.body.map((u: { text: string }) => u.text)).toContain('Reopened: Place fell through');
  });

  test('lists cases with filters for status, concern, category, lead, stuck, overdue, mine and text', async () => {
    const { app } = makeTestApp();
    const a = (
      await request(app)
        .post('/api/cases')
        .set(MEMBER)
        .send(referral({ firstName: 'Alpha', categories: ['cme'] }))
    ).body.case.ref;
    const b = (
      await request(app)
        .post('/api/cases')
        .set(MEMBER)
        .send(
          referral({
            firstName: 'Bravo',
            lead: {
              id: 'dev-member-send',
              name: 'Demo Member (Cal Fictional)',
              email: 'cal.fictional@example.org',
            },
          }),
        )
    ).body.case.ref;
    await request(app)
      .patch(`/api/cases/${b}`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ concern: 'high', stuckFlag: true });
    await request(app).post('/api/actions').set(MEMBER).send({
      caseRef: a,
      description: 'Visit home',
      successMeasure: 'Visit recorded',
      owner: OWNER,
      ownerService: 'EWS',
      dueDate: '2026-03-27',
    });

    const refs = async (qs: string, who = MEMBER) =>
      (await request(app).get(`/api/cases${qs}`).set(who)).body.map((c: { ref: string }) => c.ref);
    expect(await refs('')).toEqual([a, b]);
    expect(await refs('?concern=high')).toEqual([b]);
    expect(await refs('?category=cme')).toEqual([a]);
    expect(await refs('?lead=CAL.fictional@example.org')).toEqual([b]);
    expect(await refs('?stuck=true')).toEqual([b]);
    expect(await refs('?q=alph')).toEqual([a]);
    expect(await refs(`?q=${b.toLowerCase()}`)).toEqual([b]);
    // Every word, in any order: the same search the tab runs over the list it holds.
    expect(await refs(`?q=${encodeURIComponent(`alph ${a.slice(5)}`)}`)).toEqual([a]);
    expect(await refs('?mine=true')).toEqual([a]);
    expect(await refs('?mine=true', { Authorization: 'Bearer dev:dev-member-send' })).toEqual([b]);
    expect(await refs('?status=referred,closed')).toEqual([a, b]);
    expect(await refs('?status=closed')).toEqual([]);
    const row = (await request(app).get('/api/cases').set(MEMBER)).body[0];
    expect(row.nextActionDue).toBe('2026-03-27');
    expect(row.flags.overdue).toBe(false);
    expect(row.weeksOut).toBe(11);
  });

  test('every view of a record is audited without its content', async () => {
    const { app, store } = makeTestApp();
    const ref = (await request(app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref;
    await request(app).get(`/api/cases/${ref}`).set(SENIOR);
    const entries = await store.audit.query({ target: ref });
    expect(entries.map((e) => [e.action, e.userId])).toEqual([
      ['case.view', 'dev-senior'],
      ['case.create', 'dev-member-ewo'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Testy|Specimen|2013-05-14/);
  });

  test('a user without a CMOE role gets nothing, and the refusal is audited', async () => {
    const { app, store } = makeTestApp();
    await request(app).post('/api/cases').set(MEMBER).send(referral());
    const res = await request(app).get('/api/cases').set(NO_ROLE);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/Testy|CMOE-0001/);
    const refused = await store.audit.query({ action: 'access.refused' });
    expect(refused[0]?.userId).toBe('dev-norole');
  });

  test('an unknown case is a 404 problem and a malformed ref a 400', async () => {
    const { app } = makeTestApp();
    const missing = await request(app).get('/api/cases/CMOE-9999').set(MEMBER);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NotFound');
    const bad = await request(app).get('/api/cases/42').set(MEMBER);
    expect(bad.status).toBe(400);
  });

  test('request logs carry routes and user ids, never names, dates of birth or searched text', async () => {
    const { app, logs } = makeTestApp();
    const ref = (await request(app).post('/api/cases').set(MEMBER).send(referral())).body.case.ref;
    await request(app).get(`/api/cases?q=Specimen`).set(MEMBER);
    await request(app).get(`/api/cases/${ref}`).set(MEMBER);
    await request(app).post('/api/cases').set(MEMBER).send('{"firstName": "Testy", bad json');
    expect(logs.length).toBeGreaterThanOrEqual(4);
    expect(logs.join('\n')).toContain('/api/cases/:ref');
    expect(logs.join('\n')).not.toMatch(/Testy|Specimen|2013-05-14|Demo Academy/);
  });
});
