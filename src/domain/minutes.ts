/**
 * What the minutes of a meeting say, as data (ToR §5: "minutes ... clearly show the children of highest
 * concern and the steps being taken to resolve their position including SMART actions"). Rendering to
 * .docx happens elsewhere; this decides content and order, so it is tested without a document library.
 *
 * Minutes name children in full: they are opened only by signed-in roles. Nothing here is posted to a
 * channel (the bot announces publication by meeting date only).
 */
import { z } from 'zod';
import { toLondonDate } from './calendar';
import type { Disclosure } from './disclosures';
import { ARTICLE_6_LABELS, DISCLOSURE_CATEGORY_LABELS, SPECIAL_CATEGORY_LABELS } from './disclosureLabels';
import {
  AGENDA_SECTION_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  ESCALATION_TARGET_LABELS,
  YEAR_GROUP_LABELS,
} from './labels';
import {
  CONCERN_RANK,
  localDateSchema,
  type Action,
  type AgendaSection,
  type Case,
  type Concern,
  type Escalation,
  type Meeting,
} from './types';
import { ukDate } from './ukDates';

/*
 * The content is also what finishing a meeting stores beside the .docx (the record senior managers
 * scrutinise), so it has a schema: the store validates it on the way in and on the way back.
 */
export const minutesActionSchema = z.object({
  description: z.string(),
  successMeasure: z.string(),
  owner: z.string(),
  ownerService: z.string(),
  dueDate: localDateSchema,
});
export type MinutesAction = z.infer<typeof minutesActionSchema>;

export const minutesCaseSchema = z.object({
  caseRef: z.string().min(1),
  childName: z.string(),
  yearGroup: z.string(),
  concern: z.string(),
  highestConcern: z.boolean(),
  section: z.string(),
  reasons: z.array(z.string()),
  summary: z.string(),
  decisions: z.string(),
  concernChange: z.string().nullable(),
  leadChange: z.string().nullable(),
  challengeNote: z.string().nullable(),
  actions: z.array(minutesActionSchema),
  escalation: z.string().nullable(),
  closure: z.string().nullable(),
});
export type MinutesCase = z.infer<typeof minutesCaseSchema>;

export const minutesEscalationSchema = z.object({
  caseRef: z.string().min(1),
  childName: z.string(),
  to: z.string(),
  reason: z.string(),
  decisionRequested: z.string(),
  responseDue: localDateSchema,
});
export type MinutesEscalation = z.infer<typeof minutesEscalationSchema>;

export const minutesClosureSchema = z.object({
  caseRef: z.string().min(1),
  childName: z.string(),
  reason: z.string(),
  date: localDateSchema,
});
export type MinutesClosure = z.infer<typeof minutesClosureSchema>;

/** A disclosure recorded in the meeting (issue 18, ToR §6), as the minutes state it. */
export const minutesDisclosureSchema = z.object({
  caseRef: z.string().min(1),
  childName: z.string(),
  disclosedOn: localDateSchema,
  to: z.string(),
  shared: z.string(),
  reason: z.string(),
  basis: z.string(),
  authorisedBy: z.string(),
  /** Says so when the entry corrects an earlier one. */
  correction: z.boolean(),
});
export type MinutesDisclosure = z.infer<typeof minutesDisclosureSchema>;

export const minutesContentSchema = z.object({
  meetingId: z.string().min(1),
  date: localDateSchema,
  chair: z.string().nullable(),
  attendees: z.array(z.string()),
  apologies: z.array(z.string()),
  /** Discussed cases, children of highest concern first, then in agenda order. */
  cases: z.array(minutesCaseSchema),
  escalations: z.array(minutesEscalationSchema),
  closures: z.array(minutesClosureSchema),
  /** On the agenda but not reached. */
  notDiscussed: z.array(z.string()),
  /**
   * Disclosures recorded in the meeting (issue 18). Absent when there were none, and in minutes stored
   * before they were kept.
   */
  disclosures: z.array(minutesDisclosureSchema).optional(),
});
export type MinutesContent = z.infer<typeof minutesContentSchema>;

function person(p: { name: string; service?: string | null }): string {
  return p.service ? `${p.name} (${p.service})` : p.name;
}

/** Where an action stands in the record's list (those not in it, e.g. set from elsewhere, last). */
function setOrder(ids: readonly string[], id: string): number {
  const i = ids.indexOf(id);
  return i === -1 ? ids.length : i;
}

/**
 * Builds the minutes from a meeting's records and the actions, escalations and closures it made.
 * `cases` must include every case the meeting recorded; actions and escalations are those whose
 * `meetingId` is the meeting's.
 */
export function buildMinutes(input: {
  meeting: Meeting;
  cases: readonly Case[];
  actions: readonly Action[];
  escalations: readonly Escalation[];
  /** Disclosures: those whose `meetingId` is the meeting's are minuted. */
  disclosures?: readonly Disclosure[];
}): MinutesContent {
  const { meeting } = input;
  const byRef = new Map(input.cases.map((c) => [c.ref, c]));
  const agendaPos = new Map<string, { pos: number; section: AgendaSection; reasons: string[] }>();
  (meeting.agenda ?? []).forEach((item, pos) =>
    agendaPos.set(item.caseRef, { pos, section: item.section, reasons: item.reasons }),
  );
  const actionsByCase = new Map<string, Action[]>();
  for (const a of input.actions) {
    if (a.meetingId !== meeting.id || a.status === 'cancelled') continue;
    actionsByCase.set(a.caseRef, [...(actionsByCase.get(a.caseRef) ?? []), a]);
  }
  const escalations = input.escalations.filter((e) => e.meetingId === meeting.id);
  const escalationByCase = new Map(escalations.map((e) => [e.caseRef, e]));

  const name = (ref: string) => {
    const c = byRef.get(ref);
    return c ? `${c.firstName} ${c.lastName}` : ref;
  };

  const discussed = meeting.records.filter((r) => byRef.has(r.caseRef));
  const entries = discussed.map((r) => {
    const c = byRef.get(r.caseRef) as Case;
    const agenda = agendaPos.get(r.caseRef);
    const escalation = escalationByCase.get(r.caseRef);
    // The concern the meeting left the case at decides "highest concern", not the one it came in with.
    const concern: Concern = r.concernChange?.to ?? c.concern;
    const entry: MinutesCase = {
      caseRef: c.ref,
      childName: name(c.ref),
      yearGroup: YEAR_GROUP_LABELS[c.yearGroup],
      concern: CONCERN_LABELS[concern],
      highestConcern: concern === 'high',
      section: agenda ? AGENDA_SECTION_LABELS[agenda.section] : 'Added during the meeting',
      reasons: agenda?.reasons ?? [],
      summary: r.summary,
      decisions: r.decisions,
      concernChange: r.concernChange
        ? `${CONCERN_LABELS[r.concernChange.from]} to ${CONCERN_LABELS[r.concernChange.to]}`
        : null,
      leadChange: r.leadChange ? `${r.leadChange.from ?? 'none'} to ${r.leadChange.to}` : null,
      challengeNote: r.challengeNote,
      // In the order the meeting set them (the record lists them so; a store lists them in its own order).
      actions: [...(actionsByCase.get(c.ref) ?? [])]
        .sort(
          (x, y) =>
            setOrder(r.actionIds, x.id) - setOrder(r.actionIds, y.id) ||
            x.createdAt.localeCompare(y.createdAt) ||
            x.id.localeCompare(y.id),
        )
        .map((a) => ({
          description: a.description,
          successMeasure: a.successMeasure,
          owner: a.owner?.name ?? 'No owner',
          ownerService: a.ownerService,
          dueDate: a.dueDate,
        })),
      escalation: escalation
        ? `Escalated to ${escalation.toName ?? ESCALATION_TARGET_LABELS[escalation.to]}: ${escalation.decisionRequested} (response due ${ukDate(escalation.responseDue)})`
        : null,
      closure: r.closure
        ? `Closed: ${CLOSURE_REASON_LABELS[r.closure.reason]} (${ukDate(r.closure.date)})`
        : null,
    };
    return {
      entry,
      order: CONCERN_RANK[concern] === 0 ? 0 : 1,
      pos: agenda?.pos ?? Number.MAX_SAFE_INTEGER,
    };
  });
  entries.sort(
    (a, b) => a.order - b.order || a.pos - b.pos || a.entry.caseRef.localeCompare(b.entry.caseRef),
  );

  const recorded = new Set(discussed.map((r) => r.caseRef));
  const disclosures: MinutesDisclosure[] = (input.disclosures ?? [])
    .filter((d) => d.meetingId === meeting.id)
    .map((d) => ({
      caseRef: d.caseRef,
      childName: name(d.caseRef),
      disclosedOn: d.disclosedOn,
      to: [d.recipient.agency, d.recipient.role, d.recipient.name].filter((x) => x).join(', '),
      shared: `${d.categories.map((c) => DISCLOSURE_CATEGORY_LABELS[c]).join('; ')}. ${d.details}`,
      reason: d.reason,
      basis: `${ARTICLE_6_LABELS[d.article6]}; ${SPECIAL_CATEGORY_LABELS[d.specialCategory]}`,
      authorisedBy: `${d.authorisedBy.name} (${d.authorisedBy.role})`,
      correction: d.corrects !== null,
    }));
  return {
    meetingId: meeting.id,
    date: toLondonDate(new Date(meeting.startsAt)),
    chair: meeting.chair?.name ?? null,
    attendees: meeting.attendees.map(person),
    apologies: meeting.apologies.map(person),
    cases: entries.map((e) => e.entry),
    escalations: escalations.map((e) => ({
      caseRef: e.caseRef,
      childName: name(e.caseRef),
      to: e.toName ?? ESCALATION_TARGET_LABELS[e.to],
      reason: e.reason,
      decisionRequested: e.decisionRequested,
      responseDue: e.responseDue,
    })),
    closures: discussed
      .filter((r) => r.closure !== null)
      .map((r) => ({
        caseRef: r.caseRef,
        childName: name(r.caseRef),
        reason: CLOSURE_REASON_LABELS[r.closure!.reason],
        date: r.closure!.date,
      })),
    notDiscussed: (meeting.agenda ?? []).map((i) => i.caseRef).filter((ref) => !recorded.has(ref)),
    ...(disclosures.length > 0 ? { disclosures } : {}),
  };
}
