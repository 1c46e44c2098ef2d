import { ukDate, ukDateTime, ukTime } from '../../src/domain/ukDates';

describe('UK dates in words', () => {
  test('a London calendar date reads as weekday, day, month and year, without a comma', () => {
    expect(ukDate('2026-12-08')).toBe('Tuesday 8 December 2026');
    expect(ukDate('2027-01-01')).toBe('Friday 1 January 2027');
    expect(ukDate('2028-02-29')).toBe('Tuesday 29 February 2028');
  });

  test('an instant is read on the London clock, in winter (GMT) and in summer (BST)', () => {
    expect(ukDateTime('2026-12-08T10:00:00Z')).toBe('Tuesday 8 December 2026 at 10:00');
    expect(ukDateTime('2026-07-01T09:00:00Z')).toBe('Wednesday 1 July 2026 at 10:00');
    // 23:30 UTC on 30 June is already 1 July in London.
    expect(ukDateTime('2026-06-30T23:30:00Z')).toBe('Wednesday 1 July 2026 at 00:30');
    expect(ukTime(new Date('2026-03-29T01:00:00Z'))).toBe('02:00');
  });

  test('text that is not a date is shown as it came, not as "Invalid Date"', () => {
    expect(ukDate('not a date')).toBe('not a date');
  });
});
