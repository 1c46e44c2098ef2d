import { buildMinutes } from '../../src/domain/minutes';
import type { Meeting, MeetingCaseRecord } from '../../src/domain/types';
import { CHAIR, makeAction, makeCase, makeEscalation } from './fixtures';

const AT = '2026-04-07T09:00:00.000Z';

function record(caseRef: string, overrides: Partial<MeetingCaseRecord> = {}): MeetingCaseRecord {
  return {
    caseRef,
    summary: '',
    decisions: '',
    concernChange: null,
    actionIds: [],
    escalationId: null,
    closure: null,
    challengeNote: null,
    leadChange: null,
    version: 1,
    updatedAt: AT,
    ...overrides,
  };
}

function meetingWith(records: MeetingCaseRecord[], agendaRefs: string[]): Meeting {
  return {
    id: 'm1',
    startsAt: AT,
    chair: CHAIR,
    attendees: [{ name: 'Attendee One', service: 'SEND', email: null }],
    apologies: [],
    status: 'completed',
    agenda: agendaRefs.map((caseRef) => ({ caseRef, section: 'other-open', reasons: [] })),
    records,
    minutesPublishedAt: null,
    createdAt: AT,
    updatedAt: AT,
    version: 3,
  };
}

describe('minutes', () => {
  const cases = [
    makeCase({ ref: 'CMOE-0001', firstName: 'Ada', lastName: 'Low', concern: 'low' }),
    makeCase({ ref: 'CMOE-0002', firstName: 'Bo', lastName: 'Raised', concern: 'high' }),
    makeCase({ ref: 'CMOE-0003', firstName: 'Cy', lastName: 'High', concern: 'high' }),
    makeCase({ ref: 'CMOE-0004', firstName: 'Di', lastName: 'Skipped', concern: 'medium' }),
  ];

  test('children of highest concern come first, judged by the concern the meeting left them at', () => {
    const m = meetingWith(
      [
        record('CMOE-0001'),
        record('CMOE-0002', { concernChange: { from: 'medium', to: 'high' } }),
        record('CMOE-0003', { concernChange: { from: 'high', to: 'medium' } }),
      ],
      ['CMOE-0003', 'CMOE-0001', 'CMOE-0002', 'CMOE-0004'],
    );
    const minutes = buildMinutes({ meeting: m, cases, actions: [], escalations: [] });
    expect(minutes.cases.map((c) => [c.caseRef, c.highestConcern])).toEqual([
      ['CMOE-0002', true],
      ['CMOE-0003', false],
      ['CMOE-0001', false],
    ]);
    expect(minutes.cases[0]?.concernChange).toBe('Medium to High');
    expect(minutes.notDiscussed).toEqual(['CMOE-0004']);
    expect(minutes.date).toBe('2026-04-07');
    expect(minutes.attendees).toEqual(['Attendee One (SEND)']);
  });

  test('a case’s actions are minuted in the order the meeting set them, whatever order the store lists them in', () => {
    const m = meetingWith([record('CMOE-0001', { actionIds: ['z-first', 'a-second', 'm-third'] })], []);
    const set = (id: string, description: string) =>
      makeAction({ id, caseRef: 'CMOE-0001', meetingId: 'm1', description, createdAt: AT });
    for (const listed of [
      [set('m-third', 'Third'), set('a-second', 'Second'), set('z-first', 'First')],
      [set('a-second', 'Second'), set('z-first', 'First'), set('m-third', 'Third')],
    ]) {
      const minutes = buildMinutes({ meeting: m, cases, actions: listed, escalations: [] });
      expect(minutes.cases[0]!.actions.map((a) => a.description)).toEqual(['First', 'Second', 'Third']);
    }
  });

  test('the meeting’s own actions and escalations are minuted; cancelled actions and other meetings’ are not', () => {
    const m = meetingWith(
      [
        record('CMOE-0001'),
        record('CMOE-0002', { closure: { reason: 'moved-out', date: '2026-04-07', note: null } }),
      ],
      [],
    );
    const actions = [
      makeAction({
        id: 'a1',
        caseRef: 'CMOE-0001',
        meetingId: 'm1',
        description: 'Visit',
        dueDate: '2026-04-20',
      }),
      makeAction({
        id: 'a2',
        caseRef: 'CMOE-0001',
        meetingId: 'm1',
        description: 'Cancelled one',
        status: 'cancelled',
      }),
      makeAction({ id: 'a3', caseRef: 'CMOE-0001', meetingId: 'other', description: 'Earlier meeting' }),
    ];
    const escalations = [
      makeEscalation({ id: 'e1', caseRef: 'CMOE-0001', meetingId: 'm1', decisionRequested: 'Fund a place' }),
      makeEscalation({ id: 'e2', caseRef: 'CMOE-0001', meetingId: null }),
    ];
    const minutes = buildMinutes({ meeting: m, cases, actions, escalations });
    const low = minutes.cases.find((c) => c.caseRef === 'CMOE-0001')!;
    expect(low.actions.map((a) => a.description)).toEqual(['Visit']);
    expect(low.section).toBe('Added during the meeting');
    expect(minutes.escalations.map((e) => e.decisionRequested)).toEqual(['Fund a place']);
    expect(minutes.closures).toEqual([
      {
        caseRef: 'CMOE-0002',
        childName: 'Bo Raised',
        reason: 'Moved out of the area, receiving authority informed',
        date: '2026-04-07',
      },
    ]);
  });
});
