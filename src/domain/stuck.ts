/**
 * Stuck cases (ToR §4 "identified stuck cases", §5 "stuck cases are escalated"). A case that is not
 * closed is stuck when any of these holds:
 * - the chair flagged it;
 * - no progress over the last `policy.stuckMeetings` meetings: no action completed and neither status,
 *   provision nor concern changed (the operations record those changes in `lastProgressAt`);
 * - an open action was deferred `policy.stuckDeferrals` times or more.
 */
import { toLondonDate } from './calendar';
import type { Policy } from './policy';
import type { Action, Case, LocalDate, Meeting } from './types';

/** One reason a case is stuck. */
export type StuckReason =
  | { code: 'flagged' }
  | { code: 'no-progress'; meetings: number; since: LocalDate }
  | { code: 'deferred'; actionId: string; deferrals: number };

type HeldMeeting = Pick<Meeting, 'startsAt' | 'status'>;

/**
 * Start of the no-progress window: the start of the earliest of the last `policy.stuckMeetings`
 * meetings that are not cancelled and started at or before `now`. Null when fewer meetings than that
 * have been held, because "no progress over the last 2 meetings" cannot be judged yet.
 *
 * It depends on the meetings only, so a caller judging many cases computes it once.
 */
export function stuckWindowStart(
  meetings: ReadonlyArray<HeldMeeting>,
  now: Date,
  policy: Policy,
): Date | null {
  const limit = now.getTime();
  const held: number[] = [];
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    const at = Date.parse(m.startsAt);
    if (at <= limit) held.push(at);
  }
  if (held.length < policy.stuckMeetings) return null;
  held.sort((a, b) => b - a);
  const start = held[policy.stuckMeetings - 1];
  return start === undefined ? null : new Date(start);
}

/**
 * The London date of the stuck window's start, remembered for the last window seen: judging 10,000
 * cases against one window then formats the date once, not 10,000 times. Same answer either way.
 */
let lastWindow: { at: number; day: LocalDate } | null = null;
function londonDayOf(windowStart: Date): LocalDate {
  const at = windowStart.getTime();
  if (lastWindow === null || lastWindow.at !== at) lastWindow = { at, day: toLondonDate(windowStart) };
  return lastWindow.day;
}

/** Options for {@link stuckStatus}. */
export interface StuckOptions {
  /**
   * The window from {@link stuckWindowStart}, computed once by a caller judging many cases. When given
   * (even null), `meetings` and `now` are not read for it.
   */
  windowStart?: Date | null;
}

/**
 * Whether a case is stuck, with every reason that applies. Closed cases are never stuck.
 *
 * No progress: with the window start from {@link stuckWindowStart}, the case is stuck when its
 * `lastProgressAt` is before the window start and no action of the case was completed on or after the
 * London date of the window start. `caseActions` must be this case's actions only.
 */
export function stuckStatus(
  c: Pick<Case, 'status' | 'stuckFlag' | 'lastProgressAt'>,
  caseActions: readonly Action[],
  meetings: ReadonlyArray<HeldMeeting>,
  now: Date,
  policy: Policy,
  options: StuckOptions = {},
): { stuck: boolean; reasons: StuckReason[] } {
  if (c.status === 'closed') return { stuck: false, reasons: [] };
  const reasons: StuckReason[] = [];

  if (c.stuckFlag) reasons.push({ code: 'flagged' });

  const windowStart =
    options.windowStart !== undefined ? options.windowStart : stuckWindowStart(meetings, now, policy);
  if (windowStart !== null && Date.parse(c.lastProgressAt) < windowStart.getTime()) {
    const since = londonDayOf(windowStart);
    // completedOn is a London date, so "completed during the window" is judged by date, not instant.
    const completedInWindow = caseActions.some((a) => a.completedOn !== null && a.completedOn >= since);
    if (!completedInWindow) reasons.push({ code: 'no-progress', meetings: policy.stuckMeetings, since });
  }

  for (const a of caseActions) {
    if (a.status === 'open' && a.deferrals.length >= policy.stuckDeferrals) {
      reasons.push({ code: 'deferred', actionId: a.id, deferrals: a.deferrals.length });
    }
  }

  return { stuck: reasons.length > 0, reasons };
}

/** A stuck reason for people, with no child data: "no progress at the last 2 meetings". */
export function describeStuckReason(r: StuckReason): string {
  switch (r.code) {
    case 'flagged':
      return 'flagged stuck by the chair';
    case 'no-progress':
      return r.meetings === 1
        ? 'no progress at the last meeting'
        : `no progress at the last ${r.meetings} meetings`;
    case 'deferred':
      return r.deferrals === 1 ? 'action deferred once' : `action deferred ${r.deferrals} times`;
  }
}
