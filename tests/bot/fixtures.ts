/**
 * Records for the bot's tests. The children are synthetic and deliberately distinctive ("Zebediah
 * Quillfeather-Marchbanks", born 2013-05-14, last at "Larkspur Lane Academy"), so a test can assert that
 * none of it reaches a channel: any occurrence of these strings in a channel card is a leak.
 */
import { type Policy, policySchema } from '../../src/domain/policy';
import {
  type NotificationPolicy,
  type PlannedNotification,
  notificationPolicySchema,
  planNotifications,
} from '../../src/domain/notifications';
import type { Meeting, Person } from '../../src/domain/types';
import { makeAction, makeCase, makeEscalation } from '../unit/fixtures';

export { makeAction, makeCase, makeEscalation };

/**
 * Meetings every 4 weeks on Mondays from 2026-01-12 at 10:00: 02-09, 03-09, then 04-06 (Easter Monday,
 * so Tuesday 04-07), 05-04 (early May bank holiday, so Tuesday 05-05).
 */
export const POLICY: Policy = policySchema.parse({
  cadence: { anchorDate: '2026-01-12', everyWeeks: 4, time: '10:00' },
});

export const NP: NotificationPolicy = notificationPolicySchema.parse({});

export const CHAIR_PERSON: Person = {
  id: 'dev-chair',
  name: 'Demo Chair (Alex Sample)',
  email: 'alex.sample@example.org',
};
export const OWNER_PERSON: Person = {
  id: 'dev-member-ewo',
  name: 'Demo Member (Bea Placeholder)',
  email: 'bea.placeholder@example.org',
};

/** Strings that must never appear in a channel: the distinctive child's identifying details. */
export const CHILD = {
  firstName: 'Zebediah',
  lastName: 'Quillfeather-Marchbanks',
  dateOfBirth: '2013-05-14',
  lastSchool: 'Larkspur Lane Academy',
  upn: 'A12345678901B',
};

/** The forms a leak could take: names, date of birth in the usual formats, school, UPN. */
export const FORBIDDEN_IN_CHANNEL = [
  CHILD.firstName,
  CHILD.lastName,
  'Quillfeather',
  CHILD.dateOfBirth,
  '14/05/2013',
  '14 May 2013',
  CHILD.lastSchool,
  CHILD.upn,
  // An address typed into free text by a careless user.
  '17 Wisteria Crescent',
];

/** A case about the distinctive child, with free text that names them (as careless users do). */
export function distinctiveCase(overrides: Parameters<typeof makeCase>[0] = {}) {
  return makeCase({
    ...CHILD,
    yearGroup: '8',
    categories: ['permanently-excluded', 'cme'],
    concernNotes: `${CHILD.firstName} lives at 17 Wisteria Crescent`,
    ...overrides,
  });
}

export function makeMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    startsAt: '2026-03-09T10:00:00.000Z',
    chair: null,
    attendees: [],
    apologies: [],
    status: 'scheduled',
    agenda: null,
    records: [],
    minutesPublishedAt: null,
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/**
 * A morning on which every kind of message is due at once (1 April 2026, 09:00 London), about two
 * distinctive children whose action descriptions and escalation reason name them.
 */
export function busyMorning(): PlannedNotification[] {
  const child = distinctiveCase({ ref: 'CMOE-0042', stuckFlag: true, status: 'escalated' });
  const other = distinctiveCase({ ref: 'CMOE-0043', stuckFlag: true });
  const description = `Call ${child.firstName}'s mother at 17 Wisteria Crescent (DOB ${child.dateOfBirth})`;
  return planNotifications(
    {
      cases: [child, other],
      actions: [
        makeAction({
          id: 'a-soon',
          caseRef: 'CMOE-0042',
          dueDate: '2026-04-02',
          description,
          owner: OWNER_PERSON,
        }),
        makeAction({
          id: 'a-late',
          caseRef: 'CMOE-0043',
          dueDate: '2026-03-13',
          description,
          owner: OWNER_PERSON,
        }),
      ],
      meetings: [
        makeMeeting({
          id: 'm-march',
          status: 'completed',
          startsAt: '2026-03-09T10:00:00.000Z',
          minutesPublishedAt: '2026-03-31T15:00:00.000Z',
        }),
      ],
      escalations: [
        makeEscalation({
          caseRef: 'CMOE-0042',
          responseDue: '2026-03-20',
          reason: `${child.firstName} ${child.lastName} has no school place`,
        }),
      ],
      chairs: [CHAIR_PERSON],
    },
    POLICY,
    { ...NP, torAnniversary: '2025-05-01' },
    new Date('2026-04-01T08:00:00Z'),
  );
}
