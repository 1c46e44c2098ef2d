import {
  IMMEDIATE_KINDS,
  type NotificationSnapshot,
  type PlannedNotification,
  latestSlotDay,
  nextSlotAtOrAfter,
  notificationSchema,
  planNotifications,
} from '../../src/domain/notifications';
import { buildAgenda } from '../../src/domain/agenda';
import { addWorkingDays, londonInstant, toLondonDate } from '../../src/domain/calendar';
import { CATEGORY_LABELS } from '../../src/domain/labels';
import {
  AGENDA_SECTIONS,
  type Action,
  type Case,
  type Escalation,
  type Meeting,
} from '../../src/domain/types';
import { generateDemoData } from '../../src/demo/generate';
import {
  CHAIR_PERSON,
  FORBIDDEN_IN_CHANNEL,
  NP,
  OWNER_PERSON,
  POLICY,
  distinctiveCase,
  makeAction,
  makeCase,
  makeEscalation,
  makeMeeting,
} from './fixtures';

const at = (iso: string) => new Date(iso);

function snapshot(parts: Partial<NotificationSnapshot> = {}): NotificationSnapshot {
  return { cases: [], actions: [], meetings: [], escalations: [], chairs: [CHAIR_PERSON], ...parts };
}

function plan(parts: Partial<NotificationSnapshot>, now: string, np = NP, sent?: Set<string>) {
  return planNotifications(snapshot(parts), POLICY, np, at(now), sent ? { sent } : {});
}

const ids = (list: PlannedNotification[]) => list.map((n) => n.id);
const ofKind = <K extends PlannedNotification['kind']>(list: PlannedNotification[], kind: K) =>
  list.filter((n): n is Extract<PlannedNotification, { kind: K }> => n.kind === kind);

describe('the daily slot', () => {
  it('is 08:30 on the London clock: 08:30Z in winter and 07:30Z in summer time', () => {
    expect(nextSlotAtOrAfter(at('2026-03-27T00:00:00Z'), POLICY, NP).toISOString()).toBe(
      '2026-03-27T08:30:00.000Z',
    );
    // Clocks go forward on Sunday 29 March 2026: Monday's slot is an hour earlier in UTC.
    expect(nextSlotAtOrAfter(at('2026-03-28T00:00:00Z'), POLICY, NP).toISOString()).toBe(
      '2026-03-30T07:30:00.000Z',
    );
    // Clocks go back on Sunday 25 October 2026.
    expect(nextSlotAtOrAfter(at('2026-10-24T00:00:00Z'), POLICY, NP).toISOString()).toBe(
      '2026-10-26T08:30:00.000Z',
    );
  });

  it('skips weekends and bank holidays: after Maundy Thursday the next slot is Tuesday after Easter', () => {
    expect(nextSlotAtOrAfter(at('2026-04-02T09:00:00Z'), POLICY, NP).toISOString()).toBe(
      '2026-04-07T07:30:00.000Z',
    );
  });

  it('counts a run before the slot as still on the previous working day', () => {
    expect(latestSlotDay(at('2026-03-16T08:29:00Z'), POLICY, NP)).toBe('2026-03-13');
    expect(latestSlotDay(at('2026-03-16T08:30:00Z'), POLICY, NP)).toBe('2026-03-16');
    expect(latestSlotDay(at('2026-03-14T12:00:00Z'), POLICY, NP)).toBe('2026-03-13');
  });
});

describe('meeting reminders', () => {
  const cases = [makeCase({ ref: 'CMOE-0001', concern: 'high' }), makeCase({ ref: 'CMOE-0002' })];
  const february = [makeMeeting({ id: 'feb', startsAt: '2026-02-09T10:00:00.000Z', status: 'completed' })];

  it('go out 2 working days before a Monday meeting, on the Thursday at 08:30, with agenda counts', () => {
    expect(ofKind(plan({ cases, meetings: february }, '2026-03-05T08:29:00Z'), 'meeting-reminder')).toEqual(
      [],
    );
    const [reminder] = ofKind(
      plan({ cases, meetings: february }, '2026-03-05T08:30:00Z'),
      'meeting-reminder',
    );
    expect(reminder).toMatchObject({
      id: 'meeting-reminder:2026-03-09',
      dueAt: '2026-03-05T08:30:00.000Z',
      meeting: { id: null, date: '2026-03-09', startsAt: '2026-03-09T10:00:00.000Z' },
      total: 2,
    });
    expect(reminder?.counts['highest-concern']).toBe(1);
    expect(reminder?.counts['other-open']).toBe(1);
  });

  it('skip Easter: for the Tuesday after Easter Monday the reminder is on the Wednesday before, in summer time', () => {
    expect(ofKind(plan({ cases }, '2026-04-01T07:29:00Z'), 'meeting-reminder')).toEqual([]);
    const reminders = ofKind(plan({ cases }, '2026-04-01T07:30:00Z'), 'meeting-reminder');
    expect(reminders.map((r) => [r.id, r.dueAt])).toEqual([
      ['meeting-reminder:2026-04-07', '2026-04-01T07:30:00.000Z'],
    ]);
  });

  it('are still sent after downtime until the meeting starts, and not after', () => {
    expect(ids(ofKind(plan({ cases }, '2026-03-09T09:59:00Z'), 'meeting-reminder'))).toEqual([
      'meeting-reminder:2026-03-09',
    ]);
    expect(ofKind(plan({ cases }, '2026-03-09T10:00:00Z'), 'meeting-reminder')).toEqual([]);
  });

  it('keep their id when the predicted meeting is scheduled in the tab, and link to it', () => {
    const meetings = [makeMeeting({ id: 'm-march', startsAt: '2026-03-09T10:00:00.000Z' })];
    const [reminder] = ofKind(plan({ cases, meetings }, '2026-03-05T09:00:00Z'), 'meeting-reminder');
    expect(reminder?.id).toBe('meeting-reminder:2026-03-09');
    expect(reminder?.meeting.id).toBe('m-march');
  });

  it('follow a meeting moved to another day, and skip a cancelled one', () => {
    const moved = [makeMeeting({ id: 'm', startsAt: '2026-03-11T14:00:00.000Z' })];
    expect(ids(ofKind(plan({ cases, meetings: moved }, '2026-03-09T09:00:00Z'), 'meeting-reminder'))).toEqual(
      ['meeting-reminder:2026-03-11'],
    );
    const cancelled = [makeMeeting({ id: 'm', startsAt: '2026-03-09T10:00:00.000Z', status: 'cancelled' })];
    expect(ofKind(plan({ cases, meetings: cancelled }, '2026-03-05T09:00:00Z'), 'meeting-reminder')).toEqual(
      [],
    );
  });
});

describe('list-check reminders', () => {
  it('go out 5 working days before the meeting, mention the chair and count the cases not checked since the last meeting', () => {
    const checked = (list: 'support-safeguarding' | 'childrens-social-care' | 'cse', on: string) => ({
      list,
      checkedOn: on,
      checkedBy: 'Checker',
      outcome: 'Not known',
    });
    const cases = [
      makeCase({
        ref: 'CMOE-0001',
        listChecks: [
          checked('support-safeguarding', '2026-02-20'),
          checked('childrens-social-care', '2026-02-20'),
          checked('cse', '2026-02-20'),
        ],
      }),
      makeCase({ ref: 'CMOE-0002', listChecks: [checked('cse', '2026-01-05')] }),
      makeCase({ ref: 'CMOE-0003' }),
    ];
    const meetings = [makeMeeting({ id: 'feb', startsAt: '2026-02-09T10:00:00.000Z', status: 'completed' })];
    expect(ofKind(plan({ cases, meetings }, '2026-03-02T08:29:00Z'), 'list-check-reminder')).toEqual([]);
    const [reminder] = ofKind(plan({ cases, meetings }, '2026-03-02T08:30:00Z'), 'list-check-reminder');
    expect(reminder).toMatchObject({
      id: 'list-check-reminder:2026-03-09',
      needingChecks: 2,
      examples: [
        { ref: 'CMOE-0002', label: 'CMOE-0002 (T.C., Year 8)' },
        { ref: 'CMOE-0003', label: 'CMOE-0003 (T.C., Year 8)' },
      ],
    });
    expect(reminder?.mentions).toEqual([CHAIR_PERSON]);
  });

  it("mention the meeting's own chair when the tab names one", () => {
    const deputy = { id: 'deputy', name: 'Deputy Chair', email: 'deputy@example.org' };
    const meetings = [makeMeeting({ id: 'm', chair: deputy })];
    const [reminder] = ofKind(plan({ meetings }, '2026-03-02T09:00:00Z'), 'list-check-reminder');
    expect(reminder?.mentions).toEqual([deputy]);
  });
});

describe('action due soon', () => {
  const cases = [makeCase()];

  it('goes out 3 working days before the due date, mentioning the owner', () => {
    // Due Friday 20 March: 3 working days before is Tuesday 17 March.
    const actions = [makeAction({ dueDate: '2026-03-20', owner: OWNER_PERSON })];
    expect(ofKind(plan({ cases, actions }, '2026-03-17T08:29:00Z'), 'action-due-soon')).toEqual([]);
    const [n] = ofKind(plan({ cases, actions }, '2026-03-17T08:30:00Z'), 'action-due-soon');
    expect(n).toMatchObject({
      id: 'action-due-soon:act-1:2026-03-20',
      dueAt: '2026-03-17T08:30:00.000Z',
      mentions: [OWNER_PERSON],
      case: { ref: 'CMOE-0001', label: 'CMOE-0001 (T.C., Year 8)' },
      workingDaysLeft: 3,
    });
  });

  it('counts over a weekend and across the spring clock change', () => {
    // Due Thursday 2 April: 3 working days before is Monday 30 March, the first day of summer time.
    const actions = [makeAction({ dueDate: '2026-04-02' })];
    const [n] = ofKind(plan({ cases, actions }, '2026-03-30T07:30:00Z'), 'action-due-soon');
    expect(n?.dueAt).toBe('2026-03-30T07:30:00.000Z');
    expect(ofKind(plan({ cases, actions }, '2026-03-30T07:29:00Z'), 'action-due-soon')).toEqual([]);
  });

  it('counts across the autumn clock change', () => {
    // Due Wednesday 28 October: 3 working days before is Friday 23 October, still summer time.
    const actions = [makeAction({ dueDate: '2026-10-28' })];
    const [n] = ofKind(plan({ cases, actions }, '2026-10-23T07:30:00Z'), 'action-due-soon');
    expect(n?.dueAt).toBe('2026-10-23T07:30:00.000Z');
  });

  it('is still sent after downtime while the action is not overdue, and not once it is', () => {
    const actions = [makeAction({ dueDate: '2026-03-20' })];
    expect(ids(ofKind(plan({ cases, actions }, '2026-03-20T16:00:00Z'), 'action-due-soon'))).toEqual([
      'action-due-soon:act-1:2026-03-20',
    ]);
    expect(ofKind(plan({ cases, actions }, '2026-03-21T09:00:00Z'), 'action-due-soon')).toEqual([]);
  });

  it('waits for the next slot when the action is set after the day it would have gone out', () => {
    const actions = [makeAction({ dueDate: '2026-03-19', createdAt: '2026-03-17T12:00:00.000Z' })];
    expect(ofKind(plan({ cases, actions }, '2026-03-17T13:00:00Z'), 'action-due-soon')).toEqual([]);
    const [n] = ofKind(plan({ cases, actions }, '2026-03-18T08:30:00Z'), 'action-due-soon');
    expect(n?.dueAt).toBe('2026-03-18T08:30:00.000Z');
  });

  it('gets a new id when the due date is extended, so the new date is reminded too', () => {
    const actions = [
      makeAction({
        dueDate: '2026-03-26',
        deferrals: [
          {
            from: '2026-03-20',
            to: '2026-03-26',
            reason: 'Waiting',
            by: OWNER_PERSON,
            at: '2026-03-18T10:00:00.000Z',
          },
        ],
      }),
    ];
    expect(ids(ofKind(plan({ cases, actions }, '2026-03-23T08:30:00Z'), 'action-due-soon'))).toEqual([
      'action-due-soon:act-1:2026-03-26',
    ]);
  });

  it('is not sent for done or cancelled actions, or on closed cases', () => {
    const actions = [
      makeAction({ id: 'done', status: 'done', completedOn: '2026-03-16' }),
      makeAction({ id: 'cancelled', status: 'cancelled' }),
      makeAction({ id: 'closed-case', caseRef: 'CMOE-0009' }),
    ];
    const closed = makeCase({ ref: 'CMOE-0009', status: 'closed' });
    expect(plan({ cases: [...cases, closed], actions }, '2026-03-18T09:00:00Z')).toEqual([]);
  });
});

describe('action overdue', () => {
  const cases = [makeCase()];
  const actions = [makeAction({ dueDate: '2026-03-13', owner: OWNER_PERSON })];

  it('goes out the working day after the due date (Monday after a Friday), mentioning the owner only', () => {
    expect(ofKind(plan({ cases, actions }, '2026-03-14T09:00:00Z'), 'action-overdue')).toEqual([]);
    expect(ofKind(plan({ cases, actions }, '2026-03-16T08:29:00Z'), 'action-overdue')).toEqual([]);
    const [n] = ofKind(plan({ cases, actions }, '2026-03-16T08:30:00Z'), 'action-overdue');
    expect(n).toMatchObject({
      id: 'action-overdue:act-1:2026-03-13:1',
      dueAt: '2026-03-16T08:30:00.000Z',
      reminder: 1,
      workingDaysOverdue: 1,
      mentions: [OWNER_PERSON],
    });
  });

  it('repeats every 5 working days, mentioning the chair too from the 2nd reminder', () => {
    const sent = new Set(['action-overdue:act-1:2026-03-13:1']);
    expect(ofKind(plan({ cases, actions }, '2026-03-20T09:00:00Z', NP, sent), 'action-overdue')).toEqual([]);
    const [n] = ofKind(plan({ cases, actions }, '2026-03-23T08:30:00Z', NP, sent), 'action-overdue');
    expect(n).toMatchObject({ id: 'action-overdue:act-1:2026-03-13:2', reminder: 2, workingDaysOverdue: 6 });
    expect(n?.mentions).toEqual([OWNER_PERSON, CHAIR_PERSON]);
  });

  it('skips Good Friday and Easter Monday: due Maundy Thursday, first reminded on the Tuesday', () => {
    const easter = [makeAction({ dueDate: '2026-04-02' })];
    expect(ofKind(plan({ cases, actions: easter }, '2026-04-06T12:00:00Z'), 'action-overdue')).toEqual([]);
    const [n] = ofKind(plan({ cases, actions: easter }, '2026-04-07T07:30:00Z'), 'action-overdue');
    expect(n?.id).toBe('action-overdue:act-1:2026-04-02:1');
  });

  it('after a week of downtime sends only the current reminder, once', () => {
    const list = ofKind(plan({ cases, actions }, '2026-03-27T12:00:00Z'), 'action-overdue');
    expect(ids(list)).toEqual(['action-overdue:act-1:2026-03-13:2']);
    expect(list[0]?.dueAt).toBe('2026-03-23T08:30:00.000Z');
  });

  it('honours extra closure days from settings', () => {
    const policy = { ...POLICY, calendar: { ...POLICY.calendar, extraClosures: ['2026-03-16'] } };
    const list = planNotifications(snapshot({ cases, actions }), policy, NP, at('2026-03-16T12:00:00Z'));
    expect(ofKind(list, 'action-overdue')).toEqual([]);
    const next = planNotifications(snapshot({ cases, actions }), policy, NP, at('2026-03-17T08:30:00Z'));
    expect(ids(ofKind(next, 'action-overdue'))).toEqual(['action-overdue:act-1:2026-03-13:1']);
  });
});

describe('escalation prompts', () => {
  it('prompt the chair once per stuck episode of a case, with the reasons and its version', () => {
    const cases = [makeCase({ stuckFlag: true, version: 7 })];
    const [n] = ofKind(plan({ cases }, '2026-03-18T09:00:00Z'), 'escalation-prompt');
    expect(n).toMatchObject({
      id: 'escalation-prompt:CMOE-0001:2025-11-20T09:00:00.000Z',
      dueAt: '2026-03-18T08:30:00.000Z',
      mentions: [CHAIR_PERSON],
      case: { ref: 'CMOE-0001', label: 'CMOE-0001 (T.C., Year 8)', version: 7 },
      reasons: ['flagged stuck by the chair'],
    });
  });

  it('start a new episode after progress, and are not sent for escalated cases or cases awaiting a response', () => {
    const progressed = makeCase({ stuckFlag: true, lastProgressAt: '2026-03-01T09:00:00.000Z' });
    expect(ids(ofKind(plan({ cases: [progressed] }, '2026-03-18T09:00:00Z'), 'escalation-prompt'))).toEqual([
      'escalation-prompt:CMOE-0001:2026-03-01T09:00:00.000Z',
    ]);
    const escalated = makeCase({ stuckFlag: true, status: 'escalated' });
    expect(plan({ cases: [escalated] }, '2026-03-18T09:00:00Z')).toEqual([]);
    const awaiting = [makeEscalation({ responseDue: '2026-04-30' })];
    expect(
      ofKind(
        plan({ cases: [makeCase({ stuckFlag: true })], escalations: awaiting }, '2026-03-18T09:00:00Z'),
        'escalation-prompt',
      ),
    ).toEqual([]);
  });

  it('find cases stuck by deferrals and by no progress over the last two meetings', () => {
    const meetings = [
      makeMeeting({ id: 'jan', startsAt: '2026-01-12T10:00:00.000Z', status: 'completed' }),
      makeMeeting({ id: 'feb', startsAt: '2026-02-09T10:00:00.000Z', status: 'completed' }),
    ];
    const cases = [
      makeCase({ ref: 'CMOE-0001', lastProgressAt: '2025-12-01T09:00:00.000Z' }),
      makeCase({ ref: 'CMOE-0002', lastProgressAt: '2026-02-01T09:00:00.000Z' }),
    ];
    const deferrals = [1, 2].map((i) => ({
      from: `2026-02-0${i}`,
      to: `2026-02-1${i}`,
      reason: 'Waiting',
      by: OWNER_PERSON,
      at: '2026-02-01T09:00:00.000Z',
    }));
    const actions = [makeAction({ caseRef: 'CMOE-0002', dueDate: '2026-04-20', deferrals })];
    const prompts = ofKind(plan({ cases, meetings, actions }, '2026-03-02T09:00:00Z'), 'escalation-prompt');
    expect(prompts.map((p) => [p.case.ref, p.reasons])).toEqual([
      ['CMOE-0001', ['no progress at the last 2 meetings']],
      ['CMOE-0002', ['action deferred 2 times']],
    ]);
  });
});

describe('escalation prompts on closed days', () => {
  it("are not planned by a run on a weekend or before 08:30, and go out at the next working day's 08:30", () => {
    const cases = [makeCase({ stuckFlag: true })];
    // Saturday 14 March 2026 (a restart), and Monday 16 March before and at the slot.
    expect(ofKind(plan({ cases }, '2026-03-14T12:00:00Z'), 'escalation-prompt')).toEqual([]);
    expect(ofKind(plan({ cases }, '2026-03-16T08:00:00Z'), 'escalation-prompt')).toEqual([]);
    expect(ids(ofKind(plan({ cases }, '2026-03-16T08:30:00Z'), 'escalation-prompt'))).toEqual([
      'escalation-prompt:CMOE-0001:2025-11-20T09:00:00.000Z',
    ]);
  });
});

describe('escalation response overdue', () => {
  it('goes out the working day after the response was due, mentioning the chair', () => {
    const cases = [makeCase({ status: 'escalated' })];
    const escalations = [makeEscalation({ responseDue: '2026-03-13' })];
    expect(ofKind(plan({ cases, escalations }, '2026-03-14T12:00:00Z'), 'escalation-overdue')).toEqual([]);
    const [n] = ofKind(plan({ cases, escalations }, '2026-03-16T08:30:00Z'), 'escalation-overdue');
    expect(n).toMatchObject({
      id: 'escalation-overdue:esc-1:2026-03-13',
      dueAt: '2026-03-16T08:30:00.000Z',
      mentions: [CHAIR_PERSON],
      escalation: { id: 'esc-1', to: 'head-of-service', responseDue: '2026-03-13' },
    });
  });

  it('waits past a bank holiday and stops once a response is recorded', () => {
    const cases = [makeCase({ status: 'escalated' })];
    const escalations = [makeEscalation({ responseDue: '2026-04-02' })];
    expect(ofKind(plan({ cases, escalations }, '2026-04-06T12:00:00Z'), 'escalation-overdue')).toEqual([]);
    expect(ofKind(plan({ cases, escalations }, '2026-04-07T07:30:00Z'), 'escalation-overdue')).toHaveLength(
      1,
    );
    const answered = [
      makeEscalation({ responseDue: '2026-04-02', response: 'Agreed', respondedOn: '2026-04-03' }),
    ];
    expect(plan({ cases, escalations: answered }, '2026-04-07T09:00:00Z')).toEqual([]);
  });
});

describe('minutes published', () => {
  const meetings = [
    makeMeeting({
      id: 'm-march',
      status: 'completed',
      startsAt: '2026-03-09T10:00:00.000Z',
      minutesPublishedAt: '2026-03-10T15:04:00.000Z',
    }),
  ];

  it('go out as soon as they are published, not at the next slot', () => {
    expect(plan({ meetings }, '2026-03-10T15:03:00Z')).toEqual([]);
    const [n] = plan({ meetings }, '2026-03-10T15:05:00Z', NP);
    expect(n).toMatchObject({
      id: 'minutes-published:m-march',
      kind: 'minutes-published',
      dueAt: '2026-03-10T15:04:00.000Z',
      meeting: { id: 'm-march', date: '2026-03-09' },
    });
  });

  it('are still announced after a few days of downtime, but not weeks later', () => {
    expect(ids(plan({ meetings }, '2026-03-17T09:00:00Z'))).toEqual(['minutes-published:m-march']);
    expect(plan({ meetings }, '2026-03-18T09:00:00Z')).toEqual([]);
  });

  it('are the only kind the quick ticks plan', () => {
    const cases = [makeCase({ stuckFlag: true })];
    const list = planNotifications(snapshot({ cases, meetings }), POLICY, NP, at('2026-03-10T15:05:00Z'), {
      kinds: IMMEDIATE_KINDS,
    });
    expect(ids(list)).toEqual(['minutes-published:m-march']);
  });
});

describe('annual review of the terms of reference', () => {
  const np = { ...NP, torAnniversary: '2025-05-20' };

  it('prompts the chair a month before the anniversary, at the summer-time slot', () => {
    expect(ofKind(plan({}, '2026-04-20T07:29:00Z', np), 'tor-review')).toEqual([]);
    const [n] = ofKind(plan({}, '2026-04-20T07:30:00Z', np), 'tor-review');
    expect(n).toMatchObject({
      id: 'tor-review:2026',
      kind: 'tor-review',
      anniversary: '2026-05-20',
      reviewBy: '2026-04-20',
      mentions: [CHAIR_PERSON],
    });
    expect(ofKind(plan({}, '2026-05-20T09:00:00Z', np), 'tor-review')).toEqual([]);
  });

  it('moves to the next working day and clamps to the end of a shorter month', () => {
    // A month before 31 March 2027 is 28 February 2027, a Sunday: the prompt is on Monday 1 March.
    const [n] = ofKind(
      plan({}, '2027-03-01T09:00:00Z', { ...NP, torAnniversary: '2024-03-31' }),
      'tor-review',
    );
    expect(n).toMatchObject({ id: 'tor-review:2027', reviewBy: '2027-03-01' });
  });

  it('is not sent without the setting', () => {
    expect(ofKind(plan({}, '2026-04-20T09:00:00Z'), 'tor-review')).toEqual([]);
  });
});

describe('every plan', () => {
  /** A busy morning: every kind of notification is due at once. */
  function busy(now = '2026-04-01T09:00:00Z') {
    const child = distinctiveCase({ ref: 'CMOE-0042', stuckFlag: true, status: 'escalated' });
    const other = distinctiveCase({ ref: 'CMOE-0043', stuckFlag: true });
    const description = `Call ${child.firstName}'s mother at 17 Wisteria Crescent (DOB ${child.dateOfBirth})`;
    return planNotifications(
      snapshot({
        cases: [child, other],
        actions: [
          makeAction({ id: 'a-soon', caseRef: 'CMOE-0042', dueDate: '2026-04-02', description }),
          makeAction({ id: 'a-late', caseRef: 'CMOE-0043', dueDate: '2026-03-13', description }),
        ],
        meetings: [
          makeMeeting({
            id: 'm-march',
            status: 'completed',
            startsAt: '2026-03-09T10:00:00.000Z',
            minutesPublishedAt: '2026-03-31T15:00:00.000Z',
          }),
        ],
        escalations: [
          makeEscalation({
            caseRef: 'CMOE-0042',
            responseDue: '2026-03-20',
            reason: `${child.firstName} ${child.lastName} has no school place`,
          }),
        ],
      }),
      POLICY,
      { ...NP, torAnniversary: '2025-05-01' },
      at(now),
    );
  }

  it('covers every message type of the bot table', () => {
    expect(new Set(busy().map((n) => n.kind))).toEqual(
      new Set([
        'meeting-reminder',
        'list-check-reminder',
        'action-due-soon',
        'action-overdue',
        'escalation-prompt',
        'escalation-overdue',
        'minutes-published',
        'tor-review',
      ]),
    );
  });

  it('names children by ref, initials and year group only: no name, date of birth, address, school or category', () => {
    const text = JSON.stringify(busy());
    for (const s of FORBIDDEN_IN_CHANNEL) expect(text).not.toContain(s);
    for (const label of Object.values(CATEGORY_LABELS)) expect(text).not.toContain(label);
    expect(text).not.toContain('permanently-excluded');
    expect(text).toContain('CMOE-0042 (Z.Q., Year 8)');
  });

  it('gives the same ids on every run, oldest first, and leaves out what was sent', () => {
    const first = busy();
    expect(ids(busy())).toEqual(ids(first));
    const dues = first.map((n) => n.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const sent = new Set(ids(first).slice(0, 3));
    const again = planNotifications(snapshot({ cases: [] }), POLICY, NP, at('2026-04-01T09:00:00Z'), {
      sent,
    });
    expect(ids(again).some((id) => sent.has(id))).toBe(false);
  });

  it('produces notifications that pass their own schema (they are parsed back from card data)', () => {
    for (const n of busy()) expect(notificationSchema.parse(n)).toEqual(n);
  });
});

describe('the meeting reminder at scale', () => {
  it("counts exactly what the meeting's agenda holds, though it reads only the actions an agenda can use", () => {
    const today = '2026-03-02';
    const data = generateDemoData({ cases: 400, today, policy: POLICY });
    const book = { createdAt: '2025-09-01T09:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z', version: 1 };
    const ref = (i: number) => `CMOE-${String(i + 1).padStart(4, '0')}`;
    const cases = data.cases.map((c, i) => ({ ...c, ...book, ref: ref(i) }) as Case);
    const actions = data.actions.map(
      ({ caseIndex, ...a }, i) => ({ ...a, ...book, id: `a${i}`, caseRef: ref(caseIndex) }) as Action,
    );
    const escalations = data.escalations.map(
      ({ caseIndex, ...e }, i) => ({ ...e, ...book, id: `e${i}`, caseRef: ref(caseIndex) }) as Escalation,
    );
    const meetings = data.meetings.map((m, i) => ({ ...m, ...book, id: `m${i}` }) as Meeting);
    // A case with no change since long ago, kept from being stuck only by an action completed after the
    // last two meetings started: dropping completed actions would wrongly put it among the stuck.
    const lastTwo = meetings
      .filter((m) => m.status !== 'cancelled' && m.startsAt < '2026-03-02T09:00:00.000Z')
      .map((m) => m.startsAt)
      .sort()
      .slice(-2);
    const since = toLondonDate(new Date(lastTwo[0] as string));
    cases.push(
      makeCase({
        ref: 'CMOE-9000',
        concern: 'low',
        lastProgressAt: '2025-06-01T09:00:00.000Z',
        createdAt: '2025-06-01T09:00:00.000Z',
      }),
    );
    actions.push(
      makeAction({
        id: 'kept-it-moving',
        caseRef: 'CMOE-9000',
        status: 'done',
        completedOn: since,
        dueDate: since,
      }),
    );
    const upcoming = meetings
      .filter((m) => m.startsAt > '2026-03-02T12:00:00.000Z')
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1))[0];
    if (!upcoming) throw new Error('the demo has no upcoming meeting');
    // The morning of the reminder: 2 working days before the meeting, at 09:00.
    const day = addWorkingDays(toLondonDate(new Date(upcoming.startsAt)), -2, POLICY.calendar);
    const now = londonInstant(day, '09:00');
    const [reminder] = ofKind(
      planNotifications({ cases, actions, meetings, escalations, chairs: [] }, POLICY, NP, now),
      'meeting-reminder',
    );
    const agenda = buildAgenda({
      cases: cases.filter((c) => c.status !== 'closed'),
      actions,
      escalations,
      meetings,
      meetingStartsAt: new Date(upcoming.startsAt),
      now,
      policy: POLICY,
    });
    const expected = Object.fromEntries(
      AGENDA_SECTIONS.map((s) => [s, agenda.filter((i) => i.section === s).length]),
    );
    expect(reminder?.total).toBe(agenda.length);
    expect(reminder?.counts).toEqual(expected);
    expect(agenda.length).toBeGreaterThan(100);
    expect(agenda.find((i) => i.caseRef === 'CMOE-9000')?.section).toBe('other-open');
  });
});
