/**
 * The independent oracle of the year simulation: from the journal of what happened (tests/sim/journal.ts)
 * and SPEC.md's table "The bot's messages", which messages should have gone out and when; then a
 * comparison with what the fake Bot Connector actually received.
 *
 * It never calls the app's planner, calendar or stuck rule: its calendar is tests/sim/oracleCalendar.ts and
 * its rules are written out below from the SPEC, one per row of the table:
 *
 * | message | SPEC "when" | here |
 * |---|---|---|
 * | meeting reminder | 2 working days before a meeting, 08:30 | slot of meeting date - 2 working days, while the meeting has not started |
 * | list-check reminder | 5 working days before a meeting | slot of meeting date - 5 working days, while it has not started |
 * | action due soon | 3 working days before due | slot of due - 3 working days (not before the first slot after the due date was set), while the due date has not passed |
 * | action overdue | the working day after due, then every 5 working days | slot of due + 1 + 5k working days, k = 0, 1, ... while open |
 * | escalation prompt | when a case becomes stuck | the first full sweep on a working day, at or after 08:30, at which the case is stuck (ToR rule below), once per stretch without progress |
 * | escalation response overdue | the day after the response due date | slot of the first working day after the due date, while unanswered |
 * | minutes published | when the chair publishes minutes | the first sweep after publication |
 * | annual review of the ToR | 1 month before the anniversary | slot of the first working day on or after that date |
 *
 * "Posted once; a run that was down when it was due posts it on the next run" (SPEC): a message due while
 * nothing could post (the bot removed, the Bot Connector down, the process dead) is expected at the first
 * sweep after the outage, if its subject is still live then (the action still open with that due date, the
 * meeting not yet started, the escalation still unanswered). Each message is expected in one sweep: posted
 * before it is early, after the next sweep began is late.
 *
 * Stuck (SPEC "Rules"): an open case where over the last 2 meetings no action was completed and neither
 * status, provision nor concern changed; or an action deferred 2 or more times; or the chair's flag. A case
 * escalated or with an escalation awaiting a response is not prompted again.
 */
import { formatDate } from '../../src/bot/format';
import type { ActionFacts, CaseFacts, Journal, SweepFacts } from './journal';
import {
  addWorkingDays,
  firstSlotAtOrAfter,
  isWorkingDay,
  londonDate,
  nextWorkingDayFrom,
  plusDays,
  slotOf,
} from './oracleCalendar';

export const KINDS = [
  'meeting-reminder',
  'list-check-reminder',
  'action-due-soon',
  'action-overdue',
  'escalation-prompt',
  'escalation-overdue',
  'minutes-published',
  'tor-review',
] as const;
export type Kind = (typeof KINDS)[number];

/** A message the fake Bot Connector accepted, identified from its card. */
export interface Post {
  at: number;
  kind: Kind | 'unknown';
  key: string;
}

export interface Expected {
  kind: Kind;
  key: string;
  /** When it became due. */
  dueAt: number;
  /** The sweep expected to post it. */
  sweepAt: number;
  /** Posted at or after this is late (the next sweep had begun). */
  lateFrom: number;
}

export interface KindRow {
  expected: number;
  posted: number;
  duplicated: number;
  missed: number;
  unexpected: number;
  mistimed: number;
  offDay: number;
}

export interface Verdict {
  rows: Record<Kind, KindRow>;
  totals: KindRow;
  /** Readable lines for every disagreement (empty when the app agrees with the oracle). */
  problems: string[];
  /** Meetings whose agenda's "no progress" cases differ from the oracle's. */
  stuckMismatches: number;
  /** Meetings whose minutes do not list exactly the cases discussed. */
  minutesMismatches: number;
  expected: Expected[];
  /** Messages due during each outage (by its `why`), expected at the first sweep after it. */
  caughtUp: Record<string, number>;
}

// --- Reading the fake Bot Connector's posts ---------------------------------------------------------

function idIn(card: string, prefix: string): string {
  const m = new RegExp(`"id":"(${prefix}:[^"]+)"`).exec(card);
  return m?.[1] ?? '';
}

/** The kind and key of a posted activity, from its summary and card (what a reader of the channel sees). */
export function identify(activity: Record<string, unknown>, at: number): Post {
  const summary = typeof activity.summary === 'string' ? activity.summary : '';
  const attachments = (activity.attachments ?? []) as { content?: unknown }[];
  const card = JSON.stringify(attachments[0]?.content ?? null);
  let m: RegExpExecArray | null;
  if ((m = /^Meeting on (.+?):/.exec(summary))) return { at, kind: 'meeting-reminder', key: m[1] as string };
  if ((m = /^List checks before the meeting on (.+)$/.exec(summary)))
    return { at, kind: 'list-check-reminder', key: m[1] as string };
  if ((m = /^Minutes published: meeting on (.+)$/.exec(summary)))
    return { at, kind: 'minutes-published', key: m[1] as string };
  if (summary.startsWith('Action due soon:'))
    return { at, kind: 'action-due-soon', key: idIn(card, 'action-due-soon') };
  if (summary.startsWith('Action overdue:'))
    return { at, kind: 'action-overdue', key: idIn(card, 'action-overdue') };
  if (summary.startsWith('Stuck case:'))
    return { at, kind: 'escalation-prompt', key: idIn(card, 'escalation-prompt') };
  if (summary.startsWith('Escalation response overdue:')) {
    const ref = /CMOE-\d+/.exec(summary)?.[0] ?? '';
    const due = /was due on ([^.]+)\./.exec(card)?.[1] ?? '';
    return { at, kind: 'escalation-overdue', key: `${ref}|${due}` };
  }
  if (summary.startsWith('Annual review of the terms of reference'))
    return { at, kind: 'tor-review', key: 'tor' };
  return { at, kind: 'unknown', key: summary };
}

// --- The state of the world at an instant, from the journal --------------------------------------------

function lastAtOrBefore<T extends { at: number }>(list: readonly T[], t: number): T | undefined {
  let found: T | undefined;
  for (const x of list) if (x.at <= t) found = x;
  return found;
}

class World {
  constructor(private readonly j: Journal) {}

  statusAt(c: CaseFacts, t: number): string | null {
    return lastAtOrBefore(c.statuses, t)?.status ?? null;
  }

  closedAt(ref: string, t: number): boolean {
    const c = this.j.cases.get(ref);
    return !c || this.statusAt(c, t) === 'closed';
  }

  lastProgress(c: CaseFacts, t: number): number {
    let last = -Infinity;
    for (const p of c.progress) if (p <= t) last = Math.max(last, p);
    return last;
  }

  /** Start of the earliest of the last 2 meetings held (not cancelled) at or before `t`. */
  windowStart(t: number): number | null {
    const held = [...this.j.meetings.values()]
      .filter((m) => (m.cancelledAt === null || m.cancelledAt > t) && m.startsAt <= t)
      .map((m) => m.startsAt)
      .sort((a, b) => b - a);
    return held.length >= 2 ? (held[1] as number) : null;
  }

  actionsOf(ref: string): ActionFacts[] {
    return [...this.j.actions.values()].filter((a) => a.caseRef === ref);
  }

  openAt(a: ActionFacts, t: number): boolean {
    return a.createdAt <= t && (a.completedAt === null || a.completedAt > t);
  }

  episodeAt(a: ActionFacts, t: number): { due: string; from: number } | undefined {
    let e: { due: string; from: number } | undefined;
    for (const x of a.episodes) if (x.from <= t) e = x;
    return e;
  }

  noProgress(c: CaseFacts, t: number): boolean {
    const start = this.windowStart(t);
    if (start === null || !(this.lastProgress(c, t) < start)) return false;
    const since = londonDate(start);
    const completed = this.actionsOf(c.ref).some(
      (a) => a.completedAt !== null && a.completedAt <= t && (a.completedOn as string) >= since,
    );
    return !completed;
  }

  stuck(c: CaseFacts, t: number): boolean {
    if (this.statusAt(c, t) === 'closed') return false;
    const flagged = lastAtOrBefore(c.flags, t)?.on ?? false;
    const deferred = this.actionsOf(c.ref).some(
      (a) => this.openAt(a, t) && a.episodes.filter((e) => e.from <= t).length - 1 >= 2,
    );
    return flagged || deferred || this.noProgress(c, t);
  }

  awaitingEscalation(ref: string, t: number): boolean {
    return [...this.j.escalations.values()].some(
      (e) => e.caseRef === ref && e.raisedAt <= t && (e.respondedAt === null || e.respondedAt > t),
    );
  }
}

// --- The oracle ------------------------------------------------------------------------------------------

function emptyRow(): KindRow {
  return { expected: 0, posted: 0, duplicated: 0, missed: 0, unexpected: 0, mistimed: 0, offDay: 0 };
}

export function judge(j: Journal, posts: readonly Post[]): Verdict {
  const w = new World(j);
  const sweeps = [...j.sweeps].sort((a, b) => a.at - b.at);
  const down = (t: number) => j.outages.some((o) => t >= o.from && t < o.to);
  const eligible = sweeps.filter((s) => !down(s.at));
  const nextAfter = (t: number) => sweeps.find((s) => s.at > t)?.at ?? Infinity;

  const expected: Expected[] = [];
  const seen = new Set<string>();
  /** Expects `key` at the first eligible sweep at or after `dueAt` where `live` holds. */
  const expect = (kind: Kind, key: string, dueAt: number, live: (t: number) => boolean, full = true) => {
    if (dueAt >= j.end || seen.has(`${kind}|${key}`)) return;
    const s = eligible.find((x) => x.at >= dueAt && (x.full || !full));
    if (!s || !live(s.at)) return;
    seen.add(`${kind}|${key}`);
    expected.push({ kind, key, dueAt, sweepAt: s.at, lateFrom: nextAfter(s.at) });
  };

  // Meetings: reminders and list checks.
  for (const m of j.meetings.values()) {
    const live = (t: number) => (m.cancelledAt === null || m.cancelledAt > t) && t < m.startsAt;
    expect('meeting-reminder', formatDate(m.date), slotOf(addWorkingDays(m.date, -2)), live);
    expect('list-check-reminder', formatDate(m.date), slotOf(addWorkingDays(m.date, -5)), live);
    if (m.publishedAt !== null) {
      const published = m.publishedAt;
      expect(
        'minutes-published',
        formatDate(m.date),
        published,
        (t) => londonDate(published) >= addWorkingDays(londonDate(t), -5),
        false,
      );
    }
  }

  // Actions: due soon, overdue.
  for (const a of j.actions.values()) {
    a.episodes.forEach((e, i) => {
      const until = a.episodes[i + 1]?.from ?? Infinity;
      const live = (t: number) => w.openAt(a, t) && t < until && !w.closedAt(a.caseRef, t);
      const soonAt = Math.max(slotOf(addWorkingDays(e.due, -3)), firstSlotAtOrAfter(e.from));
      expect(
        'action-due-soon',
        `action-due-soon:${a.id}:${e.due}`,
        soonAt,
        (t) => live(t) && londonDate(t) <= e.due,
      );
      for (let k = 0; ; k++) {
        const at = Math.max(slotOf(addWorkingDays(e.due, 1 + 5 * k)), firstSlotAtOrAfter(e.from));
        if (at >= j.end || !live(at)) break;
        expect('action-overdue', `action-overdue:${a.id}:${e.due}:${k + 1}`, at, live);
      }
    });
  }

  // Escalations: response overdue.
  for (const e of j.escalations.values()) {
    expect(
      'escalation-overdue',
      `${e.caseRef}|${formatDate(e.responseDue)}`,
      slotOf(nextWorkingDayFrom(plusDays(e.responseDue, 1))),
      (t) => (e.respondedAt === null || e.respondedAt > t) && !w.closedAt(e.caseRef, t),
    );
  }

  // Stuck cases: a prompt at the first full sweep that finds the case stuck, once per stretch without progress.
  for (const s of eligible) {
    // Like every message of the table: on a working day, from its 08:30 on (none on weekends, none early).
    const day = londonDate(s.at);
    if (!s.full || !isWorkingDay(day) || s.at < slotOf(day)) continue;
    for (const c of j.cases.values()) {
      if (w.statusAt(c, s.at) === null || w.statusAt(c, s.at) === 'escalated') continue;
      if (w.awaitingEscalation(c.ref, s.at) || !w.stuck(c, s.at)) continue;
      const key = `escalation-prompt:${c.ref}:${new Date(w.lastProgress(c, s.at)).toISOString()}`;
      expect('escalation-prompt', key, s.at, () => true);
    }
  }

  // The terms of reference: a month before this year's anniversary.
  const year = londonDate(j.start).slice(0, 4);
  for (const y of [Number(year), Number(year) + 1]) {
    const anniversary = `${y}${j.torAnniversary.slice(4)}`;
    const [, mm, dd] = anniversary.split('-').map(Number) as [number, number, number];
    const prev = mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
    const lastDay = new Date(Date.UTC(Number(prev.slice(0, 4)), Number(prev.slice(5, 7)), 0)).getUTCDate();
    const monthBefore = `${prev}-${String(Math.min(dd, lastDay)).padStart(2, '0')}`;
    expect('tor-review', 'tor', slotOf(nextWorkingDayFrom(monthBefore)), (t) => londonDate(t) < anniversary);
  }

  // --- Compare -------------------------------------------------------------------------------------------
  const rows = Object.fromEntries(KINDS.map((k) => [k, emptyRow()])) as Record<Kind, KindRow>;
  const problems: string[] = [];
  const postsByKey = new Map<string, Post[]>();
  for (const p of posts) {
    if (p.kind === 'unknown') {
      problems.push(`unidentified post at ${new Date(p.at).toISOString()}: ${p.key}`);
      continue;
    }
    rows[p.kind].posted++;
    if (!isWorkingDay(londonDate(p.at))) {
      rows[p.kind].offDay++;
      problems.push(`${p.kind} ${p.key} posted on ${londonDate(p.at)}, not a working day`);
    }
    const k = `${p.kind}|${p.key}`;
    postsByKey.set(k, [...(postsByKey.get(k) ?? []), p]);
  }
  // Nothing goes out while the bot is removed, the Bot Connector is down or the process is dead.
  for (const p of posts) {
    const o = j.outages.find((x) => p.at >= x.from && p.at < x.to);
    if (o) problems.push(`${p.kind} ${p.key} posted at ${iso(p.at)}, during the outage "${o.why}"`);
  }
  // The scheduler's own sweep ran at 08:30 London on every working day (unless the process was dead).
  for (let d = londonDate(j.start); slotOf(d) < j.end; d = plusDays(d, 1)) {
    if (!isWorkingDay(d) || slotOf(d) < j.start || down(slotOf(d) - 1)) continue;
    if (!sweeps.some((s) => s.full && s.instance === 'scheduler' && s.at === slotOf(d))) {
      problems.push(`no scheduled sweep at 08:30 on ${d}`);
    }
  }
  for (let d = londonDate(j.start); d < londonDate(j.end); d = plusDays(d, 1)) {
    if (
      !isWorkingDay(d) &&
      sweeps.some((s) => s.instance === 'scheduler' && s.full && londonDate(s.at) === d)
    ) {
      problems.push(`a scheduled full sweep ran on ${d}, not a working day`);
    }
  }
  for (const e of expected) {
    const row = rows[e.kind];
    row.expected++;
    const got = postsByKey.get(`${e.kind}|${e.key}`) ?? [];
    postsByKey.delete(`${e.kind}|${e.key}`);
    if (got.length === 0) {
      row.missed++;
      problems.push(
        `missed ${e.kind} ${e.key} (due ${iso(e.dueAt)}, expected in the sweep at ${iso(e.sweepAt)})`,
      );
      continue;
    }
    if (got.length > 1) {
      row.duplicated += got.length - 1;
      problems.push(`${e.kind} ${e.key} posted ${got.length} times`);
    }
    const first = got[0] as Post;
    if (first.at < e.sweepAt || first.at >= e.lateFrom) {
      row.mistimed++;
      problems.push(
        `${e.kind} ${e.key} posted at ${iso(first.at)}, expected in the sweep at ${iso(e.sweepAt)} (due ${iso(e.dueAt)})`,
      );
    }
  }
  for (const [k, list] of postsByKey) {
    const kind = list[0]?.kind as Kind;
    rows[kind].unexpected += list.length;
    problems.push(`unexpected ${k} posted at ${list.map((p) => iso(p.at)).join(', ')}`);
  }

  // Stuck detection at each meeting, and each meeting's minutes.
  let stuckMismatches = 0;
  let minutesMismatches = 0;
  for (const m of j.meetings.values()) {
    if (m.heldAt === null) continue;
    const t = m.startsAt - 1;
    const oracleNoProgress = new Set(
      [...j.cases.values()]
        .filter((c) => w.statusAt(c, t) !== null && w.statusAt(c, t) !== 'closed' && w.noProgress(c, t))
        .map((c) => c.ref),
    );
    if (!sameSet(oracleNoProgress, m.agendaNoProgress ?? new Set())) {
      stuckMismatches++;
      problems.push(
        `meeting ${m.date}: no progress at 2 meetings, oracle [${[...oracleNoProgress].sort().join(' ')}], agenda [${[...(m.agendaNoProgress ?? [])].sort().join(' ')}]`,
      );
    }
    if (!sameSet(m.discussed, m.minutesCases ?? new Set())) {
      minutesMismatches++;
      problems.push(
        `meeting ${m.date}: discussed [${[...m.discussed].sort().join(' ')}], minutes list [${[...(m.minutesCases ?? [])].sort().join(' ')}]`,
      );
    }
  }

  const totals = emptyRow();
  for (const r of Object.values(rows)) {
    for (const f of Object.keys(totals) as (keyof KindRow)[]) totals[f] += r[f];
  }
  const caughtUp: Record<string, number> = {};
  for (const o of j.outages) {
    caughtUp[o.why] = expected.filter((e) => e.dueAt >= o.from && e.dueAt < o.to && e.sweepAt >= o.to).length;
  }
  return { rows, totals, problems, stuckMismatches, minutesMismatches, expected, caughtUp };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}

/** The table the simulation prints. */
export function formatTable(title: string, v: Verdict): string {
  const head = ['kind', 'expected', 'posted', 'duplicated', 'missed', 'unexpected', 'mistimed', 'off-day'];
  const line = (name: string, r: KindRow) => [
    name,
    r.expected,
    r.posted,
    r.duplicated,
    r.missed,
    r.unexpected,
    r.mistimed,
    r.offDay,
  ];
  const rows = [head, ...KINDS.map((k) => line(k, v.rows[k])), line('total', v.totals)].map((r) =>
    r.map(String),
  );
  const widths = head.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    title,
    ...rows.map(fmt),
    `stuck detection mismatches: ${v.stuckMismatches}; minutes mismatches: ${v.minutesMismatches}`,
    `due during an outage, expected at the first sweep after it: ${
      Object.entries(v.caughtUp)
        .map(([why, n]) => `${why} ${n}`)
        .join(', ') || 'none'
    }`,
  ].join('\n');
}

export type { SweepFacts };
