/**
 * The demo's case maker, in named steps: scenario, receipt and closure, the child's age, categories and
 * provision, education history, referral and list checks, status and concern, when it was logged, identity,
 * and last progress. {@link makeCaseRecord} runs them; generate.ts then adds the case's actions,
 * escalations and timeline.
 *
 * The steps run in a fixed order and that order is part of the output: each draws from the one seeded
 * stream, so a step moved, or a draw moved between steps, changes every case after it
 * (tests/demo/sameOutput.test.ts holds digests of the output).
 */
import { daysBetween } from '../domain/calendar';
import type { Policy } from '../domain/policy';
import { YEAR_GROUPS } from '../domain/types';
import type {
  CaseStatus,
  Category,
  ClosureReason,
  Concern,
  CseRisk,
  Instant,
  Lead,
  ListCheck,
  LocalDate,
  Person,
  Provision,
  ReferralSource,
  YearGroup,
} from '../domain/types';
import { yearGroupFor } from '../domain/yearGroup';
import { LIST_ORDER, SOCIAL_CARE_OUTCOMES } from './bags';
import type { DemoBags, Scenario } from './bags';
import { lastFridayOfJuneOnOrBefore, maxInstant, maxLocal, minLocal, plusMinutes } from './dates';
import type { DemoDates } from './dates';
import type { DemoCase } from './types';
import { CHAIR_USER, MEMBERS, person } from './people';
import type { Rng } from './random';
import {
  AGENCIES,
  CATEGORY_COMPANIONS,
  CHECKERS,
  CLOSURE_NOTES,
  CONCERN_NOTES,
  EXTERNAL_LEADS,
  EXTERNAL_REFERRERS,
  SYNTHETIC_FIRST_NAMES,
  SYNTHETIC_LAST_NAMES,
  SYNTHETIC_PRIMARY_SCHOOLS,
  SYNTHETIC_SECONDARY_SCHOOLS,
} from './vocabulary';

/** A past meeting: its index in `meetings`, its London date and start. */
export interface Slot {
  index: number;
  date: LocalDate;
  startsAt: Instant;
}

/** Mutable state of one case while its related records are made. */
export interface Draft {
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

/** What every step reads: the seeded stream, its bags and dates, the policy and the completed meetings. */
export interface CaseContext {
  readonly rng: Rng;
  readonly bags: DemoBags;
  readonly dates: DemoDates;
  readonly today: LocalDate;
  readonly policy: Policy;
  /** The completed meetings, oldest first. */
  readonly past: readonly Slot[];
}

/** Who referred the case: the name on the referral, and the member the timeline credits. */
export interface Referrer {
  name: string;
  by: Person;
}

/** A made case, with what its timeline needs to tell. */
export interface MadeCase {
  draft: Draft;
  referrer: Referrer;
  checkDates: LocalDate[];
}

/** The meetings the stuck rule looks at: the latest, the first of its window, and the one before. */
interface StuckWindow {
  lastSlot: Slot | null;
  windowSlot: Slot | null;
  beforeWindow: Slot | null;
}

interface Receipt {
  received: LocalDate;
  referralDate: LocalDate;
  closureReason: ClosureReason | null;
  closureDate: LocalDate | null;
  closureMeeting: Slot | null;
  discussed: Slot[];
}

interface Child {
  dateOfBirth: LocalDate;
  yearGroup: YearGroup;
  secondary: boolean;
}

interface Placement {
  primary: Category;
  categories: Category[];
  provision: Provision;
  hoursPerWeek: number | null;
}

interface EducationHistory {
  exclusionDate: LocalDate | null;
  outOfEducationSince: LocalDate | null;
  timetableEndDate: LocalDate | null;
  timetableReviewDate: LocalDate | null;
}

interface Referral {
  referralSource: ReferralSource;
  referrer: Referrer;
  lead: Lead | null;
  agencies: string[];
}

interface Checks {
  sendStatus: DemoCase['sendStatus'];
  socialCareStatus: DemoCase['socialCareStatus'];
  cseRisk: CseRisk;
  listChecks: ListCheck[];
  checkDates: LocalDate[];
}

interface Identity {
  firstName: string;
  lastName: string;
  upn: string | null;
  lastSchool: string | null;
}

const isNewReferral = (scenario: Scenario): boolean =>
  scenario === 'new-referral' || scenario === 'eligibility-warning';

/** Makes case number `i`: its record and draft, ready for its actions, escalations and timeline. */
export function makeCaseRecord(ctx: CaseContext, i: number): MadeCase {
  const window = stuckWindow(ctx);
  const scenario = drawScenario(ctx, window);
  const receipt = receiptAndClosure(ctx, scenario, window);
  const child = childAge(ctx, scenario, receipt);
  const placement = categoriesAndProvision(ctx, scenario, receipt.closureReason);
  const history = educationHistory(ctx, scenario, receipt, placement);
  const concernNotes = concernNotesFor(ctx, placement.provision);
  const referral = referralAndPeople(ctx, scenario);
  const checks = listChecks(ctx, scenario, receipt.received);
  const { status, concern } = statusAndConcern(ctx, scenario);
  const createdAt = loggedAt(ctx, receipt.received);
  const identity = identityOf(ctx, i, child, placement);
  const { closureReason, closureDate } = receipt;
  const record: DemoCase = {
    firstName: identity.firstName,
    lastName: identity.lastName,
    dateOfBirth: child.dateOfBirth,
    yearGroup: child.yearGroup,
    upn: identity.upn,
    lastSchool: identity.lastSchool,
    categories: placement.categories,
    provision: placement.provision,
    hoursPerWeek: placement.hoursPerWeek,
    outOfEducationSince: history.outOfEducationSince,
    exclusionDate: history.exclusionDate,
    timetableEndDate: history.timetableEndDate,
    timetableReviewDate: history.timetableReviewDate,
    referralSource: referral.referralSource,
    referredBy: referral.referrer.name,
    receivedOn: receipt.received,
    lead: referral.lead,
    agencies: referral.agencies,
    sendStatus: checks.sendStatus,
    socialCareStatus: checks.socialCareStatus,
    cseRisk: checks.cseRisk,
    concernNotes,
    concern,
    referralDate: receipt.referralDate,
    status,
    closure:
      closureReason !== null && closureDate !== null
        ? { reason: closureReason, date: closureDate, note: CLOSURE_NOTES[closureReason] }
        : null,
    listChecks: checks.listChecks,
    stuckFlag: scenario === 'stuck-flag',
    proposedForClosure: scenario === 'proposed-closure',
    lastProgressAt: createdAt,
    createdAt,
  };
  record.lastProgressAt = lastProgress(ctx, scenario, receipt, createdAt, window);
  const draft: Draft = {
    index: i,
    scenario,
    record,
    received: receipt.received,
    discussed: receipt.discussed,
    closureMeeting: receipt.closureMeeting,
    noCompletionFrom: scenario === 'stuck-no-progress' ? (window.windowSlot?.date ?? null) : null,
  };
  return { draft, referrer: referral.referrer, checkDates: checks.checkDates };
}

function stuckWindow({ past, policy }: CaseContext): StuckWindow {
  const k = policy.stuckMeetings;
  return {
    lastSlot: past[past.length - 1] ?? null,
    windowSlot: past.length >= k ? (past[past.length - k] ?? null) : null,
    beforeWindow: past.length > k ? (past[past.length - k - 1] ?? null) : null,
  };
}

function drawScenario({ bags }: CaseContext, window: StuckWindow): Scenario {
  const scenario = bags.scenarios.draw();
  // Degrade gracefully under a policy that leaves too few past meetings for a rule to be judged.
  if (scenario === 'stuck-no-progress' && (window.beforeWindow === null || window.windowSlot === null))
    return 'stuck-flag';
  return scenario;
}

/** When the referral came in, when (if ever) the case closed, and the meetings that discussed it. */
function receiptAndClosure(ctx: CaseContext, scenario: Scenario, window: StuckWindow): Receipt {
  const { rng, today, policy, past, dates, bags } = ctx;
  const { lastSlot, beforeWindow } = window;
  const latestDiscussed = lastSlot === null ? dates.plusDays(today, -14) : dates.plusDays(lastSlot.date, -3);
  let received: LocalDate;
  let closureReason: ClosureReason | null = null;
  let closureDate: LocalDate | null = null;
  switch (scenario) {
    case 'new-referral':
    case 'eligibility-warning':
      received = dates.workingDayBetween(
        lastSlot === null ? dates.plusDays(today, -20) : dates.plusDays(lastSlot.date, 1),
        today,
      );
      break;
    case 'stuck-no-progress':
      received = dates.workingDayBetween(
        dates.plusDays(today, -210),
        dates.plusDays(beforeWindow?.date ?? today, -7),
      );
      break;
    case 'stuck-deferred': {
      // Old enough that the whole chain of deferrals falls after the referral.
      const span = (policy.stuckDeferrals + 1) * 21 + 20;
      received = dates.workingDayBetween(
        dates.plusDays(today, -span - 150),
        minLocal(latestDiscussed, dates.plusDays(today, -span)),
      );
      break;
    }
    case 'escalated-overdue':
    case 'escalated-responded':
      received = dates.workingDayBetween(
        dates.plusDays(today, -224),
        minLocal(latestDiscussed, dates.plusDays(today, -56)),
      );
      break;
    case 'closed':
      closureReason = bags.closureReasons.draw();
      if (closureReason === 'end-of-compulsory-age') {
        closureDate = lastFridayOfJuneOnOrBefore(dates.plusDays(today, -1));
        received = dates.workingDayBetween(
          dates.plusDays(closureDate, -210),
          dates.plusDays(closureDate, -42),
        );
      } else {
        received = dates.workingDayBetween(dates.plusDays(today, -308), dates.plusDays(today, -70));
      }
      break;
    default:
      received = dates.workingDayBetween(dates.plusDays(today, -224), latestDiscussed);
  }
  const referralDate = dates.referralDate(received);
  let closureMeeting: Slot | null = null;
  if (closureReason !== null && closureDate === null) {
    const fourWeeksOn = dates.plusDays(received, 28);
    const candidates = past.filter((s) => s.date >= fourWeeksOn);
    if (candidates.length > 0) {
      closureMeeting = rng.pick(candidates);
      closureDate = closureMeeting.date;
    } else {
      closureDate = minLocal(dates.plusDays(today, -1), dates.plusDays(received, rng.int(56, 140)));
    }
  }
  const discussed = past.filter(
    (s) => s.date >= referralDate && s.date >= received && (closureDate === null || s.date < closureDate),
  );
  return { received, referralDate, closureReason, closureDate, closureMeeting, discussed };
}

/** Date of birth and year group; an eligibility-warning case is too young, too old or typed out of cohort. */
function childAge(ctx: CaseContext, scenario: Scenario, receipt: Receipt): Child {
  const { bags, today } = ctx;
  const on = receipt.closureDate ?? today;
  const target = bags.yearGroups.draw();
  let ncy = receipt.closureReason === 'end-of-compulsory-age' ? 11 : target === 'R' ? 0 : Number(target);
  let typed: YearGroup | null = null;
  if (scenario === 'eligibility-warning') {
    const variant = bags.eligibility.draw();
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
  const dateOfBirth = ctx.dates.dateOfBirth(ncy, on);
  const yearGroup: YearGroup = typed ?? yearGroupFor(dateOfBirth, on) ?? 'R';
  return { dateOfBirth, yearGroup, secondary: ncy >= 7 };
}

/** CMOE categories, then the provision they and the scenario imply, and its hours. */
function categoriesAndProvision(
  ctx: CaseContext,
  scenario: Scenario,
  closureReason: ClosureReason | null,
): Placement {
  const { rng, bags } = ctx;
  let primary = bags.categories.draw();
  if (scenario === 'excluded-no-provision') primary = 'permanently-excluded';
  if (scenario === 'part-time-no-dates' || scenario === 'part-time-review-passed')
    primary = 'part-time-or-ap';
  const categories: Category[] = [primary];
  if (rng.chance(0.3)) {
    const companion = rng.pick(CATEGORY_COMPANIONS[primary]);
    if (!categories.includes(companion)) categories.push(companion);
  }
  const drawnProvision = bags.provisions.draw();
  let provision: Provision = drawnProvision;
  if (primary === 'ehe-unsatisfactory') provision = 'ehe';
  else if (primary === 'cme') provision = 'none';
  if (scenario === 'excluded-no-provision') provision = 'none';
  if (scenario === 'part-time-no-dates' || scenario === 'part-time-review-passed')
    provision = 'part-time-timetable';
  if (closureReason === 'school-place') provision = 'other';
  else if (closureReason === 'alternative-provision') provision = 'alternative-provision';
  else if (closureReason === 'ehe-confirmed') provision = 'ehe';
  return { primary, categories, provision, hoursPerWeek: hoursFor(rng, provision, closureReason) };
}

function hoursFor(rng: Rng, provision: Provision, closureReason: ClosureReason | null): number | null {
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

/** Exclusion, time out of education and the part-time timetable's dates (the school history). */
function educationHistory(
  ctx: CaseContext,
  scenario: Scenario,
  receipt: Receipt,
  placement: Placement,
): EducationHistory {
  const { rng, today, dates, bags, policy } = ctx;
  const { received, closureDate } = receipt;
  const { categories, provision } = placement;
  let exclusionDate: LocalDate | null = null;
  if (categories.includes('permanently-excluded')) {
    exclusionDate =
      scenario === 'excluded-no-provision'
        ? dates.schoolDaysBefore(received, rng.int(6, 20))
        : dates.schoolDaysBefore(received, rng.int(2, 40));
  }

  let outOfEducationSince: LocalDate | null = null;
  if (exclusionDate !== null) {
    // Out of education from the exclusion, at least until provision started.
    outOfEducationSince = provision === 'none' || rng.chance(0.4) ? exclusionDate : null;
  } else if (provision === 'none') {
    // Some new referrals are out for less than the ToR threshold, so the eligibility warning shows.
    outOfEducationSince =
      isNewReferral(scenario) && bags.shortOut.draw()
        ? minLocal(received, dates.plusDays(today, -rng.int(3, 7 * policy.eligibilityWeeksOut - 4)))
        : dates.plusDays(received, -rng.int(14, 120));
  } else if (rng.chance(0.4)) outOfEducationSince = dates.plusDays(received, -rng.int(20, 200));

  let timetableEndDate: LocalDate | null = null;
  let timetableReviewDate: LocalDate | null = null;
  if (provision === 'part-time-timetable') {
    if (closureDate !== null) {
      timetableReviewDate = dates.plusDays(received, rng.int(14, 42));
      timetableEndDate = closureDate;
    } else if (scenario === 'part-time-review-passed') {
      timetableReviewDate = dates.workingDayBetween(
        maxLocal(received, dates.plusDays(today, -30)),
        dates.plusDays(today, -1),
      );
      timetableEndDate = rng.chance(0.5) ? dates.plusDays(timetableReviewDate, rng.int(14, 42)) : null;
    } else if (scenario !== 'part-time-no-dates') {
      timetableReviewDate = dates.nextWorkday(dates.plusDays(today, rng.int(5, 40)));
      timetableEndDate = rng.chance(0.85) ? dates.plusDays(timetableReviewDate, rng.int(14, 56)) : null;
    }
  }
  return { exclusionDate, outOfEducationSince, timetableEndDate, timetableReviewDate };
}

function concernNotesFor({ rng }: CaseContext, provision: Provision): string | null {
  const concernNotesList = CONCERN_NOTES[provision];
  return concernNotesList !== undefined && rng.chance(0.85) ? rng.pick(concernNotesList) : null;
}

/** Where the referral came from, who made it, the lead professional and the agencies involved. */
function referralAndPeople(ctx: CaseContext, scenario: Scenario): Referral {
  const { rng, bags } = ctx;
  const referralSource = bags.sources.draw();
  const referrer = referrerFor(rng, referralSource);
  let lead: Lead | null;
  if (isNewReferral(scenario) && rng.chance(0.5)) lead = null;
  else if (rng.chance(0.1)) lead = { id: null, name: rng.pick(EXTERNAL_LEADS), email: null };
  else lead = person(bags.leads.draw());
  const leadId = lead?.id ?? null;
  const leadService = leadId !== null ? MEMBERS.find((u) => u.id === leadId)?.service : undefined;
  const agencies: string[] = leadService !== undefined ? [leadService] : [];
  for (let n = rng.int(0, 2); n > 0; n--) {
    const a = rng.pick(AGENCIES);
    if (!agencies.includes(a)) agencies.push(a);
  }
  return { referralSource, referrer, lead, agencies };
}

function referrerFor(rng: Rng, source: ReferralSource): Referrer {
  const byService: Partial<Record<ReferralSource, string>> = {
    'support-safeguarding': 'Support and Safeguarding',
    ewo: 'Education Welfare',
    'send-lead': 'SEND',
  };
  const service = byService[source];
  const member = service === undefined ? undefined : MEMBERS.find((u) => u.service === service);
  // Half the time a member of the group referred; otherwise a colleague outside it did.
  if (member !== undefined && rng.chance(0.5)) return { name: member.name, by: person(member) };
  return { name: rng.pick(EXTERNAL_REFERRERS[source]), by: person(member ?? CHAIR_USER) };
}

/** SEND and social care status, and the list checks done so far (a new referral may have some to do). */
function listChecks(ctx: CaseContext, scenario: Scenario, received: LocalDate): Checks {
  const { rng, bags, dates, today } = ctx;
  const sendStatus = bags.sendStatuses.draw();
  const socialCareStatus = bags.socialCare.draw();
  const checkCount = isNewReferral(scenario) ? bags.checkCounts.draw() : 3;
  const checkDates: LocalDate[] = [];
  const checks: ListCheck[] = [];
  let cseRisk: CseRisk = 'not-checked';
  const drawnCse = bags.cseRisks.draw();
  for (const list of LIST_ORDER.slice(0, checkCount)) {
    const checkedOn = dates.workingDayBetween(received, minLocal(today, dates.plusDays(received, 10)));
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
        drawnCse === 'at-risk' ? 'On the CSE list: risk identified, plan in place.' : 'Not on the CSE list.';
    }
    checks.push({ list, checkedOn, checkedBy: CHECKERS[list], outcome });
  }
  return { sendStatus, socialCareStatus, cseRisk, listChecks: checks, checkDates };
}

function statusAndConcern(
  { bags }: CaseContext,
  scenario: Scenario,
): { status: CaseStatus; concern: Concern } {
  let concern = bags.concerns.draw();
  let status: CaseStatus;
  switch (scenario) {
    case 'new-referral':
    case 'eligibility-warning':
      status = 'referred';
      break;
    case 'escalated-awaiting':
    case 'escalated-overdue':
      status = 'escalated';
      concern = bags.escalatedConcerns.draw();
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
  return { status, concern };
}

/** When the case was logged (the store's `createdAt`). */
function loggedAt({ rng, past, dates }: CaseContext, received: LocalDate): Instant {
  // A referral that arrives on a meeting day is logged before the meeting, which then discusses it.
  const meetingThatDay = past.find((s) => s.date === received);
  return meetingThatDay !== undefined
    ? plusMinutes(meetingThatDay.startsAt, -rng.int(60, 180))
    : dates.officeInstant(received);
}

/** Synthetic name, UPN and last school. */
function identityOf({ rng }: CaseContext, i: number, child: Child, placement: Placement): Identity {
  const upnTail = String(i % 10_000_000).padStart(7, '0');
  const firstName = rng.pick(SYNTHETIC_FIRST_NAMES);
  const lastName = rng.pick(SYNTHETIC_LAST_NAMES);
  // Valid UPN shape, obviously fake: X + 0000 + a running number + a check letter.
  const upn = rng.chance(0.85) ? `X0000${upnTail}${String.fromCharCode(65 + rng.int(0, 25))}` : null;
  const lastSchool =
    placement.provision === 'ehe' && rng.chance(0.3)
      ? null
      : placement.primary === 'no-school-place' && rng.chance(0.5)
        ? null
        : rng.pick(child.secondary ? SYNTHETIC_SECONDARY_SCHOOLS : SYNTHETIC_PRIMARY_SCHOOLS);
  return { firstName, lastName, upn, lastSchool };
}

/** Progress: when status, provision or concern last changed. */
function lastProgress(
  ctx: CaseContext,
  scenario: Scenario,
  receipt: Receipt,
  createdAt: Instant,
  window: StuckWindow,
): Instant {
  const { rng, today, dates } = ctx;
  const { received, discussed, closureDate } = receipt;
  const { windowSlot } = window;
  if (scenario === 'stuck-no-progress') {
    const before = discussed.filter((s) => windowSlot !== null && s.date < windowSlot.date);
    const atMeeting = before.length > 0 ? rng.pick(before) : null;
    // A change at a meeting before the window, else nothing since the referral itself.
    return atMeeting !== null ? maxInstant(createdAt, plusMinutes(atMeeting.startsAt, 60)) : createdAt;
  }
  if (closureDate !== null) return maxInstant(createdAt, dates.instantOn(closureDate, 16 * 60));
  if (!isNewReferral(scenario)) {
    // Recent enough that only the rule the scenario is about can make the case stuck.
    const from = maxLocal(received, windowSlot === null ? received : dates.plusDays(windowSlot.date, 1));
    const date = dates.plusDays(from, rng.int(0, Math.max(0, daysBetween(from, dates.plusDays(today, -1)))));
    return maxInstant(createdAt, dates.instantOn(date, 15 * 60));
  }
  return createdAt;
}
