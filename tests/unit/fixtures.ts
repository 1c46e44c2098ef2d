/** Builders for domain records in unit tests: valid defaults, overridden per test. Synthetic data only. */
import type { Policy } from '../../src/domain/policy';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Action, Case, Escalation, Meeting, Person } from '../../src/domain/types';

export const CHAIR: Person = { id: 'chair-1', name: 'Chair Person', email: 'chair@example.org' };
export const OWNER: Person = { id: 'owner-1', name: 'Owner Person', email: 'owner@example.org' };

export function policyWith(overrides: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, ...overrides };
}

export function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    ref: 'CMOE-0001',
    firstName: 'Test',
    lastName: 'Child',
    dateOfBirth: '2013-05-10',
    yearGroup: '8',
    upn: null,
    lastSchool: null,
    categories: ['no-school-place'],
    provision: 'none',
    hoursPerWeek: null,
    outOfEducationSince: '2025-11-01',
    exclusionDate: null,
    timetableEndDate: null,
    timetableReviewDate: null,
    referralSource: 'ewo',
    referredBy: 'A Referrer',
    receivedOn: '2025-11-20',
    lead: null,
    agencies: [],
    sendStatus: 'none',
    socialCareStatus: 'none',
    cseRisk: 'not-checked',
    concernNotes: null,
    concern: 'medium',
    referralDate: '2025-12-02',
    status: 'open',
    closure: null,
    listChecks: [],
    stuckFlag: false,
    proposedForClosure: false,
    lastProgressAt: '2025-11-20T09:00:00.000Z',
    createdAt: '2025-11-20T09:00:00.000Z',
    updatedAt: '2025-11-20T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function makeAction(overrides: Partial<Action> = {}): Action {
  return {
    id: 'act-1',
    caseRef: 'CMOE-0001',
    description: 'Arrange a school place',
    successMeasure: 'Place offered in writing',
    owner: OWNER,
    ownerService: 'Education',
    dueDate: '2026-03-20',
    meetingId: null,
    status: 'open',
    completionNote: null,
    completedOn: null,
    deferrals: [],
    incompleteFromImport: false,
    createdBy: CHAIR,
    createdAt: '2025-11-20T09:00:00.000Z',
    updatedAt: '2025-11-20T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** `n` deferrals of an action's due date. */
export function deferrals(n: number): Action['deferrals'] {
  return Array.from({ length: n }, (_, i) => ({
    from: `2026-01-${String(10 + i).padStart(2, '0')}`,
    to: `2026-01-${String(11 + i).padStart(2, '0')}`,
    reason: 'Waiting for a reply',
    by: OWNER,
    at: '2026-01-09T09:00:00.000Z',
  }));
}

export function makeEscalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: 'esc-1',
    caseRef: 'CMOE-0001',
    raisedBy: CHAIR,
    raisedOn: '2026-02-17',
    to: 'head-of-service',
    toName: null,
    reason: 'No progress',
    decisionRequested: 'Fund a place',
    responseDue: '2026-03-03',
    response: null,
    outcome: null,
    respondedOn: null,
    earlierResponses: [],
    meetingId: null,
    createdAt: '2026-02-17T09:00:00.000Z',
    updatedAt: '2026-02-17T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export type MeetingStub = Pick<Meeting, 'id' | 'startsAt' | 'status'>;

export function meeting(id: string, startsAt: string, status: Meeting['status'] = 'completed'): MeetingStub {
  return { id, startsAt, status };
}
