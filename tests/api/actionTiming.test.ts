/**
 * An action's timing (overdue, due soon...) comes from the server, by the bot's own rule and settings: the
 * council's closure days and ACTION_DUE_SOON_WORKING_DAYS. Around Christmas the tab's old copy (three
 * working days, no closures) said "later" on the day the bot reminded the owner that the action was due soon.
 */
import request from 'supertest';
import { isDueSoon } from '../../src/domain/actions';
import { EMPTY_CALENDAR, addWorkingDays, londonInstant } from '../../src/domain/calendar';
import { notificationPolicySchema, planNotifications } from '../../src/domain/notifications';
import { policySchema } from '../../src/domain/policy';
import { MEMBER, OWNER, makeTestApp, referral } from '../helpers/api';

/** A council closed over Christmas 2026: the days between the bank holidays are closure days. */
const COUNCIL = policySchema.parse({
  cadence: { anchorDate: '2026-01-12', everyWeeks: 4, time: '10:00' },
  calendar: { extraClosures: ['2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31'] },
});
/** The bot's timings as configured: "due soon" four working days ahead, not the old tab's three. */
const NP = notificationPolicySchema.parse({ actionDueSoonWorkingDays: 4 });
/** Monday 4 January 2027: the first working day after the closure (1 January is a bank holiday). */
const DUE = '2027-01-04';

async function setUp() {
  const t = makeTestApp({
    policy: COUNCIL,
    notificationPolicy: NP,
    now: londonInstant('2026-12-01', '09:00'),
  });
  const c = await request(t.app).post('/api/cases').set(MEMBER).send(referral());
  expect(c.status).toBe(201);
  const a = await request(t.app).post('/api/actions').set(MEMBER).send({
    caseRef: c.body.case.ref,
    description: 'Visit home (synthetic)',
    successMeasure: 'Visit recorded',
    owner: OWNER,
    ownerService: 'EWS',
    dueDate: DUE,
  });
  expect([a.status, a.body.detail]).toEqual([201, undefined]);
  return { ...t, ref: c.body.case.ref as string, id: a.body.id as string };
}

/** The day and time the bot's "due soon" reminder for this action goes out, by its own planner. */
async function botReminderAt(t: Awaited<ReturnType<typeof setUp>>, now: Date): Promise<string | null> {
  const [cases, actions, meetings] = await Promise.all([
    t.store.cases.list({}),
    t.store.actions.list({ status: ['open', 'done'] }),
    t.store.meetings.list({}),
  ]);
  const planned = planNotifications(
    { cases, actions, meetings, escalations: [], chairs: [] },
    COUNCIL,
    NP,
    now,
    { kinds: new Set(['action-due-soon']) },
  );
  return planned.find((p) => p.kind === 'action-due-soon')?.dueAt ?? null;
}

describe('action timing computed by the server', () => {
  test('an action due on the first working day after a Christmas closure is "due soon" the day the bot reminds', async () => {
    const t = await setUp();
    // The bot's reminder day: the configured working days before the due date, by the council's calendar.
    const reminderDay = addWorkingDays(DUE, -NP.actionDueSoonWorkingDays, COUNCIL.calendar);
    expect(reminderDay).toBe('2026-12-18'); // a Friday
    t.clock.now = londonInstant(reminderDay, '09:00');
    expect(await botReminderAt(t, t.clock.now)).toBe(londonInstant(reminderDay, NP.notifyTime).toISOString());

    const mine = await request(t.app).get('/api/actions?mine=true&status=open').set(MEMBER);
    expect(mine.body).toEqual([expect.objectContaining({ id: t.id, timing: 'due-soon' })]);
    const detail = await request(t.app).get(`/api/cases/${t.ref}`).set(MEMBER);
    expect(detail.body.actions).toEqual([expect.objectContaining({ id: t.id, timing: 'due-soon' })]);
    // The tab's old rule (three working days, no closures) said "later" here: the badge and bot disagreed.
    expect(isDueSoon({ status: 'open', dueDate: DUE }, reminderDay, EMPTY_CALENDAR, 3)).toBe(false);
  });

  test('the working day before the reminder the action is on track, and after its due date it is overdue', async () => {
    const t = await setUp();
    const dayBefore = addWorkingDays(DUE, -NP.actionDueSoonWorkingDays - 1, COUNCIL.calendar);
    t.clock.now = londonInstant(dayBefore, '09:00');
    const before = await request(t.app).get(`/api/cases/${t.ref}`).set(MEMBER);
    expect(before.body.actions[0].timing).toBe('on-track');
    // The bot's reminder is still to come: planned for a later day than this one.
    expect((await botReminderAt(t, t.clock.now)) ?? '').not.toMatch(new RegExp(`^${dayBefore}`));

    t.clock.now = londonInstant(addWorkingDays(DUE, 1, COUNCIL.calendar), '09:00');
    const after = await request(t.app).get(`/api/actions/${t.id}`).set(MEMBER);
    expect(after.body.timing).toBe('overdue');
  });

  test('a stale change answers with the current action and its timing; a completed action is closed', async () => {
    const t = await setUp();
    const extended = await request(t.app)
      .post(`/api/actions/${t.id}/extend`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ dueDate: '2027-01-05', reason: 'Family away (synthetic)' });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ version: 2, timing: 'on-track' });
    const stale = await request(t.app)
      .post(`/api/actions/${t.id}/complete`)
      .set(MEMBER)
      .set('If-Match', '"1"')
      .send({ note: 'Visited (synthetic)' });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ id: t.id, version: 2, timing: 'on-track' });
    const done = await request(t.app)
      .post(`/api/actions/${t.id}/complete`)
      .set(MEMBER)
      .set('If-Match', '"2"')
      .send({ note: 'Visited (synthetic)' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', timing: 'closed' });
  });
});
