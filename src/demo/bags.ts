/**
 * What the demo generator draws and how often: the scenarios a case can be in and each enum field's
 * weights, and the {@link Bag}s that draw them (every value has a fixed share per bag, so coverage is
 * guaranteed; see generate.ts).
 */
import type { DevUser } from '../auth/devUsers';
import { CLOSURE_REASONS, YEAR_GROUPS } from '../domain/types';
import type {
  Category,
  ClosureReason,
  Concern,
  CseRisk,
  EscalationTarget,
  ListCheckList,
  Provision,
  ReferralSource,
  SendStatus,
  SocialCareStatus,
  YearGroup,
} from '../domain/types';
import { MEMBERS } from './people';
import { Bag, weighted } from './random';
import type { Rng } from './random';

export type Scenario =
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

export const LIST_ORDER: readonly ListCheckList[] = ['support-safeguarding', 'childrens-social-care', 'cse'];

export const SOCIAL_CARE_OUTCOMES: Record<SocialCareStatus, string> = {
  none: "Not known to Children's Social Care.",
  'early-help': 'Early Help assessment open; no statutory involvement.',
  'child-in-need': "Open to Children's Social Care: child in need plan.",
  'child-protection': "Open to Children's Social Care: child protection plan.",
  'looked-after': 'Looked-after child; social worker allocated.',
};

export type EligibilityVariant = 'too-young' | 'too-old' | 'mismatch';
export type PastDueOutcome = 'done' | 'cancelled' | 'open';

/** One bag per drawn field, all over the same seeded stream. */
export interface DemoBags {
  scenarios: Bag<Scenario>;
  yearGroups: Bag<YearGroup>;
  categories: Bag<Category>;
  provisions: Bag<Provision>;
  sources: Bag<ReferralSource>;
  sendStatuses: Bag<SendStatus>;
  socialCare: Bag<SocialCareStatus>;
  cseRisks: Bag<CseRisk>;
  concerns: Bag<Concern>;
  escalatedConcerns: Bag<Concern>;
  closureReasons: Bag<ClosureReason>;
  checkCounts: Bag<number>;
  eligibility: Bag<EligibilityVariant>;
  shortOut: Bag<boolean>;
  targets: Bag<EscalationTarget>;
  leads: Bag<DevUser>;
  // Separate owner bags, so every member and the chair own overdue and due-soon actions, not just some.
  ownersAny: Bag<DevUser>;
  ownersOverdue: Bag<DevUser>;
  ownersDueSoon: Bag<DevUser>;
  pastDue: Bag<PastDueOutcome>;
  notYetDue: Bag<'open' | 'done'>;
}

/** The bags over `rng`. A bag draws from `rng` only when it (re)fills, so making them draws nothing. */
export function makeBags(rng: Rng): DemoBags {
  return {
    scenarios: new Bag(rng, weighted(SCENARIO_WEIGHTS)),
    yearGroups: new Bag(rng, weighted(YEAR_GROUP_WEIGHTS)),
    categories: new Bag(rng, weighted(CATEGORY_WEIGHTS)),
    provisions: new Bag(rng, weighted(PROVISION_WEIGHTS)),
    sources: new Bag(rng, weighted(SOURCE_WEIGHTS)),
    sendStatuses: new Bag(rng, weighted(SEND_WEIGHTS)),
    socialCare: new Bag(rng, weighted(SOCIAL_CARE_WEIGHTS)),
    cseRisks: new Bag<CseRisk>(rng, ['none', 'none', 'none', 'none', 'none', 'at-risk']),
    concerns: new Bag(rng, weighted(CONCERN_WEIGHTS)),
    // Escalated cases are high or medium concern; the medium ones show under "escalation responses due".
    escalatedConcerns: new Bag<Concern>(rng, ['high', 'medium']),
    closureReasons: new Bag(rng, CLOSURE_REASONS),
    checkCounts: new Bag(rng, [0, 1, 2, 3]),
    eligibility: new Bag<EligibilityVariant>(rng, ['too-young', 'too-old', 'mismatch']),
    shortOut: new Bag(rng, [true, false, false]),
    targets: new Bag<EscalationTarget>(rng, ['head-of-service', 'head-of-service', 'director', 'other']),
    leads: new Bag(rng, MEMBERS),
    ownersAny: new Bag(rng, MEMBERS),
    ownersOverdue: new Bag(rng, MEMBERS),
    ownersDueSoon: new Bag(rng, MEMBERS),
    pastDue: new Bag<PastDueOutcome>(
      rng,
      weighted<PastDueOutcome>([
        ['done', 8],
        ['cancelled', 1],
        ['open', 1],
      ]),
    ),
    notYetDue: new Bag<'open' | 'done'>(rng, ['open', 'open', 'open', 'open', 'done']),
  };
}
