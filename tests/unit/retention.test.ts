import { addDays } from '../../src/domain/calendar';
import {
  addCalendarMonth,
  addYears,
  DEFAULT_RETENTION_RULE,
  parseRetentionRule,
  retentionVerdict,
  reviewSchedule,
  type RetentionRule,
} from '../../src/domain/retention';
import { makeCase } from './fixtures';

// A fixed "today" (London): 2032-03-08.
const NOW = new Date('2032-03-08T09:00:00Z');
const TODAY = '2032-03-08';
const SIX_YEARS: RetentionRule = { kind: 'years-after-closure', years: 6 };

function closedOn(date: string, overrides: Parameters<typeof makeCase>[0] = {}) {
  return makeCase({ status: 'closed', closure: { reason: 'school-place', date, note: null }, ...overrides });
}

describe('retention rule setting', () => {
  it('reads both kinds of rule and refuses anything else', () => {
    expect(parseRetentionRule('years-after-closure:6')).toEqual(SIX_YEARS);
    expect(parseRetentionRule(' until-age : 25 ')).toEqual({ kind: 'until-age', age: 25 });
    expect(parseRetentionRule('until-age:12')).toBeNull();
    expect(parseRetentionRule('years-after-closure:0')).toBeNull();
    expect(parseRetentionRule('forever')).toBeNull();
  });

  it('defaults to keeping a record until the child is 25', () => {
    expect(DEFAULT_RETENTION_RULE).toEqual({ kind: 'until-age', age: 25 });
  });

  it('moves 29 February to 1 March in a year without one, never earlier', () => {
    expect(addYears('2008-02-29', 25)).toBe('2033-03-01');
    expect(addYears('2008-02-29', 4)).toBe('2012-02-29');
  });
});

describe('retentionVerdict', () => {
  it('proposes a case closed exactly six years ago under years-after-closure:6', () => {
    const closed = addYears(TODAY, -6);
    const v = retentionVerdict(closedOn(closed), NOW, SIX_YEARS);
    expect(v).toMatchObject({ due: true, dueFrom: TODAY });
    expect(v.reason).toContain(closed);
  });

  it('keeps a case closed one day short of six years', () => {
    const closed = addDays(addYears(TODAY, -6), 1);
    expect(retentionVerdict(closedOn(closed), NOW, SIX_YEARS)).toMatchObject({
      due: false,
      why: 'within-retention',
      dueFrom: addDays(TODAY, 1),
    });
  });

  it('proposes a case once the child is 25, without the birthday in the reason', () => {
    const dob = addYears(TODAY, -25);
    const v = retentionVerdict(closedOn('2024-07-19', { dateOfBirth: dob }), NOW, DEFAULT_RETENTION_RULE);
    expect(v.due).toBe(true);
    expect(v.reason).not.toContain(dob);
    const younger = retentionVerdict(
      closedOn('2024-07-19', { dateOfBirth: addDays(dob, 1) }),
      NOW,
      DEFAULT_RETENTION_RULE,
    );
    expect(younger).toMatchObject({ due: false, why: 'within-retention' });
  });

  it('never counts an age rule from before the closure', () => {
    const c = closedOn(addDays(TODAY, 1), { dateOfBirth: '1990-01-01' });
    expect(retentionVerdict(c, NOW, DEFAULT_RETENTION_RULE)).toMatchObject({ due: false });
  });

  it.each(['referred', 'open', 'escalated', 'monitoring'] as const)('never proposes a %s case', (status) => {
    const c = makeCase({ status, closure: null, dateOfBirth: '1990-01-01' });
    expect(retentionVerdict(c, NOW, SIX_YEARS)).toMatchObject({ due: false, why: 'not-closed' });
    expect(retentionVerdict(c, NOW, DEFAULT_RETENTION_RULE)).toMatchObject({ due: false, why: 'not-closed' });
  });

  it('never proposes a reopened case, even one long past retention', () => {
    const reopened = makeCase({
      status: 'open',
      closure: null,
      reopenings: [
        {
          closure: { reason: 'moved-out', date: '2010-01-04', note: null },
          reopenedOn: '2031-01-06',
          reopenedAt: '2031-01-06T10:00:00Z',
        },
      ],
    });
    expect(retentionVerdict(reopened, NOW, SIX_YEARS)).toMatchObject({ due: false, why: 'not-closed' });
  });

  it('never proposes a case whose recorded closure predates a reopening', () => {
    const c = closedOn('2010-01-04', {
      reopenings: [
        {
          closure: { reason: 'moved-out', date: '2009-06-01', note: null },
          reopenedOn: '2011-02-01',
          reopenedAt: '2011-02-01T10:00:00Z',
        },
      ],
    });
    expect(retentionVerdict(c, NOW, SIX_YEARS)).toMatchObject({ due: false, why: 'reopened-since-closure' });
  });

  it('counts from the latest closure of a case reopened and closed again', () => {
    const c = closedOn(addYears(TODAY, -6), {
      reopenings: [
        {
          closure: { reason: 'moved-out', date: addYears(TODAY, -9), note: null },
          reopenedOn: addYears(TODAY, -8),
          reopenedAt: `${addYears(TODAY, -8)}T10:00:00Z`,
        },
      ],
    });
    expect(retentionVerdict(c, NOW, SIX_YEARS)).toMatchObject({ due: true, dueFrom: TODAY });
  });

  it('never proposes a held case or one already disposed of', () => {
    const old = addYears(TODAY, -20);
    const held = closedOn(old, {
      retentionHold: { reason: 'Litigation hold', setBy: 'admin-1', setAt: '2031-01-06T10:00:00Z' },
    });
    expect(retentionVerdict(held, NOW, SIX_YEARS)).toMatchObject({ due: false, why: 'held' });
    const disposed = closedOn(old, {
      disposal: { disposedAt: '2031-01-06T10:00:00Z', approvedBy: 'admin-1' },
    });
    expect(retentionVerdict(disposed, NOW, SIX_YEARS)).toMatchObject({ due: false, why: 'disposed' });
  });
});

describe('the monthly disposal review', () => {
  it('falls due a calendar month on, on the last day of a shorter month', () => {
    expect(addCalendarMonth('2027-01-31')).toBe('2027-02-28');
    expect(addCalendarMonth('2028-01-31')).toBe('2028-02-29');
    expect(addCalendarMonth('2027-03-31')).toBe('2027-04-30');
    expect(addCalendarMonth('2027-02-28')).toBe('2027-03-28');
    expect(addCalendarMonth('2027-12-15')).toBe('2028-01-15');
  });

  it('is overdue the day after it was due, in London time, and due at once when none was held', () => {
    const last = new Date('2027-01-31T12:00:00Z');
    expect(reviewSchedule(last, new Date('2027-02-28T23:30:00Z'))).toEqual({
      previous: '2027-01-31',
      dueOn: '2027-02-28',
      overdue: false,
      nextDue: '2027-03-28',
    });
    expect(reviewSchedule(last, new Date('2027-03-01T00:30:00Z'))).toMatchObject({ overdue: true });
    // 23:30 UTC on 31 March 2027 is already 1 April in London (BST).
    expect(reviewSchedule(null, new Date('2027-03-31T23:30:00Z'))).toEqual({
      previous: null,
      dueOn: null,
      overdue: true,
      nextDue: '2027-05-01',
    });
  });
});
