/**
 * A deterministic generator of synthetic demo data: cases, actions, timeline updates, meetings and
 * escalations that exercise every category, status and rule of the app, for `npm start`, demos and
 * benchmarks.
 *
 * Pure: no IO, no clock, no `Math.random`. The same `seed`, `today`, `policy` and `cases` give
 * byte-identical output. Refs and ids are the store's job, so records point at each other by index
 * (`caseIndex`, `meetingIndex`) and `seedStore` turns those into refs and ids.
 *
 * How coverage is guaranteed rather than hoped for: each case gets a *scenario* (new referral, stuck by
 * the chair's flag, escalated with the response overdue, closed...) drawn from a {@link Bag} of 25 in
 * which every scenario has a fixed share, and each enum field is drawn from its own weighted bag. So 25
 * cases show every scenario, 50 cases every closure reason, and 200 cases every enum value.
 */
import { DEV_USERS } from '../auth/devUsers';
import type { DevUser } from '../auth/devUsers';
import {
  addDays,
  addSchoolDays,
  daysBetween,
  dayOfWeek,
  isWorkingDay,
  londonInstant,
  makeDate,
} from '../domain/calendar';
import type { CalendarSettings } from '../domain/calendar';
import {
  CLOSURE_REASON_LABELS,
  ESCALATION_TARGET_LABELS,
  LIST_CHECK_LIST_LABELS,
  REFERRAL_SOURCE_LABELS,
} from '../domain/labels';
import { cadenceMeetings, referralDateFor } from '../domain/meetings';
import type { Policy } from '../domain/policy';
import { AGENDA_SECTIONS, CONCERN_RANK, YEAR_GROUPS, localDateSchema } from '../domain/types';
import type {
  AgendaSection,
  Attendee,
  CaseStatus,
  Category,
  Closure,
  ClosureReason,
  Concern,
  CseRisk,
  Deferral,
  EscalationTarget,
  Instant,
  Lead,
  ListCheck,
  ListCheckList,
  LocalDate,
  Meeting,
  Person,
  Provision,
  ReferralSource,
  SendStatus,
  SocialCareStatus,
  YearGroup,
} from '../domain/types';
import { yearGroupFor } from '../domain/yearGroup';
import type { NewAction, NewCase, NewCaseUpdate, NewEscalation, NewMeeting } from '../store/ports';
import { Bag, Rng, weighted } from './random';
import {
  ACTION_TEMPLATES,
  AGENCIES,
  CANCELLATION_NOTES,
  CATEGORY_COMPANIONS,
  CHECKERS,
  CLOSURE_NOTES,
  CONCERN_NOTES,
  DEFERRAL_REASONS,
  ESCALATION_RESPONSES,
  ESCALATION_TEXTS,
  ESCALATION_TO_NAMES,
  EXTERNAL_LEADS,
  EXTERNAL_REFERRERS,
  EXTRA_ATTENDEES,
  GENERIC_ACTION_TEMPLATES,
  MEETING_SUMMARIES,
  SYNTHETIC_FIRST_NAMES,
  SYNTHETIC_LAST_NAMES,
  SYNTHETIC_PRIMARY_SCHOOLS,
  SYNTHETIC_SECONDARY_SCHOOLS,
} from './vocabulary';
import type { ActionTemplate } from './vocabulary';

/** A case to create, with the instant it was referred (the store's `createdAt`, passed as `now`). */
export type DemoCase = NewCase & { createdAt: Instant };

/**
 * An action of `cases[caseIndex]`. `meetingId` is always null here: the meeting that set it is
 * `meetings[meetingIndex]`, whose id only exists once the seeder has created it.
 */
export type DemoAction = Omit<NewAction, 'caseRef'> & {
  caseIndex: number;
  meetingIndex: number | null;
  createdAt: Instant;
};

/** A timeline entry of `cases[caseIndex]`. */
export type DemoCaseUpdate = Omit<NewCaseUpdate, 'caseRef'> & { caseIndex: number };

/** A meeting to create. Completed ones get their agenda and records from `meetingRecords` when seeded. */
export type DemoMeeting = NewMeeting & { createdAt: Instant };

/** An escalation of `cases[caseIndex]`; as for actions, `meetingId` is null and `meetingIndex` says where. */
export type DemoEscalation = Omit<NewEscalation, 'caseRef'> & {
  caseIndex: number;
  meetingIndex: number | null;
  createdAt: Instant;
};

/**
 * What a completed meeting recorded for one case, by index: the seeder turns these into the meeting's
 * `records` (and its frozen `agenda`) once refs and ids exist.
 */
export interface DemoMeetingRecord {
  meetingIndex: number;
  caseIndex: number;
  section: AgendaSection;
  reasons: string[];
  summary: string;
  decisions: string;
  concernChange: { from: Concern; to: Concern } | null;
  actionIndexes: number[];
  escalationIndex: number | null;
  closure: Closure | null;
  challengeNote: string | null;
  updatedAt: Instant;
}

/** Everything {@link generateDemoData} makes. Cases are in referral order, so refs come out chronological. */
export interface DemoData {
  cases: DemoCase[];
  actions: DemoAction[];
  updates: DemoCaseUpdate[];
  meetings: DemoMeeting[];
  escalations: DemoEscalation[];
  meetingRecords: DemoMeetingRecord[];
}

export interface DemoOptions {
  /** How many cases (0 or more; 5,000 for benchmarks). */
  cases: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** The London date the data is "as of": meetings, due dates and ages are relative to it. */
  today: LocalDate;
  policy: Policy;
}

/** How many completed meetings before `today`, and scheduled ones from `today`, the demo has. */
export const PAST_MEETINGS = 6;
export const UPCOMING_MEETINGS = 3;
/**
 * At most this many case records (and agenda items) per completed meeting. A real meeting discusses a
 * few dozen children; without a cap a 5,000-case benchmark store would carry megabyte-sized meetings.
 */
export const MAX_RECORDS_PER_MEETING = 120;

type Scenario =
  | 'new-referral'
  | 'eligibility-warning'
  | 'open'
  | 'overdue'
  | 'stuck-flag'
  | 'stuck-no-progress'
  | 'stuck-deferred'
  | 'excluded-no-provision'
  | 'part-time-no-dates'
  | 'part-time-review-passed'
  | 'escalated-awaiting'
  | 'escalated-overdue'
  | 'escalated-responded'
  | 'monitoring'
  | 'proposed-closure'
  | 'closed';

/** One block of 25 cases. Four closed per block, so 50 cases hold 8 and the 7 closure reasons all show. */
const SCENARIO_WEIGHTS: ReadonlyArray<readonly [Scenario, number]> = [
  ['new-referral', 2],
  ['eligibility-warning', 1],
  ['open', 3],
  ['overdue', 2],
  ['stuck-flag', 1],
  ['stuck-no-progress', 2],
  ['stuck-deferred', 1],
  ['excluded-no-provision', 1],
  ['part-time-no-dates', 1],
  ['part-time-review-passed', 1],
  ['escalated-awaiting', 1],
  ['escalated-overdue', 1],
  ['escalated-responded', 1],
  ['monitoring', 2],
  ['proposed-closure', 1],
  ['closed', 4],
];

// CMOE cases skew to secondary age; every year group is still in each bag.
const YEAR_GROUP_WEIGHTS = YEAR_GROUPS.map((y): readonly [YearGroup, number] => {
  const n = y === 'R' ? 0 : Number(y);
  return [y, n <= 5 ? 1 : n <= 7 ? 2 : n <= 9 ? 3 : 4];
});

const CATEGORY_WEIGHTS: ReadonlyArray<readonly [Category, number]> = [
  ['permanently-excluded', 2],
  ['high-suspensions', 2],
  ['no-school-place', 2],
  ['cme', 1],
  ['medically-unfit', 2],
  ['part-time-or-ap', 3],
  ['ehe-unsatisfactory', 2],
  ['off-rolling', 1],
];

const PROVISION_WEIGHTS: ReadonlyArray<readonly [Provision, number]> = [
  ['none', 4],
  ['part-time-timetable', 3],
  ['alternative-provision', 2],
  ['section-19', 2],
  ['ehe', 1],
  ['other', 1],
];

const SOURCE_WEIGHTS: ReadonlyArray<readonly [ReferralSource, number]> = [
  ['support-safeguarding', 3],
  ['ewo', 3],
  ['send-lead', 2],
  ['cme-officer', 2],
  ['other', 1],
];

const SEND_WEIGHTS: ReadonlyArray<readonly [SendStatus, number]> = [
  ['none', 4],
  ['sen-support', 3],
  ['ehcp', 2],
];

const SOCIAL_CARE_WEIGHTS: ReadonlyArray<readonly [SocialCareStatus, number]> = [
  ['none', 5],
  ['early-help', 3],
  ['child-in-need', 2],
  ['child-protection', 1],
  ['looked-after', 1],
];

const CONCERN_WEIGHTS: ReadonlyArray<readonly [Concern, number]> = [
  ['high', 2],
  ['medium', 3],
  ['low', 2],
];

const CLOSURE_REASONS_BAG: readonly ClosureReason[] = [
  'school-place',
  'alternative-provision',
  'ehe-confirmed',
  'moved-out',
  'left-uk',
  'end-of-compulsory-age',
  'other',
];

const LIST_ORDER: readonly ListCheckList[] = ['support-safeguarding', 'childrens-social-care', 'cse'];

const SOCIAL_CARE_OUTCOMES: Record<SocialCareStatus, string> = {
  none: "Not known to Children's Social Care.",
  'early-help': 'Early Help assessment open; no statutory involvement.',
  'child-in-need': "Open to Children's Social Care: child in need plan.",
  'child-protection': "Open to Children's Social Care: child protection plan.",
  'looked-after': 'Looked-after child; social worker allocated.',
};

type EligibilityVariant = 'too-young' | 'too-old' | 'mismatch';
type PastDueOutcome = 'done' | 'cancelled' | 'open';

const EPOCH: LocalDate = '2000-01-01';

/** A past meeting: its index in `meetings`, its London date and start. */
interface Slot {
  index: number;
  date: LocalDate;
  startsAt: Instant;
}

function person(u: DevUser): Person {
  return { id: u.id, name: u.name, email: u.email };
}

function minLocal(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b;
}

function maxLocal(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

function maxInstant(a: Instant, b: Instant): Instant {
  return a > b ? a : b;
}

function plusMinutes(instant: Instant, minutes: number): Instant {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

function academicYearStart(d: LocalDate): number {
  const year = Number(d.slice(0, 4));
  return Number(d.slice(5, 7)) >= 9 ? year : year - 1;
}

/** The last Friday of June on or before `d`: when Year 11 pupils reach the end of compulsory school age. */
function lastFridayOfJuneOnOrBefore(d: LocalDate): LocalDate {
  const lastFriday = (year: number): LocalDate => {
    const june30 = makeDate(year, 6, 30);
    return addDays(june30, -((dayOfWeek(june30) + 2) % 7));
  };
  const year = Number(d.slice(0, 4));
  const thisYear = lastFriday(year);
  return thisYear <= d ? thisYear : lastFriday(year - 1);
}

/**
 * Generates the demo data. Linear in `cases`; see the file comment for what it covers.
 *
 * @throws RangeError for a negative or fractional `cases` or an invalid `today`.
 */
export function generateDemoData(opts: DemoOptions): DemoData {
  if (!Number.isInteger(opts.cases) || opts.cases < 0)
    throw new RangeError('cases must be a whole number, 0 or more');
  if (!localDateSchema.safeParse(opts.today).success)
    throw new RangeError('today must be a date as YYYY-MM-DD');
  return new DemoGenerator(opts).run();
}

const MEMBERS: readonly DevUser[] = DEV_USERS.filter((u) => u.roles.includes('CMOE.Member'));
const CHAIR_USER: DevUser = (() => {
  const chair = DEV_USERS.find((u) => u.roles.includes('CMOE.Chair'));
  if (chair === undefined) throw new Error('DEV_USERS has no chair');
  return chair;
})();

/** Mutable state of one case while its related records are made. */
interface Draft {
  index: number;
  scenario: Scenario;
  record: DemoCase;
  received: LocalDate;
  /** Past meetings at which the case was discussed (on or after its referral date, before closure). */
  discussed: Slot[];
  closureMeeting: Slot | null;
  /** No-progress cases: no action may be completed on or after this date. */
  noCompletionFrom: LocalDate | null;
}

class DemoGenerator {
  private readonly rng: Rng;
  private readonly today: LocalDate;
  private readonly policy: Policy;
  private readonly cal: CalendarSettings;
  private readonly count: number;

  private readonly meetings: DemoMeeting[] = [];
  private readonly past: Slot[] = [];
  private readonly meetingRefs: Pick<Meeting, 'id' | 'startsAt' | 'status'>[] = [];

  private readonly cases: DemoCase[] = [];
  private readonly drafts: Draft[] = [];
  private readonly actions: DemoAction[] = [];
  private readonly updates: DemoCaseUpdate[] = [];
  private readonly escalations: DemoEscalation[] = [];
  private readonly records = new Map<string, DemoMeetingRecord>();
  private readonly noonMs = new Map<LocalDate, number>();
  private readonly dayNumbers = new Map<LocalDate, number>();
  private readonly dates = new Map<number, LocalDate>();
  private readonly workdays = new Map<LocalDate, boolean>();
  private readonly referralDates = new Map<LocalDate, LocalDate>();
  private readonly schoolDays = new Map<string, LocalDate>();

  private readonly chair = person(CHAIR_USER);
  private readonly scenarios: Bag<Scenario>;
  private readonly yearGroups: Bag<YearGroup>;
  private readonly categories: Bag<Category>;
  private readonly provisions: Bag<Provision>;
  private readonly sources: Bag<ReferralSource>;
  private readonly sendStatuses: Bag<SendStatus>;
  private readonly socialCare: Bag<SocialCareStatus>;
  private readonly cseRisks: Bag<CseRisk>;
  private readonly concerns: Bag<Concern>;
  private readonly escalatedConcerns: Bag<Concern>;
  private readonly closureReasons: Bag<ClosureReason>;
  private readonly checkCounts: Bag<number>;
  private readonly eligibility: Bag<EligibilityVariant>;
  private readonly shortOut: Bag<boolean>;
  private readonly targets: Bag<EscalationTarget>;
  private readonly leads: Bag<DevUser>;
  // Separate owner bags, so every member and the chair own overdue and due-soon actions, not just some.
  private readonly ownersAny: Bag<DevUser>;
  private readonly ownersOverdue: Bag<DevUser>;
  private readonly ownersDueSoon: Bag<DevUser>;
  private readonly pastDue: Bag<PastDueOutcome>;
  private readonly notYetDue: Bag<'open' | 'done'>;

  constructor(opts: DemoOptions) {
    this.rng = new Rng(opts.seed ?? 1);
    this.today = opts.today;
    this.policy = opts.policy;
    this.cal = opts.policy.calendar;
    this.count = opts.cases;
    const rng = this.rng;
    this.scenarios = new Bag(rng, weighted(SCENARIO_WEIGHTS));
    this.yearGroups = new Bag(rng, weighted(YEAR_GROUP_WEIGHTS));
    this.categories = new Bag(rng, weighted(CATEGORY_WEIGHTS));
    this.provisions = new Bag(rng, weighted(PROVISION_WEIGHTS));
    this.sources = new Bag(rng, weighted(SOURCE_WEIGHTS));
    this.sendStatuses = new Bag(rng, weighted(SEND_WEIGHTS));
    this.socialCare = new Bag(rng, weighted(SOCIAL_CARE_WEIGHTS));
    this.cseRisks = new Bag<CseRisk>(rng, ['none', 'none', 'none', 'none', 'none', 'at-risk']);
    this.concerns = new Bag(rng, weighted(CONCERN_WEIGHTS));
    // Escalated cases are high or medium concern; the medium ones show under "escalation responses due".
    this.escalatedConcerns = new Bag<Concern>(rng, ['high', 'medium']);
    this.closureReasons = new Bag(rng, CLOSURE_REASONS_BAG);
    this.checkCounts = new Bag(rng, [0, 1, 2, 3]);
    this.eligibility = new Bag<EligibilityVariant>(rng, ['too-young', 'too-old', 'mismatch']);
    this.shortOut = new Bag(rng, [true, false, false]);
    this.targets = new Bag<EscalationTarget>(rng, [
      'head-of-service',
      'head-of-service',
      'director',
      'other',
    ]);
    this.leads = new Bag(rng, MEMBERS);
    this.ownersAny = new Bag(rng, MEMBERS);
    this.ownersOverdue = new Bag(rng, MEMBERS);
    this.ownersDueSoon = new Bag(rng, MEMBERS);
    this.pastDue = new Bag<PastDueOutcome>(
      rng,
      weighted<PastDueOutcome>([
        ['done', 8],
        ['cancelled', 1],
        ['open', 1],
      ]),
    );
    this.notYetDue = new Bag<'open' | 'done'>(rng, ['open', 'open', 'open', 'open', 'done']);
  }

  run(): DemoData {
    this.makeMeetings();
    for (let i = 0; i < this.count; i++) this.makeCase(i);
    return this.finish();
  }

  // ---------------------------------------------------------------- dates

  /**
   * The instant of `minutes` past midnight on the London clock on `date`. Only office hours are asked
   * for, after the clocks change at 01:00, so the day's noon fixes the offset; memoised per date because
   * 5,000 cases ask for ~100,000 instants.
   */
  private instantOn(date: LocalDate, minutes: number): Instant {
    let noon = this.noonMs.get(date);
    if (noon === undefined) {
      noon = londonInstant(date, '12:00').getTime();
      this.noonMs.set(date, noon);
    }
    return new Date(noon + (minutes - 720) * 60_000).toISOString();
  }

  // Date arithmetic, memoised: 5,000 cases make ~200,000 date steps, and `addDays` formats an ISO string
  // each time. Demo dates span a few years, so the caches stay small.
  private plusDays(d: LocalDate, n: number): LocalDate {
    if (n === 0) return d;
    let day = this.dayNumbers.get(d);
    if (day === undefined) {
      day = daysBetween(EPOCH, d);
      this.dayNumbers.set(d, day);
    }
    const target = day + n;
    let out = this.dates.get(target);
    if (out === undefined) {
      out = addDays(EPOCH, target);
      this.dates.set(target, out);
      this.dayNumbers.set(out, target);
    }
    return out;
  }

  private isWorkday(d: LocalDate): boolean {
    let w = this.workdays.get(d);
    if (w === undefined) {
      w = isWorkingDay(d, this.cal);
      this.workdays.set(d, w);
    }
    return w;
  }

  private nextWorkday(d: LocalDate): LocalDate {
    let x = d;
    while (!this.isWorkday(x)) x = this.plusDays(x, 1);
    return x;
  }

  /** Same contract as `addWorkingDays`: `d` itself is not counted. */
  private addWorking(d: LocalDate, n: number): LocalDate {
    let x = d;
    const step = n >= 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0;) {
      x = this.plusDays(x, step);
      if (this.isWorkday(x)) left--;
    }
    return x;
  }

  /** Memoised: the meeting list is fixed, and many cases share a receipt date. */
  private referralDate(received: LocalDate): LocalDate {
    let date = this.referralDates.get(received);
    if (date === undefined) {
      date = referralDateFor(received, this.meetingRefs, this.policy);
      this.referralDates.set(received, date);
    }
    return date;
  }

  /** Memoised: `addSchoolDays` walks day by day. */
  private schoolDaysBefore(date: LocalDate, n: number): LocalDate {
    const key = `${date}|${n}`;
    let out = this.schoolDays.get(key);
    if (out === undefined) {
      out = addSchoolDays(date, -n, this.cal);
      this.schoolDays.set(key, out);
    }
    return out;
  }

  /** An office-hours instant on `date`; on `today` an early one, so it is not in the future for long. */
  private officeInstant(date: LocalDate): Instant {
    return this.instantOn(date, date >= this.today ? this.rng.int(420, 479) : this.rng.int(540, 990));
  }

  /** A working day in [from, to] when there is one; `from` when the range is empty. */
  private workingDayBetween(from: LocalDate, to: LocalDate): LocalDate {
    if (to < from) return from;
    const d = this.plusDays(from, this.rng.int(0, daysBetween(from, to)));
    const forward = this.nextWorkday(d);
    if (forward <= to) return forward;
    for (let x = d; x >= from; x = this.plusDays(x, -1)) if (this.isWorkday(x)) return x;
    return d;
  }

  private dateOfBirth(ncy: number, on: LocalDate): LocalDate {
    // NCY n on `on` means born in the academic year starting 1 September of (start of `on`'s year - 5 - n).
    const cohort = academicYearStart(on) - 5 - ncy;
    const first = makeDate(cohort, 9, 1);
    return this.plusDays(first, this.rng.int(0, daysBetween(first, makeDate(cohort + 1, 8, 31))));
  }

  // ---------------------------------------------------------------- meetings

  private makeMeetings(): void {
    const { today, policy, rng } = this;
    const periodDays = policy.cadence.everyWeeks * 7;
    // Start far enough back that at least PAST_MEETINGS cadence dates fall before today (~26 weeks at 4-weekly).
    const from = this.plusDays(today, -periodDays * (PAST_MEETINGS + 1));
    const past = cadenceMeetings(policy, from, PAST_MEETINGS + 4)
      .filter((m) => m.date < today)
      .slice(-PAST_MEETINGS);
    const upcoming = cadenceMeetings(policy, today, UPCOMING_MEETINGS);
    const firstDate = past[0]?.date ?? upcoming[0]?.date ?? today;
    // The chair schedules the series in one go, a few weeks before the first of them.
    const createdAt = this.instantOn(this.plusDays(firstDate, -21), 9 * 60);
    const others: Attendee[] = [
      ...MEMBERS.filter((u) => u.id !== CHAIR_USER.id).map((u) => ({
        name: u.name,
        service: u.service,
        email: u.email,
      })),
      ...EXTRA_ATTENDEES.map((a) => ({ ...a })),
    ];
    const chairAttendee: Attendee = {
      name: CHAIR_USER.name,
      service: CHAIR_USER.service,
      email: CHAIR_USER.email,
    };

    for (const m of past) {
      const attendees: Attendee[] = [chairAttendee];
      const apologies: Attendee[] = [];
      for (const a of others) {
        if (rng.chance(0.8)) attendees.push({ ...a });
        else if (rng.chance(0.7)) apologies.push({ ...a });
      }
      const publishOn = this.addWorking(m.date, rng.int(1, 3));
      const index = this.meetings.length;
      this.meetings.push({
        startsAt: m.startsAt,
        chair: this.chair,
        attendees,
        apologies,
        status: 'completed',
        // Filled from `meetingRecords` by the seeder, once refs exist.
        agenda: [],
        records: [],
        // Minutes go out a few working days later, so the latest meeting may not have them yet.
        minutesPublishedAt: publishOn < today ? this.instantOn(publishOn, 16 * 60) : null,
        createdAt,
      });
      this.past.push({ index, date: m.date, startsAt: m.startsAt });
    }
    upcoming.forEach((m, k) => {
      this.meetings.push({
        startsAt: m.startsAt,
        chair: this.chair,
        attendees: [],
        // Someone has already sent apologies for the next meeting.
        apologies: k === 0 && others[0] !== undefined ? [{ ...others[0] }] : [],
        status: 'scheduled',
        agenda: null,
        records: [],
        minutesPublishedAt: null,
        createdAt,
      });
    });
    this.meetings.forEach((m, i) =>
      this.meetingRefs.push({ id: `demo-meeting-${i}`, startsAt: m.startsAt, status: m.status }),
    );
  }

  // ---------------------------------------------------------------- cases

  private makeCase(i: number): void {
    const { rng, today, policy, past } = this;
    const lastSlot = past[past.length - 1] ?? null;
    const k = policy.stuckMeetings;
    const windowSlot = past.length >= k ? (past[past.length - k] ?? null) : null;
    const beforeWindow = past.length > k ? (past[past.length - k - 1] ?? null) : null;

    let scenario = this.scenarios.draw();
    // Degrade gracefully under a policy that leaves too few past meetings for a rule to be judged.
    if (scenario === 'stuck-no-progress' && (beforeWindow === null || windowSlot === null))
      scenario = 'stuck-flag';

    // ---- receipt, closure
    const latestDiscussed = lastSlot === null ? this.plusDays(today, -14) : this.plusDays(lastSlot.date, -3);
    let received: LocalDate;
    let closureReason: ClosureReason | null = null;
    let closureDate: LocalDate | null = null;
    switch (scenario) {
      case 'new-referral':
      case 'eligibility-warning':
        received = this.workingDayBetween(
          lastSlot === null ? this.plusDays(today, -20) : this.plusDays(lastSlot.date, 1),
          today,
        );
        break;
      case 'stuck-no-progress':
        received = this.workingDayBetween(
          this.plusDays(today, -210),
          this.plusDays(beforeWindow?.date ?? today, -7),
        );
        break;
      case 'stuck-deferred': {
        // Old enough that the whole chain of deferrals falls after the referral.
        const span = (policy.stuckDeferrals + 1) * 21 + 20;
        received = this.workingDayBetween(
          this.plusDays(today, -span - 150),
          minLocal(latestDiscussed, this.plusDays(today, -span)),
        );
        break;
      }
      case 'escalated-overdue':
      case 'escalated-responded':
        received = this.workingDayBetween(
          this.plusDays(today, -224),
          minLocal(latestDiscussed, this.plusDays(today, -56)),
        );
        break;
      case 'closed':
        closureReason = this.closureReasons.draw();
        if (closureReason === 'end-of-compulsory-age') {
          closureDate = lastFridayOfJuneOnOrBefore(this.plusDays(today, -1));
          received = this.workingDayBetween(
            this.plusDays(closureDate, -210),
            this.plusDays(closureDate, -42),
          );
        } else {
          received = this.workingDayBetween(this.plusDays(today, -308), this.plusDays(today, -70));
        }
        break;
      default:
        received = this.workingDayBetween(this.plusDays(today, -224), latestDiscussed);
    }
    const referralDate = this.referralDate(received);
    let closureMeeting: Slot | null = null;
    if (closureReason !== null && closureDate === null) {
      const fourWeeksOn = this.plusDays(received, 28);
      const candidates = past.filter((s) => s.date >= fourWeeksOn);
      if (candidates.length > 0) {
        closureMeeting = rng.pick(candidates);
        closureDate = closureMeeting.date;
      } else {
        closureDate = minLocal(this.plusDays(today, -1), this.plusDays(received, rng.int(56, 140)));
      }
    }
    const discussed = past.filter(
      (s) => s.date >= referralDate && s.date >= received && (closureDate === null || s.date < closureDate),
    );

    // ---- the child
    const on = closureDate ?? today;
    const target = this.yearGroups.draw();
    let ncy = closureReason === 'end-of-compulsory-age' ? 11 : target === 'R' ? 0 : Number(target);
    let typed: YearGroup | null = null;
    if (scenario === 'eligibility-warning') {
      const variant = this.eligibility.draw();
      if (variant === 'too-young') {
        ncy = -1;
        typed = 'R';
      } else if (variant === 'too-old') {
        ncy = 12;
        typed = '11';
      } else {
        // Educated out of cohort: typed one year below the date of birth's year group.
        typed = YEAR_GROUPS[ncy >= 1 ? ncy - 1 : 1] ?? '1';
      }
    }
    const dateOfBirth = this.dateOfBirth(ncy, on);
    const yearGroup: YearGroup = typed ?? yearGroupFor(dateOfBirth, on) ?? 'R';
    const secondary = ncy >= 7;

    // ---- categories and provision
    let primary = this.categories.draw();
    if (scenario === 'excluded-no-provision') primary = 'permanently-excluded';
    if (scenario === 'part-time-no-dates' || scenario === 'part-time-review-passed')
      primary = 'part-time-or-ap';
    const categories: Category[] = [primary];
    if (rng.chance(0.3)) {
      const companion = rng.pick(CATEGORY_COMPANIONS[primary]);
      if (!categories.includes(companion)) categories.push(companion);
    }
    const drawnProvision = this.provisions.draw();
    let provision: Provision = drawnProvision;
    if (primary === 'ehe-unsatisfactory') provision = 'ehe';
    else if (primary === 'cme') provision = 'none';
    if (scenario === 'excluded-no-provision') provision = 'none';
    if (scenario === 'part-time-no-dates' || scenario === 'part-time-review-passed')
      provision = 'part-time-timetable';
    if (closureReason === 'school-place') provision = 'other';
    else if (closureReason === 'alternative-provision') provision = 'alternative-provision';
    else if (closureReason === 'ehe-confirmed') provision = 'ehe';

    const hoursPerWeek = this.hoursFor(provision, closureReason);

    let exclusionDate: LocalDate | null = null;
    if (categories.includes('permanently-excluded')) {
      exclusionDate =
        scenario === 'excluded-no-provision'
          ? this.schoolDaysBefore(received, rng.int(6, 20))
          : this.schoolDaysBefore(received, rng.int(2, 40));
    }

    let outOfEducationSince: LocalDate | null = null;
    if (exclusionDate !== null) {
      // Out of education from the exclusion, at least until provision started.
      outOfEducationSince = provision === 'none' || rng.chance(0.4) ? exclusionDate : null;
    } else if (provision === 'none') {
      const isNew = scenario === 'new-referral' || scenario === 'eligibility-warning';
      // Some new referrals are out for less than the ToR threshold, so the eligibility warning shows.
      outOfEducationSince =
        isNew && this.shortOut.draw()
          ? minLocal(received, this.plusDays(today, -rng.int(3, 7 * this.policy.eligibilityWeeksOut - 4)))
          : this.plusDays(received, -rng.int(14, 120));
    } else if (rng.chance(0.4)) outOfEducationSince = this.plusDays(received, -rng.int(20, 200));

    let timetableEndDate: LocalDate | null = null;
    let timetableReviewDate: LocalDate | null = null;
    if (provision === 'part-time-timetable') {
      if (closureDate !== null) {
        timetableReviewDate = this.plusDays(received, rng.int(14, 42));
        timetableEndDate = closureDate;
      } else if (scenario === 'part-time-review-passed') {
        timetableReviewDate = this.workingDayBetween(
          maxLocal(received, this.plusDays(today, -30)),
          this.plusDays(today, -1),
        );
        timetableEndDate = rng.chance(0.5) ? this.plusDays(timetableReviewDate, rng.int(14, 42)) : null;
      } else if (scenario !== 'part-time-no-dates') {
        timetableReviewDate = this.nextWorkday(this.plusDays(today, rng.int(5, 40)));
        timetableEndDate = rng.chance(0.85) ? this.plusDays(timetableReviewDate, rng.int(14, 56)) : null;
      }
    }

    const concernNotesList = CONCERN_NOTES[provision];
    const concernNotes =
      concernNotesList !== undefined && rng.chance(0.85) ? rng.pick(concernNotesList) : null;

    // ---- referral, people, checks
    const referralSource = this.sources.draw();
    const referrer = this.referrer(referralSource);
    const isReferred = scenario === 'new-referral' || scenario === 'eligibility-warning';
    let lead: Lead | null;
    if (isReferred && rng.chance(0.5)) lead = null;
    else if (rng.chance(0.1)) lead = { id: null, name: rng.pick(EXTERNAL_LEADS), email: null };
    else lead = person(this.leads.draw());
    const leadId = lead?.id ?? null;
    const leadService = leadId !== null ? MEMBERS.find((u) => u.id === leadId)?.service : undefined;
    const agencies: string[] = leadService !== undefined ? [leadService] : [];
    for (let n = rng.int(0, 2); n > 0; n--) {
      const a = rng.pick(AGENCIES);
      if (!agencies.includes(a)) agencies.push(a);
    }

    const sendStatus = this.sendStatuses.draw();
    const socialCareStatus = this.socialCare.draw();
    const checkCount = isReferred ? this.checkCounts.draw() : 3;
    const checkDates: LocalDate[] = [];
    const listChecks: ListCheck[] = [];
    let cseRisk: CseRisk = 'not-checked';
    const drawnCse = this.cseRisks.draw();
    for (const list of LIST_ORDER.slice(0, checkCount)) {
      const checkedOn = this.workingDayBetween(received, minLocal(today, this.plusDays(received, 10)));
      checkDates.push(checkedOn);
      let outcome: string;
      if (list === 'support-safeguarding') {
        outcome = rng.chance(0.7)
          ? 'Known to S&S; no current open involvement.'
          : 'Open to S&S; worker allocated.';
      } else if (list === 'childrens-social-care') {
        outcome = SOCIAL_CARE_OUTCOMES[socialCareStatus];
      } else {
        cseRisk = drawnCse;
        outcome =
          drawnCse === 'at-risk'
            ? 'On the CSE list: risk identified, plan in place.'
            : 'Not on the CSE list.';
      }
      listChecks.push({ list, checkedOn, checkedBy: CHECKERS[list], outcome });
    }

    // ---- status and concern
    let concern = this.concerns.draw();
    let status: CaseStatus;
    switch (scenario) {
      case 'new-referral':
      case 'eligibility-warning':
        status = 'referred';
        break;
      case 'escalated-awaiting':
      case 'escalated-overdue':
        status = 'escalated';
        concern = this.escalatedConcerns.draw();
        break;
      case 'monitoring':
      case 'proposed-closure':
        status = 'monitoring';
        if (concern === 'high') concern = 'medium';
        break;
      case 'closed':
        status = 'closed';
        concern = 'low';
        break;
      default:
        status = 'open';
    }

    // A referral that arrives on a meeting day is logged before the meeting, which then discusses it.
    const meetingThatDay = past.find((s) => s.date === received);
    const createdAt =
      meetingThatDay !== undefined
        ? plusMinutes(meetingThatDay.startsAt, -rng.int(60, 180))
        : this.officeInstant(received);
    const upnTail = String(i % 10_000_000).padStart(7, '0');
    const record: DemoCase = {
      firstName: rng.pick(SYNTHETIC_FIRST_NAMES),
      lastName: rng.pick(SYNTHETIC_LAST_NAMES),
      dateOfBirth,
      yearGroup,
      // Valid UPN shape, obviously fake: X + 0000 + a running number + a check letter.
      upn: rng.chance(0.85) ? `X0000${upnTail}${String.fromCharCode(65 + rng.int(0, 25))}` : null,
      lastSchool:
        provision === 'ehe' && rng.chance(0.3)
          ? null
          : primary === 'no-school-place' && rng.chance(0.5)
            ? null
            : rng.pick(secondary ? SYNTHETIC_SECONDARY_SCHOOLS : SYNTHETIC_PRIMARY_SCHOOLS),
      categories,
      provision,
      hoursPerWeek,
      outOfEducationSince,
      exclusionDate,
      timetableEndDate,
      timetableReviewDate,
      referralSource,
      referredBy: referrer.name,
      receivedOn: received,
      lead,
      agencies,
      sendStatus,
      socialCareStatus,
      cseRisk,
      concernNotes,
      concern,
      referralDate,
      status,
      closure:
        closureReason !== null && closureDate !== null
          ? { reason: closureReason, date: closureDate, note: CLOSURE_NOTES[closureReason] }
          : null,
      listChecks,
      stuckFlag: scenario === 'stuck-flag',
      proposedForClosure: scenario === 'proposed-closure',
      lastProgressAt: createdAt,
      createdAt,
    };
    const draft: Draft = {
      index: i,
      scenario,
      record,
      received,
      discussed,
      closureMeeting,
      noCompletionFrom: scenario === 'stuck-no-progress' ? (windowSlot?.date ?? null) : null,
    };
    this.cases.push(record);
    this.drafts.push(draft);

    // ---- progress: when status, provision or concern last changed
    if (scenario === 'stuck-no-progress') {
      const before = discussed.filter((s) => windowSlot !== null && s.date < windowSlot.date);
      const atMeeting = before.length > 0 ? rng.pick(before) : null;
      // A change at a meeting before the window, else nothing since the referral itself.
      record.lastProgressAt =
        atMeeting !== null ? maxInstant(createdAt, plusMinutes(atMeeting.startsAt, 60)) : createdAt;
    } else if (closureDate !== null) {
      record.lastProgressAt = maxInstant(createdAt, this.instantOn(closureDate, 16 * 60));
    } else if (!isReferred) {
      // Recent enough that only the rule the scenario is about can make the case stuck.
      const from = maxLocal(received, windowSlot === null ? received : this.plusDays(windowSlot.date, 1));
      const date = this.plusDays(from, rng.int(0, Math.max(0, daysBetween(from, this.plusDays(today, -1)))));
      record.lastProgressAt = maxInstant(createdAt, this.instantOn(date, 15 * 60));
    }

    this.makeActions(draft);
    this.makeEscalations(draft);
    this.makeTimeline(draft, referrer, checkDates);
    if (closureMeeting !== null && record.closure !== null) {
      this.recordFor(closureMeeting.index, i).closure = { ...record.closure };
    }
  }

  private hoursFor(provision: Provision, closureReason: ClosureReason | null): number | null {
    const { rng } = this;
    if (closureReason === 'school-place') return 32.5;
    switch (provision) {
      case 'none':
        return 0;
      case 'part-time-timetable':
        return rng.int(6, 18);
      case 'alternative-provision':
        return rng.int(10, 25);
      case 'section-19':
        return rng.int(5, 15);
      case 'ehe':
        return null;
      case 'other':
        return rng.chance(0.5) ? rng.int(5, 25) : null;
    }
  }

  private referrer(source: ReferralSource): { name: string; by: Person } {
    const byService: Partial<Record<ReferralSource, string>> = {
      'support-safeguarding': 'Support and Safeguarding',
      ewo: 'Education Welfare',
      'send-lead': 'SEND',
    };
    const service = byService[source];
    const member = service === undefined ? undefined : MEMBERS.find((u) => u.service === service);
    // Half the time a member of the group referred; otherwise a colleague outside it did.
    if (member !== undefined && this.rng.chance(0.5)) return { name: member.name, by: person(member) };
    return { name: this.rng.pick(EXTERNAL_REFERRERS[source]), by: person(member ?? CHAIR_USER) };
  }

  // ---------------------------------------------------------------- actions

  private template(owner: DevUser): ActionTemplate {
    return this.rng.pick(ACTION_TEMPLATES[owner.service] ?? GENERIC_ACTION_TEMPLATES);
  }

  private pushAction(
    draft: Draft,
    owner: DevUser,
    slot: Slot | null,
    createdAt: Instant,
    dueDate: LocalDate,
    fields: Partial<Pick<DemoAction, 'status' | 'completedOn' | 'completionNote' | 'deferrals'>> = {},
    template: ActionTemplate = this.template(owner),
  ): number {
    const index = this.actions.length;
    this.actions.push({
      caseIndex: draft.index,
      meetingIndex: slot?.index ?? null,
      description: template.description,
      successMeasure: template.successMeasure,
      owner: person(owner),
      ownerService: owner.service,
      dueDate,
      meetingId: null,
      status: fields.status ?? 'open',
      completionNote: fields.completionNote ?? null,
      completedOn: fields.completedOn ?? null,
      deferrals: fields.deferrals ?? [],
      incompleteFromImport: false,
      createdBy: slot !== null ? this.chair : person(owner),
      createdAt,
    });
    if (slot !== null) this.recordFor(slot.index, draft.index).actionIndexes.push(index);
    return index;
  }

  private deferral(from: LocalDate, to: LocalDate, by: Person): Deferral {
    return {
      from,
      to,
      reason: this.rng.pick(DEFERRAL_REASONS),
      by,
      // Agreed the working day before it fell due.
      at: this.instantOn(this.addWorking(from, -1), 11 * 60),
    };
  }

  private makeActions(draft: Draft): void {
    const { rng, today } = this;
    const { scenario, record } = draft;
    const closed = record.closure !== null;
    const yesterday = this.plusDays(today, -1);

    if (scenario === 'new-referral' || scenario === 'eligibility-warning') {
      // The only action on a new referral: checks before the first meeting, due in the next few days.
      const owner = this.ownersDueSoon.draw();
      this.pushAction(
        draft,
        owner,
        null,
        plusMinutes(record.createdAt, 30),
        this.addWorking(today, rng.int(1, 3)),
      );
      return;
    }

    // Actions set at the (up to) three latest meetings that discussed the case.
    for (const slot of draft.discussed.slice(-3)) {
      for (let n = rng.int(1, 2); n > 0; n--) {
        const owner = this.ownersAny.draw();
        const template = this.template(owner);
        const createdAt = plusMinutes(slot.startsAt, rng.int(60, 150));
        const dueDate = this.workingDayBetween(this.plusDays(slot.date, 10), this.plusDays(slot.date, 35));
        let status: 'open' | 'done' | 'cancelled';
        if (closed) status = rng.chance(0.1) ? 'cancelled' : 'done';
        else if (dueDate < today) {
          status = this.pastDue.draw();
          // On an escalated case the escalation is what is chased, not an overdue action.
          if (status === 'open' && scenario.startsWith('escalated')) status = 'done';
        } else status = this.notYetDue.draw();

        let completedOn: LocalDate | null = null;
        if (status === 'done') {
          let to = closed && record.closure !== null ? record.closure.date : yesterday;
          if (dueDate < today) to = minLocal(to, this.plusDays(dueDate, 3));
          to = minLocal(to, yesterday);
          if (draft.noCompletionFrom !== null) to = minLocal(to, this.plusDays(draft.noCompletionFrom, -1));
          const from = this.plusDays(slot.date, 1);
          if (to < from) status = closed ? 'cancelled' : 'open';
          else completedOn = this.workingDayBetween(from, to);
        }
        const deferrals: Deferral[] = [];
        // A single deferral now and then, below the stuck threshold, so the history is not empty.
        if (status === 'open' && this.policy.stuckDeferrals > 1 && rng.chance(0.12)) {
          const original = this.nextWorkday(this.plusDays(slot.date, 10));
          if (original < dueDate && original <= today)
            deferrals.push(this.deferral(original, dueDate, person(owner)));
        }
        this.pushAction(
          draft,
          owner,
          slot,
          createdAt,
          dueDate,
          {
            status,
            completedOn,
            completionNote:
              status === 'done'
                ? template.completionNote
                : status === 'cancelled'
                  ? rng.pick(CANCELLATION_NOTES)
                  : null,
            deferrals,
          },
          template,
        );
      }
    }

    if (closed) return;

    if (scenario === 'overdue') {
      const slot = [...draft.discussed].reverse().find((s) => s.date <= this.plusDays(today, -10)) ?? null;
      const owner = this.ownersOverdue.draw();
      const dueDate =
        slot !== null
          ? this.workingDayBetween(this.plusDays(slot.date, 7), this.plusDays(today, -1))
          : this.addWorking(today, -rng.int(1, 5));
      const createdAt =
        slot !== null
          ? plusMinutes(slot.startsAt, 90)
          : maxInstant(record.createdAt, this.instantOn(this.plusDays(dueDate, -14), 10 * 60));
      this.pushAction(draft, owner, slot, createdAt, dueDate);
    }

    if (scenario === 'stuck-deferred') {
      // Built backwards from a due date in the next fortnight, each deferral two to three weeks apart.
      const times = this.policy.stuckDeferrals + rng.int(0, 1);
      const dues: LocalDate[] = [this.nextWorkday(this.plusDays(today, rng.int(1, 10)))];
      for (let n = 0; n < times; n++) {
        dues.unshift(this.nextWorkday(this.plusDays(dues[0] ?? today, -rng.int(14, 21))));
      }
      const owner = this.ownersAny.draw();
      const first = dues[0] ?? today;
      const slot = [...draft.discussed].reverse().find((s) => s.date <= this.plusDays(first, -10)) ?? null;
      const createdAt = maxInstant(
        record.createdAt,
        slot !== null ? plusMinutes(slot.startsAt, 75) : this.instantOn(this.plusDays(first, -21), 10 * 60),
      );
      const deferrals: Deferral[] = [];
      for (let n = 0; n + 1 < dues.length; n++) {
        deferrals.push(this.deferral(dues[n] ?? today, dues[n + 1] ?? today, person(owner)));
      }
      this.pushAction(draft, owner, slot, createdAt, dues[dues.length - 1] ?? today, { deferrals });
    }

    if (
      scenario === 'open' ||
      ((scenario === 'monitoring' || scenario.startsWith('part-time')) && rng.chance(0.5))
    ) {
      const slot = this.past[this.past.length - 1] ?? null;
      const owner = this.ownersDueSoon.draw();
      const createdAt = slot !== null ? plusMinutes(slot.startsAt, 100) : plusMinutes(record.createdAt, 60);
      this.pushAction(
        draft,
        owner,
        slot,
        maxInstant(createdAt, record.createdAt),
        this.addWorking(today, rng.int(1, 3)),
      );
    }
  }

  // ---------------------------------------------------------------- escalations

  private makeEscalations(draft: Draft): void {
    const { scenario, record } = draft;
    if (
      scenario !== 'escalated-awaiting' &&
      scenario !== 'escalated-overdue' &&
      scenario !== 'escalated-responded'
    )
      return;
    const { rng, today, policy } = this;
    const days = policy.escalationResponseWorkingDays;

    let raisedOn: LocalDate;
    let slot: Slot | null = null;
    if (scenario === 'escalated-awaiting') {
      // Raised by the chair between meetings, within the last week: the response is not due yet.
      raisedOn = maxLocal(
        this.addWorking(today, -rng.int(1, 4)),
        this.nextWorkday(this.plusDays(draft.received, 1)),
      );
      slot = this.past.find((s) => s.date === raisedOn) ?? null;
    } else {
      // Raised at a meeting long enough ago that the response is already due.
      slot = [...draft.discussed].reverse().find((s) => this.addWorking(s.date, days) < today) ?? null;
      raisedOn = slot?.date ?? this.addWorking(today, -(days + rng.int(1, 5)));
    }
    const responseDue = this.addWorking(raisedOn, days);
    const createdAt = maxInstant(
      record.createdAt,
      slot !== null ? plusMinutes(slot.startsAt, 100) : this.instantOn(raisedOn, 11 * 60),
    );
    const to = this.targets.draw();
    const text = rng.pick(ESCALATION_TEXTS);
    let response: string | null = null;
    let outcome: string | null = null;
    let respondedOn: LocalDate | null = null;
    if (scenario === 'escalated-responded') {
      const reply = rng.pick(ESCALATION_RESPONSES);
      response = reply.response;
      outcome = reply.outcome;
      respondedOn = this.workingDayBetween(
        this.plusDays(raisedOn, 2),
        minLocal(responseDue, this.plusDays(today, -1)),
      );
    }
    const index = this.escalations.length;
    this.escalations.push({
      caseIndex: draft.index,
      meetingIndex: slot?.index ?? null,
      raisedBy: this.chair,
      raisedOn,
      to,
      toName: ESCALATION_TO_NAMES[to],
      reason: text.reason,
      decisionRequested: text.decisionRequested,
      responseDue,
      response,
      outcome,
      respondedOn,
      meetingId: null,
      createdAt,
    });
    if (slot !== null) {
      const rec = this.recordFor(slot.index, draft.index);
      rec.escalationIndex = index;
      rec.concernChange = record.concern === 'high' ? { from: 'medium', to: 'high' } : null;
    }
    // Escalating changes the status: that is progress. A response that has come back is progress too.
    record.lastProgressAt = maxInstant(record.lastProgressAt, createdAt);
    if (respondedOn !== null)
      record.lastProgressAt = maxInstant(record.lastProgressAt, this.instantOn(respondedOn, 12 * 60));
  }

  // ---------------------------------------------------------------- timeline

  private makeTimeline(draft: Draft, referrer: { name: string; by: Person }, checkDates: LocalDate[]): void {
    const { record } = draft;
    const add = (at: Instant, by: Person, text: string): void => {
      this.updates.push({ caseIndex: draft.index, at, by, text });
    };
    add(
      record.createdAt,
      referrer.by,
      `Referral received from ${REFERRAL_SOURCE_LABELS[record.referralSource]} (${referrer.name}).`,
    );
    if (checkDates.length > 0) {
      const last = checkDates.reduce((a, b) => (a > b ? a : b));
      const lists = record.listChecks.map((c) => LIST_CHECK_LIST_LABELS[c.list]).join(', ');
      add(
        maxInstant(record.createdAt, this.instantOn(last, 14 * 60)),
        person(MEMBERS.find((u) => u.service === 'Support and Safeguarding') ?? CHAIR_USER),
        `List checks recorded: ${lists}.`,
      );
    }
    let shown = 0;
    for (const a of this.actionsOfLatestCase(draft.index)) {
      if (a.status !== 'done' || a.completedOn === null || a.owner === null || shown >= 2) continue;
      shown++;
      add(this.instantOn(a.completedOn, 15 * 60 + 30), a.owner, a.completionNote ?? 'Action completed.');
    }
    for (let e = this.escalations.length - 1; e >= 0 && this.escalations[e]?.caseIndex === draft.index; e--) {
      const esc = this.escalations[e];
      if (esc === undefined) break;
      add(
        plusMinutes(esc.createdAt, 5),
        this.chair,
        `Escalated to ${ESCALATION_TARGET_LABELS[esc.to]}: ${esc.decisionRequested}`,
      );
      if (esc.respondedOn !== null) {
        add(
          this.instantOn(esc.respondedOn, 12 * 60),
          this.chair,
          `Response received (${esc.outcome ?? 'recorded'}).`,
        );
      }
    }
    if (record.status === 'monitoring') {
      add(
        record.lastProgressAt,
        this.chair,
        'Moved to monitoring: provision in place, attendance to be reviewed.',
      );
    }
    if (record.closure !== null) {
      add(
        maxInstant(record.createdAt, this.instantOn(record.closure.date, 16 * 60 + 30)),
        this.chair,
        `Case closed: ${CLOSURE_REASON_LABELS[record.closure.reason]}.`,
      );
    }
  }

  /** The actions of the case made last (they are contiguous at the end of `actions`). */
  private actionsOfLatestCase(caseIndex: number): DemoAction[] {
    let start = this.actions.length;
    while (start > 0 && this.actions[start - 1]?.caseIndex === caseIndex) start--;
    return this.actions.slice(start);
  }

  // ---------------------------------------------------------------- meeting records

  private recordFor(meetingIndex: number, caseIndex: number): DemoMeetingRecord {
    const key = `${meetingIndex}:${caseIndex}`;
    let rec = this.records.get(key);
    if (rec === undefined) {
      const meeting = this.meetings[meetingIndex];
      rec = {
        meetingIndex,
        caseIndex,
        section: 'other-open',
        reasons: [],
        summary: '',
        decisions: '',
        concernChange: null,
        actionIndexes: [],
        escalationIndex: null,
        closure: null,
        challengeNote: null,
        updatedAt: plusMinutes(meeting?.startsAt ?? this.instantOn(this.today, 9 * 60), 120),
      };
      this.records.set(key, rec);
    }
    return rec;
  }

  /** Fills in sections and texts of the meeting records, then puts cases in referral order. */
  private finish(): DemoData {
    const { rng } = this;
    const sectionRank = new Map(AGENDA_SECTIONS.map((s, n) => [s, n]));
    const records = [...this.records.values()];
    for (const rec of records) {
      const draft = this.drafts[rec.caseIndex];
      const slotPos = this.past.findIndex((s) => s.index === rec.meetingIndex);
      const slot = this.past[slotPos];
      if (draft === undefined || slot === undefined) continue;
      const c = draft.record;
      const previous = this.past[slotPos - 1];
      const isLast = slotPos === this.past.length - 1;
      if (previous === undefined || c.createdAt > previous.startsAt) {
        rec.section = 'new-referral';
        rec.reasons = ['referred since the last meeting'];
      } else if (c.concern === 'high') {
        rec.section = 'highest-concern';
        rec.reasons = ['children of highest concern'];
      } else if (isLast && draft.scenario === 'stuck-flag') {
        rec.section = 'stuck';
        rec.reasons = ['flagged stuck by the chair'];
      } else if (rec.closure !== null) {
        rec.section = 'proposed-closure';
        rec.reasons = ['proposed for closure'];
      }
      const parts: string[] = [];
      const n = rec.actionIndexes.length;
      if (n > 0) parts.push(n === 1 ? '1 action agreed.' : `${n} actions agreed.`);
      if (rec.escalationIndex !== null) {
        const esc = this.escalations[rec.escalationIndex];
        if (esc !== undefined) parts.push(`Escalated to ${ESCALATION_TARGET_LABELS[esc.to]}.`);
      }
      if (rec.closure !== null) parts.push(`Closed: ${CLOSURE_REASON_LABELS[rec.closure.reason]}.`);
      rec.summary = rng.pick(MEETING_SUMMARIES);
      rec.decisions = parts.join(' ');
      if (draft.scenario === 'stuck-no-progress' && isLast) {
        rec.challengeNote =
          'Chair challenged partners on the lack of progress; escalation held pending the panel date.';
      }
    }

    // Cases in referral order, so the store's refs (allocated in creation order) read chronologically.
    const order = this.cases.map((c, n) => ({ at: c.createdAt, n }));
    order.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.n - b.n));
    const newIndex = new Array<number>(order.length);
    order.forEach((o, pos) => {
      newIndex[o.n] = pos;
    });
    const remap = (n: number): number => newIndex[n] ?? n;
    const cases = order.map((o) => this.cases[o.n] as DemoCase);
    for (const a of this.actions) a.caseIndex = remap(a.caseIndex);
    for (const e of this.escalations) e.caseIndex = remap(e.caseIndex);
    for (const u of this.updates) u.caseIndex = remap(u.caseIndex);
    for (const r of records) r.caseIndex = remap(r.caseIndex);

    const updates = this.updates
      .map((u, n) => ({ u, n }))
      .sort((a, b) => (a.u.at < b.u.at ? -1 : a.u.at > b.u.at ? 1 : a.n - b.n))
      .map((x) => x.u);
    const agendaOrder = (a: DemoMeetingRecord, b: DemoMeetingRecord): number =>
      a.meetingIndex - b.meetingIndex ||
      (sectionRank.get(a.section) ?? 0) - (sectionRank.get(b.section) ?? 0) ||
      CONCERN_RANK[cases[a.caseIndex]?.concern ?? 'low'] -
        CONCERN_RANK[cases[b.caseIndex]?.concern ?? 'low'] ||
      a.caseIndex - b.caseIndex;
    // Keep meetings a realistic size even at benchmark scale: records that carry a decision (escalation,
    // closure, challenge) first, then agenda order. Actions still name the meeting that set them.
    const weight = (r: DemoMeetingRecord): number =>
      r.escalationIndex !== null || r.closure !== null || r.challengeNote !== null ? 0 : 1;
    records.sort((a, b) => a.meetingIndex - b.meetingIndex || weight(a) - weight(b) || agendaOrder(a, b));
    const kept: DemoMeetingRecord[] = [];
    let perMeeting = 0;
    records.forEach((r, n) => {
      perMeeting = n > 0 && records[n - 1]?.meetingIndex === r.meetingIndex ? perMeeting + 1 : 1;
      if (perMeeting <= MAX_RECORDS_PER_MEETING) kept.push(r);
    });
    kept.sort(agendaOrder);

    return {
      cases,
      actions: this.actions,
      updates,
      meetings: this.meetings,
      escalations: this.escalations,
      meetingRecords: kept,
    };
  }
}
