/**
 * Header recognition for the variants council trackers use, the values read out of combined cells
 * (provision with hours, lead with service, one name column), and the documented list of headers, which
 * is checked against the code's table so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bindHeaderRow,
  fieldForHeader,
  headerMappingOf,
  normaliseHeader,
  RECOGNISED_HEADERS,
  surnameFirst,
} from '../../src/domain/importColumns';
import { readImportSheet } from '../../src/domain/importing';
import { hoursInText, parseProvision, splitFullName, splitLead } from '../../src/domain/importValues';

const NO_MAPPING = headerMappingOf(null);

describe('the documented list of recognised headers', () => {
  test('docs/import-headers.md lists exactly the headers the code recognises, field by field', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'import-headers.md'), 'utf8');
    const table = /<!-- recognised-headers:start -->([\s\S]*)<!-- recognised-headers:end -->/.exec(doc)?.[1];
    expect(table).toBeDefined();
    const rows = (table as string)
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .slice(2)
      .map((l) => l.split('|').map((c) => c.trim()));
    const documented = rows.map(([, field, header, aliases]) => ({
      field,
      header: (header as string).replace(/`/g, ''),
      aliases:
        (aliases as string) === '' ? [] : (aliases as string).split(/`,\s*`/).map((a) => a.replace(/`/g, '')),
    }));
    expect(documented).toEqual(RECOGNISED_HEADERS.map((r) => ({ ...r, aliases: [...r.aliases] })));
  });
});

describe('header variants councils use', () => {
  test.each([
    ['Date referred', 'receivedOn'],
    ['Date Referred:', 'receivedOn'],
    ['Date of referral', 'receivedOn'],
    ['Date received', 'receivedOn'],
    ['Referred on', 'receivedOn'],
    ['Surname, Forename', 'fullName'],
    ['SURNAME, FORENAME', 'fullName'],
    ['Pupil name', 'fullName'],
    ['Child name', 'fullName'],
    ["Child's name", 'fullName'],
    ['Forename Surname', 'fullName'],
    ['D.O.B', 'dateOfBirth'],
    ['D.O.B.', 'dateOfBirth'],
    ['DOB', 'dateOfBirth'],
    ['Yr', 'yearGroup'],
    ['NCY', 'yearGroup'],
    ['Year', 'yearGroup'],
    ['Year group', 'yearGroup'],
    ['Yr grp', 'yearGroup'],
    ['Year group (NCY)', 'yearGroup'],
    ['Current provision', 'provision'],
    ['Provision and hours', 'provision'],
    ['Lead Professional', 'lead'],
    ['Lead officer', 'lead'],
    ['Reason for referral', 'categories'],
    ['Referred by', 'referredBy'],
    ['Date out of education', 'outOfEducationSince'],
  ])('"%s" is %s', (header, field) => {
    expect(fieldForHeader(header, NO_MAPPING)).toBe(field);
  });

  test('no header is claimed by two fields, and each normalises to something', () => {
    const seen = new Map<string, string>();
    for (const r of RECOGNISED_HEADERS)
      for (const h of [r.header, ...r.aliases]) {
        const key = normaliseHeader(h);
        expect(key).not.toBe('');
        expect(seen.get(key) ?? r.field).toBe(r.field);
        seen.set(key, r.field);
      }
  });

  test('"Referral date" is the date received when the file has no Date received column', () => {
    const bound = bindHeaderRow(['Surname', 'Forename', 'DOB', 'Reason', 'Referral date'], 2, NO_MAPPING);
    expect(bound.columns.find((c) => c.letter === 'E')).toEqual({
      index: 4,
      letter: 'E',
      header: 'Referral date',
      field: 'receivedOn',
      stoodInFor: 'referralDate',
    });
    expect(bound.skipped).toEqual([]);
  });

  test('beside a Date received column, "Referral date" stays the computed column that is not imported', () => {
    const bound = bindHeaderRow(['Surname', 'Date received', 'Referral date'], 1, NO_MAPPING);
    expect(bound.columns.map((c) => [c.letter, c.field])).toEqual([
      ['A', 'lastName'],
      ['B', 'receivedOn'],
    ]);
    expect(bound.skipped).toEqual([{ letter: 'C', header: 'Referral date', reason: 'computed' }]);
  });

  test('"Panel date" or a mapped "Referral date" is never taken for the date received', () => {
    expect(bindHeaderRow(['Surname', 'Panel date'], 1, NO_MAPPING).skipped).toEqual([
      { letter: 'B', header: 'Panel date', reason: 'computed' },
    ]);
    const mapped = headerMappingOf({ columns: { 'Referral date': 'referralDate' } });
    expect(bindHeaderRow(['Surname', 'Referral date'], 1, mapped).columns.map((c) => c.field)).toEqual([
      'lastName',
    ]);
  });
});

describe('values in combined cells', () => {
  test('one name column: at the comma, else the last word is the surname unless the header puts it first', () => {
    expect(splitFullName('Example, Testy')).toEqual({ firstName: 'Testy', lastName: 'Example' });
    expect(splitFullName('Testy Ann Example')).toEqual({ firstName: 'Testy Ann', lastName: 'Example' });
    expect(splitFullName('Example Testy Ann', true)).toEqual({ firstName: 'Testy Ann', lastName: 'Example' });
    expect(splitFullName('Example, Testy', true)).toEqual({ firstName: 'Testy', lastName: 'Example' });
    expect(splitFullName('Example', true)).toBeNull();
    expect(surnameFirst('Surname, Forename')).toBe(true);
    expect(surnameFirst('Surname Forename')).toBe(true);
    expect(surnameFirst('Forename Surname')).toBe(false);
    expect(surnameFirst('Pupil name')).toBe(false);
  });

  test.each([
    ['Part time timetable 10hrs', 10],
    ['PTT - 15 hours a week', 15],
    ['Tuition 2.5 hrs', 2.5],
    ['AP 12h', 12],
    ['Part time timetable', null],
    ['PTT 10hrs, was 5 hrs', null],
    ['PTT from 10/03/2026', null],
    ['PTT until 12:30', null],
    ['Tuition 60 hours', null],
  ])('hours in "%s": %p', (text, hours) => {
    expect(hoursInText(text)).toBe(hours);
  });

  test('a provision cell with hours is still read for the provision', () => {
    expect(parseProvision({ kind: 'text', text: 'Part time timetable 10hrs' })).toEqual({
      ok: true,
      value: 'part-time-timetable',
    });
  });

  test('a lead with the service in brackets: the name, and the service when it is initials in capitals', () => {
    expect(splitLead('A. Officer (EWO)')).toEqual({ name: 'A. Officer', service: 'EWO' });
    expect(splitLead('B Worker [CAMHS]')).toEqual({ name: 'B Worker', service: 'CAMHS' });
    expect(splitLead('C. Duty (S&S)')).toEqual({ name: 'C. Duty', service: 'S&S' });
    expect(splitLead('Demo Lead (Ana Fictional)')).toEqual({
      name: 'Demo Lead (Ana Fictional)',
      service: null,
    });
    expect(splitLead('A. Officer')).toEqual({ name: 'A. Officer', service: null });
  });
});

describe('the date received from another column', () => {
  const sheet = {
    name: 'Sheet1',
    rows: [
      ['Surname', 'Forename', 'DOB', 'Reason', 'Came in'],
      ['Example', 'Testy', '14/05/2013', 'Perm ex', '02/03/2026'],
      ['Specimen', 'Sampla', '03/09/2015', 'FTE', 'soon'],
      ['Fictional', 'Demo', '14/11/2012', 'CME', '=TODAY()'],
    ],
  };

  test('a column no field claims is read with the date rules, and a cell that is not a date is an issue', () => {
    const read = readImportSheet([sheet], null, '2026-03-25', { column: 'came in' });
    expect(read.skipped).toEqual([{ letter: 'E', header: 'Came in', reason: 'unknown' }]);
    expect(
      read.rows.map((r) => [
        r.receivedFallback?.date ?? null,
        r.issues.map((i) => `${i.cell}: ${i.message}`),
      ]),
    ).toEqual([
      ['2026-03-02', []],
      [null, ['E3: is not a date (write it as dd/mm/yyyy) (it is used as the date received)']],
      [null, [expect.stringMatching(/^E4: starts like a formula/)]],
    ]);
    expect(read.rows[0]?.values.receivedOn).toBeUndefined();
  });

  test('a column the header row does not have refuses the file', () => {
    expect(() => readImportSheet([sheet], null, '2026-03-25', { column: 'Date left' })).toThrow(
      /no column with the name given for the date received/,
    );
  });
});
