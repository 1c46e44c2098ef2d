/**
 * Renders a subject access export (src/domain/subjectAccess.ts) as a Word document with the same `docx`
 * package as the minutes and the oversight report. Every third party's name, in fields and in free text
 * where known, is marked "[for review]". Layout only: what goes in is decided in the domain.
 */
import { Document, Footer, Header, HeadingLevel, Packer, Paragraph, TextRun, AlignmentType } from 'docx';
import {
  ARTICLE_6_LABELS,
  AUDIT_ACTION_LABELS,
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  CSE_RISK_LABELS,
  DISCLOSURE_CATEGORY_LABELS,
  ESCALATION_TARGET_LABELS,
  LIST_CHECK_LIST_LABELS,
  PROVISION_LABELS,
  REFERRAL_SOURCE_LABELS,
  SEND_STATUS_LABELS,
  SOCIAL_CARE_STATUS_LABELS,
  SPECIAL_CATEGORY_LABELS,
  YEAR_GROUP_LABELS,
} from '../domain/labels';
import { type SubjectAccessExport, markForReview } from '../domain/subjectAccess';
import { xmlSafeDeep } from '../domain/text';
import { ukDate } from '../domain/ukDates';

const MARKING =
  'OFFICIAL-SENSITIVE — subject access export. Review the names marked [for review] before release.';

export async function renderSubjectAccessDocx(input: SubjectAccessExport): Promise<Uint8Array> {
  const x = xmlSafeDeep(input);
  const names = x.forReview.map((p) => p.name);
  const t = (s: string | null | undefined) => markForReview(s ?? '—', names);
  const out: Paragraph[] = [];
  const h = (
    text: string,
    level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2,
  ) => out.push(new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } }));
  const line = (label: string, value: string | null | undefined) =>
    out.push(
      new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(t(value))] }),
    );
  const none = (what: string) => out.push(new Paragraph(`No ${what} recorded.`));
  const c = x.case;

  out.push(new Paragraph({ text: `Subject access export: ${c.ref}`, heading: HeadingLevel.TITLE }));
  line('Produced', `${x.generatedAt} by ${x.generatedBy}`);
  h('Third parties named (for review)');
  if (x.forReview.length === 0) none('third party');
  for (const p of x.forReview) line(p.name, p.where.join('; '));

  h('The case record');
  line('Name', `${c.firstName} ${c.lastName}`);
  line('Date of birth', ukDate(c.dateOfBirth));
  line('Year group', YEAR_GROUP_LABELS[c.yearGroup]);
  line('UPN', c.upn);
  line('Last school', c.lastSchool);
  line('Categories', c.categories.map((k) => CATEGORY_LABELS[k]).join('; '));
  line(
    'Provision',
    `${PROVISION_LABELS[c.provision]}${c.hoursPerWeek !== null ? `, ${c.hoursPerWeek} hours a week` : ''}`,
  );
  line('Out of education since', c.outOfEducationSince && ukDate(c.outOfEducationSince));
  line('Exclusion date', c.exclusionDate && ukDate(c.exclusionDate));
  line('Timetable end / review', `${c.timetableEndDate ?? '—'} / ${c.timetableReviewDate ?? '—'}`);
  line(
    'Referral',
    `${REFERRAL_SOURCE_LABELS[c.referralSource]}, by ${c.referredBy}, received ${ukDate(c.receivedOn)}`,
  );
  line('Referral date (meeting)', ukDate(c.referralDate));
  line('Lead professional', c.lead ? `${c.lead.name}${c.lead.email ? ` (${c.lead.email})` : ''}` : null);
  line('Agencies', c.agencies.join('; '));
  line('SEND', SEND_STATUS_LABELS[c.sendStatus]);
  line("Children's social care", SOCIAL_CARE_STATUS_LABELS[c.socialCareStatus]);
  line('CSE risk', CSE_RISK_LABELS[c.cseRisk]);
  line('Concern', CONCERN_LABELS[c.concern]);
  line('Concern notes', c.concernNotes);
  line('Status', CASE_STATUS_LABELS[c.status]);
  line(
    'Closure',
    c.closure
      ? `${CLOSURE_REASON_LABELS[c.closure.reason]}, ${ukDate(c.closure.date)}. ${c.closure.note ?? ''}`
      : null,
  );
  for (const r of c.reopenings ?? [])
    line('Reopened', `${ukDate(r.reopenedOn)} (closed before: ${CLOSURE_REASON_LABELS[r.closure.reason]})`);
  line('Recorded', `${c.createdAt}; last changed ${c.updatedAt} (version ${c.version})`);

  h('List checks');
  if (x.listChecks.length === 0) none('list check');
  for (const l of x.listChecks)
    line(LIST_CHECK_LIST_LABELS[l.list], `${ukDate(l.checkedOn)}, by ${l.checkedBy}: ${l.outcome}`);

  h('Timeline');
  if (x.timeline.length === 0) none('update');
  for (const u of x.timeline) line(`${u.at}, ${u.by.name}`, u.text);

  h('Actions');
  if (x.actions.length === 0) none('action');
  for (const a of x.actions) {
    line('Action', `${a.description} (${a.status}, due ${ukDate(a.dueDate)})`);
    line('Success measure', a.successMeasure);
    line('Owner', `${a.owner?.name ?? 'none'}, ${a.ownerService}`);
    if (a.completionNote) line('Completed', `${a.completedOn ?? ''} ${a.completionNote}`);
    for (const d of a.deferrals) line('Extended', `${d.from} to ${d.to} by ${d.by.name}: ${d.reason}`);
  }

  h('Escalations');
  if (x.escalations.length === 0) none('escalation');
  for (const e of x.escalations) {
    line(
      'Escalated',
      `${ukDate(e.raisedOn)} by ${e.raisedBy.name} to ${e.toName ?? ESCALATION_TARGET_LABELS[e.to]}`,
    );
    line('Reason', e.reason);
    line('Decision requested', e.decisionRequested);
    line(
      'Response',
      e.response === null ? 'none yet' : `${e.respondedOn ?? ''} ${e.response} ${e.outcome ?? ''}`,
    );
    for (const r of e.earlierResponses)
      line('Earlier response', `${r.respondedOn ?? ''} ${r.response ?? ''}`);
  }

  h('Disclosures (information shared under the child-protection override)');
  if (x.disclosures.length === 0) none('disclosure');
  for (const d of x.disclosures) {
    line(
      'Disclosed',
      `${ukDate(d.disclosedOn)} to ${[d.recipient.agency, d.recipient.role, d.recipient.name].filter(Boolean).join(', ')}`,
    );
    line('Data shared', `${d.categories.map((k) => DISCLOSURE_CATEGORY_LABELS[k]).join('; ')}. ${d.details}`);
    line('Why', d.reason);
    line('Lawful basis', `${ARTICLE_6_LABELS[d.article6]}; ${SPECIAL_CATEGORY_LABELS[d.specialCategory]}`);
    line('Authorised by', `${d.authorisedBy.name} (${d.authorisedBy.role})`);
    line('Recorded', `${d.recordedAt} by ${d.recordedBy.name}${d.corrects ? ' (a correction)' : ''}`);
  }

  h('Meetings (the parts about this child)');
  if (x.meetings.length === 0) none('meeting');
  for (const m of x.meetings) {
    h(`Meeting on ${m.startsAt.slice(0, 10)}`, HeadingLevel.HEADING_3);
    line('Chair', m.chair);
    if (m.agendaItem) line('On the agenda', m.agendaItem.reasons.join('; ') || m.agendaItem.section);
    if (m.record) {
      line('Discussion', m.record.summary);
      line('Decisions', m.record.decisions);
      if (m.record.challengeNote) line('Not escalated because', m.record.challengeNote);
    }
    const mc = m.minutes?.case;
    if (mc) {
      line('Minutes', `${mc.summary} ${mc.decisions}`.trim() || '—');
      for (const a of mc.actions)
        line('Minuted action', `${a.description} (${a.owner}, due ${ukDate(a.dueDate)})`);
      if (mc.escalation) line('Minuted escalation', mc.escalation);
      if (mc.closure) line('Minuted closure', mc.closure);
    }
    for (const d of m.minutes?.disclosures ?? []) line('Minuted disclosure', `${d.to}: ${d.shared}`);
    if (m.minutes?.notReached) line('Minutes', 'On the agenda, not reached');
  }

  h('Who viewed or changed the record (audit)');
  if (x.audit.length === 0) none('audit entry');
  for (const e of x.audit)
    line(
      `${e.at}, ${e.userId}`,
      `${AUDIT_ACTION_LABELS[e.action]} (${e.target})${e.fields.length ? `: ${e.fields.join(', ')}` : ''}`,
    );

  const marking = () =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: MARKING, size: 16 })] });
  const doc = new Document({
    creator: 'CMOE Tracker',
    title: `Subject access export ${c.ref}`,
    sections: [
      {
        headers: { default: new Header({ children: [marking()] }) },
        footers: { default: new Footer({ children: [marking()] }) },
        children: out,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
