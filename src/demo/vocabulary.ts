/**
 * The words the demo data is made of. Every name is deliberately, obviously fictional so that nobody
 * who sees a screenshot, a log or a benchmark database can mistake a record for a real child: first and
 * last names read as "test", "sample", "made up", and every school says "(synthetic)". Emails use the
 * reserved `example.org` domain. Tests assert that generated names come only from these lists.
 */
import type { Category, ClosureReason, EscalationTarget, Provision, ReferralSource } from '../domain/types';

export const SYNTHETIC_FIRST_NAMES = [
  'Testy',
  'Sampla',
  'Demo',
  'Fakeley',
  'Placeholda',
  'Mockton',
  'Exampla',
  'Fixtura',
  'Loremina',
  'Ipsumo',
  'Dummo',
  'Trialla',
  'Prototo',
  'Simulo',
  'Stubba',
  'Specima',
] as const;

export const SYNTHETIC_LAST_NAMES = [
  'Example',
  'Specimen',
  'Fictional',
  'Dummy-Data',
  'Notreal',
  'Madeup',
  'Testcase',
  'Placeholder',
  'Synthetic',
  'Fixture',
  'Mockdata',
  'Pretend',
] as const;

export const SYNTHETIC_PRIMARY_SCHOOLS = [
  'Demo Primary (synthetic)',
  'Notreal Infant School (synthetic)',
  'Placeholder Junior School (synthetic)',
  'Sample Church Primary (synthetic)',
] as const;

export const SYNTHETIC_SECONDARY_SCHOOLS = [
  'Example Academy (synthetic)',
  'Specimen High School (synthetic)',
  'Madeup Free School (synthetic)',
  'Fictional Pupil Referral Unit (synthetic)',
  'Dummy-Data Out-of-Area School (synthetic)',
] as const;

export const SYNTHETIC_SCHOOLS: readonly string[] = [
  ...SYNTHETIC_PRIMARY_SCHOOLS,
  ...SYNTHETIC_SECONDARY_SCHOOLS,
];

/** Services that attend the group or hold part of a plan (ToR §2 membership plus partners). */
export const AGENCIES = [
  'Education Welfare',
  'SEND',
  'Support and Safeguarding',
  "Children's Social Care",
  'Early Help',
  'School Health',
  'CAMHS',
  'Youth Justice',
  'Virtual School',
  'Admissions',
] as const;

/** People outside the dev users: synthetic, in the same "Demo Role (Name)" style. */
export interface SyntheticContact {
  name: string;
  service: string;
  email: string;
}

export const EXTRA_ATTENDEES: readonly SyntheticContact[] = [
  {
    name: 'Demo Attendee (Hal Hypothetical)',
    service: "Children's Social Care",
    email: 'hal.hypothetical@example.org',
  },
  { name: 'Demo Attendee (Ivy Imaginary)', service: 'Commissioning', email: 'ivy.imaginary@example.org' },
  {
    name: 'Demo Attendee (Jay Pretend)',
    service: "Families and Children's Services",
    email: 'jay.pretend@example.org',
  },
  {
    name: 'Demo Admin (Fen Notreal)',
    service: 'Performance and Information',
    email: 'fen.notreal@example.org',
  },
];

/** Who refers, by source, when the referrer is not one of the dev users. */
export const EXTERNAL_REFERRERS: Record<ReferralSource, readonly string[]> = {
  'support-safeguarding': ['Demo S&S Duty Officer (Kim Invented)'],
  ewo: ['Demo EWO (Lou Fabricated)'],
  'send-lead': ['Demo SEND Caseworker (Mo Fictive)'],
  'cme-officer': ['Demo CME Officer (Kit Hypothetical)'],
  other: [
    'Demo School DSL (Ned Notional)',
    'Demo Health Visitor (Ola Pretend)',
    'Demo GP Practice (Pat Madeup)',
  ],
};

/** A lead professional outside the tenant: no object id, no email. */
export const EXTERNAL_LEADS: readonly string[] = [
  'Demo Lead Professional (Quin Invented), Early Help',
  'Demo Lead Professional (Ray Fictive), Youth Justice',
];

export const CHECKERS = {
  'support-safeguarding': 'Demo S&S Duty Officer (Kim Invented)',
  'childrens-social-care': 'Demo CSC Duty Worker (Sol Imaginary)',
  cse: 'Demo CSE Coordinator (Tam Placeholder)',
} as const;

export const ESCALATION_TO_NAMES: Record<EscalationTarget, string> = {
  // The dev senior manager, so "escalations to me" shows something for that dev user.
  'head-of-service': 'Demo Senior Manager (Eli Testperson)',
  director: 'Demo Director (Uma Notreal)',
  other: 'Demo Virtual School Head (Vic Sample)',
};

/** A SMART action as the group would word it: specific description, measurable success measure. */
export interface ActionTemplate {
  description: string;
  successMeasure: string;
  completionNote: string;
}

/** Keyed by the owner's service (the dev users' `service`). */
export const ACTION_TEMPLATES: Record<string, readonly ActionTemplate[]> = {
  'Education Welfare': [
    {
      description: 'EWO to complete home visit and record outcome',
      successMeasure: 'Visit recorded on the case timeline',
      completionNote: 'Home visit completed; child seen and the outcome recorded on the timeline.',
    },
    {
      description: 'EWO to meet the parent and agree an attendance plan',
      successMeasure: 'Signed attendance plan uploaded to the case',
      completionNote: 'Attendance plan agreed with the parent and uploaded.',
    },
    {
      description: 'EWO to confirm the child is living at the recorded address',
      successMeasure: 'Address confirmed and recorded on the case',
      completionNote: 'Address confirmed by visit; case record updated.',
    },
  ],
  SEND: [
    {
      description: 'SEND lead worker to request an early EHCP annual review',
      successMeasure: 'Review date confirmed and recorded on the case',
      completionNote: 'Early review booked; date recorded on the case.',
    },
    {
      description: 'SEND lead worker to consult two named schools on a placement',
      successMeasure: 'Both consultation responses recorded on the case',
      completionNote: 'Consultation responses received and recorded.',
    },
    {
      description: 'SEND lead worker to agree an SEN support plan with the current provider',
      successMeasure: 'Plan uploaded with a review date',
      completionNote: 'SEN support plan agreed and uploaded with its review date.',
    },
  ],
  'Support and Safeguarding': [
    {
      description: 'S&S to check the child against the safeguarding lists',
      successMeasure: 'Outcome of each list check recorded on the case',
      completionNote: 'All three list checks completed and recorded.',
    },
    {
      description: 'S&S to share the referral with the Early Help hub',
      successMeasure: 'Early Help hub decision recorded on the case timeline',
      completionNote: 'Referral shared; hub decision recorded.',
    },
    {
      description: 'S&S to hold a professionals meeting with the lead professional',
      successMeasure: 'Meeting notes and agreed plan recorded on the case',
      completionNote: 'Professionals meeting held; plan recorded.',
    },
  ],
  Education: [
    {
      description: 'Admissions to identify a school place through the Fair Access Protocol',
      successMeasure: 'Place offered in writing with a start date recorded',
      completionNote: 'Place offered in writing; start date recorded.',
    },
    {
      description: 'Chair to write to the school requesting a plan to end the reduced timetable',
      successMeasure: "Letter sent and the school's return plan recorded",
      completionNote: "Letter sent; the school's return plan is on the case.",
    },
    {
      description: 'Education to commission section 19 tuition of at least 15 hours a week',
      successMeasure: 'Tuition start date and hours recorded on the case',
      completionNote: 'Tuition commissioned; start date and hours recorded.',
    },
  ],
};

/** Used when an owner's service has no templates of its own. */
export const GENERIC_ACTION_TEMPLATES: readonly ActionTemplate[] = [
  {
    description: 'Lead professional to update the plan with the family and school',
    successMeasure: 'Updated plan recorded on the case',
    completionNote: 'Plan updated with the family and recorded.',
  },
];

export const DEFERRAL_REASONS: readonly string[] = [
  'Parent unavailable for the planned visit; rearranged.',
  'Awaiting the SEND panel date.',
  'Staff absence; work rebooked.',
  'School asked for more time to prepare the plan.',
];

export const CANCELLATION_NOTES: readonly string[] = [
  'Cancelled: no longer needed after the change of provision.',
  'Cancelled: superseded by an action agreed at a later meeting.',
];

export const CONCERN_NOTES: Partial<Record<Provision, readonly string[]>> = {
  'part-time-timetable': [
    'Part-time timetable has been extended twice without a plan to increase hours.',
    'School reports the timetable is not being followed on most days.',
  ],
  'alternative-provision': [
    'Alternative provision placement is unregistered and attendance is poor.',
    'Placement ends this term with nothing agreed to follow it.',
  ],
  ehe: [
    'EHE report found the education unsuitable; family declined a second visit.',
    'No evidence of education provided at the EHE review.',
  ],
  'section-19': ['Tuition hours are below the agreed plan because of tutor availability.'],
  other: ['Arrangement agreed informally with no written plan or review date.'],
};

export const CATEGORY_COMPANIONS: Record<Category, readonly Category[]> = {
  'permanently-excluded': ['high-suspensions'],
  'high-suspensions': ['part-time-or-ap', 'off-rolling'],
  'no-school-place': ['cme'],
  cme: ['no-school-place'],
  'medically-unfit': ['part-time-or-ap'],
  'part-time-or-ap': ['high-suspensions', 'medically-unfit'],
  'ehe-unsatisfactory': ['off-rolling'],
  'off-rolling': ['ehe-unsatisfactory', 'part-time-or-ap'],
};

export const ESCALATION_TEXTS: ReadonlyArray<{ reason: string; decisionRequested: string }> = [
  {
    reason: 'No suitable school place identified after two meetings; the Fair Access panel has not met.',
    decisionRequested: 'Direct admission to a named school under the Fair Access Protocol.',
  },
  {
    reason: 'Part-time timetable has continued past its review date with no plan to increase hours.',
    decisionRequested: 'Agree funding for an alternative provision placement of at least 20 hours a week.',
  },
  {
    reason: 'Section 19 tuition not yet commissioned for a child medically unfit for school.',
    decisionRequested: 'Approve section 19 tuition pending the medical review.',
  },
  {
    reason: 'EHE deemed unsatisfactory and the family has not engaged with two visits.',
    decisionRequested: 'Approve issuing a school attendance notice.',
  },
];

export const ESCALATION_RESPONSES: ReadonlyArray<{ response: string; outcome: string }> = [
  { response: 'Agreed: funding approved for one term; review at the next meeting.', outcome: 'Approved' },
  {
    response: 'Not agreed as asked; Admissions to offer a place at an alternative school instead.',
    outcome: 'Alternative agreed',
  },
];

export const CLOSURE_NOTES: Record<ClosureReason, string> = {
  'school-place': 'Started full-time at the new school; attendance good over the first two weeks.',
  'alternative-provision': 'Registered AP placement of 25 hours a week in place and reviewed.',
  'ehe-confirmed': 'Follow-up EHE visit found the education suitable.',
  'moved-out': 'Family moved out of the area; the receiving authority was informed in writing.',
  'left-uk': 'Family confirmed the move abroad; CME officer closed the enquiry.',
  'end-of-compulsory-age':
    'Reached the end of compulsory school age; post-16 offer passed to the careers service.',
  other: 'Closed by the chair after review; see the meeting record.',
};

export const MEETING_SUMMARIES: readonly string[] = [
  'Partners reported on progress since the last meeting.',
  'Lead professional updated the group on contact with the family.',
  'School and EWO gave a joint update on attendance.',
  'SEND and Education reviewed the options for a placement.',
];
