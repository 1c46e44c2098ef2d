/**
 * A subject access export (issue 18; UK GDPR Art 15) of one child: everything the app holds about them,
 * gathered by the operation and shaped here. Nothing about another child goes in: the minutes are cut to
 * the parts about this child, and the meetings to this child's record in them. People other than the
 * child (professionals, leads, owners, referrers, authorisers) are listed "for review", so the council
 * can decide on redaction before replying.
 */
import type { Disclosure } from './disclosures';
import type {
  MinutesCase,
  MinutesClosure,
  MinutesContent,
  MinutesDisclosure,
  MinutesEscalation,
} from './minutes';
import type {
  Action,
  AgendaItem,
  AuditEntry,
  Case,
  CaseUpdate,
  Escalation,
  Instant,
  ListCheck,
  Meeting,
  MeetingCaseRecord,
} from './types';

export interface SubjectAccessInput {
  case: Case;
  updates: readonly CaseUpdate[];
  actions: readonly Action[];
  escalations: readonly Escalation[];
  disclosures: readonly Disclosure[];
  /** Meetings whose agenda or records name the child, each with its stored minutes content (if any). */
  meetings: readonly { meeting: Meeting; minutes: MinutesContent | null }[];
  /** Audit entries about the case, its actions and its escalations. */
  audit: readonly AuditEntry[];
  generatedAt: Instant;
  generatedBy: string;
}

export interface MinutesExtract {
  case: MinutesCase | null;
  escalations: MinutesEscalation[];
  closures: MinutesClosure[];
  disclosures: MinutesDisclosure[];
  /** On the agenda, not reached. */
  notReached: boolean;
}

export interface MeetingExtract {
  meetingId: string;
  startsAt: Instant;
  status: Meeting['status'];
  chair: string | null;
  agendaItem: AgendaItem | null;
  record: MeetingCaseRecord | null;
  minutes: MinutesExtract | null;
}

/** A person other than the child, and where the export names them. */
export interface ThirdParty {
  name: string;
  where: string[];
}

export interface SubjectAccessExport {
  caseRef: string;
  generatedAt: Instant;
  generatedBy: string;
  case: Case;
  timeline: CaseUpdate[];
  actions: Action[];
  escalations: Escalation[];
  listChecks: ListCheck[];
  disclosures: Disclosure[];
  meetings: MeetingExtract[];
  audit: AuditEntry[];
  /** Third parties' names: to be reviewed (and redacted where the law allows) before the reply. */
  forReview: ThirdParty[];
}

function extractMinutes(ref: string, m: MinutesContent): MinutesExtract {
  return {
    case: m.cases.find((c) => c.caseRef === ref) ?? null,
    escalations: m.escalations.filter((e) => e.caseRef === ref),
    closures: m.closures.filter((c) => c.caseRef === ref),
    disclosures: (m.disclosures ?? []).filter((d) => d.caseRef === ref),
    notReached: m.notDiscussed.includes(ref),
  };
}

export function buildSubjectAccess(input: SubjectAccessInput): SubjectAccessExport {
  const c = input.case;
  const ref = c.ref;
  const people = new Map<string, Set<string>>();
  const named = (name: string | null | undefined, where: string) => {
    const n = name?.trim();
    if (!n) return;
    const set = people.get(n) ?? new Set<string>();
    set.add(where);
    people.set(n, set);
  };
  named(c.referredBy, 'referred by');
  named(c.lead?.name, 'lead professional');
  for (const l of c.listChecks) named(l.checkedBy, 'list check');
  for (const u of input.updates) named(u.by.name, 'timeline');
  for (const a of input.actions) {
    named(a.owner?.name, 'action owner');
    named(a.createdBy.name, 'action created by');
    for (const d of a.deferrals) named(d.by.name, 'action extended by');
  }
  for (const e of input.escalations) {
    named(e.raisedBy.name, 'escalation raised by');
    named(e.toName, 'escalated to');
  }
  for (const d of input.disclosures) {
    named(d.recipient.name, 'disclosure recipient');
    named(d.authorisedBy.name, 'disclosure authorised by');
    named(d.recordedBy.name, 'disclosure recorded by');
  }
  const meetings = input.meetings
    .map(({ meeting, minutes }): MeetingExtract => {
      named(meeting.chair?.name, 'meeting chair');
      const extract = minutes ? extractMinutes(ref, minutes) : null;
      for (const a of extract?.case?.actions ?? []) named(a.owner, 'action owner (minutes)');
      if (extract?.case?.leadChange) {
        const [from, to] = extract.case.leadChange.split(' to ');
        if (from !== 'none') named(from, 'lead professional (minutes)');
        named(to, 'lead professional (minutes)');
      }
      return {
        meetingId: meeting.id,
        startsAt: meeting.startsAt,
        status: meeting.status,
        chair: meeting.chair?.name ?? null,
        agendaItem: (meeting.agenda ?? []).find((i) => i.caseRef === ref) ?? null,
        record: meeting.records.find((r) => r.caseRef === ref) ?? null,
        minutes: extract,
      };
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return {
    caseRef: ref,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    case: c,
    timeline: [...input.updates],
    actions: [...input.actions],
    escalations: [...input.escalations],
    listChecks: [...c.listChecks],
    disclosures: [...input.disclosures],
    meetings,
    audit: [...input.audit].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
    forReview: [...people.entries()]
      .map(([name, where]) => ({ name, where: [...where].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Text with every third party's name marked "[for review]" (in free text too, where the name is known).
 * Longer names first, so "Bea Placeholder-Smith" is marked whole, not as "Bea Placeholder".
 */
export function markForReview(text: string, names: readonly string[]): string {
  const sorted = [...names].filter((n) => n.length >= 3).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return text;
  const pattern = new RegExp(sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return text.replace(pattern, (m) => `${m} [for review]`);
}
