/**
 * Issue 14 item 5 (dates): every date is bounded by a rule that says why (src/domain/dateRules.ts), and a
 * date outside it is a 400 `Invalid` naming the field. On main each of these was accepted: a date of
 * birth in 2090, a referral received on 9999-12-31 (referral date `+010000-01`), a completion in 1900,
 * a meeting in 9999.
 */
import request from 'supertest';
import { addDays, nextWorkingDayOnOrAfter, toLondonDate } from '../../src/domain/calendar';
import { addYears } from '../../src/domain/dateRules';
import { InvalidError } from '../../src/domain/errors';
import { importSpreadsheet } from '../../src/operations/importExport';
import { CHAIR, MEMBER, OWNER, TEST_NOW, TEST_POLICY, makeTestApp, referral } from '../helpers/api';
import { ADMIN_CALL, makeDeps } from '../import/helpers';

const TODAY = toLondonDate(TEST_NOW);
const cal = TEST_POLICY.calendar;

type Problem = { status: number; body: { code: string; issues: { path: string; message: string }[] } };

function expectRefused(res: Problem, field: string) {
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('Invalid');
  expect(res.body.issues.map((i) => i.path)).toContain(field);
}

async function withCase() {
  const t = makeTestApp();
  const c = (await request(t.app).post('/api/cases').set(MEMBER).send(referral())).body.case;
  return { ...t, ref: c.ref as string };
}

async function withAction() {
  const t = await withCase();
  const due = nextWorkingDayOnOrAfter(addDays(TODAY, 7), cal);
  const action = (
    await request(t.app).post('/api/actions').set(MEMBER).send({
      caseRef: t.ref,
      description: 'Visit',
      successMeasure: 'Recorded',
      owner: OWNER,
      ownerService: 'EWS',
      dueDate: due,
    })
  ).body;
  return { ...t, action };
}

describe('dates bounded by rules that say why', () => {
  test.each([
    ['a date of birth in 2090', { dateOfBirth: '2090-01-01' }, 'dateOfBirth'],
    ['a date of birth making the child 1 year old', { dateOfBirth: addYears(TODAY, -1) }, 'dateOfBirth'],
    ['a date of birth making the child 30', { dateOfBirth: addYears(TODAY, -30) }, 'dateOfBirth'],
    ['received on 9999-12-31 (referral date +010000-01 on main)', { receivedOn: '9999-12-31' }, 'receivedOn'],
    ['received two days ahead', { receivedOn: addDays(TODAY, 2) }, 'receivedOn'],
    ['received in 1999', { receivedOn: '1999-12-31' }, 'receivedOn'],
    ['out of education since 2090', { outOfEducationSince: '2090-01-01' }, 'outOfEducationSince'],
    ['a timetable review in 1900', { timetableReviewDate: '1900-01-01' }, 'timetableReviewDate'],
  ])('a referral with %s is refused naming the field, and nothing is stored', async (_n, o, field) => {
    const t = makeTestApp();
    const res = await request(t.app).post('/api/cases').set(MEMBER).send(referral(o));
    expectRefused(res, field);
    expect(await t.store.cases.list()).toEqual([]);
  });

  test('the refusal of a date of birth never quotes it', async () => {
    const t = makeTestApp();
    const res = await request(t.app)
      .post('/api/cases')
      .set(MEMBER)
      .send(referral({ dateOfBirth: '2090-07-13' }));
    expect(JSON.stringify(res.body)).not.toContain('2090');
  });

  test('dates at the edges are accepted: received tomorrow, a child of 2 and of 20 on the receipt date', async () => {
    const t = makeTestApp();
    for (const o of [
      { receivedOn: addDays(TODAY, 1) },
      { receivedOn: TODAY, dateOfBirth: addYears(TODAY, -2) },
      { receivedOn: TODAY, dateOfBirth: addYears(TODAY, -20) },
    ]) {
      const res = await request(t.app).post('/api/cases').set(MEMBER).send(referral(o));
      expect(res.status).toBe(201);
    }
  });

  test('a change of the receipt date re-judges the date of birth; a stored date does not block other changes', async () => {
    const t = await withCase();
    const res = await request(t.app)
      .patch(`/api/cases/${t.ref}`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ dateOfBirth: addYears(TODAY, -19) });
    expect(res.status).toBe(200);
    const moved = await request(t.app)
      .patch(`/api/cases/${t.ref}`)
      .set(MEMBER)
      .set('If-Match', '"2"')
      .send({ receivedOn: '2004-01-01' });
    expectRefused(moved, 'dateOfBirth');
  });

  test('an action due more than 2 years ahead is refused; 2 years ahead is accepted', async () => {
    const t = await withCase();
    const send = (dueDate: string) =>
      request(t.app).post('/api/actions').set(MEMBER).send({
        caseRef: t.ref,
        description: 'Visit',
        successMeasure: 'Recorded',
        owner: OWNER,
        ownerService: 'EWS',
        dueDate,
      });
    expectRefused(await send(nextWorkingDayOnOrAfter(addDays(addYears(TODAY, 2), 1), cal)), 'dueDate');
    expectRefused(await send('9999-12-31'), 'dueDate');
    let lastOk = addYears(TODAY, 2);
    while (nextWorkingDayOnOrAfter(lastOk, cal) !== lastOk) lastOk = addDays(lastOk, -1);
    expect((await send(lastOk)).status).toBe(201);
  });

  test('an extension beyond 2 years is refused', async () => {
    const t = await withAction();
    const res = await request(t.app)
      .post(`/api/actions/${t.action.id}/extend`)
      .set(MEMBER)
      .set('If-Match', `"${t.action.version}"`)
      .send({ dueDate: '2099-06-01', reason: 'Later' });
    expectRefused(res, 'dueDate');
  });

  test('a completion in 1900, before the action existed, is refused', async () => {
    const t = await withAction();
    for (const completedOn of ['1900-01-01', addDays(TODAY, -1)]) {
      const res = await request(t.app)
        .post(`/api/actions/${t.action.id}/complete`)
        .set(MEMBER)
        .set('If-Match', `"${t.action.version}"`)
        .send({ note: 'Done', completedOn });
      expectRefused(res, 'completedOn');
    }
  });

  test('a meeting in 9999, or more than a year back, is refused; moving one there too', async () => {
    const t = makeTestApp();
    for (const startsAt of ['9999-12-31T10:00:00.000Z', '2024-01-08T10:00:00.000Z']) {
      expectRefused(await request(t.app).post('/api/meetings').set(CHAIR).send({ startsAt }), 'startsAt');
    }
    const ok = await request(t.app)
      .post('/api/meetings')
      .set(CHAIR)
      .send({ startsAt: '2026-05-11T09:00:00.000Z' });
    expect(ok.status).toBe(201);
    const moved = await request(t.app)
      .patch(`/api/meetings/${ok.body.id}`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ startsAt: '9999-01-04T10:00:00.000Z' });
    expectRefused(moved, 'startsAt');
  });

  test('an escalation response due in 2099, a list check and a closure in 2090 are refused', async () => {
    const t = await withCase();
    const esc = await request(t.app)
      .post(`/api/cases/${t.ref}/escalations`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({
        to: 'head-of-service',
        reason: 'No place',
        decisionRequested: 'Fund a place',
        responseDue: '2099-01-05',
      });
    expectRefused(esc, 'responseDue');
    const check = await request(t.app)
      .post(`/api/cases/${t.ref}/list-checks`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ list: 'cse', checkedOn: '2090-01-01', checkedBy: 'EWO', outcome: 'Not on the list' });
    expectRefused(check, 'checkedOn');
    const close = await request(t.app)
      .post(`/api/cases/${t.ref}/close`)
      .set(CHAIR)
      .set('If-Match', '"1"')
      .send({ reason: 'school-place', date: '2090-01-01' });
    expectRefused(close, 'date');
  });

  test('an imported row with a date of birth in 2090 is rejected naming its cell, and nothing is written', async () => {
    const deps = makeDeps();
    const csv =
      'Surname,Forename,DOB,Reason,Date received\r\nExample,Testy,14/05/2090,Perm ex,20/03/2026\r\n';
    const error = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: new TextEncoder().encode(csv) },
      { dryRun: false, skipInvalid: false, mapping: null },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).issues.map((i) => i.path)).toEqual([expect.stringMatching(/C2/)]);
    expect(await deps.store.cases.list()).toEqual([]);
  });
});

describe('dates bounded in the import', () => {
  test('an imported action due in 2090 is refused naming its cell', async () => {
    const deps = makeDeps();
    const csv =
      'Surname,Forename,DOB,Reason,Date received,Actions\r\nExample,Testy,14/05/2013,Perm ex,20/03/2026,Visit | due: 01/06/2090\r\n';
    const error = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: new TextEncoder().encode(csv) },
      { dryRun: false, skipInvalid: false, mapping: null },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).issues).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/F2/),
        message: expect.stringMatching(/2 years ahead/),
      }),
    ]);
  });
});

describe('the referral preview', () => {
  test('POST /api/cases/check refuses what the referral would, so it never shows a referral date of +010000-01', async () => {
    const t = makeTestApp();
    const res = await request(t.app)
      .post('/api/cases/check')
      .set(MEMBER)
      .send(referral({ receivedOn: '9999-12-31' }));
    expectRefused(res, 'receivedOn');
    expect(JSON.stringify(res.body)).not.toContain('+010000');
  });
});
