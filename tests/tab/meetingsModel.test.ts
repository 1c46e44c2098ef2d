import {
  agendaCounts,
  archiveStatus,
  groupAgenda,
  hasContent,
  latestRecord,
  sortEscalations,
  splitMeetings,
  startsAtFrom,
} from '../../src/tab/components/Meetings/meetingsModel';
import type { MeetingCaseRecord } from '../../src/domain/types';
import { makeEscalation, makeMeeting } from './fakeApi';

const TODAY = '2026-11-28';

describe('the meetings screens’ rules', () => {
  test('a typed London date and time becomes the instant, on summer and winter clocks', () => {
    expect(startsAtFrom('2026-07-01', '09:30')).toBe('2026-07-01T08:30:00.000Z');
    expect(startsAtFrom('2026-12-01', '09:30')).toBe('2026-12-01T09:30:00.000Z');
    expect(startsAtFrom(null, '09:30')).toBeNull();
    expect(startsAtFrom('2026-12-01', '')).toBeNull();
    expect(startsAtFrom('2026-12-01', '25:00')).toBeNull();
  });

  test('upcoming: in progress first (even from an earlier day), then scheduled from today; the rest is archive, newest first', () => {
    const meetings = [
      makeMeeting(1, { startsAt: '2026-12-08T10:00:00.000Z' }),
      makeMeeting(2, { startsAt: '2026-11-28T10:00:00.000Z' }),
      makeMeeting(3, { startsAt: '2026-11-27T10:00:00.000Z', status: 'in-progress' }),
      makeMeeting(4, { startsAt: '2026-11-20T10:00:00.000Z' }),
      makeMeeting(5, { startsAt: '2026-10-13T09:00:00.000Z', status: 'completed' }),
      makeMeeting(6, { startsAt: '2026-11-10T10:00:00.000Z', status: 'cancelled' }),
    ];
    const { upcoming, archive } = splitMeetings(meetings, TODAY);
    expect(upcoming.map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
    expect(archive.map((m) => m.id)).toEqual(['m4', 'm6', 'm5']);
    expect(archive.map(archiveStatus)).toEqual(['Not held', 'Cancelled', 'Held · minutes not yet published']);
  });

  test('the agenda in SPEC’s section order, empty sections left out', () => {
    const items = [
      { caseRef: 'CMOE-0003', section: 'other-open' as const, reasons: [] },
      { caseRef: 'CMOE-0001', section: 'stuck' as const, reasons: ['x'] },
      { caseRef: 'CMOE-0002', section: 'new-referral' as const, reasons: ['y'] },
      { caseRef: 'CMOE-0004', section: 'stuck' as const, reasons: ['z'] },
    ];
    expect(groupAgenda(items).map((g) => [g.section, g.items.map((i) => i.caseRef)])).toEqual([
      ['new-referral', ['CMOE-0002']],
      ['stuck', ['CMOE-0001', 'CMOE-0004']],
      ['other-open', ['CMOE-0003']],
    ]);
    expect(agendaCounts(items).map((c) => c.count)).toEqual([1, 2, 1]);
  });

  test('"now" is the record saved last; an empty autosave says nothing yet', () => {
    const r = (
      caseRef: string,
      updatedAt: string,
      over: Partial<MeetingCaseRecord> = {},
    ): MeetingCaseRecord => ({
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
      updatedAt,
      ...over,
    });
    const a = r('CMOE-0001', '2026-11-28T10:00:00.000Z', { decisions: 'd' });
    const b = r('CMOE-0002', '2026-11-28T10:05:00.000Z', { actionIds: ['a1'] });
    expect(latestRecord([b, a])?.caseRef).toBe('CMOE-0002');
    expect(latestRecord([])).toBeNull();
    expect(hasContent(r('CMOE-0003', '2026-11-28T10:06:00.000Z'))).toBe(false);
    expect(hasContent(r('CMOE-0003', '2026-11-28T10:06:00.000Z', { challengeNote: 'why not' }))).toBe(true);
  });

  test('escalations: overdue first, then awaiting by due date, then answered newest first', () => {
    const list = [
      makeEscalation(1, { response: 'ok', raisedOn: '2026-10-01' }),
      makeEscalation(2, { responseDue: '2026-12-10' }),
      makeEscalation(3, { responseDue: '2026-11-20' }),
      makeEscalation(4, { response: 'ok', raisedOn: '2026-11-01' }),
      makeEscalation(5, { responseDue: '2026-12-01' }),
    ];
    expect(sortEscalations(list, TODAY).map((e) => e.id)).toEqual(['e3', 'e5', 'e2', 'e4', 'e1']);
  });
});
