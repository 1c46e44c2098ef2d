/**
 * Labels people read (British English) for every enum in `types.ts`. The codes are stable machine
 * values; these are what the tab, the cards and the minutes show. Each is a full `Record`, so adding an
 * enum value without a label fails to compile.
 */
import type {
  ActionStatus,
  AgendaSection,
  AuditAction,
  CaseStatus,
  Category,
  ClosureReason,
  Concern,
  CseRisk,
  EscalationTarget,
  ListCheckList,
  MeetingStatus,
  Provision,
  ReferralSource,
  SendStatus,
  SocialCareStatus,
  YearGroup,
} from './types';

export const YEAR_GROUP_LABELS: Record<YearGroup, string> = {
  R: 'Reception',
  '1': 'Year 1',
  '2': 'Year 2',
  '3': 'Year 3',
  '4': 'Year 4',
  '5': 'Year 5',
  '6': 'Year 6',
  '7': 'Year 7',
  '8': 'Year 8',
  '9': 'Year 9',
  '10': 'Year 10',
  '11': 'Year 11',
};

/** The ToR §4 "children of interest". */
export const CATEGORY_LABELS: Record<Category, string> = {
  'permanently-excluded': 'Permanently excluded',
  'high-suspensions': 'High rate of suspensions',
  'no-school-place': 'No school place or awaiting a place',
  cme: 'Reported missing education (CME)',
  'medically-unfit': 'Medically unfit for school',
  'part-time-or-ap': 'Part-time timetable or alternative provision',
  'ehe-unsatisfactory': 'Elective home education deemed unsatisfactory',
  'off-rolling': 'Off-rolling concern',
};

export const PROVISION_LABELS: Record<Provision, string> = {
  none: 'None',
  'part-time-timetable': 'Part-time timetable',
  'alternative-provision': 'Alternative provision',
  'section-19': 'Section 19 tuition',
  ehe: 'Elective home education (EHE)',
  other: 'Other',
};

export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  'support-safeguarding': 'Support and Safeguarding',
  ewo: 'Education Welfare Officer',
  'send-lead': 'SEND lead worker',
  'cme-officer': 'CME officer',
  other: 'Other',
};

export const SEND_STATUS_LABELS: Record<SendStatus, string> = {
  none: 'None',
  'sen-support': 'SEN support',
  ehcp: 'Education, health and care plan (EHCP)',
};

export const SOCIAL_CARE_STATUS_LABELS: Record<SocialCareStatus, string> = {
  none: 'None',
  'early-help': 'Early help',
  'child-in-need': 'Child in need',
  'child-protection': 'Child protection plan',
  'looked-after': 'Looked after',
};

export const CSE_RISK_LABELS: Record<CseRisk, string> = {
  'not-checked': 'Not checked yet',
  none: 'Not on the CSE list',
  'at-risk': 'At risk of CSE',
};

export const CONCERN_LABELS: Record<Concern, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  referred: 'Referred',
  open: 'Open',
  escalated: 'Escalated',
  monitoring: 'Monitoring',
  closed: 'Closed',
};

export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  'school-place': 'Full-time school place started',
  'alternative-provision': 'Suitable alternative provision in place',
  'ehe-confirmed': 'Suitable elective home education confirmed',
  'moved-out': 'Moved out of the area, receiving authority informed',
  'left-uk': 'Left the UK',
  'end-of-compulsory-age': 'Reached the end of compulsory school age',
  other: 'Other',
};

/** ToR §4: the lists every case is checked against. */
export const LIST_CHECK_LIST_LABELS: Record<ListCheckList, string> = {
  'support-safeguarding': 'Support and Safeguarding Service',
  'childrens-social-care': "Children's Social Care",
  cse: 'Child sexual exploitation (CSE) list',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  'in-progress': 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const ESCALATION_TARGET_LABELS: Record<EscalationTarget, string> = {
  'head-of-service': 'Head of service',
  director: 'Director',
  other: 'Other',
};

/** Agenda section headings, in agenda order. */
export const AGENDA_SECTION_LABELS: Record<AgendaSection, string> = {
  'new-referral': 'New referrals since the last meeting',
  'highest-concern': 'Children of highest concern',
  stuck: 'Stuck cases',
  'overdue-actions': 'Overdue actions',
  'escalation-response-due': 'Escalation responses due',
  'proposed-closure': 'Cases proposed for closure',
  'other-open': 'Other open cases',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'case.view': 'Viewed a case',
  'case.list': 'Viewed a list of cases',
  'case.create': 'Referred a child',
  'case.update': 'Changed a case',
  'case.close': 'Closed a case',
  'case.reopen': 'Reopened a case',
  'case.update-added': 'Added an update',
  'action.create': 'Created an action',
  'action.update': 'Changed an action',
  'meeting.create': 'Created a meeting',
  'meeting.update': 'Changed a meeting',
  'meeting.publish': 'Published minutes',
  'minutes.view': 'Opened minutes',
  'oversight.view': 'Viewed the oversight figures',
  'escalation.create': 'Escalated a case',
  'escalation.update': 'Changed an escalation',
  export: 'Exported data',
  import: 'Imported data',
  'import.batch': 'Recorded an import batch',
  'import.undo': 'Undid an import',
  'import.mapping.save': 'Saved an import mapping',
  'access.refused': 'Access refused',
  'retention.review': 'Viewed the disposal review',
  'retention.hold': 'Placed a retention hold',
  'retention.release': 'Released a retention hold',
  'retention.dispose': "Disposed of a case's personal data",
  'disclosure.create': 'Recorded a disclosure',
  'case.subjectAccess': 'Produced a subject access export',
};

// Issue 18: the disclosure log's labels, kept beside its lists (zod-free, so the tab may import them).
export { ARTICLE_6_LABELS, DISCLOSURE_CATEGORY_LABELS, SPECIAL_CATEGORY_LABELS } from './disclosureLabels';
