/**
 * Issue 14 item 5 (integrity): a closed case is read-only until the chair reopens it. Closing it again
 * never overwrites its closure, and nobody adds list checks or timeline notes to it.
 */
import request from 'supertest';
import { CHAIR, MEMBER, makeTestApp, referral } from '../helpers/api';

async function closedCase() {
  const t = makeTestApp();
  const created = await request(t.app).post('/api/cases').set(MEMBER).send(referral()).expect(201);
  const ref = created.body.case.ref as string;
  await request(t.app)
    .post(`/api/cases/${ref}/close`)
    .set(CHAIR)
    .set('If-Match', '"1"')
    .send({ reason: 'moved-out', date: '2026-03-24', note: 'Family moved to Leeds' })
    .expect(200);
  return { ...t, ref };
}

const isClosedProblem = (body: { code: string; issues: unknown }) =>
  expect(body).toMatchObject({ code: 'Invalid', issues: [{ path: 'status', message: 'is closed' }] });

test('closing a closed case is refused and its closure stays as it was', async () => {
  const { app, store, ref } = await closedCase();
  const before = await store.cases.get(ref);
  for (const version of ['"2"', '"1"']) {
    const again = await request(app)
      .post(`/api/cases/${ref}/close`)
      .set(CHAIR)
      .set('If-Match', version)
      .send({ reason: 'school-place', date: '2026-03-25' });
    expect(again.status).toBe(400);
    isClosedProblem(again.body);
  }
  const after = await store.cases.get(ref);
  expect(after).toEqual(before);
  expect(after?.closure).toEqual({ reason: 'moved-out', date: '2026-03-24', note: 'Family moved to Leeds' });
  expect(await store.audit.query({ action: 'case.close', target: ref })).toHaveLength(1);
});

test('nobody adds a list check or a timeline note to a closed case until it is reopened', async () => {
  const { app, store, ref } = await closedCase();
  const check = { list: 'cse', checkedOn: '2026-03-24', checkedBy: 'Demo', outcome: 'Not on list' };
  for (const who of [MEMBER, CHAIR]) {
    const listCheck = await request(app)
      .post(`/api/cases/${ref}/list-checks`)
      .set(who)
      .set('If-Match', '"2"')
      .send(check);
    expect(listCheck.status).toBe(400);
    isClosedProblem(listCheck.body);
    const note = await request(app).post(`/api/cases/${ref}/updates`).set(who).send({ text: 'A late note' });
    expect(note.status).toBe(400);
    isClosedProblem(note.body);
  }
  expect((await store.cases.get(ref))?.listChecks).toEqual([]);
  expect(await store.updates.list(ref)).toEqual([]);

  await request(app)
    .post(`/api/cases/${ref}/reopen`)
    .set(CHAIR)
    .set('If-Match', '"2"')
    .send({ reason: 'Family moved back' })
    .expect(200);
  await request(app)
    .post(`/api/cases/${ref}/list-checks`)
    .set(MEMBER)
    .set('If-Match', '"3"')
    .send(check)
    .expect(200);
  await request(app).post(`/api/cases/${ref}/updates`).set(MEMBER).send({ text: 'Back in area' }).expect(201);
  expect((await store.updates.list(ref)).map((u) => u.text)).toEqual([
    'Reopened: Family moved back',
    'Back in area',
  ]);
});
