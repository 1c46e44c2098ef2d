import {
  cadenceMeetings,
  nextMeetingOnOrAfter,
  previousMeeting,
  referralDateFor,
} from '../../src/domain/meetings';
import { meeting, policyWith } from './fixtures';

/** Every 4 weeks on Mondays from 12 January 2026, so one cadence date is Easter Monday (6 April 2026). */
const mondays = policyWith({ cadence: { anchorDate: '2026-01-12', everyWeeks: 4, time: '10:00' } });

describe('cadence meetings', () => {
  it('lists meetings every 4 weeks at 10:00 London time, in GMT and in BST', () => {
    expect(cadenceMeetings(mondays, '2026-01-12', 3)).toEqual([
      { date: '2026-01-12', startsAt: '2026-01-12T10:00:00.000Z' },
      { date: '2026-02-09', startsAt: '2026-02-09T10:00:00.000Z' },
      { date: '2026-03-09', startsAt: '2026-03-09T10:00:00.000Z' },
    ]);
  });

  it('moves a meeting on a bank holiday to the next working day (Easter Monday 2026 to Tuesday)', () => {
    expect(cadenceMeetings(mondays, '2026-03-10', 3)).toEqual([
      { date: '2026-04-07', startsAt: '2026-04-07T09:00:00.000Z' },
      { date: '2026-05-05', startsAt: '2026-05-05T09:00:00.000Z' },
      { date: '2026-06-01', startsAt: '2026-06-01T09:00:00.000Z' },
    ]);
  });

  it('includes a moved meeting whose original date was before the start date', () => {
    expect(cadenceMeetings(mondays, '2026-04-07', 1)[0]?.date).toBe('2026-04-07');
    expect(cadenceMeetings(mondays, '2026-04-06', 1)[0]?.date).toBe('2026-04-07');
    expect(cadenceMeetings(mondays, '2026-04-08', 1)[0]?.date).toBe('2026-05-05');
  });

  it('runs backwards from the anchor date too', () => {
    expect(cadenceMeetings(mondays, '2025-11-18', 2).map((m) => m.date)).toEqual([
      '2025-12-15',
      '2026-01-12',
    ]);
  });

  it('moves a meeting off an extra closure day from settings', () => {
    const closed = policyWith({
      cadence: mondays.cadence,
      calendar: { extraClosures: ['2026-02-09', '2026-02-10'], schoolHolidays: [] },
    });
    expect(cadenceMeetings(closed, '2026-02-01', 1)[0]?.date).toBe('2026-02-11');
  });

  it('lists a day once when a long closure moves two weekly meetings onto it', () => {
    // A two-week closure, Monday 3 to Friday 14 August 2026.
    const fortnight = [3, 4, 5, 6, 7, 10, 11, 12, 13, 14].map((d) => `2026-08-${String(d).padStart(2, '0')}`);
    const weekly = policyWith({
      cadence: { anchorDate: '2026-07-27', everyWeeks: 1, time: '09:30' },
      calendar: { extraClosures: fortnight, schoolHolidays: [] },
    });
    expect(cadenceMeetings(weekly, '2026-07-27', 3).map((m) => m.date)).toEqual([
      '2026-07-27',
      '2026-08-17',
      '2026-08-24',
    ]);
  });

  it('returns nothing for a count of 0 and refuses a negative count', () => {
    expect(cadenceMeetings(mondays, '2026-03-10', 0)).toEqual([]);
    expect(() => cadenceMeetings(mondays, '2026-03-10', -1)).toThrow(RangeError);
  });
});

describe('next meeting and referral date (ToR §4)', () => {
  it('dates a referral received before Easter to the meeting moved off Easter Monday', () => {
    expect(referralDateFor('2026-04-02', [], mondays)).toBe('2026-04-07');
  });

  it('dates a referral received on a meeting day to that day', () => {
    expect(referralDateFor('2026-03-09', [], mondays)).toBe('2026-03-09');
  });

  it('dates a referral received the day after a meeting to the next one', () => {
    expect(referralDateFor('2026-03-10', [], mondays)).toBe('2026-04-07');
  });

  it('prefers a stored meeting over the cadence', () => {
    const stored = [meeting('m-extra', '2026-03-20T14:00:00.000Z', 'scheduled')];
    expect(nextMeetingOnOrAfter('2026-03-10', stored, mondays)).toEqual({
      date: '2026-03-20',
      startsAt: '2026-03-20T14:00:00.000Z',
      meetingId: 'm-extra',
    });
  });

  it('takes the earliest of several stored meetings on or after the date', () => {
    const stored = [
      meeting('later', '2026-04-20T09:00:00.000Z', 'scheduled'),
      meeting('sooner', '2026-04-14T09:00:00.000Z', 'scheduled'),
      meeting('past', '2026-03-01T09:00:00.000Z'),
    ];
    expect(nextMeetingOnOrAfter('2026-04-02', stored, mondays).meetingId).toBe('sooner');
  });

  it('falls back to the cadence when every stored meeting is before the date', () => {
    const stored = [meeting('past', '2026-03-09T10:00:00.000Z')];
    expect(nextMeetingOnOrAfter('2026-03-10', stored, mondays)).toEqual({
      date: '2026-04-07',
      startsAt: '2026-04-07T09:00:00.000Z',
      meetingId: null,
    });
  });

  it('ignores cancelled meetings', () => {
    const stored = [meeting('off', '2026-03-20T14:00:00.000Z', 'cancelled')];
    expect(referralDateFor('2026-03-10', stored, mondays)).toBe('2026-04-07');
  });

  it('skips a cadence date whose meeting was cancelled without a replacement', () => {
    const stored = [meeting('off', '2026-04-07T09:00:00.000Z', 'cancelled')];
    expect(nextMeetingOnOrAfter('2026-03-10', stored, mondays)).toEqual({
      date: '2026-05-05',
      startsAt: '2026-05-05T09:00:00.000Z',
      meetingId: null,
    });
  });

  it('for the meeting still to be held, passes over one completed that day (a referral still counts it)', () => {
    const stored = [meeting('held', '2026-03-09T10:00:00.000Z', 'completed')];
    expect(nextMeetingOnOrAfter('2026-03-09', stored, mondays).meetingId).toBe('held');
    expect(nextMeetingOnOrAfter('2026-03-09', stored, mondays, { stillToBeHeld: true })).toEqual({
      date: '2026-04-07',
      startsAt: '2026-04-07T09:00:00.000Z',
      meetingId: null,
    });
  });

  it('compares stored meetings by their London date', () => {
    // 23:30Z on 30 June is 00:30 on 1 July in London.
    const stored = [meeting('late', '2026-06-30T23:30:00.000Z', 'scheduled')];
    expect(nextMeetingOnOrAfter('2026-07-01', stored, mondays)).toMatchObject({
      date: '2026-07-01',
      meetingId: 'late',
    });
  });
});

describe('previous meeting', () => {
  const meetings = [
    meeting('jan', '2026-01-12T10:00:00.000Z'),
    meeting('feb', '2026-02-09T10:00:00.000Z'),
    meeting('mar', '2026-03-09T10:00:00.000Z', 'cancelled'),
    meeting('apr', '2026-04-07T09:00:00.000Z', 'scheduled'),
  ];

  it('is the latest meeting that started at or before now, skipping cancelled ones', () => {
    expect(previousMeeting(new Date('2026-03-20T12:00:00Z'), meetings)?.id).toBe('feb');
    expect(previousMeeting(new Date('2026-02-09T10:00:00Z'), meetings)?.id).toBe('feb');
    expect(previousMeeting(new Date('2026-02-09T09:59:59Z'), meetings)?.id).toBe('jan');
  });

  it('is null before the first meeting', () => {
    expect(previousMeeting(new Date('2026-01-01T00:00:00Z'), meetings)).toBeNull();
  });
});
