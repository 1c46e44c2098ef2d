/**
 * Data minimisation for channel posts (SPEC "The bot's messages"): a case is named by its ref, initials
 * and year group only, never a full name, date of birth, address or category detail.
 */
import { YEAR_GROUP_LABELS } from './labels';
import type { Case } from './types';

/** The first letter of a name with any combining marks that belong to it ("É" written as E + ´). */
const FIRST_LETTER = /\p{L}\p{M}*/u;

function initialOf(name: string): string | null {
  // NFC first so a decomposed accent and its base letter become one character where Unicode allows.
  const m = FIRST_LETTER.exec(name.normalize('NFC'));
  return m ? m[0].toUpperCase() : null;
}

/**
 * Initials "A.B." from a first and last name: one letter each, uppercase. Leading spaces, apostrophes
 * and hyphens are skipped ("'Aisha" -> "A."), and a double-barrelled or multi-part name gives only its
 * first initial ("Mary-Jane Smith-Jones" -> "M.S."), because fewer letters identify a child less.
 * A name with no letter at all is left out; two such names give "".
 */
export function initials(firstName: string, lastName: string): string {
  return [firstName, lastName]
    .map(initialOf)
    .filter((i): i is string => i !== null)
    .map((i) => `${i}.`)
    .join('');
}

/** How a case is named in the channel: "CMOE-0042 (A.B., Year 7)" or "CMOE-0042 (A.B., Reception)". */
export function channelLabel(c: Pick<Case, 'ref' | 'firstName' | 'lastName' | 'yearGroup'>): string {
  const parts = [initials(c.firstName, c.lastName), YEAR_GROUP_LABELS[c.yearGroup]].filter((p) => p !== '');
  return `${c.ref} (${parts.join(', ')})`;
}
