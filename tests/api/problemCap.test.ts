/**
 * Issue 14 item 6: a problem response lists a bounded number of field issues, however many the body
 * had, so a body of thousands of unknown keys cannot turn into a reply many times its size.
 */
import request from 'supertest';
import { MAX_LISTED_ISSUES } from '../../src/api/problem';
import { MEMBER, makeTestApp, referral } from '../helpers/api';

test('a referral with 9,000 unknown keys gets a short problem: the first issues and how many there were', async () => {
  const { app } = makeTestApp({ bodyLimit: '1mb' });
  const body: Record<string, unknown> = referral();
  for (let i = 0; i < 9000; i++) body[`unknown${i}`] = 1;
  const res = await request(app).post('/api/cases').set(MEMBER).send(body);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('Invalid');
  expect(res.body.issues).toHaveLength(MAX_LISTED_ISSUES);
  expect(res.body.issues[0]).toEqual({ path: 'unknown0', message: 'is not a known field' });
  expect(res.body.issueCount).toBe(9000);
  expect(res.body.detail).toContain('and 8995 more');
  expect(res.text.length).toBeLessThan(5_000);
});

test('a problem with few issues lists them all and no count', async () => {
  const { app } = makeTestApp();
  const res = await request(app)
    .post('/api/cases')
    .set(MEMBER)
    .send({ ...referral(), firstName: '', extra: 1 });
  expect(res.status).toBe(400);
  expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['extra', 'firstName']);
  expect(res.body.issueCount).toBeUndefined();
});
