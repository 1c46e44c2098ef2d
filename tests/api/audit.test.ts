/**
 * The audit trail (issue 7): every view of a child's record, every change (which fields, old and new
 * versions, never the values) and every refusal is recorded with the user and the time; admins and
 * senior managers read and filter it; nobody edits it. Export and import are audited by their own
 * operations when they land (issue 9): the actions `export` and `import` are already in the schema.
 */
import request from 'supertest';
import { ADMIN, CHAIR, MEMBER, SENIOR, TEST_NOW, makeTestApp, referral } from '../helpers/api';

async function referred() {
  const t = makeTestApp();
  const res = await request(t.app)
    .post('/api/cases')
    .set(MEMBER)
    .send(referral({ firstName: 'Auditina', lastName: 'Trailworth-Synthetic' }));
  return { ...t, ref: res.body.case.ref as string };
}

describe('the audit trail', () => {
  test('a view of a case is recorded with who, when and which case', async () => {
    const { app, store, ref } = await referred();
    await request(app).get(`/api/cases/${ref}`).set(SENIOR);
    expect(await store.audit.query({ action: 'case.view' })).toEqual([
      expect.objectContaining({
        userId: 'dev-senior',
        at: TEST_NOW.toISOString(),
        target: ref,
        fields: [],
      }),
    ]);
  });

  test('a change records the fields and the old and new versions, never the values', async () => {
    const { app, store, ref } = await referred();
    const res = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ lastSchool: 'Hollowmere Secret School (synthetic)', hoursPerWeek: 12 });
    expect(res.status).toBe(200);
    const [entry] = await store.audit.query({ action: 'case.update' });
    expect(entry).toMatchObject({
      userId: 'dev-member-ewo',
      target: ref,
      fromVersion: 1,
      toVersion: 2,
    });
    expect([...entry!.fields].sort()).toEqual(['hoursPerWeek', 'lastSchool']);
    expect(JSON.stringify(await store.audit.query({}))).not.toMatch(/Hollowmere|Auditina|Trailworth/);
  });

  test('a refusal is recorded with the user and the case it was about', async () => {
    const { app, store, ref } = await referred();
    const res = await request(app)
      .patch(`/api/cases/${ref}`)
      .set(SENIOR)
      .set('If-Match', '"1"')
      .send({ lastSchool: 'Elsewhere (synthetic)' });
    expect(res.status).toBe(403);
    expect(await store.audit.query({ action: 'access.refused' })).toEqual([
      expect.objectContaining({ userId: 'dev-senior', target: ref }),
    ]);
  });

  test('admins and senior managers can filter it by user, action, case and time', async () => {
    const { app, ref, clock } = await referred();
    await request(app).get(`/api/cases/${ref}`).set(CHAIR);
    clock.now = new Date(TEST_NOW.getTime() + 3600_000);
    await request(app).get(`/api/cases/${ref}`).set(MEMBER);

    for (const reader of [ADMIN, SENIOR]) {
      const byUser = await request(app).get('/api/audit').query({ userId: 'dev-chair' }).set(reader);
      expect(byUser.status).toBe(200);
      expect(byUser.body.map((e: { action: string }) => e.action)).toEqual(['case.view']);

      const views = await request(app)
        .get('/api/audit')
        .query({ action: 'case.view', target: ref })
        .set(reader);
      expect(views.body.map((e: { userId: string }) => e.userId)).toEqual(['dev-member-ewo', 'dev-chair']);

      const later = await request(app)
        .get('/api/audit')
        .query({ from: new Date(TEST_NOW.getTime() + 1).toISOString() })
        .set(reader);
      expect(later.body.map((e: { userId: string }) => e.userId)).toEqual(['dev-member-ewo']);

      const one = await request(app).get('/api/audit').query({ limit: '1' }).set(reader);
      expect(one.body).toHaveLength(1);
    }
  });

  test('reading the trail shows ids and refs, never a child’s name', async () => {
    const { app, ref } = await referred();
    await request(app).get(`/api/cases/${ref}`).set(MEMBER);
    const res = await request(app).get('/api/audit').set(ADMIN);
    expect(res.body.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(res.body)).not.toMatch(/Auditina|Trailworth|2013-05-14/);
  });

  test('an unknown filter or action is a 400 naming it', async () => {
    const { app } = await referred();
    const unknownAction = await request(app).get('/api/audit').query({ action: 'case.delete' }).set(ADMIN);
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.issues).toEqual([{ path: 'action', message: 'is not a known action' }]);
    const unknownFilter = await request(app).get('/api/audit').query({ name: 'x' }).set(ADMIN);
    expect(unknownFilter.status).toBe(400);
  });

  test('the audit log offers append and query only: there is nothing to change or delete it with', async () => {
    const { store } = await referred();
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(store.audit) as object);
    expect(methods.filter((m) => m !== 'constructor').sort()).toEqual(['append', 'query']);
  });
});
