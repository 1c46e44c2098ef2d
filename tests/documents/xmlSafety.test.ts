/**
 * Issue 14 item 1 (defence in depth): every document writer is safe against the whole Unicode range,
 * whatever is stored. Each writer is given text holding every UTF-16 code unit (so every BMP character,
 * every C0 / C1 control, U+FFFE / U+FFFF and every lone surrogate) and astral characters including the
 * noncharacters of every plane; the document it produces is then parsed with a strict XML 1.0 parser.
 * On main the minutes .docx and the .xlsx export were invalid XML (U+FFFE and controls written unchanged).
 */
import { renderMinutesDocx } from '../../src/documents/minutesDocx';
import { exportRow } from '../../src/domain/exporting';
import type { MinutesContent } from '../../src/domain/minutes';
import { xmlSafe } from '../../src/domain/text';
import { parseCsv, writeCsv } from '../../src/spreadsheet/csv';
import { writeXlsx } from '../../src/spreadsheet/xlsx';
import { docxParagraphs } from '../helpers/docxText';
import { officeXmlProblems, xmlError } from '../helpers/strictXml';
import { makeCase } from '../unit/fixtures';

/** Every UTF-16 code unit in order (surrogates included one by one, so each is lone or mispaired). */
const EVERY_CODE_UNIT = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).join('');
/** An astral character and both noncharacters of each of the 17 planes. */
const ASTRAL = Array.from({ length: 17 }, (_, p) =>
  [p * 0x10000 + 0x1f600, p * 0x10000 + 0xfffe, p * 0x10000 + 0xffff]
    .filter((cp) => cp <= 0x10ffff)
    .map((cp) => String.fromCodePoint(cp))
    .join(''),
).join('');
const HOSTILE = [EVERY_CODE_UNIT, ASTRAL, '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u0000', '\u001B[31m'];

function minutesOf(text: string): MinutesContent {
  return {
    meetingId: 'm-1',
    date: '2026-03-09',
    chair: text,
    attendees: [text],
    apologies: [text],
    cases: [
      {
        caseRef: 'CMOE-0001',
        childName: text,
        yearGroup: 'Year 8',
        concern: 'High',
        highestConcern: true,
        section: 'New referral',
        reasons: [text],
        summary: text,
        decisions: text,
        concernChange: text,
        leadChange: text,
        challengeNote: text,
        actions: [
          { description: text, successMeasure: text, owner: text, ownerService: text, dueDate: '2026-04-01' },
        ],
        escalation: text,
        closure: text,
      },
    ],
    escalations: [
      {
        caseRef: 'CMOE-0001',
        childName: text,
        to: text,
        reason: text,
        decisionRequested: text,
        responseDue: '2026-04-01',
      },
    ],
    closures: [{ caseRef: 'CMOE-0001', childName: text, reason: text, date: '2026-03-09' }],
    notDiscussed: [text],
  };
}

describe('document writers against the whole Unicode range', () => {
  test('xmlSafe leaves exactly the characters XML 1.0 allows, and keeps astral characters whole', () => {
    const safe = xmlSafe(EVERY_CODE_UNIT + ASTRAL);
    expect(xmlError(`<a>${safe.replace(/[<&]/g, '')}</a>`)).toBeNull();
    expect(safe).toContain('\u{1F600}');
    expect(safe).toContain('\t\n\r');
    // eslint-disable-next-line no-control-regex -- the controls XML forbids
    expect(safe).not.toMatch(/[\u0000-\u0008\uFFFE\uFFFF]/);
  });

  test.each(HOSTILE.map((t, i) => [i, t]))(
    'the minutes .docx made from hostile text #%i is valid XML in every part (guards the U+FFFE minutes)',
    async (_i, text) => {
      const bytes = await renderMinutesDocx(minutesOf(text));
      expect(officeXmlProblems(bytes)).toEqual([]);
    },
  );

  test('the minutes .docx still shows the text around a dropped character', async () => {
    const bytes = await renderMinutesDocx(minutesOf('Agreed\uFFFE to\u0007 refer\uD800'));
    expect(docxParagraphs(bytes)).toContain('Decisions: Agreed to refer\uFFFD');
  });

  test.each(HOSTILE.map((t, i) => [i, t]))(
    'the .xlsx export made from hostile text #%i is valid XML in every part (guards the U+FFFE export)',
    async (_i, text) => {
      const bytes = await writeXlsx(
        'CMOE cases',
        ['Name', text],
        [[text, text.slice(0, 500)]],
        new Date('2026-03-25T10:00:00Z'),
      );
      expect(officeXmlProblems(bytes)).toEqual([]);
    },
  );

  test('the .csv export drops the same characters and reads back as the safe text', () => {
    const text = EVERY_CODE_UNIT + ASTRAL;
    const csv = writeCsv([['Name'], [text]]);
    // eslint-disable-next-line no-control-regex -- the controls XML forbids
    expect(csv).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(csv).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    // The CSV reader normalises line ends (CR LF inside quotes reads back as written).
    expect(parseCsv(csv)[1]).toEqual([xmlSafe(text)]);
  });
});

describe('the export of text stored before the free-text rules', () => {
  test('a control before a formula does not hide it from the formula guard', () => {
    const row = exportRow(makeCase({ lastSchool: '\u0000=HYPERLINK("http://example.invalid")' }), [], null);
    expect(row).toContain('\'=HYPERLINK("http://example.invalid")');
  });
});
