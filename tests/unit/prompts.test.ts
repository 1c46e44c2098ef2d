import type { Policy } from '../../src/domain/policy';
import { exclusionProvisionDay, statutoryPrompts } from '../../src/domain/prompts';
import type { Case } from '../../src/domain/types';
import { makeCase, policyWith } from './fixtures';

const policy = policyWith();
const halfTerm: Policy = policyWith({
  calendar: { extraClosures: [], schoolHolidays: [{ start: '2026-02-16', end: '2026-02-20' }] },
});

function excluded(exclusionDate: string, overrides: Partial<Case> = {}): Case {
  return makeCase({ categories: ['permanently-excluded'], provision: 'none', exclusionDate, ...overrides });
}

describe('day-6 provision after a permanent exclusion', () => {
  it('counts the exclusion day as day 1 and skips the weekend', () => {
    // Wednesday 4 March 2026: days 1-3 Wed-Fri, 4-5 Mon-Tue, day 6 Wednesday 11 March.
    expect(exclusionProvisionDay('2026-03-04', policy)).toBe('2026-03-11');
    expect(statutoryPrompts(excluded('2026-03-04'), '2026-03-10', policy)).toEqual([]);
    expect(statutoryPrompts(excluded('2026-03-04'), '2026-03-11', policy)).toEqual([
      {
        code: 'day6-no-provision',
        dueOn: '2026-03-11',
        message:
          'Permanently excluded with no provision recorded: provision was required from the 6th school day (Wednesday 11 March 2026).',
      },
    ]);
    expect(statutoryPrompts(excluded('2026-03-04'), '2026-04-01', policy)).toHaveLength(1);
  });

  it('starts counting on the next school day when the exclusion date is not one', () => {
    expect(exclusionProvisionDay('2026-03-07', policy)).toBe('2026-03-16');
  });

  it('skips school holidays from settings, which are not school days', () => {
    expect(exclusionProvisionDay('2026-02-12', policy)).toBe('2026-02-19');
    expect(exclusionProvisionDay('2026-02-12', halfTerm)).toBe('2026-02-26');
    expect(statutoryPrompts(excluded('2026-02-12'), '2026-02-25', halfTerm)).toEqual([]);
    expect(statutoryPrompts(excluded('2026-02-12'), '2026-02-26', halfTerm)[0]?.dueOn).toBe('2026-02-26');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(exclusionProvisionDay('2026-04-02', policy)).toBe('2026-04-13');
  });

  it('uses the school day from the policy', () => {
    expect(exclusionProvisionDay('2026-03-04', policyWith({ exclusionProvisionSchoolDay: 1 }))).toBe(
      '2026-03-04',
    );
    const day3 = statutoryPrompts(
      excluded('2026-03-04'),
      '2026-03-06',
      policyWith({ exclusionProvisionSchoolDay: 3 }),
    );
    expect(day3[0]?.message).toContain('3rd school day');
  });

  it('does not prompt once there is provision, without the category, without a date or when closed', () => {
    const today = '2026-04-01';
    expect(statutoryPrompts(excluded('2026-03-04', { provision: 'section-19' }), today, policy)).toEqual([]);
    expect(statutoryPrompts(excluded('2026-03-04', { categories: ['cme'] }), today, policy)).toEqual([]);
    expect(statutoryPrompts(excluded('2026-03-04', { exclusionDate: null }), today, policy)).toEqual([]);
    expect(statutoryPrompts(excluded('2026-03-04', { status: 'closed' }), today, policy)).toEqual([]);
  });
});

describe('part-time timetable prompts', () => {
  const TODAY = '2026-03-10';
  const timetable = (overrides: Partial<Case>) =>
    makeCase({ provision: 'part-time-timetable', categories: ['part-time-or-ap'], ...overrides });

  it('prompts for a timetable with neither an end date nor a review date', () => {
    expect(statutoryPrompts(timetable({}), TODAY, policy)).toEqual([
      {
        code: 'timetable-no-end-or-review',
        dueOn: null,
        message: 'Part-time timetable with no end date or review date: set when it ends or will be reviewed.',
      },
    ]);
  });

  it('does not prompt while the end or review date is still ahead', () => {
    expect(statutoryPrompts(timetable({ timetableEndDate: '2026-04-01' }), TODAY, policy)).toEqual([]);
    expect(statutoryPrompts(timetable({ timetableReviewDate: TODAY }), TODAY, policy)).toEqual([]);
  });

  it('prompts when the end date has passed', () => {
    const prompts = statutoryPrompts(timetable({ timetableEndDate: '2026-03-09' }), TODAY, policy);
    expect(prompts.map((p) => [p.code, p.dueOn])).toEqual([['timetable-end-passed', '2026-03-09']]);
  });

  it('prompts when the review date has passed, and for both when both have', () => {
    const review = statutoryPrompts(timetable({ timetableReviewDate: '2026-03-01' }), TODAY, policy);
    expect(review.map((p) => [p.code, p.dueOn])).toEqual([['timetable-review-passed', '2026-03-01']]);
    const both = statutoryPrompts(
      timetable({ timetableEndDate: '2026-03-06', timetableReviewDate: '2026-02-27' }),
      TODAY,
      policy,
    );
    expect(both.map((p) => p.code)).toEqual(['timetable-end-passed', 'timetable-review-passed']);
  });

  it('does not prompt for other provision or a closed case', () => {
    expect(statutoryPrompts(timetable({ provision: 'alternative-provision' }), TODAY, policy)).toEqual([]);
    expect(statutoryPrompts(timetable({ status: 'closed' }), TODAY, policy)).toEqual([]);
  });
});
