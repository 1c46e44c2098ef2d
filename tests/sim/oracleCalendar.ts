/**
 * The oracle's own calendar, written from the published facts rather than from src/domain/calendar.ts, so
 * a mistake in the app's calendar cannot hide in the oracle too: England & Wales bank holidays as gov.uk
 * lists them, and the UK's summer-time dates, for the years the simulation covers (2026-2028).
 */

/** gov.uk "UK bank holidays", England and Wales, 2026-2028 (substitute days included). */
export const BANK_HOLIDAYS: ReadonlySet<string> = new Set([
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
]);

/** British Summer Time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
const BST: Record<number, [string, string]> = {
  2026: ['2026-03-29', '2026-10-25'],
  2027: ['2027-03-28', '2027-10-31'],
  2028: ['2028-03-26', '2028-10-29'],
};

const DAY = 86_400_000;

function yearOf(d: string): number {
  const y = Number(d.slice(0, 4));
  if (!(y in BST)) throw new Error(`the oracle's calendar does not cover ${d}`);
  return y;
}

function bstAt(ms: number): boolean {
  const y = new Date(ms).getUTCFullYear();
  const span = BST[yearOf(`${y}-01-01`)] as [string, string];
  return ms >= Date.parse(`${span[0]}T01:00:00Z`) && ms < Date.parse(`${span[1]}T01:00:00Z`);
}

export function plusDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** The London calendar date of an instant. */
export function londonDate(ms: number): string {
  return new Date(ms + (bstAt(ms) ? 3_600_000 : 0)).toISOString().slice(0, 10);
}

/** The instant of a London wall-clock time (never in the hour the clocks skip). */
export function londonAt(date: string, hhmm: string): number {
  const asUtc = Date.parse(`${date}T${hhmm}:00Z`);
  // Summer time changes at 01:00 UTC on a Sunday: any time on a summer-time day after 02:00 is BST.
  const span = BST[yearOf(date)] as [string, string];
  const summer = date > span[0] && date < span[1];
  const edge = (date === span[0] && hhmm >= '02:00') || (date === span[1] && hhmm < '01:00');
  return asUtc - (summer || edge ? 3_600_000 : 0);
}

export function isWeekend(d: string): boolean {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

export function isWorkingDay(d: string): boolean {
  return !isWeekend(d) && !BANK_HOLIDAYS.has(d);
}

export function nextWorkingDayFrom(d: string): string {
  let x = d;
  while (!isWorkingDay(x)) x = plusDays(x, 1);
  return x;
}

/** `n` working days after `d` (before it when negative); `d` itself is not counted. */
export function addWorkingDays(d: string, n: number): string {
  let x = d;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    x = plusDays(x, step);
    if (isWorkingDay(x)) left--;
  }
  return x;
}

/** The daily 08:30 (London) slot of a date. */
export function slotOf(d: string, time = '08:30'): number {
  return londonAt(d, time);
}

/** The first 08:30 slot on a working day at or after `ms`. */
export function firstSlotAtOrAfter(ms: number, time = '08:30'): number {
  let d = londonDate(ms);
  for (;;) {
    if (isWorkingDay(d) && slotOf(d, time) >= ms) return slotOf(d, time);
    d = plusDays(d, 1);
  }
}
