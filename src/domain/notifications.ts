/**
 * The bot's notification planner (SPEC "The bot's messages"): from the group's records, the settings, `now`
 * and what was already sent, the notifications that are due, each with a stable id.
 *
 * Pure: no IO, no clock. Every notification is data-minimised here, at the source: a case appears only
 * as its ref and `channelLabel` (ref, initials, year group); no free text typed about a child (action
 * descriptions, notes, escalation reasons) is ever copied into a notification, so no card built from one
 * can leak a name, a date of birth, an address or a category.
 *
 * Timing. Scheduled messages go out at `notifyTime` (London) on working days: a notification "due on
 * day D" is due at the slot `D notifyTime`, and is planned by any run at or after it while it is still
 * relevant (a run after downtime plans what it missed; a meeting reminder is dropped once the meeting has
 * started, a "due soon" once the action is overdue). Superseded repeats are not replayed: after a week
 * down, an overdue action gets its current reminder once, not every one it missed.
 *
 * Stable ids name what the message is about and the fact that makes it due, so the same fact gives the
 * same id on every run and instance, and a changed fact (a moved due date, a new stuck episode) a new one.
 */
import { z } from 'zod';
import { buildAgenda } from './agenda';
import {
  addDays,
  addWorkingDays,
  isWorkingDay,
  londonInstant,
  makeDate,
  nextWorkingDayOnOrAfter,
  toLondonDate,
  workingDaysBetween,
} from './calendar';
import { nextMeetingOnOrAfter } from './meetings';
import { channelLabel } from './minimise';
import type { Policy } from './policy';
import { describeStuckReason, stuckStatus, stuckWindowStart } from './stuck';
import {
  AGENDA_SECTIONS,
  LIST_CHECK_LISTS,
  agendaSectionSchema,
  caseRefSchema,
  escalationTargetSchema,
  instantSchema,
  localDateSchema,
  personSchema,
} from './types';
import type { Action, AgendaSection, Case, Escalation, LocalDate, Meeting, Person } from './types';

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

/** The bot's timings: settings beside the group's {@link Policy}, built from config. */
export const notificationPolicySchema = z.object({
  /** When scheduled messages go out on a working day (Europe/London). */
  notifyTime: timeOfDaySchema.default('08:30'),
  /** Meeting reminder with agenda counts: working days before the meeting. */
  meetingReminderWorkingDays: z.number().int().min(1).max(20).default(2),
  /** List-check reminder (S&S, CSC, CSE lists): working days before the meeting. */
  listCheckReminderWorkingDays: z.number().int().min(1).max(20).default(5),
  /** "Action due soon": working days before the due date. */
  actionDueSoonWorkingDays: z.number().int().min(1).max(20).default(3),
  /** "Action overdue": the working day after the due date, then every this many working days. */
  overdueRepeatWorkingDays: z.number().int().min(1).max(60).default(5),
  /** The date the terms of reference were agreed; the annual review is prompted a month before each anniversary. */
  torAnniversary: localDateSchema.nullable().default(null),
  /** How many working days late an event message (minutes published) may still go out after downtime. */
  catchUpWorkingDays: z.number().int().min(0).max(60).default(5),
  /** How many cases a list card names before "and N more" (the rest are in the tab). */
  listPreviewLimit: z.number().int().min(0).max(50).default(10),
});
export type NotificationPolicy = z.infer<typeof notificationPolicySchema>;

export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicy = notificationPolicySchema.parse({});

export const NOTIFICATION_KINDS = [
  'meeting-reminder',
  'list-check-reminder',
  'action-due-soon',
  'action-overdue',
  'escalation-prompt',
  'escalation-overdue',
  'minutes-published',
  'tor-review',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds that go out as soon as their event happens, not at the daily slot. */
export const IMMEDIATE_KINDS: ReadonlySet<NotificationKind> = new Set(['minutes-published']);

/** A case as a channel may name it: ref and `channelLabel` only. */
export const caseLabelSchema = z.object({ ref: caseRefSchema, label: z.string().min(1).max(120) });
export type CaseLabel = z.infer<typeof caseLabelSchema>;

export const meetingRefSchema = z.object({
  /** Null for a meeting the cadence predicts but nobody has scheduled in the tab yet. */
  id: z.string().min(1).nullable(),
  date: localDateSchema,
  startsAt: instantSchema,
});
export type MeetingRef = z.infer<typeof meetingRefSchema>;

/** An action as a card needs it: no description or note (free text may name the child). */
export const actionRefSchema = z.object({
  id: z.string().min(1).max(100),
  version: z.number().int().positive(),
  dueDate: localDateSchema,
  ownerService: z.string().max(200),
});

const base = {
  /** Stable: the same fact gives the same id on every run and every instance. */
  id: z.string().min(1).max(200),
  /** When it became due (the slot, or the event for immediate kinds). */
  dueAt: instantSchema,
  /** Staff to @mention (owners, chairs): never a child. */
  mentions: z.array(personSchema).max(20),
};

export const meetingReminderSchema = z.object({
  ...base,
  kind: z.literal('meeting-reminder'),
  meeting: meetingRefSchema,
  counts: z.record(agendaSectionSchema, z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
});
export const listCheckReminderSchema = z.object({
  ...base,
  kind: z.literal('list-check-reminder'),
  meeting: meetingRefSchema,
  /** Open cases not checked against every list since the last meeting. */
  needingChecks: z.number().int().nonnegative(),
  examples: z.array(caseLabelSchema).max(50),
});
export const actionDueSoonSchema = z.object({
  ...base,
  kind: z.literal('action-due-soon'),
  action: actionRefSchema,
  case: caseLabelSchema,
  owner: personSchema.nullable(),
  workingDaysLeft: z.number().int().nonnegative(),
});
export const actionOverdueSchema = z.object({
  ...base,
  kind: z.literal('action-overdue'),
  action: actionRefSchema,
  case: caseLabelSchema,
  owner: personSchema.nullable(),
  workingDaysOverdue: z.number().int().nonnegative(),
  /** 1 for the first reminder; the chair is mentioned too from the 2nd. */
  reminder: z.number().int().positive(),
});
export const escalationPromptSchema = z.object({
  ...base,
  kind: z.literal('escalation-prompt'),
  case: caseLabelSchema.extend({ version: z.number().int().positive() }),
  /** `describeStuckReason` texts: no child data. */
  reasons: z.array(z.string().max(200)).max(20),
});
export const escalationOverdueSchema = z.object({
  ...base,
  kind: z.literal('escalation-overdue'),
  escalation: z.object({
    id: z.string().min(1).max(100),
    to: escalationTargetSchema,
    raisedOn: localDateSchema,
    responseDue: localDateSchema,
  }),
  case: caseLabelSchema,
});
export const minutesPublishedSchema = z.object({
  ...base,
  kind: z.literal('minutes-published'),
  meeting: meetingRefSchema,
  publishedAt: instantSchema,
});
export const torReviewSchema = z.object({
  ...base,
  kind: z.literal('tor-review'),
  anniversary: localDateSchema,
  reviewBy: localDateSchema,
});

/** One planned message. Parsed back with this schema wherever it crosses a boundary (card data). */
export const notificationSchema = z.discriminatedUnion('kind', [
  meetingReminderSchema,
  listCheckReminderSchema,
  actionDueSoonSchema,
  actionOverdueSchema,
  escalationPromptSchema,
  escalationOverdueSchema,
  minutesPublishedSchema,
  torReviewSchema,
]);
export type PlannedNotification = z.infer<typeof notificationSchema>;
export type ActionNotification = z.infer<typeof actionDueSoonSchema> | z.infer<typeof actionOverdueSchema>;
export type EscalationPrompt = z.infer<typeof escalationPromptSchema>;

/** What the planner reads: the group's records as they are now. */
export interface NotificationSnapshot {
  /** Cases; closed ones are ignored. */
  cases: readonly Case[];
  /** Open and done actions (done ones count as progress for the stuck rule). */
  actions: readonly Action[];
  /** All meetings, any status (the stuck window, reminders, minutes). */
  meetings: readonly Meeting[];
  /** Escalations awaiting a response (others are ignored). */
  escalations: readonly Escalation[];
  /** The chair and deputy, from the role directory: mentioned when no meeting names its chair. */
  chairs: readonly Person[];
}

export interface PlanOptions {
  /** Ids already sent: left out, and any costly content of theirs is not computed. */
  sent?: ReadonlySet<string>;
  /** Only these kinds (the scheduler's quick ticks plan the immediate kinds only). */
  kinds?: ReadonlySet<NotificationKind>;
}

/** The instant of the daily slot on `day`. */
function slot(day: LocalDate, np: NotificationPolicy): Date {
  return londonInstant(day, np.notifyTime);
}

/** The first slot at or after `t` (on a working day). */
export function nextSlotAtOrAfter(t: Date, policy: Policy, np: NotificationPolicy): Date {
  let day = nextWorkingDayOnOrAfter(toLondonDate(t), policy.calendar);
  while (slot(day, np).getTime() < t.getTime()) day = addWorkingDays(day, 1, policy.calendar);
  return slot(day, np);
}

/** The latest working day whose slot is at or before `now`: what a run at `now` counts as "today". */
export function latestSlotDay(now: Date, policy: Policy, np: NotificationPolicy): LocalDate {
  const today = toLondonDate(now);
  if (isWorkingDay(today, policy.calendar) && slot(today, np).getTime() <= now.getTime()) return today;
  return addWorkingDays(today, -1, policy.calendar);
}

/** The same day a calendar month earlier, clamped to the month's end (31 March -> 28/29 February). */
function oneMonthBefore(d: LocalDate): LocalDate {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const last = Number(makeDate(py, pm + 1, 0).slice(8, 10));
  return makeDate(py, pm, Math.min(day, last));
}

/** The anniversary of `date` in `year` (29 February -> 28 February in other years). */
function anniversaryIn(date: LocalDate, year: number): LocalDate {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const last = Number(makeDate(year, m + 1, 0).slice(8, 10));
  return makeDate(year, m, Math.min(d, last));
}

function memo<K, V>(fn: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) {
      v = fn(k);
      cache.set(k, v);
    }
    return v as V;
  };
}

/**
 * The actions an agenda reads: every open one (overdue, deferrals) and those completed since the start
 * of the stuck window it judges with (progress). Older completed actions change nothing in it, and on a
 * big store they are most of the actions, so the reminder's agenda skips them (its counts are the same).
 */
function agendaActions(
  snapshot: NotificationSnapshot,
  meeting: MeetingRef,
  now: Date,
  policy: Policy,
): readonly Action[] {
  const asOf = new Date(Math.min(now.getTime(), Date.parse(meeting.startsAt) - 1));
  const windowStart = stuckWindowStart(snapshot.meetings, asOf, policy);
  const since = windowStart === null ? null : toLondonDate(windowStart);
  return snapshot.actions.filter(
    (a) => a.status === 'open' || (since !== null && a.completedOn !== null && a.completedOn >= since),
  );
}

/** Upcoming meetings (not started) up to `until`: stored ones win over the cadence, as for referral dates. */
function upcomingMeetings(
  meetings: readonly Meeting[],
  policy: Policy,
  now: Date,
  until: LocalDate,
): MeetingRef[] {
  const out: MeetingRef[] = [];
  let from = toLondonDate(now);
  for (let guard = 0; guard < 100; guard++) {
    const next = nextMeetingOnOrAfter(from, meetings, policy);
    if (next.date > until) break;
    if (Date.parse(next.startsAt) > now.getTime()) {
      out.push({ id: next.meetingId, date: next.date, startsAt: next.startsAt });
    }
    from = addDays(next.date, 1);
  }
  return out;
}

function sortByDue(list: PlannedNotification[]): PlannedNotification[] {
  return list.sort((a, b) =>
    a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

function uniquePeople(people: readonly (Person | null | undefined)[]): Person[] {
  const seen = new Set<string>();
  const out: Person[] = [];
  for (const p of people) {
    if (!p || seen.has(p.id)) continue;
    seen.add(p.id);
    out.push({ id: p.id, name: p.name, email: p.email });
  }
  return out;
}

/**
 * Working-day arithmetic by table lookup over a span of dates, built once per plan: the planner asks
 * "how many working days between" and "N working days before" for thousands of due dates, and walking
 * the calendar day by day for each would dominate a 100,000-action plan. Outside the span it falls back
 * to the calendar's own functions, so answers never depend on the span.
 */
class WorkingDayTable {
  /** Working days on or before each date of the span, counted from its start. */
  private readonly upTo = new Map<LocalDate, number>();
  private readonly days: LocalDate[] = [];

  constructor(
    from: LocalDate,
    to: LocalDate,
    private readonly cal: Policy['calendar'],
  ) {
    let count = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (isWorkingDay(d, cal)) {
        this.days.push(d);
        count++;
      }
      this.upTo.set(d, count);
    }
  }

  /** As `workingDaysBetween`: working days after `a` up to and including `b`. */
  between(a: LocalDate, b: LocalDate): number {
    if (b <= a) return 0;
    const x = this.upTo.get(a);
    const y = this.upTo.get(b);
    return x !== undefined && y !== undefined ? y - x : workingDaysBetween(a, b, this.cal);
  }

  /** As `addWorkingDays`: `n` working days after `d` (before it when negative), `d` not counted. */
  add(d: LocalDate, n: number): LocalDate {
    const upTo = this.upTo.get(d);
    if (upTo !== undefined) {
      const before = upTo - (isWorkingDay(d, this.cal) ? 1 : 0);
      const i = n > 0 ? upTo + n - 1 : before + n;
      const day = n === 0 ? d : this.days[i];
      // Past either end of the span the lookup has no answer; the calendar has.
      if (day !== undefined && i >= 0 && i < this.days.length) return day;
    }
    return addWorkingDays(d, n, this.cal);
  }
}

/**
 * The notifications due at `now`, oldest first. See the file comment for timing and ids; per kind:
 *
 * - `meeting-reminder:<date>` and `list-check-reminder:<date>`: N working days before each meeting
 *   (stored, or predicted by the cadence), until it starts. Keyed by the meeting's date, so scheduling a
 *   predicted meeting in the tab does not repeat its reminder, and moving it to another day does.
 * - `action-due-soon:<action>:<due date>`: N working days before the due date while it is not past, and
 *   never before the first slot after the action was set or last deferred.
 * - `action-overdue:<action>:<due date>:<n>`: the working day after the due date, then every N working
 *   days; the owner is mentioned, and the chair too from the 2nd reminder.
 * - `escalation-prompt:<ref>:<lastProgressAt>`: once per stuck episode (a stretch without progress) of
 *   a case that is not escalated or closed and has no escalation awaiting a response; by a run on a
 *   working day at or after its slot (a weekend restart waits for the next working day's 08:30).
 * - `escalation-overdue:<escalation>:<response due>`: the working day after the response due date, while
 *   no response is recorded.
 * - `minutes-published:<meeting>`: as soon as minutes are published (within `catchUpWorkingDays`).
 * - `tor-review:<year>`: a month before the anniversary of the terms of reference (next working day).
 */
export function planNotifications(
  snapshot: NotificationSnapshot,
  policy: Policy,
  np: NotificationPolicy,
  now: Date,
  options: PlanOptions = {},
): PlannedNotification[] {
  const cal = policy.calendar;
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const today = toLondonDate(now);
  const asOf = latestSlotDay(now, policy, np);
  const sent = options.sent ?? new Set<string>();
  const wants = (k: NotificationKind) => options.kinds === undefined || options.kinds.has(k);
  const out: PlannedNotification[] = [];
  const push = (n: PlannedNotification) => {
    if (!sent.has(n.id)) out.push(n);
  };
  const due = (at: Date) => at.getTime() <= nowMs;

  const openCases = new Map<string, Case>();
  for (const c of snapshot.cases) if (c.status !== 'closed') openCases.set(c.ref, c);
  const labelOf = memo((ref: string): CaseLabel => {
    const c = openCases.get(ref);
    return { ref, label: c ? channelLabel(c) : ref };
  });
  const chairs = uniquePeople(snapshot.chairs);

  // --- Meetings: reminders and list checks --------------------------------------------------------
  if (wants('meeting-reminder') || wants('list-check-reminder')) {
    const ahead = Math.max(np.meetingReminderWorkingDays, np.listCheckReminderWorkingDays);
    const until = addDays(addWorkingDays(today, ahead, cal), 7);
    const stored = new Map(snapshot.meetings.map((m) => [m.id, m]));
    for (const meeting of upcomingMeetings(snapshot.meetings, policy, now, until)) {
      const record = meeting.id === null ? undefined : stored.get(meeting.id);
      const meetingChairs = record?.chair ? uniquePeople([record.chair]) : chairs;

      const reminderAt = slot(addWorkingDays(meeting.date, -np.meetingReminderWorkingDays, cal), np);
      const reminderId = `meeting-reminder:${meeting.date}`;
      if (wants('meeting-reminder') && due(reminderAt) && !sent.has(reminderId)) {
        // The agenda is the costliest thing planned, so it is built only for a reminder still to send.
        const items =
          record?.agenda ??
          buildAgenda({
            cases: [...openCases.values()],
            actions: agendaActions(snapshot, meeting, now, policy),
            escalations: snapshot.escalations,
            meetings: snapshot.meetings,
            meetingStartsAt: new Date(meeting.startsAt),
            now,
            policy,
          });
        const counts = Object.fromEntries(AGENDA_SECTIONS.map((s) => [s, 0])) as Record<
          AgendaSection,
          number
        >;
        for (const item of items) counts[item.section]++;
        push({
          id: reminderId,
          kind: 'meeting-reminder',
          dueAt: reminderAt.toISOString(),
          mentions: [],
          meeting,
          counts,
          total: items.length,
        });
      }

      const checkAt = slot(addWorkingDays(meeting.date, -np.listCheckReminderWorkingDays, cal), np);
      const checkId = `list-check-reminder:${meeting.date}`;
      if (wants('list-check-reminder') && due(checkAt) && !sent.has(checkId)) {
        // "Checked since the last meeting": the latest meeting held (not cancelled) before this one.
        let since: LocalDate | null = null;
        for (const m of snapshot.meetings) {
          if (m.status === 'cancelled' || m.startsAt >= meeting.startsAt || m.startsAt > nowIso) continue;
          const d = toLondonDate(new Date(m.startsAt));
          if (since === null || d > since) since = d;
        }
        const needing: CaseLabel[] = [];
        for (const c of openCases.values()) {
          const current = LIST_CHECK_LISTS.every((list) =>
            c.listChecks.some((chk) => chk.list === list && (since === null || chk.checkedOn >= since)),
          );
          if (!current) needing.push(labelOf(c.ref));
        }
        needing.sort((a, b) => (a.ref < b.ref ? -1 : 1));
        push({
          id: checkId,
          kind: 'list-check-reminder',
          dueAt: checkAt.toISOString(),
          mentions: meetingChairs,
          meeting,
          needingChecks: needing.length,
          examples: needing.slice(0, np.listPreviewLimit),
        });
      }
    }
  }

  // --- Actions: due soon and overdue ---------------------------------------------------------------
  // One pass over the actions (the largest input): due/overdue checks, and grouping by case for the stuck
  // rule (only the actions it reads).
  const wantSoon = wants('action-due-soon');
  const wantOverdue = wants('action-overdue');
  const groupByCase = wants('escalation-prompt');
  const actionsByCase = new Map<string, Action[]>();
  if (wantSoon || wantOverdue || groupByCase) {
    // Thousands of actions share a few hundred due dates and creation times: every calendar computation
    // is memoised by its input, so the loop itself is map lookups (10,000 cases, 100,000 actions < 200 ms).
    const table = new WorkingDayTable(addDays(today, -800), addDays(today, 800), cal);
    const repeat = np.overdueRepeatWorkingDays;
    /** Everything that depends on the due date alone, computed once per distinct date. */
    const byDate = memo((d: LocalDate) => {
      const wd = d < asOf ? table.between(d, asOf) : 0;
      const k = wd >= 1 ? Math.floor((wd - 1) / repeat) : -1;
      return {
        dueSoonAt: d >= today ? slot(table.add(d, -np.actionDueSoonWorkingDays), np).getTime() : NaN,
        left: d >= today ? table.between(today, d) : 0,
        wd,
        k,
        overdueAt: k >= 0 ? slot(table.add(d, 1 + k * repeat), np).getTime() : NaN,
      };
    });
    const isoOf = memo((ms: number) => new Date(ms).toISOString());
    // Not before the first slot after the action was set or last deferred: only a recent one can matter,
    // so the slot is computed only when that time is later than the date-based slot.
    const notBefore = (a: Action, at: number): number => {
      const last = a.deferrals[a.deferrals.length - 1];
      const set = Date.parse(last && last.at > a.createdAt ? last.at : a.createdAt);
      return set <= at ? at : Math.max(at, nextSlotAtOrAfter(new Date(set), policy, np).getTime());
    };
    const ownerOnly = new Map<string, Person[]>();
    const ownerAndChairs = new Map<string, Person[]>();
    const mentionsFor = (owner: Person | null, withChairs: boolean): Person[] => {
      const cache = withChairs ? ownerAndChairs : ownerOnly;
      const key = owner?.id ?? '';
      let people = cache.get(key);
      if (!people) {
        people = uniquePeople([owner, ...(withChairs ? chairs : [])]);
        cache.set(key, people);
      }
      return people;
    };
    for (const a of snapshot.actions) {
      // The stuck rule reads only completed actions and deferred open ones: the rest need no grouping.
      if (groupByCase && (a.completedOn !== null || a.deferrals.length >= policy.stuckDeferrals)) {
        const list = actionsByCase.get(a.caseRef);
        if (list) list.push(a);
        else actionsByCase.set(a.caseRef, [a]);
      }
      if (a.status !== 'open' || !(wantSoon || wantOverdue) || !openCases.has(a.caseRef)) continue;
      const info = byDate(a.dueDate);
      if (wantSoon && a.dueDate >= today && info.dueSoonAt <= nowMs) {
        const at = notBefore(a, info.dueSoonAt);
        if (at <= nowMs) {
          push({
            id: `action-due-soon:${a.id}:${a.dueDate}`,
            kind: 'action-due-soon',
            dueAt: isoOf(at),
            mentions: mentionsFor(a.owner, false),
            action: { id: a.id, version: a.version, dueDate: a.dueDate, ownerService: a.ownerService },
            case: labelOf(a.caseRef),
            owner: a.owner,
            workingDaysLeft: info.left,
          });
        }
      }
      if (wantOverdue && info.k >= 0 && info.overdueAt <= nowMs) {
        const at = notBefore(a, info.overdueAt);
        if (at > nowMs) continue;
        push({
          id: `action-overdue:${a.id}:${a.dueDate}:${info.k + 1}`,
          kind: 'action-overdue',
          dueAt: isoOf(at),
          mentions: mentionsFor(a.owner, info.k >= 1),
          action: { id: a.id, version: a.version, dueDate: a.dueDate, ownerService: a.ownerService },
          case: labelOf(a.caseRef),
          owner: a.owner,
          workingDaysOverdue: info.wd,
          reminder: info.k + 1,
        });
      }
    }
  }

  // --- Escalations: prompts for stuck cases, overdue responses ---------------------------------------
  const awaiting = snapshot.escalations.filter((e) => e.response === null);
  // Planned only by a run on a working day at or after its slot, like every scheduled message: a full
  // sweep at a weekend restart, or before 08:30, must not prompt the chair then (the year simulation's
  // oracle caught a Saturday restart doing so).
  if (wants('escalation-prompt') && asOf === today) {
    const escalatedRefs = new Set(awaiting.map((e) => e.caseRef));
    const windowStart = stuckWindowStart(snapshot.meetings, now, policy);
    const at = slot(asOf, np).toISOString();
    for (const c of openCases.values()) {
      if (c.status === 'escalated' || escalatedRefs.has(c.ref)) continue;
      const id = `escalation-prompt:${c.ref}:${c.lastProgressAt}`;
      if (sent.has(id)) continue;
      const stuck = stuckStatus(c, actionsByCase.get(c.ref) ?? [], snapshot.meetings, now, policy, {
        windowStart,
      });
      if (!stuck.stuck) continue;
      push({
        id,
        kind: 'escalation-prompt',
        dueAt: at,
        mentions: chairs,
        case: { ...labelOf(c.ref), version: c.version },
        reasons: stuck.reasons.map(describeStuckReason),
      });
    }
  }
  if (wants('escalation-overdue')) {
    for (const e of awaiting) {
      if (!openCases.has(e.caseRef)) continue;
      const at = slot(nextWorkingDayOnOrAfter(addDays(e.responseDue, 1), cal), np);
      if (!due(at)) continue;
      push({
        id: `escalation-overdue:${e.id}:${e.responseDue}`,
        kind: 'escalation-overdue',
        dueAt: at.toISOString(),
        mentions: chairs,
        escalation: { id: e.id, to: e.to, raisedOn: e.raisedOn, responseDue: e.responseDue },
        case: labelOf(e.caseRef),
      });
    }
  }

  // --- Minutes published (immediate) ---------------------------------------------------------------
  if (wants('minutes-published')) {
    const earliest = addWorkingDays(today, -np.catchUpWorkingDays, cal);
    for (const m of snapshot.meetings) {
      const published = m.minutesPublishedAt;
      if (published === null || Date.parse(published) > nowMs) continue;
      if (toLondonDate(new Date(published)) < earliest) continue;
      push({
        id: `minutes-published:${m.id}`,
        kind: 'minutes-published',
        dueAt: new Date(published).toISOString(),
        mentions: [],
        meeting: { id: m.id, date: toLondonDate(new Date(m.startsAt)), startsAt: m.startsAt },
        publishedAt: new Date(published).toISOString(),
      });
    }
  }

  // --- Annual review of the terms of reference -----------------------------------------------------
  if (wants('tor-review') && np.torAnniversary !== null) {
    const agreed = np.torAnniversary;
    const year = Number(today.slice(0, 4));
    for (const y of [year, year + 1]) {
      if (y <= Number(agreed.slice(0, 4))) continue;
      const anniversary = anniversaryIn(agreed, y);
      const reviewBy = nextWorkingDayOnOrAfter(oneMonthBefore(anniversary), cal);
      const at = slot(reviewBy, np);
      if (!due(at) || today >= anniversary) continue;
      push({
        id: `tor-review:${y}`,
        kind: 'tor-review',
        dueAt: at.toISOString(),
        mentions: chairs,
        anniversary,
        reviewBy,
      });
    }
  }

  return sortByDue(out);
}
