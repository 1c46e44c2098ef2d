import {
  columnLetter,
  fieldForHeader,
  findHeaderRow,
  headerMappingOf,
  mappingFileSchema,
  normaliseHeader,
  type SheetCell,
} from '../../src/domain/importColumns';
import {
  type CellValue,
  escapeText,
  looksLikeFormula,
  parseActionLines,
  parseCategories,
  parseClosureReason,
  parseConcern,
  parseCseRisk,
  parseDate,
  parseHours,
  parseProvision,
  parseReferralSource,
  parseSendStatus,
  parseSocialCareStatus,
  parseStatus,
  parseYearGroup,
  readCell,
  splitFullName,
  unescapeText,
} from '../../src/domain/importValues';
import {
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  CSE_RISK_LABELS,
  PROVISION_LABELS,
  REFERRAL_SOURCE_LABELS,
  SEND_STATUS_LABELS,
  SOCIAL_CARE_STATUS_LABELS,
  YEAR_GROUP_LABELS,
} from '../../src/domain/labels';

const TODAY = '2026-03-25';
const t = (text: string): CellValue => ({ kind: 'text', text });
const n = (value: number): CellValue => ({ kind: 'number', value });
const value = <T>(p: { ok: true; value: T } | { ok: false; message: string }) =>
  p.ok ? p.value : `error: ${p.message}`;

describe('dates in the forms people type them', () => {
  test.each<[string, CellValue, string]>([
    ['dd/mm/yyyy', t('14/05/2013'), '2013-05-14'],
    ['day first, always', t('03/04/2026'), '2026-04-03'],
    ['d/m/yy', t('3/9/15'), '2015-09-03'],
    ['a two-digit year of the last century', t('1/1/99'), '1999-01-01'],
    ['dd.mm.yyyy', t('14.11.2012'), '2012-11-14'],
    ['dd-mm-yyyy', t('14-11-2012'), '2012-11-14'],
    ['ISO', t('2026-03-05'), '2026-03-05'],
    ['ISO with a time', t('2026-03-05T00:00:00'), '2026-03-05'],
    ['a month name', t('2 March 2026'), '2026-03-02'],
    ['an abbreviated month and an ordinal', t('1st Sept 2025'), '2025-09-01'],
    ['a short month and two-digit year', t('5 Mar 26'), '2026-03-05'],
    ['an Excel serial number', n(46091), '2026-03-10'],
    ['an Excel serial number with a time', n(46091.75), '2026-03-10'],
    ['an Excel serial number saved as text', t('46091'), '2026-03-10'],
    ['an Excel date cell', { kind: 'date', date: '2013-05-14' }, '2013-05-14'],
  ])('%s', (_name, cell, expected) => {
    expect(value(parseDate(cell, TODAY))).toBe(expected);
  });

  test.each<[string, CellValue]>([
    ['a day that does not exist', t('31/02/2026')],
    ['month 25', t('13/25/2026')],
    ['words', t('last Tuesday')],
    ['an ISO month 13', t('2026-13-01')],
    ['a made-up month name', t('5 Smarch 2026')],
    ['a number that is no serial date', n(14052013)],
    ['zero', n(0)],
    ['a yes/no cell', { kind: 'boolean', value: true }],
  ])('refuses %s, without quoting it', (_name, cell) => {
    expect(parseDate(cell, TODAY)).toEqual({ ok: false, message: 'is not a date (write it as dd/mm/yyyy)' });
  });
});

describe('year groups', () => {
  test.each<[CellValue, string]>([
    [t('R'), 'R'],
    [t('Rec'), 'R'],
    [t('Reception'), 'R'],
    [t('YR'), 'R'],
    [t('0'), 'R'],
    [t('Y7'), '7'],
    [t('Year 7'), '7'],
    [t('Yr 7'), '7'],
    [t('7'), '7'],
    [t('07'), '7'],
    [n(7), '7'],
    [t('NCY 10'), '10'],
    [t('year 11'), '11'],
  ])('%j is %s', (cell, expected) => {
    expect(value(parseYearGroup(cell))).toBe(expected);
  });

  test('a year outside Reception to Year 11, or not a year at all, is refused', () => {
    expect(value(parseYearGroup(t('Y13')))).toBe(
      'error: is outside compulsory school age (Reception to Year 11)',
    );
    expect(value(parseYearGroup(t('12')))).toBe(
      'error: is outside compulsory school age (Reception to Year 11)',
    );
    expect(value(parseYearGroup(t('N1')))).toBe('error: is not a year group (write R or 1 to 11)');
    expect(value(parseYearGroup(n(7.5)))).toBe('error: is not a year group (write R or 1 to 11)');
  });
});

describe('categories by keyword', () => {
  test.each<[string, string[]]>([
    ['perm ex', ['permanently-excluded']],
    ['Permanent exclusion', ['permanently-excluded']],
    ['PEX', ['permanently-excluded']],
    ['FTE', ['high-suspensions']],
    ['Suspension x4', ['high-suspensions']],
    ['Fixed term exclusions', ['high-suspensions']],
    ['no school place', ['no-school-place']],
    ['Awaiting place', ['no-school-place']],
    ['CME', ['cme']],
    ['Missing from education', ['cme']],
    ['Medical', ['medically-unfit']],
    ['part time', ['part-time-or-ap']],
    ['PTT', ['part-time-or-ap']],
    ['AP', ['part-time-or-ap']],
    ['Alternative provision', ['part-time-or-ap']],
    ['EHE', ['ehe-unsatisfactory']],
    ['Home ed - unsuitable', ['ehe-unsatisfactory']],
    ['Off-roll', ['off-rolling']],
    ['Perm ex / now on AP', ['permanently-excluded', 'part-time-or-ap']],
    ['Perm ex; FTEs', ['permanently-excluded', 'high-suspensions']],
  ])('%s', (text, expected) => {
    expect(value(parseCategories(t(text)))).toEqual(expected);
  });

  test('a part naming no category is refused rather than dropped', () => {
    expect(parseCategories(t('Perm ex, sports injury'))).toEqual({
      ok: false,
      message: expect.stringMatching(/^names no known category/),
    });
  });
});

describe("the app's own labels read back as their codes, so an export imports unchanged", () => {
  const cases: [
    string,
    Record<string, string>,
    (c: CellValue) => { ok: boolean; value?: unknown; warning?: string },
  ][] = [
    [
      'category',
      CATEGORY_LABELS,
      (c) => {
        const p = parseCategories(c);
        return p.ok ? { ok: true, value: p.value.length === 1 ? p.value[0] : p.value } : p;
      },
    ],
    ['year group', YEAR_GROUP_LABELS, parseYearGroup],
    ['provision', PROVISION_LABELS, parseProvision],
    ['referral source', REFERRAL_SOURCE_LABELS, parseReferralSource],
    ['SEND status', SEND_STATUS_LABELS, (c) => parseSendStatus(c, 'SEND')],
    ['social care status', SOCIAL_CARE_STATUS_LABELS, parseSocialCareStatus],
    ['CSE risk', CSE_RISK_LABELS, parseCseRisk],
    ['concern', CONCERN_LABELS, parseConcern],
    ['status', CASE_STATUS_LABELS, parseStatus],
    ['closure reason', CLOSURE_REASON_LABELS, parseClosureReason],
  ];
  test.each(cases)('%s', (_what, labels, parse) => {
    for (const [code, label] of Object.entries(labels)) {
      const p = parse(t(label));
      expect({ label, ...p }).toEqual({ label, ok: true, value: code });
    }
  });
});

describe('other enumerations', () => {
  test('a RAG rating is a concern level', () => {
    expect(['Red', 'AMBER', 'green', 'H', 'm'].map((s) => value(parseConcern(t(s))))).toEqual([
      'high',
      'medium',
      'low',
      'high',
      'medium',
    ]);
  });

  test('"Yes" means an EHCP under an EHCP header and SEN support under a SEND header', () => {
    expect(value(parseSendStatus(t('Yes'), 'EHCP'))).toBe('ehcp');
    expect(value(parseSendStatus(t('Y'), 'SEND'))).toBe('sen-support');
    expect(value(parseSendStatus(t('No'), 'EHCP'))).toBe('none');
  });

  test('unknown provision and referral source are recorded as Other with a warning', () => {
    expect(parseProvision(t('Online school'))).toEqual({
      ok: true,
      value: 'other',
      warning: 'The provision is not one the app knows: recorded as Other.',
    });
    expect(parseReferralSource(t('GP'))).toMatchObject({
      ok: true,
      value: 'other',
      warning: expect.any(String),
    });
    expect(parseReferralSource(t('Other'))).toEqual({ ok: true, value: 'other' });
  });

  test('hours as numbers or with units', () => {
    expect(
      [n(12.5), t('10'), t('10 hrs'), t('15 hours a week'), t('15h/wk')].map((c) => value(parseHours(c))),
    ).toEqual([12.5, 10, 10, 15, 15]);
    expect(value(parseHours(t('full time')))).toBe('error: is not a number of hours');
  });
});

describe('formula injection', () => {
  test.each([
    '=HYPERLINK("http://x","y")',
    '=1+1',
    '@SUM(A1)',
    '-HYPERLINK("x")',
    '+SUM(1,2)',
    "-2+3+cmd|' /C calc'!A0",
    "+cmd|'/C calc'!A0",
  ])('%s looks like a formula', (text) => {
    expect(looksLikeFormula(text)).toBe(true);
  });

  test.each(['- called school', '-3', '+44 7700 900123', '- Visit home | due: 10/04/2026', 'Plain text'])(
    '%s does not',
    (text) => {
      expect(looksLikeFormula(text)).toBe(false);
    },
  );

  test.each(['=x', '+x', '-x', '@x', '\tx', '\rx', "'=x", "''=x", "'Tis", 'plain', ''])(
    'escaping %j for export and unescaping it on import gives it back',
    (text) => {
      const escaped = escapeText(text);
      expect(/^[=+\-@\t\r]/.test(escaped)).toBe(false);
      expect(unescapeText(escaped).text).toBe(text);
    },
  );

  test('a cell is refused when it is a formula, an error, or unescaped formula-like text', () => {
    expect(readCell({ kind: 'formula' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^is a formula/),
    });
    expect(readCell({ kind: 'error' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/spreadsheet error/),
    });
    expect(readCell('=HYPERLINK("x")')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^starts like a formula/),
    });
    expect(readCell('\'=HYPERLINK("x")')).toEqual({
      ok: true,
      value: { kind: 'text', text: '=HYPERLINK("x")' },
    });
  });

  test('a dash or n/a typed in an empty cell is blank, unless the export escaped it', () => {
    for (const s of ['-', '–', 'n/a', 'N/A', '  '])
      expect(readCell(s)).toEqual({ ok: true, value: { kind: 'blank' } });
    expect(readCell("'-")).toEqual({ ok: true, value: { kind: 'text', text: '-' } });
  });
});

describe('headers', () => {
  test.each<[string, string]>([
    ['DOB', 'dateOfBirth'],
    ['Date of birth', 'dateOfBirth'],
    ['D.O.B.', 'dateOfBirth'],
    ['Yr', 'yearGroup'],
    ['Year group', 'yearGroup'],
    ['Year group (NCY)', 'yearGroup'],
    ['NCY', 'yearGroup'],
    ['Reason', 'categories'],
    ['Category', 'categories'],
    ['Reason for referral', 'categories'],
    ['Surname', 'lastName'],
    ['Last name', 'lastName'],
    ['Forename', 'firstName'],
    ['First name', 'firstName'],
    ["Child's first name", 'firstName'],
    ['UPN', 'upn'],
    ['School', 'lastSchool'],
    ['Last school', 'lastSchool'],
    ['Lead', 'lead'],
    ['Lead professional', 'lead'],
    ['Referred by', 'referredBy'],
    ['Date received', 'receivedOn'],
    ['Received', 'receivedOn'],
    ['Out of education since', 'outOfEducationSince'],
    ['Date out of education', 'outOfEducationSince'],
    ['Provision', 'provision'],
    ['Hours', 'hoursPerWeek'],
    ['SEND', 'sendStatus'],
    ['EHCP', 'sendStatus'],
    ['Social care', 'socialCareStatus'],
    ['Concern', 'concern'],
    ['RAG', 'concern'],
    ['Status', 'status'],
    ['Actions', 'actions'],
    ['Notes', 'notes'],
    ['Update', 'notes'],
    ['  reason   FOR referral: ', 'categories'],
  ])('%s means %s', (header, field) => {
    expect(fieldForHeader(header, new Map())).toBe(field);
  });

  test('normalising drops case and punctuation', () => {
    expect(normaliseHeader('D.O.B.')).toBe('dob');
    expect(normaliseHeader('S&S referral?')).toBe('s and s referral');
  });

  test('the mapping file wins over the built-in names, and null ignores a column', () => {
    const mapping = headerMappingOf(mappingFileSchema.parse({ columns: { Reason: 'notes', School: null } }));
    expect(fieldForHeader('Reason', mapping)).toBe('notes');
    expect(fieldForHeader('School', mapping)).toBeNull();
    expect(fieldForHeader('Surname', mapping)).toBe('lastName');
  });

  test('a mapping file naming an unknown field or key is refused', () => {
    expect(mappingFileSchema.safeParse({ columns: { Surname: 'surname' } }).success).toBe(false);
    expect(mappingFileSchema.safeParse({ columns: {}, sheets: 'x' }).success).toBe(false);
    expect(mappingFileSchema.safeParse({ headerRow: 0 }).success).toBe(false);
  });

  test('the header row is found under a title, a note and blank rows', () => {
    const rows: SheetCell[][] = [
      ['Demo council (synthetic) CMOE tracker', null, null],
      [],
      ['Updated weekly', null, null],
      ['Surname', 'Forename', 'DOB', 'Whatever'],
      ['Example', 'Testy', '14/05/2013'],
    ];
    const found = findHeaderRow(rows, new Map());
    expect(found?.row).toBe(4);
    expect(found?.columns.map((c) => `${c.letter}=${c.field}`)).toEqual([
      'A=lastName',
      'B=firstName',
      'C=dateOfBirth',
    ]);
    expect(found?.skipped).toEqual([{ letter: 'D', header: 'Whatever', reason: 'unknown' }]);
  });

  test('column letters', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });
});

describe('names, actions and notes', () => {
  test('a full name splits as "Last, First" or "First ... Last"', () => {
    expect(splitFullName('Example, Testy')).toEqual({ firstName: 'Testy', lastName: 'Example' });
    expect(splitFullName('Testy Anne Example')).toEqual({ firstName: 'Testy Anne', lastName: 'Example' });
    expect(splitFullName('Testy')).toBeNull();
  });

  test('an actions cell is one action a line, bullets dropped, with optional measure, due date and owner', () => {
    expect(
      parseActionLines(
        '- Visit home | measure: visit recorded | due: 10/04/2026\n2) Call school\n• call school\n\n* Chase | owner: Bea',
      ),
    ).toEqual([
      { description: 'Visit home', successMeasure: 'visit recorded', due: '10/04/2026', ownerNamed: false },
      { description: 'Call school', successMeasure: null, due: null, ownerNamed: false },
      { description: 'Chase', successMeasure: null, due: null, ownerNamed: true },
    ]);
  });
});
