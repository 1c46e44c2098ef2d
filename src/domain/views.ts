/**
 * Shapes the API returns and the tab reads: a case as a list row, and a case with everything computed.
 * Types only, so the tab can import them without pulling in any rule or IO.
 */
import type {
  Action,
  Case,
  CaseStatus,
  CaseUpdate,
  Category,
  Concern,
  Escalation,
  LocalDate,
  Provision,
  YearGroup,
} from './types';

/** One row of the CMOE list: what a member scans first. */
export interface CaseSummary {
  ref: string;
  firstName: string;
  lastName: string;
  yearGroup: YearGroup;
  categories: Category[];
  concern: Concern;
  status: CaseStatus;
  provision: Provision;
  weeksOut: number | null;
  lead: string | null;
  leadEmail: string | null;
  referralDate: LocalDate;
  nextActionDue: LocalDate | null;
  flags: {
    stuck: boolean;
    overdue: boolean;
    ehcp: boolean;
    socialCare: boolean;
    cseRisk: boolean;
    /** A statutory prompt is due (day-6 provision, part-time timetable). */
    statutory: boolean;
  };
  proposedForClosure: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ReasonView {
  code: string;
  text: string;
}

/** What the rules say about a case today. */
export interface CaseInsights {
  weeksOut: number | null;
  derivedYearGroup: YearGroup | null;
  warnings: ReasonView[];
  eligible: boolean;
  stuck: boolean;
  stuckReasons: ReasonView[];
  prompts: (ReasonView & { dueOn: LocalDate | null })[];
  overdueActions: number;
  nextActionDue: LocalDate | null;
}

export interface CaseDetail {
  case: Case;
  insights: CaseInsights;
  actions: Action[];
  updates: CaseUpdate[];
  escalations: Escalation[];
}

/** The answer to "what would this referral look like?", shown before submitting. */
export interface ReferralCheck {
  referralDate: LocalDate;
  derivedYearGroup: YearGroup | null;
  eligible: boolean;
  warnings: ReasonView[];
}
