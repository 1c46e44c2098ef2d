import { buildAgenda } from '../../src/domain/agenda';
import type { AgendaInput } from '../../src/domain/agenda';
import { addDays } from '../../src/domain/calendar';
import {
  AGENDA_SECTIONS,
  type Action,
  type Case,
  type Concern,
  type Escalation,
} from '../../src/domain/types';
import { deferrals, makeAction, makeCase, makeEscalation, meeting, policyWith } from './fixtures';

const policy = policyWith();
const MEETING_AT = new Date('2026-03-03T10:00:00.000Z');
const MEETINGS = [
  meeting('jan', '2026-01-06T10:00:00.000Z'),
  meeting('feb', '2026-02-03T10:00:00.000Z'),
  meeting('mar', '2026-03-03T10:00:00.000Z', 'scheduled'),
];
/** Progress after the January meeting: not stuck. */
const RECENT = '2026-01-20T09:00:00.000Z';

function agenda(overrides: Partial<AgendaInput>) {
  return buildAgenda({
    cases: [],
    actions: [],
    escalations: [],
    meetings: MEETINGS,
    meetingStartsAt: MEETING_AT,
    now: new Date('2026-03-02T09:00:00.000Z'),
    policy,
    ...overrides,
  });
}

describe('agenda order', () => {
  const cases: Case[] = [
    makeCase({ ref: 'CMOE-0007', lastProgressAt: RECENT }),
    makeCase({ ref: 'CMOE-0006', lastProgressAt: RECENT, proposedForClosure: true }),
    makeCase({ ref: 'CMOE-0005', lastProgressAt: RECENT }),
    makeCase({ ref: 'CMOE-0004', lastProgressAt: RECENT }),
    makeCase({ ref: 'CMOE-0003', lastProgressAt: '2025-12-15T09:00:00.000Z' }),
    makeCase({ ref: 'CMOE-0002', lastProgressAt: RECENT, concern: 'high' }),
    makeCase({
      ref: 'CMOE-0001',
      concern: 'low',
      proposedForClosure: true,
      createdAt: '2026-02-10T09:00:00.000Z',
      lastProgressAt: '2026-02-10T09:00:00.000Z',
    }),
    makeCase({ ref: 'CMOE-0008', status: 'closed', concern: 'high', stuckFlag: true }),
  ];
  const actions: Action[] = [
    makeAction({ id: 'a3', caseRef: 'CMOE-0003', dueDate: '2026-02-27' }),
    makeAction({ id: 'a4', caseRef: 'CMOE-0004', dueDate: '2026-02-13' }),
    makeAction({ id: 'a4-due-on-the-day', caseRef: 'CMOE-0004', dueDate: '2026-03-03' }),
    makeAction({
      id: 'a4-done',
      caseRef: 'CMOE-0004',
      dueDate: '2026-01-30',
      status: 'done',
      completedOn: '2026-02-02',
    }),
    makeAction({ id: 'a8', caseRef: 'CMOE-0008', dueDate: '2026-01-30' }),
  ];
  const escalations: Escalation[] = [
    makeEscalation({ id: 'e5', caseRef: 'CMOE-0005', responseDue: '2026-03-03' }),
    makeEscalation({ id: 'e5-later', caseRef: 'CMOE-0005', responseDue: '2026-03-04' }),
    makeEscalation({
      id: 'e7-answered',
      caseRef: 'CMOE-0007',
      responseDue: '2026-02-20',
      response: 'Agreed',
    }),
  ];
  const items = agenda({ cases, actions, escalations });

  it('puts one case in each section, in the agenda order, with the reasons for it', () => {
    expect(items).toEqual([
      {
        caseRef: 'CMOE-0001',
        section: 'new-referral',
        reasons: ['new referral since the last meeting', 'proposed for closure'],
      },
      { caseRef: 'CMOE-0002', section: 'highest-concern', reasons: ['highest concern'] },
      {
        caseRef: 'CMOE-0003',
        section: 'stuck',
        reasons: ['no progress at the last 2 meetings', 'action overdue 2 working days'],
      },
      { caseRef: 'CMOE-0004', section: 'overdue-actions', reasons: ['action overdue 12 working days'] },
      {
        caseRef: 'CMOE-0005',
        section: 'escalation-response-due',
        reasons: ['escalation response due Tuesday 3 March 2026'],
      },
      { caseRef: 'CMOE-0006', section: 'proposed-closure', reasons: ['proposed for closure'] },
      { caseRef: 'CMOE-0007', section: 'other-open', reasons: [] },
    ]);
  });

  it('lists every open case exactly once and leaves closed cases out', () => {
    const refs = items.map((i) => i.caseRef);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toHaveLength(7);
    expect(refs).not.toContain('CMOE-0008');
  });

  it('lists every applicable reason for a case that qualifies for several sections', () => {
    const busy = makeCase({
      ref: 'CMOE-0042',
      concern: 'high',
      stuckFlag: true,
      proposedForClosure: true,
      createdAt: '2026-02-20T09:00:00.000Z',
      lastProgressAt: '2026-02-20T09:00:00.000Z',
    });
    const result = agenda({
      cases: [busy],
      actions: [
        makeAction({ id: 'x1', caseRef: 'CMOE-0042', dueDate: '2026-02-13', deferrals: deferrals(2) }),
        makeAction({ id: 'x2', caseRef: 'CMOE-0042', dueDate: '2026-02-27' }),
      ],
      escalations: [
        makeEscalation({ id: 'y2', caseRef: 'CMOE-0042', responseDue: '2026-03-02' }),
        makeEscalation({ id: 'y1', caseRef: 'CMOE-0042', responseDue: '2026-02-24' }),
      ],
    });
    expect(result).toEqual([
      {
        caseRef: 'CMOE-0042',
        section: 'new-referral',
        reasons: [
          'new referral since the last meeting',
          'highest concern',
          'flagged stuck by the chair',
          'action deferred 2 times',
          '2 actions overdue, the oldest by 12 working days',
          'escalation response due Tuesday 24 February 2026',
          'escalation response due Monday 2 March 2026',
          'proposed for closure',
        ],
      },
    ]);
  });

  it('orders a section by concern, then by ref number', () => {
    const after = '2026-02-10T09:00:00.000Z';
    const fresh = (ref: string, concern: Concern) =>
      makeCase({ ref, concern, createdAt: after, lastProgressAt: after });
    const settled = (ref: string, concern: Concern) => makeCase({ ref, concern, lastProgressAt: RECENT });
    const result = agenda({
      cases: [
        fresh('CMOE-0012', 'low'),
        fresh('CMOE-0013', 'medium'),
        fresh('CMOE-0011', 'high'),
        fresh('CMOE-0010', 'medium'),
        settled('CMOE-0100', 'low'),
        settled('CMOE-10000', 'medium'),
        settled('CMOE-0009', 'low'),
        settled('CMOE-9999', 'medium'),
      ],
    });
    expect(result.map((i) => `${i.section} ${i.caseRef}`)).toEqual([
      'new-referral CMOE-0011',
      'new-referral CMOE-0010',
      'new-referral CMOE-0013',
      'new-referral CMOE-0012',
      'other-open CMOE-9999',
      'other-open CMOE-10000',
      'other-open CMOE-0009',
      'other-open CMOE-0100',
    ]);
  });

  it('treats every case as new when no meeting has been held before', () => {
    const result = agenda({ cases: [makeCase({ ref: 'CMOE-0001' })], meetings: [] });
    expect(result[0]).toMatchObject({
      section: 'new-referral',
      reasons: ['new referral since the last meeting'],
    });
  });

  it('ignores cancelled meetings when deciding what is new', () => {
    const meetings = [
      meeting('jan', '2026-01-06T10:00:00.000Z'),
      meeting('feb', '2026-02-03T10:00:00.000Z', 'cancelled'),
    ];
    const created = makeCase({
      ref: 'CMOE-0001',
      createdAt: '2026-01-20T09:00:00.000Z',
      lastProgressAt: RECENT,
    });
    expect(agenda({ cases: [created], meetings })[0]?.section).toBe('new-referral');
    expect(agenda({ cases: [created] })[0]?.section).toBe('other-open');
  });

  it('does not count the meeting under way as one of the meetings with no progress', () => {
    // Progress between the January and February meetings: stuck only if March were counted.
    const inProgress = MEETINGS.map((m) => (m.id === 'mar' ? { ...m, status: 'in-progress' as const } : m));
    const result = agenda({
      cases: [makeCase({ ref: 'CMOE-0001', lastProgressAt: RECENT })],
      meetings: inProgress,
      now: new Date('2026-03-03T10:30:00.000Z'),
    });
    expect(result).toEqual([{ caseRef: 'CMOE-0001', section: 'other-open', reasons: [] }]);
  });

  it('judges overdue actions and escalation responses as of the meeting day, not today', () => {
    const c = makeCase({ ref: 'CMOE-0001', lastProgressAt: RECENT });
    const result = agenda({
      cases: [c],
      actions: [makeAction({ caseRef: 'CMOE-0001', dueDate: '2026-03-02' })],
      now: new Date('2026-02-25T09:00:00.000Z'),
    });
    expect(result[0]).toMatchObject({
      section: 'overdue-actions',
      reasons: ['action overdue 1 working day'],
    });
  });
});

// Speed is measured by `npm run bench` (docs/benchmarks.md), never asserted in a test.
describe('agenda at scale', () => {
  it('lists each of 10,000 open cases exactly once, in section order', () => {
    const concerns: Concern[] = ['high', 'medium', 'low'];
    const cases: Case[] = [];
    const actions: Action[] = [];
    const escalations: Escalation[] = [];
    for (let i = 1; i <= 10_000; i++) {
      const ref = `CMOE-${String(i).padStart(4, '0')}`;
      cases.push(
        makeCase({
          ref,
          concern: concerns[i % 3]!,
          status: i % 10 === 0 ? 'closed' : 'open',
          stuckFlag: i % 97 === 0,
          proposedForClosure: i % 50 === 0,
          createdAt: i % 20 === 0 ? '2026-02-20T09:00:00.000Z' : '2025-06-01T09:00:00.000Z',
          lastProgressAt: i % 3 === 0 ? '2025-12-01T09:00:00.000Z' : RECENT,
        }),
      );
      for (let j = 0; j < 3; j++) {
        actions.push(
          makeAction({
            id: `${ref}-${j}`,
            caseRef: ref,
            dueDate: addDays('2025-12-01', (i * 7 + j * 13) % 150),
            status: j === 2 ? 'done' : 'open',
            completedOn: j === 2 ? '2026-01-10' : null,
          }),
        );
      }
      if (i % 10 === 3)
        escalations.push(
          makeEscalation({ id: `e-${i}`, caseRef: ref, responseDue: addDays('2026-02-01', i % 60) }),
        );
    }
    const input = { cases, actions, escalations };

    const items = agenda(input);
    expect(items).toHaveLength(9_000);
    expect(new Set(items.map((i) => i.caseRef)).size).toBe(9_000);
    const order = items.map((i) => AGENDA_SECTIONS.indexOf(i.section));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
