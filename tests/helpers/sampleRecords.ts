/**
 * Synthetic records for store tests. Every name is obviously fictional; none of this is anyone's data.
 * Each factory returns a complete, valid input for the port, with overrides laid over it.
 */
import type { MinutesContent } from '../../src/domain/minutes';
import type { AuditEntry, Person } from '../../src/domain/types';
import type {
  ConversationRegistration,
  MinutesRecord,
  NewAction,
  NewAuditEntry,
  NewCase,
  NewCaseUpdate,
  NewDisclosure,
  NewEscalation,
  NewMeeting,
} from '../../src/store/ports';

/** A fixed clock: `instant(0)` is 2025-03-03 09:00 UTC, `instant(n)` is n minutes later. */
export function instant(minutes: number): string {
  return new Date(Date.UTC(2025, 2, 3, 9, 0, 0) + minutes * 60_000).toISOString();
}

export function samplePerson(overrides: Partial<Person> = {}): Person {
  return { id: 'user-testy', name: 'Testy Example', email: 'testy.example@example.org', ...overrides };
}

export function sampleCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    firstName: 'Testy',
    lastName: 'Example',
    dateOfBirth: '2014-05-17',
    yearGroup: '6',
    upn: null,
    lastSchool: 'Example Primary Academy',
    categories: ['no-school-place'],
    provision: 'none',
    hoursPerWeek: null,
    outOfEducationSince: '2025-01-06',
    exclusionDate: null,
    timetableEndDate: null,
    timetableReviewDate: null,
    referralSource: 'ewo',
    referredBy: 'Sample Referrer',
    receivedOn: '2025-02-20',
    lead: { id: null, name: 'Lead Example', email: 'lead.example@example.org' },
    agencies: ['Education Welfare'],
    sendStatus: 'none',
    socialCareStatus: 'none',
    cseRisk: 'not-checked',
    concernNotes: null,
    concern: 'medium',
    referralDate: '2025-03-03',
    status: 'referred',
    closure: null,
    listChecks: [],
    stuckFlag: false,
    proposedForClosure: false,
    lastProgressAt: instant(0),
    ...overrides,
  };
}

export function sampleAction(caseRef: string, overrides: Partial<NewAction> = {}): NewAction {
  return {
    caseRef,
    description: 'Arrange a school place panel for the child',
    successMeasure: 'Panel date confirmed in writing',
    owner: samplePerson({ id: 'owner-1', name: 'Owner Example', email: 'owner.example@example.org' }),
    ownerService: 'Admissions',
    dueDate: '2025-03-31',
    meetingId: null,
    status: 'open',
    completionNote: null,
    completedOn: null,
    deferrals: [],
    incompleteFromImport: false,
    createdBy: samplePerson(),
    ...overrides,
  };
}

export function sampleUpdate(caseRef: string, overrides: Partial<NewCaseUpdate> = {}): NewCaseUpdate {
  return {
    caseRef,
    at: instant(0),
    by: samplePerson(),
    text: 'Spoke to the family; a visit is booked.',
    ...overrides,
  };
}

export function sampleMeeting(overrides: Partial<NewMeeting> = {}): NewMeeting {
  return {
    startsAt: '2025-03-10T10:00:00.000Z',
    chair: samplePerson({ id: 'chair-1', name: 'Chair Example', email: 'chair.example@example.org' }),
    attendees: [{ name: 'Attendee Example', service: 'SEND', email: null }],
    apologies: [],
    status: 'scheduled',
    agenda: null,
    records: [],
    minutesPublishedAt: null,
    ...overrides,
  };
}

export function sampleEscalation(caseRef: string, overrides: Partial<NewEscalation> = {}): NewEscalation {
  return {
    caseRef,
    raisedBy: samplePerson({ id: 'chair-1', name: 'Chair Example', email: 'chair.example@example.org' }),
    raisedOn: '2025-03-10',
    to: 'head-of-service',
    toName: null,
    reason: 'No progress over two meetings',
    decisionRequested: 'Agree funding for alternative provision',
    responseDue: '2025-03-24',
    response: null,
    outcome: null,
    respondedOn: null,
    meetingId: null,
    ...overrides,
  };
}

export function sampleAudit(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  const entry: Omit<AuditEntry, 'id'> = {
    at: instant(0),
    userId: 'user-testy',
    action: 'case.view',
    target: 'CMOE-0001',
    fields: [],
    fromVersion: null,
    toVersion: null,
  };
  return { ...entry, ...overrides };
}

export function sampleConversation(
  overrides: Partial<ConversationRegistration> = {},
): ConversationRegistration {
  return {
    conversationId: '19:sample-channel@thread.tacv2',
    kind: 'channel',
    tenantId: 'tenant-sample',
    teamId: 'team-sample',
    userId: null,
    reference: {
      conversation: { id: '19:sample-channel@thread.tacv2', isGroup: true },
      serviceUrl: 'https://smba.example.invalid/uk/',
      bot: { id: 'bot-sample', name: 'CMOE bot' },
    },
    active: true,
    updatedAt: instant(0),
    ...overrides,
  };
}

/** What a meeting's minutes say, with every part filled in (one case, action, escalation and closure). */
export function sampleMinutesContent(
  meetingId: string,
  overrides: Partial<MinutesContent> = {},
): MinutesContent {
  return {
    meetingId,
    date: '2025-03-10',
    chair: 'Demo Chair (Fictional)',
    attendees: ['Demo Member (Bea Placeholder) (Education Welfare)'],
    apologies: ['Demo Member (Cal Fictional) (SEND)'],
    cases: [
      {
        caseRef: 'CMOE-0001',
        childName: 'Testchild Fictional',
        yearGroup: 'Year 7',
        concern: 'High',
        highestConcern: true,
        section: 'New referrals',
        reasons: ['New referral since the last meeting'],
        summary: 'School place discussed',
        decisions: 'Admissions to offer a place at Demo Academy',
        concernChange: 'Medium to High',
        leadChange: null,
        challengeNote: null,
        actions: [
          {
            description: 'Offer a school place',
            successMeasure: 'Offer letter sent to the family',
            owner: 'Demo Owner (Fictional)',
            ownerService: 'Admissions',
            dueDate: '2025-03-21',
          },
        ],
        escalation: 'Escalated to Head of service: Fund a place (response due Monday 17 March 2025)',
        closure: 'Closed: School place (Monday 10 March 2025)',
      },
    ],
    escalations: [
      {
        caseRef: 'CMOE-0001',
        childName: 'Testchild Fictional',
        to: 'Head of service',
        reason: 'No provision after 12 weeks',
        decisionRequested: 'Fund a place',
        responseDue: '2025-03-17',
      },
    ],
    closures: [
      { caseRef: 'CMOE-0001', childName: 'Testchild Fictional', reason: 'School place', date: '2025-03-10' },
    ],
    notDiscussed: ['CMOE-0002'],
    ...overrides,
  };
}

export function sampleMinutes(meetingId: string, overrides: Partial<MinutesRecord> = {}): MinutesRecord {
  return {
    meetingId,
    fileName: 'CMOE minutes 2025-03-10.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: Uint8Array.from({ length: 256 }, (_, i) => i),
    createdAt: instant(0),
    content: sampleMinutesContent(meetingId),
    ...overrides,
  };
}

export function sampleDisclosure(caseRef: string, overrides: Partial<NewDisclosure> = {}): NewDisclosure {
  return {
    caseRef,
    disclosedOn: '2025-03-03',
    recipient: { agency: 'Example Police', role: 'Missing persons coordinator', name: null },
    categories: ['identity', 'whereabouts'],
    details: 'Name, date of birth and the address the family was last seen at',
    reason: 'Believed to be at risk of exploitation; whereabouts unknown for two weeks',
    article6: 'art6-1e',
    specialCategory: 'none',
    authorisedBy: { name: 'Chair Example', role: 'Chair, CMOE group' },
    meetingId: null,
    corrects: null,
    recordedBy: samplePerson({ id: 'chair-1', name: 'Chair Example', email: 'chair.example@example.org' }),
    recordedAt: instant(0),
    ...overrides,
  };
}
