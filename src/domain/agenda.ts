/**
 * The meeting agenda (SPEC "Agenda order"): new referrals since the last meeting; children of highest
 * concern; stuck cases; overdue actions; escalation responses due; cases proposed for closure; everything
 * else open. Each case that is not closed appears once, in the first section that applies to it, with
 * every reason that applies listed for the chair.
 */
import type { CalendarSettings } from './calendar';
import { toLondonDate, workingDaysBetween } from './calendar';
import { previousMeeting } from './meetings';
import type { Policy } from './policy';
import { describeStuckReason, stuckStatus, stuckWindowStart } from './stuck';
import type { Action, AgendaItem, AgendaSection, Case, Escalation, LocalDate, Meeting } from './types';
import { AGENDA_SECTIONS, CONCERN_RANK } from './types';
import { ukDate } from './ukDates';

/** Everything the agenda is built from. */
export interface AgendaInput {
  cases: readonly Case[];
  actions: readonly Action[];
  escalations: readonly Escalation[];
  meetings: ReadonlyArray<Pick<Meeting, 'id' | 'startsAt' | 'status'>>;
  /** Start of the meeting the agenda is for. */
  meetingStartsAt: Date;
  now: Date;
  policy: Policy;
}

const SECTION_RANK: ReadonlyMap<AgendaSection, number> = new Map(AGENDA_SECTIONS.map((s, i) => [s, i]));

function groupBy<T extends { caseRef: string }>(
  items: readonly T[],
  keep: (t: T) => boolean,
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    if (!keep(item)) continue;
    const list = map.get(item.caseRef);
    if (list) list.push(item);
    else map.set(item.caseRef, [item]);
  }
  return map;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** The overdue reason for a case's overdue actions (sorted oldest first), summarised in one line. */
function overdueReason(overdue: readonly Action[], workingDays: (due: LocalDate) => number): string {
  const oldest = overdue[0];
  if (oldest === undefined) return '';
  const days = workingDays(oldest.dueDate);
  // Due on a Friday and looked at on the Saturday: overdue, but by no working day yet.
  const by = days === 0 ? `since ${ukDate(oldest.dueDate)}` : plural(days, 'working day', 'working days');
  if (overdue.length === 1) return `action overdue ${by}`;
  return `${overdue.length} actions overdue, the oldest ${days === 0 ? by : `by ${by}`}`;
}

/**
 * Builds the agenda for the meeting starting at `meetingStartsAt`.
 *
 * - New referral: the case was created after the latest meeting (not cancelled) that started before
 *   this one; every case is new when there was none.
 * - Highest concern: concern `high`.
 * - Stuck: {@link stuckStatus}, judged on the meetings held before this one and before `now`, so the
 *   meeting being prepared (or already under way) never counts as one "with no progress".
 * - Overdue actions and escalation responses due (no response yet, due on or before the day) are
 *   judged as of the meeting's London date.
 * - Proposed for closure: the case's `proposedForClosure` flag.
 *
 * Within a section, cases are ordered by concern (high, medium, low), then by ref number. Linear in
 * cases + actions + escalations: actions and escalations are grouped by case ref once, the stuck window
 * is computed once, and working days overdue are computed once per distinct due date.
 */
export function buildAgenda(input: AgendaInput): AgendaItem[] {
  const { cases, actions, escalations, meetings, meetingStartsAt, now, policy } = input;
  const cal: CalendarSettings = policy.calendar;
  const meetingAt = meetingStartsAt.getTime();
  const meetingDay = toLondonDate(meetingStartsAt);

  const last = previousMeeting(new Date(meetingAt - 1), meetings);
  const lastAt = last === null ? -Infinity : Date.parse(last.startsAt);

  const asOf = new Date(Math.min(now.getTime(), meetingAt - 1));
  const windowStart = stuckWindowStart(meetings, asOf, policy);

  const actionsByCase = groupBy(actions, () => true);
  const escalationsByCase = groupBy(escalations, (e) => e.response === null && e.responseDue <= meetingDay);

  const overdueMemo = new Map<LocalDate, number>();
  const workingDaysOverdue = (due: LocalDate): number => {
    let n = overdueMemo.get(due);
    if (n === undefined) {
      n = workingDaysBetween(due, meetingDay, cal);
      overdueMemo.set(due, n);
    }
    return n;
  };

  const rows: { item: AgendaItem; section: number; concern: number; refNo: number }[] = [];
  for (const c of cases) {
    if (c.status === 'closed') continue;
    const caseActions = actionsByCase.get(c.ref) ?? [];
    const sections: AgendaSection[] = [];
    const reasons: string[] = [];

    if (Date.parse(c.createdAt) > lastAt) {
      sections.push('new-referral');
      reasons.push('new referral since the last meeting');
    }
    if (c.concern === 'high') {
      sections.push('highest-concern');
      reasons.push('highest concern');
    }
    const stuck = stuckStatus(c, caseActions, meetings, asOf, policy, { windowStart });
    if (stuck.stuck) {
      sections.push('stuck');
      for (const r of stuck.reasons) reasons.push(describeStuckReason(r));
    }
    let overdue: Action[] | null = null;
    for (const a of caseActions) if (a.status === 'open' && a.dueDate < meetingDay) (overdue ??= []).push(a);
    if (overdue !== null) {
      overdue.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
      sections.push('overdue-actions');
      reasons.push(overdueReason(overdue, workingDaysOverdue));
    }
    const due = escalationsByCase.get(c.ref);
    if (due !== undefined) {
      sections.push('escalation-response-due');
      const dates = [...new Set(due.map((e) => e.responseDue))].sort();
      for (const d of dates) reasons.push(`escalation response due ${ukDate(d)}`);
    }
    if (c.proposedForClosure) {
      sections.push('proposed-closure');
      reasons.push('proposed for closure');
    }

    const section = sections[0] ?? 'other-open';
    rows.push({
      item: { caseRef: c.ref, section, reasons },
      section: SECTION_RANK.get(section) ?? AGENDA_SECTIONS.length,
      concern: CONCERN_RANK[c.concern],
      refNo: Number(c.ref.slice(c.ref.indexOf('-') + 1)),
    });
  }

  rows.sort(
    (a, b) =>
      a.section - b.section ||
      a.concern - b.concern ||
      a.refNo - b.refNo ||
      (a.item.caseRef < b.item.caseRef ? -1 : a.item.caseRef > b.item.caseRef ? 1 : 0),
  );
  return rows.map((r) => r.item);
}
