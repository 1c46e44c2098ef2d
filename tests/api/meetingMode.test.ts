import request from 'supertest';
import { docxParagraphs } from '../helpers/docxText';
import { CHAIR, MEMBER, OWNER, SENIOR, makeTestApp, referral } from '../helpers/api';

type App = ReturnType<typeof makeTestApp>['app'];

async function refer(app: App, firstName: string): Promise<string> {
  const res = await request(app).post('/api/cases').set(MEMBER).send(referral({ firstName }));
  expect(res.status).toBe(201);
  return res.body.case.ref;
}

/** Reads a docx response body (supertest buffers binary bodies when asked to). */
function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('the meeting to open now (GET /api/meetings/next)', () => {
  async function oneOff(app: App, startsAt: string): Promise<string> {
    const res = await request(app).post('/api/meetings').set(CHAIR).send({ startsAt });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const act = (app: App, id: string, step: string, version: number) =>
    request(app).post(`/api/meetings/${id}/${step}`).set(CHAIR).set('If-Match', `"${version}"`);

  test('a meeting in progress, even one begun on an earlier day; then the next still to be held', async () => {
    const { app, clock } = makeTestApp({ now: new Date('2026-03-24T12:00:00.000Z') });
    const yesterday = await oneOff(app, '2026-03-24T09:00:00.000Z');
    expect((await act(app, yesterday, 'start', 1)).status).toBe(200);
    clock.now = new Date('2026-03-25T12:00:00.000Z');
    const running = await request(app).get('/api/meetings/next').set(MEMBER);
    expect(running.body).toEqual({
      date: '2026-03-24',
      startsAt: '2026-03-24T09:00:00.000Z',
      meetingId: yesterday,
    });
    expect((await act(app, yesterday, 'finish', 2)).status).toBe(200);
    // Finished: the cadence's next meeting (Mondays every 4 weeks; Easter Monday moves to Tuesday).
    const after = await request(app).get('/api/meetings/next').set(MEMBER);
    expect(after.body).toMatchObject({ date: '2026-04-07', meetingId: null });
  });

  test('a meeting completed earlier today is not the next one', async () => {
    const { app } = makeTestApp({ now: new Date('2026-03-25T15:00:00.000Z') });
    const today = await oneOff(app, '2026-03-25T09:00:00.000Z');
    const later = await oneOff(app, '2026-04-01T09:00:00.000Z');
    expect((await request(app).get('/api/meetings/next').set(MEMBER)).body.meetingId).toBe(today);
    expect((await act(app, today, 'start', 1)).status).toBe(200);
    expect((await act(app, today, 'finish', 2)).status).toBe(200);
    expect((await request(app).get('/api/meetings/next').set(MEMBER)).body.meetingId).toBe(later);
  });
});

describe('running a meeting', () => {
  test('the cadence schedules the next meetings once, moving one off a bank holiday', async () => {
    const { app } = makeTestApp();
    const first = await request(app).post('/api/meetings/cadence').set(CHAIR).send({ count: 3 });
    expect(first.status).toBe(201);
    // Mondays every 4 weeks: Easter Monday 04-06 and the early May bank holiday 05-04 move to Tuesday.
    expect(first.body.map((m: { startsAt: string }) => m.startsAt)).toEqual([
      '2026-04-07T09:00:00.000Z',
      '2026-05-05T09:00:00.000Z',
      '2026-06-01T09:00:00.000Z',
    ]);
    const again = await request(app).post('/api/meetings/cadence').set(CHAIR).send({ count: 3 });
    expect(again.body).toEqual([]);
    expect((await request(app).post('/api/meetings/cadence').set(MEMBER).send({ count: 3 })).status).toBe(
      403,
    );
  });

  test('a whole meeting: start, record, act, finish with minutes, publish; members follow read-only', async () => {
    const { app, store } = makeTestApp();
    const [a, b, c, d] = [
      await refer(app, 'Alphatest'),
      await refer(app, 'Bravotest'),
      await refer(app, 'Charlietest'),
      await refer(app, 'Deltatest'),
    ];
    expect(
      (
        await request(app)
          .patch(`/api/cases/${a}`)
          .set(CHAIR)
          .set('If-Match', '"1"')
          .send({ concern: 'high' })
      ).status,
    ).toBe(200);
    const meeting = (await request(app).post('/api/meetings/cadence').set(CHAIR).send({ count: 1 })).body[0];
    const id: string = meeting.id;

    const details = await request(app)
      .patch(`/api/meetings/${id}`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({
        attendees: [{ name: 'Demo Member (Bea Placeholder)', service: 'Education Welfare' }],
        apologies: [{ name: 'Demo Member (Cal Fictional)', service: 'SEND' }],
      });
    expect(details.status).toBe(200);

    // Starting freezes the agenda: a referral made afterwards does not reshuffle it.
    const started = await request(app)
      .post(`/api/meetings/${id}/start`)
      .set(CHAIR)
      .set('If-Match', details.headers.etag!);
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in-progress');
    const frozen = started.body.agenda.map((i: { caseRef: string }) => i.caseRef);
    expect(frozen[0]).toBe(a); // the highest-concern new referral comes first
    expect(frozen).toEqual(expect.arrayContaining([a, b, c, d]));
    await refer(app, 'Echotest');
    const agenda = await request(app).get(`/api/meetings/${id}/agenda`).set(MEMBER);
    expect(agenda.body.frozen).toBe(true);
    expect(agenda.body.items.map((i: { caseRef: string }) => i.caseRef)).toEqual(frozen);

    // The chair's view of a case in the meeting.
    const view = await request(app).get(`/api/meetings/${id}/cases/${a}`).set(CHAIR);
    expect(view.status).toBe(200);
    expect(view.body.agendaItem.section).toBe('new-referral');
    expect(view.body.record).toBeNull();

    // Members cannot record; the chair saves as they go, each case with its own version.
    expect(
      (
        await request(app)
          .put(`/api/meetings/${id}/cases/${a}/record`)
          .set(MEMBER)
          .set('If-Match', '"0"')
          .send({ summary: 'x' })
      ).status,
    ).toBe(403);
    const saved = await request(app)
      .put(`/api/meetings/${id}/cases/${a}/record`)
      .set(CHAIR)
      .set('If-Match', '"0"')
      .send({ summary: 'School place discussed', decisions: 'Admissions to offer a place at Demo Academy' });
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    // A second device that opened case A before that save is told, and gets what is stored.
    const stale = await request(app)
      .put(`/api/meetings/${id}/cases/${a}/record`)
      .set(CHAIR)
      .set('If-Match', '"0"')
      .send({ summary: 'Other text' });
    expect(stale.status).toBe(412);
    expect(stale.body.current.summary).toBe('School place discussed');
    // ... while saving a different case from it goes through although the meeting changed meanwhile.
    expect(
      (
        await request(app)
          .put(`/api/meetings/${id}/cases/${b}/record`)
          .set(CHAIR)
          .set('If-Match', '"0"')
          .send({ summary: 'Reviewed' })
      ).status,
    ).toBe(200);

    // A SMART action set by the meeting: refused until it is SMART, then linked to the record.
    const notSmart = await request(app)
      .post(`/api/meetings/${id}/cases/${a}/actions`)
      .set(CHAIR)
      .send({ description: 'Offer a school place', owner: OWNER, dueDate: '2026-04-10' });
    expect(notSmart.status).toBe(400);
    expect(notSmart.body.issues.map((i: { path: string }) => i.path)).toEqual(['successMeasure']);
    const action = await request(app).post(`/api/meetings/${id}/cases/${a}/actions`).set(CHAIR).send({
      description: 'Offer a school place',
      successMeasure: 'Offer letter sent to the family',
      owner: OWNER,
      ownerService: 'Admissions',
      dueDate: '2026-04-10',
    });
    expect(action.status).toBe(201);
    expect(action.body.meetingId).toBe(id);

    // Concern, escalation and closure made in the meeting are minuted.
    const concern = await request(app)
      .post(`/api/meetings/${id}/cases/${b}/concern`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ concern: 'high' });
    expect(concern.status).toBe(200);
    expect(concern.body.record.concernChange).toEqual({ from: 'medium', to: 'high' });
    const escalated = await request(app)
      .post(`/api/meetings/${id}/cases/${c}/escalate`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({
        to: 'head-of-service',
        reason: 'No provision after 12 weeks',
        decisionRequested: 'Fund an alternative provision place',
      });
    expect(escalated.status).toBe(201);
    expect(escalated.body.escalation.meetingId).toBe(id);
    const closed = await request(app)
      .post(`/api/meetings/${id}/cases/${d}/close`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ reason: 'school-place', date: '2026-03-24' });
    expect(closed.status).toBe(200);

    // A reload (or another device) sees everything recorded so far; a member watching sees it too.
    const reloaded = await request(app).get(`/api/meetings/${id}`).set(MEMBER);
    const records = Object.fromEntries(reloaded.body.records.map((r: { caseRef: string }) => [r.caseRef, r]));
    expect(records[a]).toMatchObject({
      decisions: 'Admissions to offer a place at Demo Academy',
      actionIds: [action.body.id],
    });
    expect(records[c].escalationId).toBe(escalated.body.escalation.id);
    expect(records[d].closure).toMatchObject({ reason: 'school-place' });

    const finished = await request(app)
      .post(`/api/meetings/${id}/finish`)
      .set(CHAIR)
      .set('If-Match', reloaded.headers.etag!);
    expect(finished.status).toBe(200);
    expect(finished.body.status).toBe('completed');

    const doc = await request(app).get(`/api/meetings/${id}/minutes`).set(SENIOR).buffer(true).parse(binary);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toMatch(/wordprocessingml/);
    expect(doc.headers['content-disposition']).not.toMatch(/Alphatest/);
    const lines = docxParagraphs(doc.body as Buffer);
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('Children of highest concern')).toBeGreaterThan(-1);
    expect(at(`${a} — Alphatest`)).toBeGreaterThan(at('Children of highest concern'));
    expect(at(`${b} — Bravotest`)).toBeGreaterThan(at('Children of highest concern'));
    expect(at(`${c} — Charlietest`)).toBeGreaterThan(at('Other children discussed'));
    expect(at('Offer a school place')).toBeGreaterThan(-1);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Offer letter sent to the family',
        'Demo Member (Bea Placeholder) (Admissions)',
        'Friday 10 April 2026',
      ]),
    );
    // Dates in words as a UK reader expects them, never ISO, in the heading and the tables.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^Minutes of the meeting on (Mon|Tues|Wednes|Thurs|Fri)day \d{1,2} [A-Z][a-z]+ \d{4}$/,
      ),
    );
    expect(lines.filter((l) => /\d{4}-\d{2}-\d{2}/.test(l))).toEqual([]);
    // In the case's own entry and again in the escalations table.
    expect(
      at('Escalation: Escalated to Head of service: Fund an alternative provision place'),
    ).toBeGreaterThan(-1);
    expect(lines.slice(lines.indexOf('Escalations'))).toContain('Fund an alternative provision place');
    expect(lines).toContain('Concern changed: Medium to High');
    expect(at('Attendees: Demo Member (Bea Placeholder) (Education Welfare)')).toBeGreaterThan(-1);
    expect(at('Apologies: Demo Member (Cal Fictional) (SEND)')).toBeGreaterThan(-1);

    // Senior managers read, never change; publishing is the chair's, on the current version.
    expect(
      (
        await request(app)
          .post(`/api/meetings/${id}/publish`)
          .set(SENIOR)
          .set('If-Match', finished.headers.etag!)
      ).status,
    ).toBe(403);
    expect(
      (await request(app).post(`/api/meetings/${id}/publish`).set(CHAIR).set('If-Match', '"1"')).status,
    ).toBe(412);
    const published = await request(app)
      .post(`/api/meetings/${id}/publish`)
      .set(CHAIR)
      .set('If-Match', finished.headers.etag!);
    expect(published.status).toBe(200);
    expect(published.body.minutesPublishedAt).toBe('2026-03-25T10:00:00.000Z');
    expect((await store.audit.query({ action: 'meeting.publish' }))[0]?.userId).toBe('dev-chair');
    expect((await store.audit.query({ action: 'minutes.view' }))[0]?.userId).toBe('dev-senior');

    const content = await request(app).get(`/api/meetings/${id}/minutes/content`).set(MEMBER);
    expect(content.body.cases.map((x: { caseRef: string }) => x.caseRef).slice(0, 2)).toEqual([a, b]);
    expect(content.body.notDiscussed).toEqual([]);
    // Once finished, nothing more is recorded.
    expect(
      (
        await request(app)
          .put(`/api/meetings/${id}/cases/${a}/record`)
          .set(CHAIR)
          .set('If-Match', '"1"')
          .send({ summary: 'late' })
      ).status,
    ).toBe(400);
  });

  test('a meeting that has not started cannot be recorded or finished, and a cancelled one is left alone by the cadence', async () => {
    const { app } = makeTestApp();
    const a = await refer(app, 'Alphatest');
    const m = (await request(app).post('/api/meetings/cadence').set(CHAIR).send({ count: 1 })).body[0];
    expect(
      (
        await request(app)
          .put(`/api/meetings/${m.id}/cases/${a}/record`)
          .set(CHAIR)
          .set('If-Match', '"0"')
          .send({ summary: 'x' })
      ).status,
    ).toBe(400);
    expect(
      (await request(app).post(`/api/meetings/${m.id}/finish`).set(CHAIR).set('If-Match', '"1"')).status,
    ).toBe(400);
    expect((await request(app).get(`/api/meetings/${m.id}/minutes`).set(CHAIR)).status).toBe(404);
    const cancelled = await request(app)
      .post(`/api/meetings/${m.id}/cancel`)
      .set(CHAIR)
      .set('If-Match', '"1"');
    expect(cancelled.body.status).toBe('cancelled');
    const next = await request(app).post('/api/meetings/cadence').set(CHAIR).send({ count: 1 });
    expect(next.body).toEqual([]);
  });
});

describe('minutes are a record of the meeting', () => {
  /** A meeting held and finished over two cases, A with two actions set by it; B discussed too. */
  async function heldMeeting() {
    const t = makeTestApp();
    const { app } = t;
    const a = await refer(app, 'Alphatest');
    const b = await refer(app, 'Bravotest');
    const id: string = (await request(app).post('/api/meetings/cadence').set(CHAIR).send({ count: 1 }))
      .body[0].id;
    const started = await request(app).post(`/api/meetings/${id}/start`).set(CHAIR).set('If-Match', '"1"');
    expect(started.status).toBe(200);
    for (const ref of [a, b]) {
      const saved = await request(app)
        .put(`/api/meetings/${id}/cases/${ref}/record`)
        .set(CHAIR)
        .set('If-Match', '"0"')
        .send({ summary: `Discussed ${ref}`, decisions: 'Keep under review' });
      expect(saved.status).toBe(200);
    }
    const setAction = async (description: string) => {
      const res = await request(app).post(`/api/meetings/${id}/cases/${a}/actions`).set(CHAIR).send({
        description,
        successMeasure: 'Confirmation sent to the chair',
        owner: OWNER,
        ownerService: 'Admissions',
        dueDate: '2026-04-10',
      });
      expect(res.status).toBe(201);
      return res.body as { id: string };
    };
    const kept = await setAction('Offer a school place');
    const dropped = await setAction('Arrange a home visit');
    const current = await request(app).get(`/api/meetings/${id}`).set(CHAIR);
    const finished = await request(app)
      .post(`/api/meetings/${id}/finish`)
      .set(CHAIR)
      .set('If-Match', current.headers.etag!);
    expect(finished.status).toBe(200);
    return { ...t, id, a, b, kept, dropped };
  }

  const contentOf = async (app: App, id: string) => {
    const res = await request(app).get(`/api/meetings/${id}/minutes/content`).set(SENIOR);
    expect(res.status).toBe(200);
    return res.body as {
      cases: { caseRef: string; childName: string; highestConcern: boolean; actions: unknown[] }[];
      closures: unknown[];
    };
  };
  const docxOf = async (app: App, id: string) => {
    const res = await request(app).get(`/api/meetings/${id}/minutes`).set(SENIOR).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    return docxParagraphs(res.body as Buffer);
  };

  /** What happens to the cases after the meeting: a name corrected, concern raised, actions moved on, a closure. */
  async function changeEverything(app: App, a: string, b: string, kept: string, dropped: string) {
    const patch = (ref: string, body: object) =>
      request(app).patch(`/api/cases/${ref}`).set(CHAIR).set('If-Match', '"1"').send(body);
    expect((await patch(a, { firstName: 'Renamedtest' })).status).toBe(200);
    expect((await patch(b, { concern: 'high' })).status).toBe(200);
    const extended = await request(app)
      .post(`/api/actions/${kept}/extend`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ dueDate: '2026-05-29', reason: 'School place offered later than planned' });
    expect(extended.status).toBe(200);
    const completed = await request(app)
      .post(`/api/actions/${kept}/complete`)
      .set(CHAIR)
      .set('If-Match', extended.headers.etag!)
      .send({ note: 'Offer letter sent' });
    expect(completed.status).toBe(200);
    const cancelled = await request(app)
      .post(`/api/actions/${dropped}/cancel`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ reason: 'No longer needed' });
    expect(cancelled.status).toBe(200);
    const closed = await request(app)
      .post(`/api/cases/${b}/close`)
      .set(CHAIR)
      .set('If-Match', '"2"')
      .send({ reason: 'school-place', date: '2026-03-27' });
    expect(closed.status).toBe(200);
  }

  test('after the cases change, the minutes on screen and the .docx still say what was recorded at finish', async () => {
    const { app, id, a, b, kept, dropped } = await heldMeeting();
    const atFinish = await contentOf(app, id);
    const docAtFinish = await docxOf(app, id);
    // What was recorded: the child's name then, both actions as set, B at its concern then.
    const entryA = atFinish.cases.find((c) => c.caseRef === a)!;
    expect(entryA.childName).toMatch(/^Alphatest /);
    expect(entryA.actions).toEqual([
      expect.objectContaining({ description: 'Offer a school place', dueDate: '2026-04-10' }),
      expect.objectContaining({ description: 'Arrange a home visit', dueDate: '2026-04-10' }),
    ]);
    expect(atFinish.cases.find((c) => c.caseRef === b)!.highestConcern).toBe(false);
    expect(atFinish.closures).toEqual([]);
    expect(docAtFinish.some((l) => l.includes(`${a} — Alphatest`))).toBe(true);

    await changeEverything(app, a, b, kept.id, dropped.id);
    // The changes are real: the case reads as renamed, the action as moved.
    expect((await request(app).get(`/api/cases/${a}`).set(CHAIR)).body.case.firstName).toBe('Renamedtest');

    expect(await contentOf(app, id)).toEqual(atFinish);
    const docAfter = await docxOf(app, id);
    expect(docAfter).toEqual(docAtFinish);
    expect(docAfter.join('\n')).not.toMatch(/Renamedtest|2026-05-29/);
    // The screen and the document say the same: the case headings and due dates on screen are in the .docx.
    for (const c of atFinish.cases) {
      expect(docAfter.some((l) => l.includes(`${c.caseRef} — ${c.childName}`))).toBe(true);
    }
    expect(docAfter).toContain('Friday 10 April 2026');
  });

  test('a meeting finished before the content was kept is rebuilt from today’s data rather than refused', async () => {
    const { app, store, id, a, b, kept, dropped } = await heldMeeting();
    await changeEverything(app, a, b, kept.id, dropped.id);
    // Minutes stored before this change have a document and no content.
    jest.spyOn(store.minutes, 'getContent').mockResolvedValue(null);
    const rebuilt = await contentOf(app, id);
    expect(rebuilt.cases.find((c) => c.caseRef === a)!.childName).toMatch(/^Renamedtest /);
    expect(rebuilt.cases.find((c) => c.caseRef === a)!.actions).toHaveLength(1);
  });

  test('a stale finish stores no minutes and leaves the meeting in progress', async () => {
    const { app, store } = makeTestApp();
    await refer(app, 'Alphatest');
    const id: string = (await request(app).post('/api/meetings/cadence').set(CHAIR).send({ count: 1 }))
      .body[0].id;
    expect(
      (await request(app).post(`/api/meetings/${id}/start`).set(CHAIR).set('If-Match', '"1"')).status,
    ).toBe(200);
    const stale = await request(app).post(`/api/meetings/${id}/finish`).set(CHAIR).set('If-Match', '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.current.status).toBe('in-progress');
    expect(await store.minutes.get(id)).toBeNull();
    expect(await store.minutes.getContent(id)).toBeNull();
    expect((await request(app).get(`/api/meetings/${id}`).set(CHAIR)).body.status).toBe('in-progress');
  });
});
