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
 *
 * The parts: `bags.ts` (scenarios, weights and their bags), `dates.ts` (memoised date arithmetic),
 * `caseSteps.ts` (one case in named steps: receipt, age, provision, history, referral, checks, status,
 * identity, progress), `people.ts`, `types.ts`; this file makes the meetings, then each case's actions,
 * escalations and timeline, and orders the result.
 */
import {
  CLOSURE_REASON_LABELS,
  ESCALATION_TARGET_LABELS,
  LIST_CHECK_LIST_LABELS,
  REFERRAL_SOURCE_LABELS,
} from '../domain/labels';
import { cadenceMeetings } from '../domain/meetings';
import type { Policy } from '../domain/policy';
import { AGENDA_SECTIONS, CONCERN_RANK, localDateSchema } from '../domain/types';
import type { Attendee, Deferral, Instant, LocalDate, Meeting, Person } from '../domain/types';
import type { DevUser } from '../auth/devUsers';
import { makeBags } from './bags';
import type { DemoBags } from './bags';
import { makeCaseRecord } from './caseSteps';
import type { Draft, Referrer, Slot } from './caseSteps';
import { DemoDates, maxInstant, maxLocal, minLocal, plusMinutes } from './dates';
import { CHAIR_USER, MEMBERS, person } from './people';
import { Rng } from './random';
import type {
  DemoAction,
  DemoCase,
  DemoCaseUpdate,
  DemoData,
  DemoEscalation,
  DemoMeeting,
  DemoMeetingRecord,
  DemoOptions,
} from './types';
import {
  ACTION_TEMPLATES,
  CANCELLATION_NOTES,
  DEFERRAL_REASONS,
  ESCALATION_RESPONSES,
  ESCALATION_TEXTS,
  ESCALATION_TO_NAMES,
  EXTRA_ATTENDEES,
  GENERIC_ACTION_TEMPLATES,
  MEETING_SUMMARIES,
} from './vocabulary';
import type { ActionTemplate } from './vocabulary';

export type * from './types';

/** How many completed meetings before `today`, and scheduled ones from `today`, the demo has. */
export const PAST_MEETINGS = 6;
export const UPCOMING_MEETINGS = 3;
/**
 * At most this many case records (and agenda items) per completed meeting. A real meeting discusses a
 * few dozen children; without a cap a 5,000-case benchmark store would carry megabyte-sized meetings.
 */
export const MAX_RECORDS_PER_MEETING = 120;

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

class DemoGenerator {
  private readonly rng: Rng;
  private readonly today: LocalDate;
  private readonly policy: Policy;
  private readonly count: number;
  private readonly bags: DemoBags;
  private readonly dates: DemoDates;

  private readonly meetings: DemoMeeting[] = [];
  private readonly past: Slot[] = [];
  private readonly meetingRefs: Pick<Meeting, 'id' | 'startsAt' | 'status'>[] = [];

  private readonly cases: DemoCase[] = [];
  private readonly drafts: Draft[] = [];
  private readonly actions: DemoAction[] = [];
  private readonly updates: DemoCaseUpdate[] = [];
  private readonly escalations: DemoEscalation[] = [];
  private readonly records = new Map<string, DemoMeetingRecord>();

  private readonly chair = person(CHAIR_USER);

  constructor(opts: DemoOptions) {
    this.rng = new Rng(opts.seed ?? 1);
    this.today = opts.today;
    this.policy = opts.policy;
    this.count = opts.cases;
    this.bags = makeBags(this.rng);
    this.dates = new DemoDates(this.rng, this.today, this.policy, this.meetingRefs);
  }

  run(): DemoData {
    this.makeMeetings();
    for (let i = 0; i < this.count; i++) this.makeCase(i);
    return this.finish();
  }

  // ---------------------------------------------------------------- meetings

  private makeMeetings(): void {
    const { today, policy, rng } = this;
    const periodDays = policy.cadence.everyWeeks * 7;
    // Start far enough back that at least PAST_MEETINGS cadence dates fall before today (~26 weeks at 4-weekly).
    const from = this.dates.plusDays(today, -periodDays * (PAST_MEETINGS + 1));
    const past = cadenceMeetings(policy, from, PAST_MEETINGS + 4)
      .filter((m) => m.date < today)
      .slice(-PAST_MEETINGS);
    const upcoming = cadenceMeetings(policy, today, UPCOMING_MEETINGS);
    const firstDate = past[0]?.date ?? upcoming[0]?.date ?? today;
    // The chair schedules the series in one go, a few weeks before the first of them.
    const createdAt = this.dates.instantOn(this.dates.plusDays(firstDate, -21), 9 * 60);
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
      const publishOn = this.dates.addWorking(m.date, rng.int(1, 3));
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
        minutesPublishedAt: publishOn < today ? this.dates.instantOn(publishOn, 16 * 60) : null,
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

  /** One case (caseSteps.ts), then its actions, escalations, timeline and closing meeting record. */
  private makeCase(i: number): void {
    const { rng, bags, dates, today, policy, past } = this;
    const { draft, referrer, checkDates } = makeCaseRecord({ rng, bags, dates, today, policy, past }, i);
    const { record } = draft;
    this.cases.push(record);
    this.drafts.push(draft);
    this.makeActions(draft);
    this.makeEscalations(draft);
    this.makeTimeline(draft, referrer, checkDates);
    if (draft.closureMeeting !== null && record.closure !== null) {
      this.recordFor(draft.closureMeeting.index, i).closure = { ...record.closure };
    }
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
      at: this.dates.instantOn(this.dates.addWorking(from, -1), 11 * 60),
    };
  }

  /**
   * A case's actions, in named steps: a new referral's checks; or the actions set at the latest meetings
   * that discussed it, then (unless closed) the one its scenario is about. Steps draw in this order.
   */
  private makeActions(draft: Draft): void {
    const { scenario, record } = draft;
    if (scenario === 'new-referral' || scenario === 'eligibility-warning') {
      this.firstChecksAction(draft);
      return;
    }
    // Actions set at the (up to) three latest meetings that discussed the case.
    for (const slot of draft.discussed.slice(-3)) {
      for (let n = this.rng.int(1, 2); n > 0; n--) this.meetingAction(draft, slot);
    }
    if (record.closure !== null) return;
    if (scenario === 'overdue') this.overdueAction(draft);
    if (scenario === 'stuck-deferred') this.deferredAction(draft);
    if (
      scenario === 'open' ||
      ((scenario === 'monitoring' || scenario.startsWith('part-time')) && this.rng.chance(0.5))
    )
      this.dueSoonAction(draft);
  }

  /** The only action on a new referral: checks before the first meeting, due in the next few days. */
  private firstChecksAction(draft: Draft): void {
    const owner = this.bags.ownersDueSoon.draw();
    this.pushAction(
      draft,
      owner,
      null,
      plusMinutes(draft.record.createdAt, 30),
      this.dates.addWorking(this.today, this.rng.int(1, 3)),
    );
  }

  /** An action agreed at a past meeting: done, cancelled or open as its due date and the case allow. */
  private meetingAction(draft: Draft, slot: Slot): void {
    const { rng, today } = this;
    const { scenario, record } = draft;
    const closed = record.closure !== null;
    const yesterday = this.dates.plusDays(today, -1);
    const owner = this.bags.ownersAny.draw();
    const template = this.template(owner);
    const createdAt = plusMinutes(slot.startsAt, rng.int(60, 150));
    const dueDate = this.dates.workingDayBetween(
      this.dates.plusDays(slot.date, 10),
      this.dates.plusDays(slot.date, 35),
    );
    let status: 'open' | 'done' | 'cancelled';
    if (closed) status = rng.chance(0.1) ? 'cancelled' : 'done';
    else if (dueDate < today) {
      status = this.bags.pastDue.draw();
      // On an escalated case the escalation is what is chased, not an overdue action.
      if (status === 'open' && scenario.startsWith('escalated')) status = 'done';
    } else status = this.bags.notYetDue.draw();

    let completedOn: LocalDate | null = null;
    if (status === 'done') {
      let to = closed && record.closure !== null ? record.closure.date : yesterday;
      if (dueDate < today) to = minLocal(to, this.dates.plusDays(dueDate, 3));
      to = minLocal(to, yesterday);
      if (draft.noCompletionFrom !== null) to = minLocal(to, this.dates.plusDays(draft.noCompletionFrom, -1));
      const from = this.dates.plusDays(slot.date, 1);
      if (to < from) status = closed ? 'cancelled' : 'open';
      else completedOn = this.dates.workingDayBetween(from, to);
    }
    const deferrals: Deferral[] = [];
    // A single deferral now and then, below the stuck threshold, so the history is not empty.
    if (status === 'open' && this.policy.stuckDeferrals > 1 && rng.chance(0.12)) {
      const original = this.dates.nextWorkday(this.dates.plusDays(slot.date, 10));
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

  /** The overdue scenario's action: due after a meeting at least ten days ago, not done. */
  private overdueAction(draft: Draft): void {
    const { rng, today } = this;
    const { record } = draft;
    const slot =
      [...draft.discussed].reverse().find((s) => s.date <= this.dates.plusDays(today, -10)) ?? null;
    const owner = this.bags.ownersOverdue.draw();
    const dueDate =
      slot !== null
        ? this.dates.workingDayBetween(this.dates.plusDays(slot.date, 7), this.dates.plusDays(today, -1))
        : this.dates.addWorking(today, -rng.int(1, 5));
    const createdAt =
      slot !== null
        ? plusMinutes(slot.startsAt, 90)
        : maxInstant(record.createdAt, this.dates.instantOn(this.dates.plusDays(dueDate, -14), 10 * 60));
    this.pushAction(draft, owner, slot, createdAt, dueDate);
  }

  /** The stuck-by-deferrals scenario's action: due soon, deferred more often than the policy allows. */
  private deferredAction(draft: Draft): void {
    const { rng, today } = this;
    const { record } = draft;
    // Built backwards from a due date in the next fortnight, each deferral two to three weeks apart.
    const times = this.policy.stuckDeferrals + rng.int(0, 1);
    const dues: LocalDate[] = [this.dates.nextWorkday(this.dates.plusDays(today, rng.int(1, 10)))];
    for (let n = 0; n < times; n++) {
      dues.unshift(this.dates.nextWorkday(this.dates.plusDays(dues[0] ?? today, -rng.int(14, 21))));
    }
    const owner = this.bags.ownersAny.draw();
    const first = dues[0] ?? today;
    const slot =
      [...draft.discussed].reverse().find((s) => s.date <= this.dates.plusDays(first, -10)) ?? null;
    const createdAt = maxInstant(
      record.createdAt,
      slot !== null
        ? plusMinutes(slot.startsAt, 75)
        : this.dates.instantOn(this.dates.plusDays(first, -21), 10 * 60),
    );
    const deferrals: Deferral[] = [];
    for (let n = 0; n + 1 < dues.length; n++) {
      deferrals.push(this.deferral(dues[n] ?? today, dues[n + 1] ?? today, person(owner)));
    }
    this.pushAction(draft, owner, slot, createdAt, dues[dues.length - 1] ?? today, { deferrals });
  }

  /** An open action set at the latest meeting and due in the next few working days. */
  private dueSoonAction(draft: Draft): void {
    const { rng, today } = this;
    const { record } = draft;
    const slot = this.past[this.past.length - 1] ?? null;
    const owner = this.bags.ownersDueSoon.draw();
    const createdAt = slot !== null ? plusMinutes(slot.startsAt, 100) : plusMinutes(record.createdAt, 60);
    this.pushAction(
      draft,
      owner,
      slot,
      maxInstant(createdAt, record.createdAt),
      this.dates.addWorking(today, rng.int(1, 3)),
    );
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
        this.dates.addWorking(today, -rng.int(1, 4)),
        this.dates.nextWorkday(this.dates.plusDays(draft.received, 1)),
      );
      slot = this.past.find((s) => s.date === raisedOn) ?? null;
    } else {
      // Raised at a meeting long enough ago that the response is already due.
      slot = [...draft.discussed].reverse().find((s) => this.dates.addWorking(s.date, days) < today) ?? null;
      raisedOn = slot?.date ?? this.dates.addWorking(today, -(days + rng.int(1, 5)));
    }
    const responseDue = this.dates.addWorking(raisedOn, days);
    const createdAt = maxInstant(
      record.createdAt,
      slot !== null ? plusMinutes(slot.startsAt, 100) : this.dates.instantOn(raisedOn, 11 * 60),
    );
    const to = this.bags.targets.draw();
    const text = rng.pick(ESCALATION_TEXTS);
    let response: string | null = null;
    let outcome: string | null = null;
    let respondedOn: LocalDate | null = null;
    if (scenario === 'escalated-responded') {
      const reply = rng.pick(ESCALATION_RESPONSES);
      response = reply.response;
      outcome = reply.outcome;
      respondedOn = this.dates.workingDayBetween(
        this.dates.plusDays(raisedOn, 2),
        minLocal(responseDue, this.dates.plusDays(today, -1)),
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
      record.lastProgressAt = maxInstant(record.lastProgressAt, this.dates.instantOn(respondedOn, 12 * 60));
  }

  // ---------------------------------------------------------------- timeline

  private makeTimeline(draft: Draft, referrer: Referrer, checkDates: LocalDate[]): void {
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
        maxInstant(record.createdAt, this.dates.instantOn(last, 14 * 60)),
        person(MEMBERS.find((u) => u.service === 'Support and Safeguarding') ?? CHAIR_USER),
        `List checks recorded: ${lists}.`,
      );
    }
    let shown = 0;
    for (const a of this.actionsOfLatestCase(draft.index)) {
      if (a.status !== 'done' || a.completedOn === null || a.owner === null || shown >= 2) continue;
      shown++;
      add(
        this.dates.instantOn(a.completedOn, 15 * 60 + 30),
        a.owner,
        a.completionNote ?? 'Action completed.',
      );
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
          this.dates.instantOn(esc.respondedOn, 12 * 60),
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
        maxInstant(record.createdAt, this.dates.instantOn(record.closure.date, 16 * 60 + 30)),
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
        updatedAt: plusMinutes(meeting?.startsAt ?? this.dates.instantOn(this.today, 9 * 60), 120),
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
