/**
 * Reading the values people type into a council tracker — UK dates in every format, year groups,
 * categories as free text, RAG ratings — into the domain's codes; and the guard against formula
 * injection both ways (refusing formula-like text on import, escaping it on export).
 *
 * Messages say what is wrong with a cell, never what is in it: they end up in reports and errors next
 * to a row number, and a cell may hold a child's name or date of birth.
 */
import type { SheetCell } from './importColumns';
import { normaliseText, textProblem } from './text';
import type {
  CaseStatus,
  Category,
  ClosureReason,
  Concern,
  CseRisk,
  LocalDate,
  Provision,
  ReferralSource,
  SendStatus,
  SocialCareStatus,
  YearGroup,
} from './types';

/** A parsed value, or what is wrong with the cell. */
export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };

const ok = <T>(value: T, warning?: string): Parsed<T> =>
  warning === undefined ? { ok: true, value } : { ok: true, value, warning };
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

// ---------------------------------------------------------------------------------------------------
// Formula injection

/**
 * First characters that make a spreadsheet treat typed text as a formula (OWASP "CSV injection"): `=`,
 * `+`, `-`, `@`, and tab or carriage return, which some spreadsheets skip before looking.
 */
const FORMULA_TRIGGER = /^'*[=+\-@\t\r]/;

/**
 * Text as the export writes it: a value that a spreadsheet could run as a formula gets a leading single
 * quote (`=HYPERLINK(...)` becomes `'=HYPERLINK(...)`), so Excel, LibreOffice and Google Sheets show it
 * as text. A value that already starts with quotes before such a character gets one more, so that
 * {@link unescapeText} gives back exactly what was stored.
 */
export function escapeText(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** The stored text for a cell the export escaped (one leading quote dropped); other text is unchanged. */
export function unescapeText(text: string): { text: string; escaped: boolean } {
  return text.startsWith("'") && FORMULA_TRIGGER.test(text.slice(1))
    ? { text: text.slice(1), escaped: true }
    : { text, escaped: false };
}

/**
 * Text that a spreadsheet would run as a formula if it were opened again: it starts with `=` or `@`,
 * or with `+` / `-` followed by a function call (`-HYPERLINK(`) or a DDE link (`+cmd|' /C calc'!A0`). A
 * dash that starts a note or a list ("- called school | due: ...") or a number ("-3") is not refused.
 */
export function looksLikeFormula(text: string): boolean {
  return (
    /^[=@]/.test(text) ||
    /^[+-]\s*[A-Za-z_][\w.]*\s*\(/.test(text) ||
    /^[+-][^|\n]*\|\s*'[^'\n]*'\s*!/.test(text)
  );
}

export const FORMULA_TEXT_MESSAGE =
  "starts like a formula (=, +, - or @), which a spreadsheet would run: remove that first character, or start the cell with a single quote (') to keep it as text";

// ---------------------------------------------------------------------------------------------------
// Cells

/** A cell reduced to what the parsers below need. */
export type CellValue =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; date: LocalDate };

/** Dashes and "n/a" typed into an empty cell mean "nothing here" (unless the export escaped them). */
const BLANK_MARKER = /^(?:-+|–|—|n\/?a|null|nil\.?)$/i;

/**
 * Reads a cell: text is trimmed and unescaped; a formula, an error, or unescaped text that looks like a
 * formula is refused with a message.
 */
export function readCell(cell: SheetCell | undefined): Parsed<CellValue> {
  if (cell === null || cell === undefined) return ok({ kind: 'blank' });
  if (typeof cell === 'number') return ok({ kind: 'number', value: cell });
  if (typeof cell === 'boolean') return ok({ kind: 'boolean', value: cell });
  if (typeof cell === 'string') {
    // The free-text rules of every other way in (text.ts): refused characters name the cell, the rest
    // is normalised before anything else reads it.
    const problem = textProblem(cell);
    if (problem) return bad(problem);
    const { text, escaped } = unescapeText(normaliseText(cell).trim());
    if (escaped) return ok({ kind: 'text', text });
    if (text === '' || BLANK_MARKER.test(text)) return ok({ kind: 'blank' });
    if (looksLikeFormula(text)) return bad(FORMULA_TEXT_MESSAGE);
    return ok({ kind: 'text', text });
  }
  if (cell.kind === 'date') return ok({ kind: 'date', date: cell.date });
  if (cell.kind === 'formula')
    return bad(
      'is a formula: formulas are never imported. Copy the column and paste it back as values (Paste Special > Values)',
    );
  return bad('holds a spreadsheet error (such as #N/A or #REF!)');
}

/** A non-blank cell as text (numbers as typed, dates as dd/mm/yyyy, booleans as Yes / No). */
export function textOf(v: Exclude<CellValue, { kind: 'blank' }>): string {
  switch (v.kind) {
    case 'text':
      return v.text;
    case 'number':
      return String(v.value);
    case 'boolean':
      return v.value ? 'Yes' : 'No';
    case 'date':
      return formatUkDate(v.date);
  }
}

/** Lower case, single spaces, trimmed: the form keyword matching works on. */
function simplify(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------
// Dates

/** dd/mm/yyyy, the form the export writes in CSV and people read in England. */
export function formatUkDate(d: LocalDate): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

function validDate(y: number, m: number, d: number): LocalDate | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/**
 * An Excel serial date (days since 30 December 1899 in the 1900 date system, which every Excel for
 * Windows file uses); a time of day (the fraction) is dropped. Serials up to 2958465 are 9999-12-31.
 */
export function excelSerialToDate(serial: number): LocalDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return validDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** A two-digit year: this century unless that is more than 10 years ahead of today. */
function fullYear(yy: string, today: LocalDate): number {
  if (yy.length === 4) return Number(yy);
  const y = 2000 + Number(yy);
  return y > Number(today.slice(0, 4)) + 10 ? y - 100 : y;
}

export const NOT_A_DATE = 'is not a date (write it as dd/mm/yyyy)';

/**
 * A date in any of the forms found in trackers: an Excel date cell, an Excel serial number, dd/mm/yyyy,
 * d/m/yy, dd.mm.yyyy, dd-mm-yyyy, ISO (yyyy-mm-dd, with or without a time), "5 March 2026", "5th Mar 26".
 * Always day first: 03/04/2026 is 3 April. A date that does not exist (31/02/2026) is refused.
 */
export function parseDate(v: CellValue, today: LocalDate): Parsed<LocalDate> {
  if (v.kind === 'date') return ok(v.date);
  if (v.kind === 'number') {
    const d = Number.isInteger(v.value) || v.value > 1 ? excelSerialToDate(v.value) : null;
    return d ? ok(d) : bad(NOT_A_DATE);
  }
  if (v.kind !== 'text') return bad(NOT_A_DATE);
  const s = simplify(v.text);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(s);
  if (m) return orBad(validDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$/.exec(s);
  if (m) return orBad(validDate(fullYear(m[4] as string, today), Number(m[3]), Number(m[1])));
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[(m[2] as string).slice(0, 3)];
    const name = m[2] as string;
    const known = month !== undefined && (name.length === 3 || name === 'sept' || monthNameMatches(name));
    return known ? orBad(validDate(fullYear(m[3] as string, today), month, Number(m[1]))) : bad(NOT_A_DATE);
  }
  if (/^\d{5}$/.test(s)) return orBad(excelSerialToDate(Number(s)));
  return bad(NOT_A_DATE);
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNameMatches(name: string): boolean {
  return MONTH_NAMES.some((full) => full.startsWith(name));
}

function orBad(d: LocalDate | null): Parsed<LocalDate> {
  return d ? ok(d) : bad(NOT_A_DATE);
}

// ---------------------------------------------------------------------------------------------------
// Year group, numbers, lists

/** R, Rec, Reception, YR, FS2, Y7, Yr 7, Year 7, NCY 7, 7 (and 0 for Reception). */
export function parseYearGroup(v: CellValue): Parsed<YearGroup> {
  let s: string;
  if (v.kind === 'number') s = String(v.value);
  else if (v.kind === 'text') s = simplify(v.text);
  else return bad('is not a year group (write R or 1 to 11)');
  if (/^(?:r|rec|reception|y\s?r|yr\s?r|year\s?r|fs2|f2|ncy\s?0|year\s?0|0)$/.test(s)) return ok('R');
  const m = /^(?:year|yr|y|ncy|nc year)?\s*0?(\d{1,2})$/.exec(s);
  if (!m) return bad('is not a year group (write R or 1 to 11)');
  const n = Number(m[1]);
  if (n >= 1 && n <= 11) return ok(String(n) as YearGroup);
  return bad('is outside compulsory school age (Reception to Year 11)');
}

/** 12, 12.5, "10 hours", "10 hrs a week", "15h/wk". */
export function parseHours(v: CellValue): Parsed<number> {
  if (v.kind === 'number') return ok(v.value);
  if (v.kind !== 'text') return bad('is not a number of hours');
  const m = /^(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?)?(?:\s*(?:per|a|\/)\s*(?:week|wk|w))?\.?$/.exec(
    simplify(v.text),
  );
  return m ? ok(Number(m[1])) : bad('is not a number of hours');
}

/**
 * Hours written inside another cell, as trackers put them in the provision column: "Part time timetable
 * 10hrs", "PTT - 15 hours a week". Only one figure directly followed by h / hr / hrs / hours counts, so
 * a date or a time in the text is never taken for hours; none, more than one, or over 40 is null (the
 * cell is then read for the provision alone).
 */
export function hoursInText(text: string): number | null {
  const found = [
    ...simplify(text).matchAll(/(?<![\d.:/])(\d{1,2}(?:\.\d+)?)\s*(?:h|hrs?|hours?)\b(?!\s*[:/])/g),
  ];
  if (found.length !== 1) return null;
  const n = Number((found[0] as RegExpMatchArray)[1]);
  return n > 0 && n <= 40 ? n : null;
}

/** A list in one cell, split on semicolons, commas and line breaks. */
export function parseList(text: string): string[] {
  return text
    .split(/[;,\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** CMOE-0042, cmoe-42, CMOE42 -> CMOE-0042. */
export function parseRef(v: CellValue): Parsed<string> {
  const s = v.kind === 'text' ? v.text.trim() : '';
  const m = /^cmoe\s*-?\s*(\d{1,9})$/i.exec(s);
  return m ? ok(`CMOE-${(m[1] as string).padStart(4, '0')}`) : bad('is not a case ref (such as CMOE-0042)');
}

// ---------------------------------------------------------------------------------------------------
// Enumerations by keyword

/**
 * Keywords for each category (ToR §4 "children of interest"), matched in lower case anywhere in a part
 * of the cell. Each of the app's own labels matches its category (the export writes labels).
 */
const CATEGORY_KEYWORDS: readonly [Category, RegExp][] = [
  ['permanently-excluded', /\bperm(?:anent(?:ly)?)?\.?\s*ex(?:cl(?:uded|usion)?)?\b|\bpex\b/],
  ['high-suspensions', /\bftes?\b|fixed[\s-]*(?:term|period)|suspen/],
  [
    'no-school-place',
    /no (?:school )?place|awaiting (?:a )?(?:school )?place|without (?:a )?(?:school )?place|\bnsp\b|in[\s-]*year (?:admission|transfer)|no school\b/,
  ],
  ['cme', /\bcme\b|missing/],
  ['medically-unfit', /medical|\bunfit\b|health needs|\bill(?:ness|\s+health)?\b/],
  [
    'part-time-or-ap',
    /part[\s-]*time|\bptt\b|reduced timetable|adapted timetable|\bap\b|alternative provision|\bpru\b/,
  ],
  ['ehe-unsatisfactory', /\behe\b|home[\s-]*ed(?:ucat\w*)?\b|elective home/],
  ['off-rolling', /off[\s-]*roll/],
];

/**
 * Categories from free text: the cell is split on `;`, `,`, `/`, `&`, `+` and line breaks, and every
 * part must name at least one category ("Perm ex / now on AP" is two). Unknown parts are refused rather
 * than dropped, so no reason for referral is lost on the way in.
 */
export function parseCategories(v: CellValue): Parsed<Category[]> {
  if (v.kind !== 'text') return bad('is not a category');
  const found = new Set<Category>();
  for (const part of v.text.split(/[;,/&+\n\r]+/)) {
    const p = simplify(part);
    if (p === '') continue;
    const matched = CATEGORY_KEYWORDS.filter(([, re]) => re.test(p)).map(([c]) => c);
    if (matched.length === 0)
      return bad(
        'names no known category (such as permanent exclusion, suspensions, no school place, CME, medical, part-time or AP, EHE, off-rolling)',
      );
    for (const c of matched) found.add(c);
  }
  return found.size === 0 ? bad('names no category') : ok([...found]);
}

function byKeywords<T extends string>(
  v: CellValue,
  table: readonly [T, RegExp][],
  what: string,
  fallback?: { value: T; warning: string },
): Parsed<T> {
  if (v.kind !== 'text' && v.kind !== 'boolean') return bad(`is not ${what}`);
  const s = v.kind === 'boolean' ? (v.value ? 'yes' : 'no') : simplify(v.text);
  for (const [value, re] of table) if (re.test(s)) return ok(value);
  return fallback ? ok(fallback.value, fallback.warning) : bad(`is not ${what}`);
}

const PROVISION_KEYWORDS: readonly [Provision, RegExp][] = [
  [
    'none',
    /^(?:none|no|nil|nothing|no provision)$|no (?:current )?provision|not in (?:any )?(?:education|school|provision)/,
  ],
  [
    'section-19',
    /\bs\.?\s?19\b|section\s?19|tuition|hospital (?:school|education)|medical (?:needs )?(?:service|teaching)/,
  ],
  ['ehe', /\behe\b|home[\s-]*ed|elective home/],
  ['part-time-timetable', /part[\s-]*time|\bptt\b|reduced timetable|adapted timetable/],
  ['alternative-provision', /\bap\b|alternative provision|\bpru\b|pupil referral/],
  ['other', /^other\b/],
];

/** Current provision by keyword; unknown text is recorded as Other, with a warning. */
export function parseProvision(v: CellValue): Parsed<Provision> {
  return byKeywords(v, PROVISION_KEYWORDS, 'a provision', {
    value: 'other',
    warning: 'The provision is not one the app knows: recorded as Other.',
  });
}

const CONCERN_KEYWORDS: readonly [Concern, RegExp][] = [
  ['high', /^(?:high|h|red|r)\b/],
  ['medium', /^(?:medium|med|m|amber|amb|a)\b/],
  ['low', /^(?:low|l|green|g)\b/],
];

/** High / medium / low, or a RAG rating (red is high). */
export function parseConcern(v: CellValue): Parsed<Concern> {
  return byKeywords(v, CONCERN_KEYWORDS, 'a concern level (high, medium, low or red, amber, green)');
}

const STATUS_KEYWORDS: readonly [CaseStatus, RegExp][] = [
  ['referred', /^(?:referred|new|new referral|referral|awaiting (?:triage|meeting))$/],
  ['open', /^(?:open|active|current|ongoing|live|in progress)$/],
  ['escalated', /^escalated\b/],
  ['monitoring', /^(?:monitoring|monitor|monitored|review|under review)$/],
  ['closed', /^(?:closed|close|resolved|complete|completed|ended)\b/],
];

export function parseStatus(v: CellValue): Parsed<CaseStatus> {
  return byKeywords(v, STATUS_KEYWORDS, 'a status (referred, open, escalated, monitoring or closed)');
}

/**
 * SEND status. "Yes" means an EHCP under an "EHCP" header and SEN support under any other, since that is
 * what the header asks.
 */
export function parseSendStatus(v: CellValue, header: string): Parsed<SendStatus> {
  const yes: SendStatus = /ehc/i.test(header) ? 'ehcp' : 'sen-support';
  return byKeywords<SendStatus>(
    v,
    [
      ['ehcp', /ehc|education,? health and care/],
      ['sen-support', /sen support|^sen\b|^k$|sen[\s-]*k|^support$/],
      ['none', /^(?:none|no|n|nil|nfa|not known)$/],
      [yes, /^(?:yes|y)$/],
    ],
    'a SEND status (none, SEN support or EHCP)',
  );
}

export function parseSocialCareStatus(v: CellValue): Parsed<SocialCareStatus> {
  return byKeywords<SocialCareStatus>(
    v,
    [
      ['none', /^(?:none|no|n|nil|nfa|not known|not open)$/],
      ['early-help', /early help|^eh$|^ehm$/],
      ['child-in-need', /child in need|\bcin\b|s\.?\s?17/],
      ['child-protection', /child protection|\bcpp?\b|s\.?\s?47/],
      ['looked-after', /looked[\s-]*after|\blac\b|\bcla\b|\bcic\b|child(?:ren)? in care/],
    ],
    'a social care status (none, early help, child in need, child protection or looked after)',
  );
}

export function parseCseRisk(v: CellValue): Parsed<CseRisk> {
  return byKeywords<CseRisk>(
    v,
    [
      ['not-checked', /not (?:yet )?checked|unchecked|unknown|^tbc$|^to check$/],
      ['none', /^(?:none|no|n|nil|nfa|clear)$|not on|not known to|no concerns?/],
      ['at-risk', /at risk|^(?:yes|y)$|on (?:the )?(?:cse )?list|^known/],
    ],
    'a CSE risk (not checked, none or at risk)',
  );
}

/** Referral source by keyword; anything else is Other, with a warning unless it says "other". */
export function parseReferralSource(v: CellValue): Parsed<ReferralSource> {
  return byKeywords<ReferralSource>(
    v,
    [
      ['support-safeguarding', /support (?:and|&) safeguarding|\bs ?& ?s\b|\bsss?\b|safeguarding/],
      ['ewo', /\bewo\b|\bews\b|education welfare|attendance/],
      ['send-lead', /\bsend\b/],
      ['cme-officer', /\bcme\b/],
      ['other', /^other\b/],
    ],
    'a referral source',
    { value: 'other', warning: 'The referral source is not one the app knows: recorded as Other.' },
  );
}

export function parseClosureReason(v: CellValue): Parsed<ClosureReason> {
  return byKeywords<ClosureReason>(
    v,
    [
      ['school-place', /school place|full[\s-]*time|back (?:in|to|at) school|returned to school|on roll/],
      ['ehe-confirmed', /\behe\b|home[\s-]*ed|elective/],
      ['alternative-provision', /alternative provision|\bap\b/],
      ['moved-out', /moved|out of (?:the )?(?:area|county|borough|authority)|relocat/],
      ['left-uk', /left (?:the )?uk|abroad|emigrat|overseas/],
      ['end-of-compulsory-age', /end of compulsory|compulsory school age|post[\s-]*16|end of year 11/],
      ['other', /^other\b/],
    ],
    'a closure reason',
    { value: 'other', warning: 'The closure reason is not one the app knows: recorded as Other.' },
  );
}

// ---------------------------------------------------------------------------------------------------
// Names, actions and notes

/**
 * "Example, Testy" (last name first, as MIS exports write it) or "Testy Example" (the last word is the
 * last name). Under a header that puts the surname first ("Surname, Forename"), a cell without the comma
 * is read surname first too: "Example Testy" (the first word is the last name). Null when there are not
 * two parts.
 */
export function splitFullName(
  text: string,
  surnameFirst = false,
): { firstName: string; lastName: string } | null {
  const comma = text.indexOf(',');
  if (comma > 0) {
    const lastName = text.slice(0, comma).trim();
    const firstName = text.slice(comma + 1).trim();
    return lastName && firstName ? { firstName, lastName } : null;
  }
  const words = text.trim().split(/\s+/);
  if (words.length < 2) return null;
  return surnameFirst
    ? { firstName: words.slice(1).join(' '), lastName: words[0] as string }
    : { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] as string };
}

/**
 * A lead professional written with their service in brackets, "A. Officer (EWO)": the name, and the
 * service (an agency involved). Only a service's initials in capitals count (EWO, EWS, CAMHS, YOT, S&S):
 * "Demo Lead (Ana Fictional)" is a name with a person in brackets, kept whole.
 */
export function splitLead(text: string): { name: string; service: string | null } {
  const m = /^(.*\S)\s*[([]\s*([A-Z][A-Z0-9&/]{1,9})\s*[)\]]$/.exec(text.trim());
  return m ? { name: m[1] as string, service: m[2] as string } : { name: text.trim(), service: null };
}

/** Bullets and numbering people put in front of list lines: "- ", "• ", "* ", "1. ", "2) ". */
const BULLET = /^\s*(?:[-*•–—]|\d{1,2}[.)])\s+/;

/**
 * The form two texts are compared in, so the same words are recognised again whatever the bullets,
 * spacing or capitals: an action or note already on a case is never added twice.
 */
export function textKey(text: string): string {
  return text.replace(BULLET, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** One action line from an Actions cell. */
export interface ActionLine {
  description: string;
  successMeasure: string | null;
  /** As typed after "due:", parsed by the caller. */
  due: string | null;
  /** An owner was named ("owner: ..."): the import cannot turn a name into a signed-in person. */
  ownerNamed: boolean;
}

/**
 * An Actions cell: one action a line (bullets and numbering dropped); a line may end with
 * ` | measure: ...`, ` | due: dd/mm/yyyy` and ` | owner: ...`, which is how the export writes them.
 */
export function parseActionLines(text: string): ActionLine[] {
  const out: ActionLine[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.replace(BULLET, '').trim();
    if (line === '') continue;
    const [description = '', ...parts] = line.split(/\s+\|\s*(?=(?:measure|due|owner)\s*:)/i);
    const action: ActionLine = {
      description: description.trim(),
      successMeasure: null,
      due: null,
      ownerNamed: false,
    };
    for (const part of parts) {
      const m = /^(measure|due|owner)\s*:\s*(.*)$/is.exec(part.trim());
      if (!m) continue;
      const key = (m[1] as string).toLowerCase();
      const value = (m[2] as string).trim();
      if (key === 'measure') action.successMeasure = value === '' ? null : value;
      else if (key === 'due') action.due = value === '' ? null : value;
      else action.ownerNamed = value !== '';
    }
    const key = textKey(action.description);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(action);
  }
  return out;
}

/** The line the export writes for an open action; {@link parseActionLines} reads it back. */
export function formatActionLine(a: {
  description: string;
  successMeasure: string;
  dueDate: LocalDate;
}): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const measure = oneLine(a.successMeasure);
  return `${oneLine(a.description)}${measure ? ` | measure: ${measure}` : ''} | due: ${formatUkDate(a.dueDate)}`;
}
