/** Dates and times as people in England read them, independent of the server's time zone. */
import { londonMinutesOfDay, toLondonDate } from '../domain/calendar';
import type { LocalDate } from '../domain/types';

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

/** "Thursday 2 April 2026". */
export function formatDate(d: LocalDate): string {
  const dt = new Date(`${d}T00:00:00Z`);
  return `${DAYS[dt.getUTCDay()]} ${dt.getUTCDate()} ${MONTHS[dt.getUTCMonth()]} ${dt.getUTCFullYear()}`;
}

/** "10:00" on the London clock. */
export function formatTime(instant: string | Date): string {
  const m = londonMinutesOfDay(new Date(instant));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "Thursday 2 April 2026 at 10:00" (London). */
export function formatDateTime(instant: string | Date): string {
  return `${formatDate(toLondonDate(new Date(instant)))} at ${formatTime(instant)}`;
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}
