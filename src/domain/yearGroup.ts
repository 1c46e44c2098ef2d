/**
 * National curriculum year (NCY) in England from a date of birth, with the 1 September cut-off.
 *
 * A child's cohort is the academic year (1 September to 31 August) in which they were born; they start
 * Reception in the September after they turn 4, which is five academic years after the cohort's start.
 */
import type { LocalDate, YearGroup } from './types';

/** The calendar year in which the academic year containing `d` started (academic years start 1 September). */
function academicYearStart(d: LocalDate): number {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  return month >= 9 ? year : year - 1;
}

/**
 * England's national curriculum year on `on` for a child born on `dateOfBirth`: 0 is Reception, 1–11 are
 * Years 1 to 11, -1 or lower is nursery age and 12 or higher is post-16.
 *
 * A child born 1 September 2020 – 31 August 2021 is in Reception (0) in the academic year that starts on
 * 1 September 2025.
 */
export function nationalCurriculumYear(dateOfBirth: LocalDate, on: LocalDate): number {
  return academicYearStart(on) - academicYearStart(dateOfBirth) - 5;
}

/** The year group R–11 on `on`, or null when the child is outside compulsory school age (R to 11). */
export function yearGroupFor(dateOfBirth: LocalDate, on: LocalDate): YearGroup | null {
  return yearGroupOfNcy(nationalCurriculumYear(dateOfBirth, on));
}

function yearGroupOfNcy(ncy: number): YearGroup | null {
  if (ncy === 0) return 'R';
  if (ncy >= 1 && ncy <= 11) return String(ncy) as YearGroup;
  return null;
}

/**
 * A warning when the typed year group differs from the one the date of birth gives (a child may be
 * educated out of cohort, so this is never an error), else null. The message names year groups only,
 * never the child or the date of birth.
 */
export function yearGroupMismatch(dateOfBirth: LocalDate, typed: YearGroup, on: LocalDate): string | null {
  const ncy = nationalCurriculumYear(dateOfBirth, on);
  const expected = yearGroupOfNcy(ncy);
  if (expected === typed) return null;
  const described = expected ?? (ncy < 0 ? 'nursery age' : 'post-16');
  return `Year group ${typed} differs from the year group for the date of birth (${described}).`;
}
