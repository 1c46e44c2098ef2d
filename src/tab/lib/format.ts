/** Dates for people (British English, Europe/London), and today's London date. */
import { toLondonDate } from '../../domain/calendar';
import type { LocalDate } from '../../domain/types';
import { ukDate } from '../../domain/ukDates';

const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const short = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const instant = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

function utc(d: LocalDate): Date {
  return new Date(`${d}T00:00:00Z`);
}

/** `Tue 7 Apr 2026` */
export function formatDate(d: LocalDate | null | undefined, empty = '—'): string {
  if (!d) return empty;
  const date = utc(d);
  return Number.isNaN(date.getTime()) ? d : dayMonthYear.format(date);
}

/** `7 Apr 2026`, for crowded columns. */
export function formatDateShort(d: LocalDate | null | undefined, empty = '—'): string {
  if (!d) return empty;
  const date = utc(d);
  return Number.isNaN(date.getTime()) ? d : short.format(date);
}

/** `Tuesday 7 April 2026`: the domain's UK formatter, so the tab, the bot and the minutes agree. */
export function formatDateLong(d: LocalDate): string {
  return ukDate(d);
}

/** `7 Apr 2026, 10:32` (London time) */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : instant.format(date);
}

/** Today in London, whatever the device's time zone. */
export function todayLondon(now: Date = new Date()): LocalDate {
  return toLondonDate(now);
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
