/**
 * Turns demo data into full domain records without a store (refs CMOE-0001..., ids by position), the
 * way `seedStore` would, so tests can run the zod schemas and the pure rules over it.
 */
import type { DemoData } from '../../src/demo/generate';
import type {
  Action,
  AgendaItem,
  Case,
  CaseUpdate,
  Escalation,
  Meeting,
  MeetingCaseRecord,
} from '../../src/domain/types';

export interface Materialised {
  cases: Case[];
  actions: Action[];
  updates: CaseUpdate[];
  meetings: Meeting[];
  escalations: Escalation[];
}

export const refOf = (i: number): string => `CMOE-${String(i + 1).padStart(4, '0')}`;

export function materialise(data: DemoData): Materialised {
  const meetingId = (i: number | null): string | null => (i === null ? null : `m${i}`);
  const cases: Case[] = data.cases.map((c, i) => ({
    ...c,
    ref: refOf(i),
    updatedAt: c.createdAt,
    version: 1,
  }));
  const actions: Action[] = data.actions.map(({ caseIndex, meetingIndex, ...a }, i) => ({
    ...a,
    id: `a${i}`,
    caseRef: refOf(caseIndex),
    meetingId: meetingId(meetingIndex),
    updatedAt: a.createdAt,
    version: 1,
  }));
  const escalations: Escalation[] = data.escalations.map(({ caseIndex, meetingIndex, ...e }, i) => ({
    ...e,
    id: `e${i}`,
    caseRef: refOf(caseIndex),
    meetingId: meetingId(meetingIndex),
    earlierResponses: [],
    updatedAt: e.createdAt,
    version: 1,
  }));
  const updates: CaseUpdate[] = data.updates.map(({ caseIndex, ...u }, i) => ({
    ...u,
    id: `u${i}`,
    caseRef: refOf(caseIndex),
  }));
  const meetings: Meeting[] = data.meetings.map((m, i) => {
    const mine = data.meetingRecords.filter((r) => r.meetingIndex === i);
    const agenda: AgendaItem[] | null =
      m.agenda === null
        ? null
        : mine.map((r) => ({ caseRef: refOf(r.caseIndex), section: r.section, reasons: r.reasons }));
    const records: MeetingCaseRecord[] = mine.map((r) => ({
      caseRef: refOf(r.caseIndex),
      summary: r.summary,
      decisions: r.decisions,
      concernChange: r.concernChange,
      leadChange: null,
      version: 1,
      actionIds: r.actionIndexes.map((n) => `a${n}`),
      escalationId: r.escalationIndex === null ? null : `e${r.escalationIndex}`,
      closure: r.closure,
      challengeNote: r.challengeNote,
      updatedAt: r.updatedAt,
    }));
    return { ...m, id: `m${i}`, agenda, records, updatedAt: m.createdAt, version: 1 };
  });
  return { cases, actions, updates, meetings, escalations };
}

/** Groups by case ref. */
export function byCase<T extends { caseRef: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.caseRef);
    if (list) list.push(item);
    else map.set(item.caseRef, [item]);
  }
  return map;
}
