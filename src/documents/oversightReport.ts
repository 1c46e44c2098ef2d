/**
 * The oversight report (issue 17) as .docx (the `docx` package, as the minutes are) and .xlsx (exceljs,
 * as the export is). Layout only: the tables and their sentences come from `domain/oversightTables.ts`,
 * the very ones the tab shows, so the report says what the screen says. Charts are given as tables
 * (a table reads the same on paper, in a screen reader and in a spreadsheet).
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
import { Workbook } from 'exceljs';
import type { OversightFigures } from '../domain/oversight';
import {
  SUPPRESSED,
  allTables,
  cellText,
  type FigureTable,
  type TableOptions,
} from '../domain/oversightTables';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const REPORT_MARKING = 'OFFICIAL-SENSITIVE';
const MARKING_LINE = `${REPORT_MARKING} — CMOE oversight figures. Handle under the council's data protection rules.`;

function introLines(f: OversightFigures, o: TableOptions): string[] {
  return [
    `Period: ${f.period.from} to ${f.period.to}. Figures "now" are as of ${f.asOf}.`,
    o.suppress
      ? `Counts from 1 to 4 are shown as "${SUPPRESSED}" for circulation beyond the CMOE group.`
      : 'Counts are shown in full: for the CMOE group and senior managers only.',
    ...f.notes,
  ];
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

function docxTable(t: FigureTable, o: TableOptions): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c, true)) }),
      ...t.rows.map(
        (r) => new TableRow({ children: [cell(r.label), ...r.cells.map((c) => cell(cellText(c, o)))] }),
      ),
    ],
  });
}

function marking(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: MARKING_LINE, bold: true })],
  });
}

export async function oversightDocx(f: OversightFigures, o: TableOptions): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [
    marking(),
    new Paragraph({ text: 'CMOE oversight report', heading: HeadingLevel.TITLE }),
    ...introLines(f, o).map((line) => new Paragraph({ text: line, spacing: { after: 120 } })),
  ];
  let section = '';
  for (const t of allTables(f, o)) {
    const group = t.id.startsWith('now-')
      ? 'Now'
      : t.id.startsWith('month-')
        ? 'Over time, by month'
        : 'Over time, by meeting';
    if (group !== section) {
      section = group;
      body.push(
        new Paragraph({ text: group, heading: HeadingLevel.HEADING_1, spacing: { before: 360, after: 120 } }),
      );
    }
    body.push(
      new Paragraph({ text: t.title, heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 } }),
      new Paragraph({ text: t.summary, spacing: { after: 120 } }),
      docxTable(t, o),
    );
  }
  const doc = new Document({
    creator: 'CMOE Tracker',
    title: 'CMOE oversight report',
    description: REPORT_MARKING,
    sections: [
      {
        headers: { default: new Header({ children: [marking()] }) },
        footers: { default: new Footer({ children: [marking()] }) },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Sheet names: at most 31 characters and unique; table ids use none of : \\ / ? * [ ]. */
function sheetName(t: FigureTable, used: Set<string>): string {
  const base = t.id.slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  used.add(name);
  return name;
}

export async function oversightXlsx(
  f: OversightFigures,
  o: TableOptions,
  created: Date,
): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.creator = 'CMOE Tracker';
  workbook.created = created;
  workbook.modified = created;
  workbook.title = `CMOE oversight report — ${REPORT_MARKING}`;

  const about = workbook.addWorksheet('About');
  about.addRow([MARKING_LINE]).font = { bold: true };
  about.addRow(['CMOE oversight report']).font = { bold: true, size: 14 };
  for (const line of introLines(f, o)) about.addRow([line]);
  about.getColumn(1).width = 120;

  const used = new Set<string>(['About']);
  for (const t of allTables(f, o)) {
    const ws = workbook.addWorksheet(sheetName(t, used), { views: [{ state: 'frozen', ySplit: 4 }] });
    ws.addRow([REPORT_MARKING]).font = { bold: true };
    ws.addRow([t.title]).font = { bold: true };
    ws.addRow([t.summary]);
    ws.addRow(t.columns).font = { bold: true };
    for (const r of t.rows) {
      // Plain values only: a number stays a number unless suppressed, text is never a formula.
      ws.addRow([
        r.label,
        ...r.cells.map((c) => {
          const text = cellText(c, o);
          return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
        }),
      ]);
    }
    ws.getColumn(1).width = 40;
    for (let i = 2; i <= t.columns.length; i++) ws.getColumn(i).width = 18;
    ws.headerFooter.oddHeader = `&C${REPORT_MARKING}`;
    ws.headerFooter.oddFooter = `&C${REPORT_MARKING}`;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
