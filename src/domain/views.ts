/**
 * Shapes the API returns and the tab reads: a case as a list row, and a case with everything computed.
 * Types only, so the tab can import them without pulling in any rule or IO.
 */
import type { ActionTiming } from './actions';
import type {
  Action,
  Case,
  CaseStatus,
  CaseUpdate,
  Category,
  Concern,
  Escalation,
  LocalDate,
  MeetingCaseRecord,
  YearGroup,
} from './types';

/**
 * An action as the API sends it: with its timing (overdue, due soon...) computed on the server by the same
 * rule and settings as the bot's reminders, so the tab holds no copy of that rule.
 */
export interface ActionView extends Action {
  timing: ActionTiming;
}

/** One row of the CMOE list: what a member scans first. */
export interface CaseSummary {
  ref: string;
  firstName: string;
  lastName: string;
  yearGroup: YearGroup;
  categories: Category[];
  concern: Concern;
  status: CaseStatus;
  weeksOut: number | null;
  lead: string | null;
  /** The lead's address: the list's "lead" filter and the export match on it. */
  leadEmail: string | null;
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
  /** When the case was referred in: the "New since last meeting" view compares it. */
  createdAt: string;
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
  /**
   * The response date an escalation raised today gets when none is chosen: the policy's working days
   * on the council's calendar, computed here so the tab holds neither the number nor the calendar.
   */
  defaultResponseDue: LocalDate;
}

export interface CaseDetail {
  case: Case;
  insights: CaseInsights;
  actions: ActionView[];
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

/**
 * One case as a meeting sees it (GET /api/meetings/:id/cases/:ref): key facts, open actions, what changed
 * since the previous meeting, and this meeting's record of it (with its own version, for autosave).
 */
export interface MeetingCaseView {
  meetingId: string;
  detail: CaseDetail;
  agendaItem: { section: string; reasons: string[] } | null;
  record: MeetingCaseRecord | null;
  /** What this case's record said at the previous meeting, if it was discussed. */
  previousRecord: (MeetingCaseRecord & { meetingStartsAt: string }) | null;
  /** Since the previous meeting: timeline updates, actions set and actions completed. */
  sincePrevious: {
    since: string | null;
    updates: CaseUpdate[];
    actionsSet: ActionView[];
    actionsCompleted: ActionView[];
  };
}
