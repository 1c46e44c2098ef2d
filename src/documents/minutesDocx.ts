/**
 * Renders minutes (src/domain/minutes.ts) as a Word document with the `docx` package. Layout only: every
 * decision about content and order is made in the domain.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { MinutesCase, MinutesContent } from '../domain/minutes';
import { xmlSafeDeep } from '../domain/text';
import { ukDate } from '../domain/ukDates';

const MARKING = 'OFFICIAL-SENSITIVE — personal data about children. Do not forward outside the CMOE group.';

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });
}

function caseSection(c: MinutesCase): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    heading(`${c.caseRef} — ${c.childName} (${c.yearGroup}) — ${c.concern} concern`, HeadingLevel.HEADING_3),
    labelled('On the agenda', c.reasons.length ? `${c.section}: ${c.reasons.join('; ')}` : c.section),
  ];
  if (c.summary) out.push(labelled('Discussion', c.summary));
  if (c.decisions) out.push(labelled('Decisions', c.decisions));
  if (c.concernChange) out.push(labelled('Concern changed', c.concernChange));
  if (c.leadChange) out.push(labelled('Lead professional changed', c.leadChange));
  if (c.challengeNote) out.push(labelled('Not escalated because', c.challengeNote));
  if (c.actions.length > 0) {
    out.push(
      new Paragraph({
        children: [new TextRun({ text: 'SMART actions', bold: true })],
        spacing: { before: 120 },
      }),
    );
    out.push(
      table(
        ['Action', 'Success measure', 'Owner', 'Due'],
        c.actions.map((a) => [
          a.description,
          a.successMeasure,
          a.ownerService ? `${a.owner} (${a.ownerService})` : a.owner,
          ukDate(a.dueDate),
        ]),
      ),
    );
  }
  if (c.escalation) out.push(labelled('Escalation', c.escalation));
  if (c.closure) out.push(labelled('Closure', c.closure));
  return out;
}

/**
 * The minutes as a .docx file. Every string of the content goes through `xmlSafe` first (defence in
 * depth): the `docx` package escapes markup but writes U+FFFE, U+FFFF, C0 controls and lone surrogates
 * unchanged, which makes the document invalid XML that Word refuses, and minutes stored before the
 * free-text rules (or content from any future path) must still render.
 */
export async function renderMinutesDocx(content: MinutesContent): Promise<Uint8Array> {
  const m = xmlSafeDeep(content);
  const high = m.cases.filter((c) => c.highestConcern);
  const rest = m.cases.filter((c) => !c.highestConcern);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: 'Children Missing Out on Education (CMOE) group', heading: HeadingLevel.TITLE }),
    heading(`Minutes of the meeting on ${ukDate(m.date)}`, HeadingLevel.HEADING_1),
    labelled('Chair', m.chair ?? 'Not recorded'),
    labelled('Attendees', m.attendees.length ? m.attendees.join('; ') : 'None recorded'),
    labelled('Apologies', m.apologies.length ? m.apologies.join('; ') : 'None'),
    heading('Children of highest concern', HeadingLevel.HEADING_2),
    ...(high.length ? high.flatMap(caseSection) : [new Paragraph('No child was of highest concern.')]),
    heading('Other children discussed', HeadingLevel.HEADING_2),
    ...(rest.length ? rest.flatMap(caseSection) : [new Paragraph('None.')]),
    heading('Escalations', HeadingLevel.HEADING_2),
    m.escalations.length
      ? table(
          ['Case', 'Child', 'To', 'Reason', 'Decision requested', 'Response due'],
          m.escalations.map((e) => [
            e.caseRef,
            e.childName,
            e.to,
            e.reason,
            e.decisionRequested,
            ukDate(e.responseDue),
          ]),
        )
      : new Paragraph('No case was escalated.'),
    heading('Closures', HeadingLevel.HEADING_2),
    m.closures.length
      ? table(
          ['Case', 'Child', 'Reason', 'Date'],
          m.closures.map((c) => [c.caseRef, c.childName, c.reason, ukDate(c.date)]),
        )
      : new Paragraph('No case was closed.'),
  ];
  if (m.disclosures?.length) {
    // Issue 18 (ToR §6): information shared under the child-protection override in this meeting.
    children.push(
      heading('Disclosures under the child-protection override', HeadingLevel.HEADING_2),
      table(
        ['Case', 'Child', 'Date', 'To', 'What was shared', 'Why', 'Lawful basis', 'Authorised by'],
        m.disclosures.map((d) => [
          d.correction ? `${d.caseRef} (correction)` : d.caseRef,
          d.childName,
          ukDate(d.disclosedOn),
          d.to,
          d.shared,
          d.reason,
          d.basis,
          d.authorisedBy,
        ]),
      ),
    );
  }
  if (m.notDiscussed.length) {
    children.push(
      heading('On the agenda, not reached', HeadingLevel.HEADING_2),
      new Paragraph(m.notDiscussed.join(', ')),
    );
  }
  const marking = () =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: MARKING, size: 16 })] });
  const doc = new Document({
    creator: 'CMOE Tracker',
    title: `CMOE minutes, ${ukDate(m.date)}`,
    description: 'Minutes of the Children Missing Out on Education group',
    sections: [
      {
        headers: { default: new Header({ children: [marking()] }) },
        footers: { default: new Footer({ children: [marking()] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
