/**
 * Dates in words as people in England read them ("Tuesday 8 December 2026"), for every human-facing
 * text the server writes: the bot's cards, the minutes (.docx and on screen), documents. One formatter,
 * so a card and the minutes never print the same day two ways. Machine columns (CSV/Excel cells, ids,
 * file names) keep ISO dates. Written out rather than through Intl: ICU versions differ on the comma
 * ("Tuesday, 8 December"), and this must read the same on the server, in tests and in the browser.
 */
import { londonMinutesOfDay, toLondonDate } from './calendar';
import type { LocalDate } from './types';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Tuesday 8 December 2026" for a London calendar date (already a London day: no time zone to apply). */
export function ukDate(d: LocalDate): string {
  const dt = new Date(`${d}T00:00:00Z`);
  if (Number.isNaN(dt.getTime())) return d;
  return `${DAYS[dt.getUTCDay()]} ${dt.getUTCDate()} ${MONTHS[dt.getUTCMonth()]} ${dt.getUTCFullYear()}`;
}

/** "10:00" on the London clock (Europe/London, summer time included). */
export function ukTime(instant: string | Date): string {
  const m = londonMinutesOfDay(new Date(instant));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "Tuesday 8 December 2026 at 10:00", the day and the time in London. */
export function ukDateTime(instant: string | Date): string {
  return `${ukDate(toLondonDate(new Date(instant)))} at ${ukTime(instant)}`;
}
