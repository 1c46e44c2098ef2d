/**
 * Disposal (issue 18): what each kind of record keeps once a case's personal data is removed after its
 * retention. Pure: each function takes a record and returns the scrubbed copy (or the patch that makes
 * it), and knows nothing of stores. `operations/disposal.ts` runs them, one scrubber per kind of record.
 *
 * What goes: the child's names, date of birth (all but the school cohort), UPN, last school, every free
 * text on the case and its records (replaced with a placeholder naming the ref), and the names of the
 * people attached to the case (lead, referrer, list checkers, action owners and authors, timeline
 * authors, escalation raisers and named recipients). Mentions of the child's full name or UPN in other
 * children's meeting notes and minutes are replaced too. What stays is what the oversight figures read:
 * ref, categories, year group, statuses, dates, outcomes, closures and reopenings, concern, services.
 */
import type { Disclosure } from './disclosures';
import type { MinutesContent } from './minutes';
import type {
  Action,
  Case,
  CaseUpdate,
  Closure,
  Escalation,
  LocalDate,
  Meeting,
  MeetingCaseRecord,
  Person,
} from './types';

/** What a disposal of one case replaces things with, and what it looks for elsewhere. */
export interface Redaction {
  ref: string;
  /** Stands in for every free text of the case: says what happened, names nothing. */
  placeholder: string;
  /** Stands in for every person attached to the case. */
  person: Person;
  /** Strings that identify the child in other records (full name, UPN), matched case-insensitively. */
  mentions: string[];
}

export const REMOVED_NAME = 'Removed';

export function redactionFor(c: Case): Redaction {
  const fullName = `${c.firstName} ${c.lastName}`.trim();
  return {
    ref: c.ref,
    placeholder: `Removed on disposal (${c.ref})`,
    person: { id: 'removed', name: REMOVED_NAME, email: 'removed@disposed.invalid' },
    mentions: [fullName, c.upn ?? ''].filter((s) => s.length >= 3),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` with every mention of the child replaced by the ref. */
export function withoutMentions(text: string, r: Redaction): string {
  let out = text;
  for (const m of r.mentions) {
    out = out.replace(new RegExp(escapeRegExp(m).replace(/\s+/g, '\\s+'), 'giu'), r.ref);
  }
  return out;
}

export function mentionsChild(text: string | null, r: Redaction): boolean {
  return text !== null && withoutMentions(text, r) !== text;
}

const blankOr = (text: string | null, r: Redaction): string | null =>
  text === null ? null : text.trim() === '' ? text : r.placeholder;

/**
 * The first day of the child's school cohort (1 September of the academic year of birth): what year
 * group rules need, without the birthday.
 */
export function cohortStart(dateOfBirth: LocalDate): LocalDate {
  const [y, m] = dateOfBirth.split('-').map(Number) as [number, number];
  return `${m >= 9 ? y : y - 1}-09-01`;
}

function scrubClosure(c: Closure, r: Redaction): Closure {
  return { ...c, note: blankOr(c.note, r) };
}

/** The case as an anonymous record: every field the oversight figures read is kept. */
export function scrubCase(
  c: Case,
  r: Redaction,
  disposal: { disposedAt: string; approvedBy: string },
): Partial<Case> {
  return {
    firstName: REMOVED_NAME,
    lastName: c.ref,
    dateOfBirth: cohortStart(c.dateOfBirth),
    upn: null,
    lastSchool: null,
    referredBy: REMOVED_NAME,
    lead: c.lead === null ? null : { id: null, name: REMOVED_NAME, email: null },
    concernNotes: blankOr(c.concernNotes, r),
    listChecks: c.listChecks.map((l) => ({ ...l, checkedBy: REMOVED_NAME, outcome: r.placeholder })),
    closure: c.closure === null ? null : scrubClosure(c.closure, r),
    ...(c.reopenings
      ? { reopenings: c.reopenings.map((o) => ({ ...o, closure: scrubClosure(o.closure, r) })) }
      : {}),
    disposal,
  };
}

/** An action keeps its status, dates, service and whether it had a measure; texts and people go. */
export function scrubAction(a: Action, r: Redaction) {
  return {
    description: r.placeholder,
    successMeasure: blankOr(a.successMeasure, r) ?? '',
    owner: a.owner === null ? null : r.person,
    completionNote: blankOr(a.completionNote, r),
    deferrals: a.deferrals.map((d) => ({ ...d, reason: r.placeholder, by: r.person })),
    createdBy: r.person,
  } satisfies Partial<Action>;
}

export function scrubUpdate(_u: CaseUpdate, r: Redaction): Pick<CaseUpdate, 'text' | 'by'> {
  return { text: r.placeholder, by: r.person };
}

/** What a disposal rewrites on a disclosure log entry; everything else on it stays. */
export type DisclosureRedaction = Pick<
  Disclosure,
  'details' | 'reason' | 'recipient' | 'authorisedBy' | 'recordedBy'
>;

/**
 * A disclosure keeps the record that a lawful disclosure was made (ToR §6): its date, categories of
 * data, lawful basis, the agency and role it went to, the authoriser's role, its meeting and what it
 * corrects. What was shared and why (free text) and every person's name go.
 */
export function scrubDisclosure(d: Disclosure, r: Redaction): DisclosureRedaction {
  return {
    details: r.placeholder,
    reason: r.placeholder,
    recipient: { ...d.recipient, name: d.recipient.name === null ? null : REMOVED_NAME },
    authorisedBy: { ...d.authorisedBy, name: REMOVED_NAME },
    recordedBy: r.person,
  };
}

/** An escalation keeps its target, dates and whether it was answered; texts and people go. */
export function scrubEscalation(e: Escalation, r: Redaction) {
  return {
    raisedBy: r.person,
    toName: e.toName === null ? null : REMOVED_NAME,
    reason: r.placeholder,
    decisionRequested: r.placeholder,
    response: blankOr(e.response, r),
    outcome: blankOr(e.outcome, r),
    earlierResponses: e.earlierResponses.map((x) => ({
      ...x,
      response: blankOr(x.response, r),
      outcome: blankOr(x.outcome, r),
    })),
  } satisfies Partial<Escalation>;
}

function scrubRecord(rec: MeetingCaseRecord, r: Redaction): MeetingCaseRecord {
  if (rec.caseRef === r.ref) {
    return {
      ...rec,
      summary: blankOr(rec.summary, r) ?? '',
      decisions: blankOr(rec.decisions, r) ?? '',
      challengeNote: blankOr(rec.challengeNote, r),
      closure: rec.closure === null ? null : scrubClosure(rec.closure, r),
      leadChange:
        rec.leadChange === null
          ? null
          : { from: rec.leadChange.from === null ? null : REMOVED_NAME, to: REMOVED_NAME },
    };
  }
  // Another child's record: only mentions of this child go.
  const text = (s: string) => withoutMentions(s, r);
  const maybe = (s: string | null) => (s === null ? null : text(s));
  return {
    ...rec,
    summary: text(rec.summary),
    decisions: text(rec.decisions),
    challengeNote: maybe(rec.challengeNote),
    closure: rec.closure === null ? null : { ...rec.closure, note: maybe(rec.closure.note) },
  };
}

/** The meeting's records scrubbed, or null when the meeting holds nothing of the child. */
export function scrubMeeting(m: Meeting, r: Redaction): Pick<Meeting, 'records'> | null {
  const records = m.records.map((rec) => scrubRecord(rec, r));
  return JSON.stringify(records) === JSON.stringify(m.records) ? null : { records };
}

/** Minutes content scrubbed the same way, or null when it holds nothing of the child. */
export function scrubMinutes(content: MinutesContent, r: Redaction): MinutesContent | null {
  const text = (s: string) => withoutMentions(s, r);
  const maybe = (s: string | null) => (s === null ? null : text(s));
  const out: MinutesContent = {
    ...content,
    cases: content.cases.map((c) =>
      c.caseRef === r.ref
        ? {
            ...c,
            childName: r.ref,
            summary: blankOr(c.summary, r) ?? '',
            decisions: blankOr(c.decisions, r) ?? '',
            challengeNote: blankOr(c.challengeNote, r),
            leadChange: c.leadChange === null ? null : REMOVED_NAME,
            escalation: c.escalation === null ? null : r.placeholder,
            actions: c.actions.map((a) => ({
              ...a,
              description: r.placeholder,
              successMeasure: blankOr(a.successMeasure, r) ?? '',
              owner: REMOVED_NAME,
            })),
          }
        : {
            ...c,
            summary: text(c.summary),
            decisions: text(c.decisions),
            challengeNote: maybe(c.challengeNote),
            actions: c.actions.map((a) => ({
              ...a,
              description: text(a.description),
              successMeasure: text(a.successMeasure),
            })),
          },
    ),
    escalations: content.escalations.map((e) =>
      e.caseRef === r.ref
        ? {
            ...e,
            childName: r.ref,
            to: REMOVED_NAME,
            reason: r.placeholder,
            decisionRequested: r.placeholder,
          }
        : { ...e, reason: text(e.reason), decisionRequested: text(e.decisionRequested) },
    ),
    closures: content.closures.map((c) => (c.caseRef === r.ref ? { ...c, childName: r.ref } : c)),
    ...(content.disclosures
      ? {
          disclosures: content.disclosures.map((d) =>
            d.caseRef === r.ref
              ? {
                  ...d,
                  childName: r.ref,
                  to: r.placeholder,
                  shared: r.placeholder,
                  reason: r.placeholder,
                  authorisedBy: REMOVED_NAME,
                }
              : { ...d, shared: text(d.shared), reason: text(d.reason) },
          ),
        }
      : {}),
  };
  return JSON.stringify(out) === JSON.stringify(content) ? null : out;
}
