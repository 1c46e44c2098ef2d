import { checkEligibility, weeksOut } from '../../src/domain/eligibility';
import type { EligibilityFields } from '../../src/domain/eligibility';
import { policyWith } from './fixtures';

const TODAY = '2026-03-10';
const policy = policyWith();

/** A Year 8 child out of any provision since exactly 4 weeks before TODAY. */
function fields(overrides: Partial<EligibilityFields> = {}): EligibilityFields {
  return {
    dateOfBirth: '2013-05-10',
    yearGroup: '8',
    provision: 'none',
    outOfEducationSince: '2026-02-10',
    categories: ['no-school-place'],
    concernNotes: null,
    ...overrides,
  };
}

describe('weeks out of education', () => {
  it('counts whole weeks, rounding down', () => {
    expect(weeksOut('2026-02-10', TODAY)).toBe(4);
    expect(weeksOut('2026-02-11', TODAY)).toBe(3);
    expect(weeksOut('2026-03-04', TODAY)).toBe(0);
    expect(weeksOut('2026-03-03', TODAY)).toBe(1);
  });

  it('is null without a date and 0 for a date in the future', () => {
    expect(weeksOut(null, TODAY)).toBeNull();
    expect(weeksOut('2026-04-10', TODAY)).toBe(0);
  });
});

describe('eligibility (ToR §3)', () => {
  it('accepts a child of compulsory school age out of provision for exactly 4 weeks without warnings', () => {
    expect(checkEligibility(fields(), TODAY, policy)).toEqual({ eligible: true, warnings: [] });
  });

  it('accepts a day short of 4 weeks with an out-less-than-threshold warning, not a rejection', () => {
    const result = checkEligibility(fields({ outOfEducationSince: '2026-02-11' }), TODAY, policy);
    expect(result).toEqual({
      eligible: false,
      warnings: [
        {
          code: 'out-less-than-threshold',
          message: 'Out of education for 3 weeks, less than the 4 weeks in the terms of reference (§3).',
        },
      ],
    });
  });

  it('uses the threshold from the policy', () => {
    const sixWeeks = policyWith({ eligibilityWeeksOut: 6 });
    expect(checkEligibility(fields(), TODAY, sixWeeks).eligible).toBe(false);
    expect(checkEligibility(fields({ outOfEducationSince: '2026-01-27' }), TODAY, sixWeeks).eligible).toBe(
      true,
    );
  });

  it('warns when a child with no provision has no out-of-education date', () => {
    const result = checkEligibility(fields({ outOfEducationSince: null }), TODAY, policy);
    expect(result.eligible).toBe(false);
    expect(result.warnings.map((w) => w.code)).toEqual(['no-out-of-education-date']);
  });

  it('warns when the child is outside compulsory school age by date of birth', () => {
    const postSixteen = checkEligibility(
      fields({ dateOfBirth: '2009-06-01', yearGroup: '11' }),
      TODAY,
      policy,
    );
    expect(postSixteen.eligible).toBe(false);
    expect(postSixteen.warnings.map((w) => w.code)).toEqual([
      'outside-compulsory-age',
      'year-group-mismatch',
    ]);
    expect(postSixteen.warnings[0]!.message).toContain('above compulsory school age');

    const nursery = checkEligibility(fields({ dateOfBirth: '2022-01-01', yearGroup: 'R' }), TODAY, policy);
    expect(nursery.eligible).toBe(false);
    expect(nursery.warnings[0]!.code).toBe('outside-compulsory-age');
    expect(nursery.warnings[0]!.message).toContain('below compulsory school age');
  });

  it('treats a year group that differs from the date of birth as a warning only', () => {
    const result = checkEligibility(fields({ yearGroup: '7' }), TODAY, policy);
    expect(result.eligible).toBe(true);
    expect(result.warnings).toEqual([
      {
        code: 'year-group-mismatch',
        message: 'Year group 7 differs from the year group for the date of birth (8).',
      },
    ]);
  });

  it('warns when an EHE arrangement is not recorded as unstable or of concern', () => {
    const result = checkEligibility(
      fields({ provision: 'ehe', outOfEducationSince: null, categories: ['cme'], concernNotes: '   ' }),
      TODAY,
      policy,
    );
    expect(result.eligible).toBe(false);
    expect(result.warnings.map((w) => w.code)).toEqual(['arrangement-not-of-concern']);
  });

  it('accepts an arrangement of concern however long the child has been out', () => {
    for (const provision of [
      'part-time-timetable',
      'alternative-provision',
      'ehe',
      'section-19',
      'other',
    ] as const) {
      const withNotes = fields({
        provision,
        outOfEducationSince: null,
        concernNotes: 'Attendance has collapsed',
      });
      expect(checkEligibility(withNotes, TODAY, policy)).toEqual({ eligible: true, warnings: [] });
    }
  });

  it('counts a concern category as making the arrangement of concern', () => {
    for (const category of ['ehe-unsatisfactory', 'part-time-or-ap', 'off-rolling'] as const) {
      const result = checkEligibility(
        fields({ provision: 'alternative-provision', outOfEducationSince: null, categories: [category] }),
        TODAY,
        policy,
      );
      expect(result.eligible).toBe(true);
    }
  });

  it('treats an arrangement category as an arrangement even when the provision is none', () => {
    const result = checkEligibility(
      fields({ outOfEducationSince: '2026-03-02', categories: ['ehe-unsatisfactory'] }),
      TODAY,
      policy,
    );
    expect(result).toEqual({ eligible: true, warnings: [] });
  });

  it('does not count time out of education when the child has some provision', () => {
    const result = checkEligibility(fields({ provision: 'part-time-timetable' }), TODAY, policy);
    expect(result.eligible).toBe(false);
    expect(result.warnings.map((w) => w.code)).toEqual(['arrangement-not-of-concern']);
  });
});
