/**
 * The group's meetings: the cadence from settings, the next meeting after a date (which decides a
 * referral's date, ToR §4) and the previous meeting.
 */
import { addDays, daysBetween, londonInstant, nextWorkingDayOnOrAfter, toLondonDate } from './calendar';
import type { Policy } from './policy';
import type { LocalDate, Meeting } from './types';

/** A meeting the cadence predicts: its London date and its start as an ISO instant (`...Z`). */
export interface CadenceMeeting {
  date: LocalDate;
  startsAt: string;
}

type StoredMeeting = Pick<Meeting, 'id' | 'startsAt' | 'status'>;

/** The cadence date `k` periods from the anchor, moved to the next working day if it is not one. */
function cadenceDate(policy: Policy, k: number): LocalDate {
  const raw = addDays(policy.cadence.anchorDate, k * policy.cadence.everyWeeks * 7);
  return nextWorkingDayOnOrAfter(raw, policy.calendar);
}

/**
 * The next `count` cadence meetings whose date, once moved, is on or after `fromDate`.
 *
 * The cadence is every `policy.cadence.everyWeeks` weeks from `policy.cadence.anchorDate`, forwards and
 * backwards in time, at `policy.cadence.time` on the London clock. A cadence date that is not a working
 * day (weekend, bank holiday, extra closure) moves to the next working day; if a long closure moves two
 * cadence dates onto the same day, that day is listed once.
 */
export function cadenceMeetings(policy: Policy, fromDate: LocalDate, count: number): CadenceMeeting[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number, 0 or more');
  const period = policy.cadence.everyWeeks * 7;
  // Moved dates never go backwards as k grows, so find the first k whose moved date reaches fromDate:
  // start at the last raw date on or before fromDate and step back while the moved date still reaches it.
  let k = Math.floor(daysBetween(policy.cadence.anchorDate, fromDate) / period);
  while (cadenceDate(policy, k) >= fromDate) k--;
  k++;

  const out: CadenceMeeting[] = [];
  let previous: LocalDate | null = null;
  for (; out.length < count; k++) {
    const date = cadenceDate(policy, k);
    if (date === previous) continue;
    previous = date;
    out.push({ date, startsAt: londonInstant(date, policy.cadence.time).toISOString() });
  }
  return out;
}

/**
 * The next meeting on or after `date` (compared as London calendar dates).
 *
 * Stored meetings win: if any meeting that is not cancelled falls on or after `date`, the earliest of
 * them is returned with its id, because the chair may have moved a meeting off the cadence. Only when
 * none is stored yet does the cadence decide (`meetingId` null). A cadence date on which a stored meeting
 * was cancelled is skipped, so cancelling a meeting without a replacement moves referrals to the next
 * cadence meeting rather than to a meeting that will not happen.
 *
 * With `stillToBeHeld`, a completed meeting is passed over the same way (the meeting to open next is
 * not one already held today); a referral's date keeps counting it (a referral received on a meeting
 * day is dated that day).
 */
export function nextMeetingOnOrAfter(
  date: LocalDate,
  meetings: ReadonlyArray<StoredMeeting>,
  policy: Policy,
  opts: { stillToBeHeld?: boolean } = {},
): { date: LocalDate; startsAt: string; meetingId: string | null } {
  let best: { at: number; meeting: StoredMeeting } | null = null;
  const skippedDates = new Set<LocalDate>();
  for (const m of meetings) {
    const startsAt = new Date(m.startsAt);
    const day = toLondonDate(startsAt);
    if (m.status === 'cancelled' || (opts.stillToBeHeld && m.status === 'completed')) {
      skippedDates.add(day);
      continue;
    }
    if (day < date) continue;
    const at = startsAt.getTime();
    if (best === null || at < best.at) best = { at, meeting: m };
  }
  if (best !== null) {
    return {
      date: toLondonDate(new Date(best.at)),
      startsAt: new Date(best.at).toISOString(),
      meetingId: best.meeting.id,
    };
  }

  let from = date;
  for (;;) {
    const [next] = cadenceMeetings(policy, from, 1);
    if (next === undefined) throw new Error('unreachable: cadenceMeetings returned no meeting');
    if (!skippedDates.has(next.date)) return { ...next, meetingId: null };
    from = addDays(next.date, 1);
  }
}

/**
 * The referral date of a referral received on `receivedOn` (ToR §4: "the date of the next meeting of
 * the group"): the next meeting on or after receipt, so a referral received on a meeting day is dated
 * that day.
 */
export function referralDateFor(
  receivedOn: LocalDate,
  meetings: ReadonlyArray<StoredMeeting>,
  policy: Policy,
): LocalDate {
  return nextMeetingOnOrAfter(receivedOn, meetings, policy).date;
}

/** The latest meeting that is not cancelled and started at or before `now`, or null. */
export function previousMeeting<M extends Pick<Meeting, 'startsAt' | 'status'>>(
  now: Date,
  meetings: ReadonlyArray<M>,
): M | null {
  const limit = now.getTime();
  let best: M | null = null;
  let bestAt = -Infinity;
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    const at = Date.parse(m.startsAt);
    if (at <= limit && at > bestAt) {
      best = m;
      bestAt = at;
    }
  }
  return best;
}
