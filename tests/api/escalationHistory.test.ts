/**
 * Issue 14 item 5 (integrity): recording an escalation's response again keeps the one it replaces.
 */
import request from 'supertest';
import { MAX_EARLIER_RESPONSES } from '../../src/domain/types';
import { CHAIR, MEMBER, makeTestApp, referral } from '../helpers/api';

async function escalated() {
  const t = makeTestApp();
  const ref = (await request(t.app).post('/api/cases').set(MEMBER).send(referral()).expect(201)).body.case
    .ref as string;
  const res = await request(t.app)
    .post(`/api/cases/${ref}/escalations`)
    .set(CHAIR)
    .set('If-Match', '"1"')
    .send({ to: 'director', reason: 'No place after 12 weeks', decisionRequested: 'Fund AP' })
    .expect(201);
  return { ...t, id: res.body.escalation.id as string };
}

const respond = (app: Parameters<typeof request>[0], id: string, version: number, body: object) =>
  request(app).post(`/api/escalations/${id}/response`).set(CHAIR).set('If-Match', `"${version}"`).send(body);

test('a second response does not overwrite the first: the first is kept with when it was replaced', async () => {
  const { app, store, id, clock } = await escalated();
  await respond(app, id, 1, {
    response: 'Declined',
    outcome: 'Try the panel',
    respondedOn: '2026-03-25',
  }).expect(200);
  clock.now = new Date('2026-03-27T11:00:00.000Z');
  const second = await respond(app, id, 2, { response: 'Funded after appeal', respondedOn: '2026-03-27' });
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({
    response: 'Funded after appeal',
    outcome: null,
    respondedOn: '2026-03-27',
    earlierResponses: [
      {
        response: 'Declined',
        outcome: 'Try the panel',
        respondedOn: '2026-03-25',
        supersededAt: '2026-03-27T11:00:00.000Z',
      },
    ],
  });
  expect(await store.escalations.get(id)).toEqual(second.body);
  const [latest] = await store.audit.query({ action: 'escalation.update', target: id });
  expect(latest?.fields).toEqual(['response', 'outcome', 'respondedOn', 'earlierResponses']);
});

test('responses are kept up to a bound; one more is refused, never an old one dropped', async () => {
  const { app, store, id } = await escalated();
  for (let i = 0; i <= MAX_EARLIER_RESPONSES; i++) {
    await respond(app, id, i + 1, { response: `Response ${i + 1}` }).expect(200);
  }
  const refused = await respond(app, id, MAX_EARLIER_RESPONSES + 2, { response: 'One too many' });
  expect(refused.status).toBe(400);
  expect(refused.body.issues).toEqual([{ path: 'response', message: expect.stringContaining('at most') }]);
  const kept = await store.escalations.get(id);
  expect(kept?.response).toBe(`Response ${MAX_EARLIER_RESPONSES + 1}`);
  expect(kept?.earlierResponses.map((r) => r.response)).toEqual(
    Array.from({ length: MAX_EARLIER_RESPONSES }, (_, i) => `Response ${i + 1}`),
  );
});
