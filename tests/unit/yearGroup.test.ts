import { nationalCurriculumYear, yearGroupFor, yearGroupMismatch } from '../../src/domain/yearGroup';

describe('national curriculum year with the 1 September cut-off', () => {
  it('puts a child born on 1 September 2020 in Reception from 1 September 2025', () => {
    expect(nationalCurriculumYear('2020-09-01', '2025-09-01')).toBe(0);
    expect(yearGroupFor('2020-09-01', '2025-09-01')).toBe('R');
  });

  it('puts a child born a day earlier, on 31 August 2020, a year ahead in Year 1', () => {
    expect(nationalCurriculumYear('2020-08-31', '2025-09-01')).toBe(1);
    expect(yearGroupFor('2020-08-31', '2025-09-01')).toBe('1');
  });

  it('keeps the youngest of the cohort (born 31 August 2021) in Reception', () => {
    expect(yearGroupFor('2021-08-31', '2025-09-01')).toBe('R');
  });

  it('moves a child up a year on 1 September, not before', () => {
    expect(yearGroupFor('2020-09-01', '2026-08-31')).toBe('R');
    expect(yearGroupFor('2020-09-01', '2026-09-01')).toBe('1');
  });

  it('gives a negative year and no year group for a nursery-age child', () => {
    expect(nationalCurriculumYear('2021-09-01', '2025-09-01')).toBe(-1);
    expect(yearGroupFor('2021-09-01', '2025-09-01')).toBeNull();
  });

  it('gives Year 11 to the oldest compulsory cohort and no year group a day older', () => {
    expect(yearGroupFor('2009-09-01', '2025-09-01')).toBe('11');
    expect(yearGroupFor('2010-08-31', '2026-07-20')).toBe('11');
    expect(nationalCurriculumYear('2009-08-31', '2025-09-01')).toBe(12);
    expect(yearGroupFor('2009-08-31', '2025-09-01')).toBeNull();
  });

  it('works on any date in the academic year, including January', () => {
    expect(yearGroupFor('2013-05-10', '2026-01-15')).toBe('8');
    expect(yearGroupFor('2013-05-10', '2025-12-31')).toBe('8');
  });
});

describe('year group mismatch warning', () => {
  it('is null when the typed year group matches the date of birth', () => {
    expect(yearGroupMismatch('2013-05-10', '8', '2026-03-10')).toBeNull();
    expect(yearGroupMismatch('2020-09-01', 'R', '2025-09-01')).toBeNull();
  });

  it('names both year groups and nothing about the child', () => {
    const message = yearGroupMismatch('2013-05-10', '7', '2026-03-10');
    expect(message).toBe('Year group 7 differs from the year group for the date of birth (8).');
    expect(message).not.toContain('2013');
  });

  it('says nursery age or post-16 when the date of birth is outside R to 11', () => {
    expect(yearGroupMismatch('2021-09-01', 'R', '2025-09-01')).toBe(
      'Year group R differs from the year group for the date of birth (nursery age).',
    );
    expect(yearGroupMismatch('2009-08-31', '11', '2025-09-01')).toBe(
      'Year group 11 differs from the year group for the date of birth (post-16).',
    );
  });

  it('flags a Reception child typed as Year 1', () => {
    expect(yearGroupMismatch('2020-09-01', '1', '2025-09-01')).toBe(
      'Year group 1 differs from the year group for the date of birth (R).',
    );
  });
});
