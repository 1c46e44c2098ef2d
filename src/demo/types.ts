/** The shapes the demo generator makes (generate.ts) and the seeder stores (seed.ts). */
import type { AgendaSection, Closure, Concern, Instant, LocalDate } from '../domain/types';
import type { Policy } from '../domain/policy';
import type { NewAction, NewCase, NewCaseUpdate, NewEscalation, NewMeeting } from '../store/ports';

/** A case to create, with the instant it was referred (the store's `createdAt`, passed as `now`). */
export type DemoCase = NewCase & { createdAt: Instant };

/**
 * An action of `cases[caseIndex]`. `meetingId` is always null here: the meeting that set it is
 * `meetings[meetingIndex]`, whose id only exists once the seeder has created it.
 */
export type DemoAction = Omit<NewAction, 'caseRef'> & {
  caseIndex: number;
  meetingIndex: number | null;
  createdAt: Instant;
};

/** A timeline entry of `cases[caseIndex]`. */
export type DemoCaseUpdate = Omit<NewCaseUpdate, 'caseRef'> & { caseIndex: number };

/** A meeting to create. Completed ones get their agenda and records from `meetingRecords` when seeded. */
export type DemoMeeting = NewMeeting & { createdAt: Instant };

/** An escalation of `cases[caseIndex]`; as for actions, `meetingId` is null and `meetingIndex` says where. */
export type DemoEscalation = Omit<NewEscalation, 'caseRef'> & {
  caseIndex: number;
  meetingIndex: number | null;
  createdAt: Instant;
};

/**
 * What a completed meeting recorded for one case, by index: the seeder turns these into the meeting's
 * `records` (and its frozen `agenda`) once refs and ids exist.
 */
export interface DemoMeetingRecord {
  meetingIndex: number;
  caseIndex: number;
  section: AgendaSection;
  reasons: string[];
  summary: string;
  decisions: string;
  concernChange: { from: Concern; to: Concern } | null;
  actionIndexes: number[];
  escalationIndex: number | null;
  closure: Closure | null;
  challengeNote: string | null;
  updatedAt: Instant;
}

/** Everything {@link generateDemoData} makes. Cases are in referral order, so refs come out chronological. */
export interface DemoData {
  cases: DemoCase[];
  actions: DemoAction[];
  updates: DemoCaseUpdate[];
  meetings: DemoMeeting[];
  escalations: DemoEscalation[];
  meetingRecords: DemoMeetingRecord[];
}

export interface DemoOptions {
  /** How many cases (0 or more; 5,000 for benchmarks). */
  cases: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** The London date the data is "as of": meetings, due dates and ages are relative to it. */
  today: LocalDate;
  policy: Policy;
}
