/**
 * Oversight figures for senior managers (issue 17; ToR §4 "corporate oversight … with senior management
 * oversight"): what the list looks like now, and how it moved over a period, by month and by meeting.
 *
 * Pure: the records, the period, `now` and the policy are passed in. Every judgement uses the rule that
 * the rest of the app uses (stuck, statutory prompts, overdue actions, weeks out, working days), so a
 * figure here always agrees with the list, the agenda and the bot.
 *
 * How things are counted (the tab's help and the README say the same):
 * - A child is "on the list" from the referral date (ToR §4: the date of the next meeting after receipt)
 *   until the closure date; closed on a day means off the list at the end of that day. "Now" counts every
 *   case that is not closed, including referrals waiting for their first meeting.
 * - A reopened case has several episodes: referral to first closure, reopening to the next closure, and so
 *   on. Each closure counts once, in the period of its own date with its own reason; a reopening is not a
 *   new referral (it is counted as a reopening); at a month end the child counts once if any episode
 *   covers that day. Weeks to closure run from the episode's start (referral, or the reopening).
 * - A child in two categories counts in both: the category counts add up to more than the children.
 */
import { isOverdue } from './actions';
import { addDays, makeDate, toLondonDate, workingDaysBetween } from './calendar';
import { weeksOut } from './eligibility';
import { isAwaitingResponse, isResponseOverdue } from './escalations';
import {
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  YEAR_GROUP_LABELS,
} from './labels';
import type { Policy } from './policy';
import { statutoryPrompts, type StatutoryPrompt } from './prompts';
import { stuckStatus, stuckWindowStart, type StuckReason } from './stuck';
import {
  CATEGORIES,
  CLOSURE_REASONS,
  CONCERNS,
  OPEN_CASE_STATUSES,
  YEAR_GROUPS,
  type Action,
  type Case,
  type CaseRef,
  type Closure,
  type ClosureReason,
  type Escalation,
  type LocalDate,
  type Meeting,
} from './types';

/**
 * The day reopenings started to be kept (issue 17). A case reopened before it kept only its latest
 * closure, so closures and month-end counts for periods before this day may miss an earlier closure.
 */
export const REOPENINGS_RECORDED_FROM: LocalDate = '2026-12-08';

/** The longest period one request may ask for: bounds the work and the response. */
export const MAX_PERIOD_MONTHS = 60;

/** A chosen period, both days inclusive (London dates). */
export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** One figure of a breakdown. `refs` (the cases behind it) only for callers who may read cases. */
export interface Count {
  key: string;
  label: string;
  count: number;
  refs?: CaseRef[];
}

export const WEEKS_OUT_BANDS = [
  { key: 'under-4', label: 'Under 4 weeks', min: 0, max: 4 },
  { key: '4-8', label: '4 to 8 weeks', min: 4, max: 8 },
  { key: '8-13', label: '8 to 13 weeks', min: 8, max: 13 },
  { key: '13-26', label: '13 to 26 weeks', min: 13, max: 26 },
  { key: '26-52', label: '26 to 52 weeks', min: 26, max: 52 },
  { key: '52-plus', label: '52 weeks or more', min: 52, max: Infinity },
] as const;

const PROMPT_LABELS: Record<StatutoryPrompt['code'], string> = {
  'day6-no-provision': 'Permanently excluded, no provision by the 6th school day',
  'timetable-no-end-or-review': 'Part-time timetable with no end or review date',
  'timetable-end-passed': 'Part-time timetable past its end date',
  'timetable-review-passed': 'Part-time timetable past its review date',
};
const PROMPT_CODES = Object.keys(PROMPT_LABELS) as StatutoryPrompt['code'][];

const STUCK_LABELS: Record<StuckReason['code'], string> = {
  flagged: 'Flagged stuck by the chair',
  'no-progress': 'No progress over the last meetings',
  deferred: 'An action deferred repeatedly',
};
const STUCK_CODES = Object.keys(STUCK_LABELS) as StuckReason['code'][];

/** The service an action's owner works for, as typed; blank ones are grouped together. */
export const SERVICE_NOT_RECORDED = 'Service not recorded';

export interface ServiceActions {
  service: string;
  open: number;
  overdue: number;
  refs?: CaseRef[];
  overdueRefs?: CaseRef[];
}

export interface NowFigures {
  /** Children on the list: every case not closed. */
  onList: number;
  byCategory: Count[];
  /** Children counted in two or more categories (why the category counts add up to more). */
  inSeveralCategories: number;
  byConcern: Count[];
  byStatus: Count[];
  byYearGroup: Count[];
  /** Weeks out of education today, in bands; children with no date recorded are counted apart. */
  weeksOut: Count[];
  weeksOutNotRecorded: number;
  stuck: number;
  stuckRefs?: CaseRef[];
  /** Why they are stuck (a case may have several reasons). */
  stuckByReason: Count[];
  escalationsAwaiting: number;
  escalationsOverdue: number;
  escalationRefs?: CaseRef[];
  escalationOverdueRefs?: CaseRef[];
  /** Open actions (on any case) by the owner's service, with how many are overdue. */
  actionsByService: ServiceActions[];
  /** Cases with at least one statutory prompt outstanding, and the prompts by kind. */
  promptCases: number;
  promptRefs?: CaseRef[];
  prompts: Count[];
}

/** The same figures for one slice of the period: a month, or the weeks up to a meeting. */
export interface Bucket {
  key: string;
  label: string;
  /** First and last day of the slice inside the period, inclusive. */
  start: LocalDate;
  end: LocalDate;
  referralsIn: number;
  reopened: number;
  closures: number;
  closuresByReason: Record<ClosureReason, number>;
  /** Children on the list at the end of the slice's last day. */
  onListAtEnd: number;
  /** Median whole weeks from the episode's start to the closure, over the slice's closures. */
  medianWeeksToClosure: number | null;
  /** Median whole weeks out of education on the referral date, over referrals with a date recorded. */
  medianWeeksOutAtReferral: number | null;
  /** Actions completed in the slice. */
  actionsOnTime: number;
  actionsDeferred: number;
  actionsLate: number;
  escalationsRaised: number;
  escalationsResponded: number;
  escalationsRespondedInTime: number;
  /** Median working days from raising to the response, over responses in the slice. */
  medianResponseWorkingDays: number | null;
  /** Meetings held (completed) in the slice, and how many of them each service attended. */
  meetingsHeld: number;
  attendanceByService: Record<string, number>;
}

export interface OversightFigures {
  period: Period;
  /** The London date the "now" figures are for. */
  asOf: LocalDate;
  now: NowFigures;
  byMonth: Bucket[];
  byMeeting: Bucket[];
  closureReasons: { key: ClosureReason; label: string }[];
  /** Every service seen in attendance over the period, sorted. */
  services: string[];
  /** Caveats about completeness, for people. */
  notes: string[];
}

export interface OversightRecords {
  cases: readonly Case[];
  /** All actions, any status. */
  actions: readonly Action[];
  meetings: readonly Meeting[];
  escalations: readonly Escalation[];
}

/** The default period: the last 12 calendar months, this one included, up to today. */
export function defaultPeriod(today: LocalDate): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return { from: makeDate(y, m - 11, 1), to: today };
}

/** Whole calendar months a period touches. */
export function monthsSpanned(p: Period): number {
  const months = (d: LocalDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  return months(p.to) - months(p.from) + 1;
}

/** Why a period cannot be used, or null. Messages carry no child data. */
export function periodProblem(p: Period, today: LocalDate): string | null {
  if (p.from > p.to) return 'The period must not end before it starts.';
  if (p.to > today) return 'The period must not end after today.';
  if (monthsSpanned(p) > MAX_PERIOD_MONTHS) return `The period must be at most ${MAX_PERIOD_MONTHS} months.`;
  return null;
}

/** The median, or null for none; halves are kept (one decimal at most for whole-number inputs). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** One stretch of a child on the list: from `start` (inclusive) to `closure.date` (off at its end). */
interface Episode {
  ref: CaseRef;
  start: LocalDate;
  /** True when the episode began with a reopening rather than the referral. */
  reopened: boolean;
  closure: Closure | null;
}

/** A case's episodes in order: referral to first closure, each reopening to the next closure. */
export function episodesOf(c: Pick<Case, 'ref' | 'referralDate' | 'closure' | 'reopenings'>): Episode[] {
  const reopenings = [...(c.reopenings ?? [])].sort((a, b) => (a.reopenedAt < b.reopenedAt ? -1 : 1));
  const episodes: Episode[] = [];
  let start = c.referralDate;
  let reopened = false;
  for (const r of reopenings) {
    episodes.push({ ref: c.ref, start, reopened, closure: r.closure });
    start = r.reopenedOn;
    reopened = true;
  }
  episodes.push({ ref: c.ref, start, reopened, closure: c.closure });
  return episodes;
}

function emptyReasons(): Record<ClosureReason, number> {
  return Object.fromEntries(CLOSURE_REASONS.map((r) => [r, 0])) as Record<ClosureReason, number>;
}

function counter<K extends string>(keys: readonly K[], label: (k: K) => string) {
  const map = new Map<string, { label: string; refs: CaseRef[] }>();
  for (const k of keys) map.set(k, { label: label(k), refs: [] });
  return {
    add(key: K, ref: CaseRef) {
      map.get(key)?.refs.push(ref);
    },
    counts(): Count[] {
      return [...map.entries()].map(([key, v]) => ({
        key,
        label: v.label,
        count: v.refs.length,
        refs: v.refs,
      }));
    },
  };
}

function nowFigures(records: OversightRecords, now: Date, today: LocalDate, policy: Policy): NowFigures {
  const open = records.cases.filter((c) => c.status !== 'closed');
  const actionsByCase = new Map<CaseRef, Action[]>();
  for (const a of records.actions) {
    const list = actionsByCase.get(a.caseRef);
    if (list) list.push(a);
    else actionsByCase.set(a.caseRef, [a]);
  }
  const windowStart = stuckWindowStart(records.meetings, now, policy);

  const categories = counter(CATEGORIES, (k) => CATEGORY_LABELS[k]);
  const concerns = counter(CONCERNS, (k) => CONCERN_LABELS[k]);
  const statuses = counter(OPEN_CASE_STATUSES, (k) => CASE_STATUS_LABELS[k]);
  const years = counter(YEAR_GROUPS, (k) => YEAR_GROUP_LABELS[k]);
  const bands = counter(
    WEEKS_OUT_BANDS.map((b) => b.key),
    (k) => WEEKS_OUT_BANDS.find((b) => b.key === k)?.label ?? k,
  );
  const stuckReasons = counter(STUCK_CODES, (k) => STUCK_LABELS[k]);
  const promptKinds = counter(PROMPT_CODES, (k) => PROMPT_LABELS[k]);
  let several = 0;
  let weeksNotRecorded = 0;
  const stuckRefs: CaseRef[] = [];
  const promptRefs: CaseRef[] = [];

  for (const c of open) {
    for (const cat of new Set(c.categories)) categories.add(cat, c.ref);
    if (new Set(c.categories).size > 1) several++;
    concerns.add(c.concern, c.ref);
    statuses.add(c.status as (typeof OPEN_CASE_STATUSES)[number], c.ref);
    years.add(c.yearGroup, c.ref);
    const w = weeksOut(c.outOfEducationSince, today);
    if (w === null) weeksNotRecorded++;
    else {
      const band = WEEKS_OUT_BANDS.find((b) => w >= b.min && w < b.max);
      if (band) bands.add(band.key, c.ref);
    }
    const stuck = stuckStatus(c, actionsByCase.get(c.ref) ?? [], records.meetings, now, policy, {
      windowStart,
    });
    if (stuck.stuck) {
      stuckRefs.push(c.ref);
      for (const code of new Set(stuck.reasons.map((r) => r.code))) stuckReasons.add(code, c.ref);
    }
    const prompts = statutoryPrompts(c, today, policy);
    if (prompts.length > 0) promptRefs.push(c.ref);
    for (const p of prompts) promptKinds.add(p.code, c.ref);
  }

  const awaiting = records.escalations.filter(isAwaitingResponse);
  const overdue = awaiting.filter((e) => isResponseOverdue(e, today));

  const services = new Map<
    string,
    { open: number; overdue: number; refs: Set<CaseRef>; overdueRefs: Set<CaseRef> }
  >();
  for (const a of records.actions) {
    if (a.status !== 'open') continue;
    const name = a.ownerService.trim() === '' ? SERVICE_NOT_RECORDED : a.ownerService.trim();
    let s = services.get(name);
    if (!s) {
      s = { open: 0, overdue: 0, refs: new Set(), overdueRefs: new Set() };
      services.set(name, s);
    }
    s.open++;
    s.refs.add(a.caseRef);
    if (isOverdue(a, today)) {
      s.overdue++;
      s.overdueRefs.add(a.caseRef);
    }
  }
  const uniq = (refs: Iterable<CaseRef>) => [...new Set(refs)].sort();

  return {
    onList: open.length,
    byCategory: categories.counts(),
    inSeveralCategories: several,
    byConcern: concerns.counts(),
    byStatus: statuses.counts(),
    byYearGroup: years.counts(),
    weeksOut: bands.counts(),
    weeksOutNotRecorded: weeksNotRecorded,
    stuck: stuckRefs.length,
    stuckRefs,
    stuckByReason: stuckReasons.counts(),
    escalationsAwaiting: awaiting.length,
    escalationsOverdue: overdue.length,
    escalationRefs: uniq(awaiting.map((e) => e.caseRef)),
    escalationOverdueRefs: uniq(overdue.map((e) => e.caseRef)),
    actionsByService: [...services.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
      .map(([service, s]) => ({
        service,
        open: s.open,
        overdue: s.overdue,
        refs: uniq(s.refs),
        overdueRefs: uniq(s.overdueRefs),
      })),
    promptCases: promptRefs.length,
    promptRefs,
    prompts: promptKinds.counts(),
  };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Calendar months of the period, each clipped to it. */
export function monthSlices(p: Period): { key: string; label: string; start: LocalDate; end: LocalDate }[] {
  const out = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  for (;;) {
    const first = makeDate(y, m, 1);
    if (first > p.to) break;
    const last = addDays(makeDate(y, m + 1, 1), -1);
    out.push({
      key: first.slice(0, 7),
      label: `${MONTH_NAMES[m - 1] ?? ''} ${y}`,
      start: first < p.from ? p.from : first,
      end: last > p.to ? p.to : last,
    });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * Meetings held in the period (completed, London date inside it), each with the days since the previous
 * held meeting: the slice a meeting "answers for". The first runs from the day after the last meeting
 * before the period, or from the period's start.
 */
export function meetingSlices(
  p: Period,
  meetings: readonly Meeting[],
): { key: string; label: string; start: LocalDate; end: LocalDate }[] {
  const held = meetings
    .filter((m) => m.status === 'completed')
    .map((m) => ({ id: m.id, day: toLondonDate(new Date(m.startsAt)), at: Date.parse(m.startsAt) }))
    .sort((a, b) => a.at - b.at);
  const out = [];
  let previous: LocalDate | null = null;
  for (const m of held) {
    if (m.day > p.to) break;
    if (m.day >= p.from) {
      const start: LocalDate = previous === null || previous < p.from ? p.from : addDays(previous, 1);
      out.push({ key: m.id, label: `Meeting ${m.day}`, start: start > m.day ? m.day : start, end: m.day });
    }
    previous = m.day;
  }
  return out;
}

type Slice = { key: string; label: string; start: LocalDate; end: LocalDate };

/**
 * The slice holding `day`, or -1. Slices are sorted, contiguous and disjoint (months, and the weeks up
 * to each meeting), so a binary search on their last days finds it: one pass over the records serves
 * every slice, instead of a pass per slice.
 */
function firstEndingOnOrAfter(slices: readonly Slice[], day: LocalDate): number {
  let lo = 0;
  let hi = slices.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((slices[mid] as Slice).end < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function sliceOf(slices: readonly Slice[], day: LocalDate | null): number {
  if (day === null) return -1;
  const i = firstEndingOnOrAfter(slices, day);
  return i < slices.length && (slices[i] as Slice).start <= day ? i : -1;
}

function emptyBucket(slice: Slice): Bucket {
  return {
    ...slice,
    referralsIn: 0,
    reopened: 0,
    closures: 0,
    closuresByReason: emptyReasons(),
    onListAtEnd: 0,
    medianWeeksToClosure: null,
    medianWeeksOutAtReferral: null,
    actionsOnTime: 0,
    actionsDeferred: 0,
    actionsLate: 0,
    escalationsRaised: 0,
    escalationsResponded: 0,
    escalationsRespondedInTime: 0,
    medianResponseWorkingDays: null,
    meetingsHeld: 0,
    attendanceByService: {},
  };
}

/** Every slice's figures in one pass over the records. */
function bucketFigures(
  slices: readonly Slice[],
  episodes: readonly Episode[][],
  cases: readonly Case[],
  actions: readonly Action[],
  escalations: readonly Escalation[],
  meetings: readonly Meeting[],
  policy: Policy,
): Bucket[] {
  const buckets = slices.map(emptyBucket);
  const toClosure = slices.map((): number[] => []);
  const outAtReferral = slices.map((): number[] => []);
  const responseDays = slices.map((): number[] => []);
  // Which case last counted in each slice's month-end figure: a child counts once per slice end.
  const counted = new Int32Array(slices.length).fill(-1);

  cases.forEach((c, i) => {
    const r = sliceOf(slices, c.referralDate);
    if (r >= 0) {
      (buckets[r] as Bucket).referralsIn++;
      const w = weeksOut(c.outOfEducationSince, c.referralDate);
      if (w !== null) (outAtReferral[r] as number[]).push(w);
    }
    for (const e of episodes[i] ?? []) {
      if (e.reopened) {
        const k = sliceOf(slices, e.start);
        if (k >= 0) (buckets[k] as Bucket).reopened++;
      }
      if (e.closure !== null) {
        const k = sliceOf(slices, e.closure.date);
        if (k >= 0) {
          const b = buckets[k] as Bucket;
          b.closures++;
          b.closuresByReason[e.closure.reason]++;
          (toClosure[k] as number[]).push(weeksOut(e.start, e.closure.date) ?? 0);
        }
      }
      // On the list at the end of every slice whose last day is on or after the start and before the
      // closure date (off the list at the end of the closure day).
      const from = firstEndingOnOrAfter(slices, e.start);
      const to = e.closure === null ? slices.length : firstEndingOnOrAfter(slices, e.closure.date);
      for (let k = from; k < to; k++) {
        if (counted[k] === i) continue;
        counted[k] = i;
        (buckets[k] as Bucket).onListAtEnd++;
      }
    }
  });

  for (const a of actions) {
    if (a.status !== 'done' || a.completedOn === null) continue;
    const k = sliceOf(slices, a.completedOn);
    if (k < 0) continue;
    const b = buckets[k] as Bucket;
    // Judged against the due date in force when it was done: after it is late, whatever the history.
    if (a.completedOn > a.dueDate) b.actionsLate++;
    else if (a.deferrals.length > 0) b.actionsDeferred++;
    else b.actionsOnTime++;
  }

  for (const e of escalations) {
    const raised = sliceOf(slices, e.raisedOn);
    if (raised >= 0) (buckets[raised] as Bucket).escalationsRaised++;
    const k = sliceOf(slices, e.respondedOn);
    if (k >= 0 && e.respondedOn !== null) {
      const b = buckets[k] as Bucket;
      b.escalationsResponded++;
      if (e.respondedOn <= e.responseDue) b.escalationsRespondedInTime++;
      (responseDays[k] as number[]).push(workingDaysBetween(e.raisedOn, e.respondedOn, policy.calendar));
    }
  }

  for (const m of meetings) {
    if (m.status !== 'completed') continue;
    const k = sliceOf(slices, toLondonDate(new Date(m.startsAt)));
    if (k < 0) continue;
    const b = buckets[k] as Bucket;
    b.meetingsHeld++;
    const services = new Set(m.attendees.map((a) => a.service?.trim() || SERVICE_NOT_RECORDED));
    for (const s of services) b.attendanceByService[s] = (b.attendanceByService[s] ?? 0) + 1;
  }

  buckets.forEach((b, k) => {
    b.medianWeeksToClosure = median(toClosure[k] ?? []);
    b.medianWeeksOutAtReferral = median(outAtReferral[k] ?? []);
    b.medianResponseWorkingDays = median(responseDays[k] ?? []);
  });
  return buckets;
}

/** Every figure for the period, as of `now`. Refs are included; the operation strips them for callers who may not read cases. */
export function oversightFigures(
  records: OversightRecords,
  period: Period,
  now: Date,
  policy: Policy,
): OversightFigures {
  const today = toLondonDate(now);
  const episodes = records.cases.map(episodesOf);
  const slices = (s: Slice[]) =>
    bucketFigures(s, episodes, records.cases, records.actions, records.escalations, records.meetings, policy);
  const byMonth = slices(monthSlices(period));
  const byMeeting = slices(meetingSlices(period, records.meetings));

  const services = new Set<string>();
  for (const b of byMonth) for (const s of Object.keys(b.attendanceByService)) services.add(s);

  const notes: string[] = [];
  if (period.from < REOPENINGS_RECORDED_FROM) {
    notes.push(
      `Reopenings are recorded from ${REOPENINGS_RECORDED_FROM}: a case reopened before then shows only its latest closure, so closures and month-end counts before that day may miss an earlier closure.`,
    );
  }

  return {
    period,
    asOf: today,
    now: nowFigures(records, now, today, policy),
    byMonth,
    byMeeting,
    closureReasons: CLOSURE_REASONS.map((key) => ({ key, label: CLOSURE_REASON_LABELS[key] })),
    services: [...services].sort((a, b) => a.localeCompare(b, 'en-GB')),
    notes,
  };
}

/** The figures without any case ref: what a caller who may not read cases receives. */
export function withoutRefs(f: OversightFigures): OversightFigures {
  const strip = (counts: Count[]): Count[] => counts.map(({ refs: _refs, ...rest }) => rest);
  const { stuckRefs: _b, escalationRefs: _c, escalationOverdueRefs: _d, promptRefs: _e, ...now } = f.now;
  return {
    ...f,
    now: {
      ...now,
      byCategory: strip(now.byCategory),
      byConcern: strip(now.byConcern),
      byStatus: strip(now.byStatus),
      byYearGroup: strip(now.byYearGroup),
      weeksOut: strip(now.weeksOut),
      stuckByReason: strip(now.stuckByReason),
      prompts: strip(now.prompts),
      actionsByService: now.actionsByService.map(({ refs: _r, overdueRefs: _o, ...s }) => s),
    },
  };
}
