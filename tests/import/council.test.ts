/**
 * Three council tracker styles (tests/fixtures/council-*, synthetic names only), each read without a
 * mapping file: which field every column is matched to, and what happens to every row.
 */
import { InvalidError } from '../../src/domain/errors';
import type { ReceivedDateFallback } from '../../src/domain/importing';
import { importSpreadsheet } from '../../src/operations/importExport';
import { ADMIN_CALL, fixture, makeDeps } from './helpers';

const run = (
  name: string,
  options: { dryRun?: boolean; received?: ReceivedDateFallback; deps?: ReturnType<typeof makeDeps> } = {},
) =>
  importSpreadsheet(
    options.deps ?? makeDeps(),
    ADMIN_CALL,
    { bytes: fixture(name), fileName: name },
    { dryRun: options.dryRun ?? true, skipInvalid: true, mapping: null, received: options.received ?? null },
  );

const outcomes = (r: Awaited<ReturnType<typeof run>>) =>
  r.rows.map((x) => [x.row, x.outcome, ...x.issues.map((i) => `${i.cell}: ${i.message}`)]);

describe("style A, the issue's tracker: a title row, one field a column, and no date received", () => {
  const FILE = 'council-a-no-received.csv';

  test('every column is matched; without a date received the file is refused, saying how to go on', async () => {
    const refused = run(FILE);
    await expect(refused).rejects.toThrow(InvalidError);
    await expect(refused).rejects.toThrow(
      /The header row \(row 2\) has no column for: Date received .*--received-on, receivedOn.*--received-from, receivedFrom/,
    );
  });

  test('with one date for every row: the columns, and each row created or rejected', async () => {
    const r = await run(FILE, { received: { date: '2026-03-02' } });
    expect(r.headerRow).toBe(2);
    expect(r.columns.map((c) => [c.letter, c.header, c.field])).toEqual([
      ['A', 'Forename', 'firstName'],
      ['B', 'Surname', 'lastName'],
      ['C', 'D.O.B', 'dateOfBirth'],
      ['D', 'NCY', 'yearGroup'],
      ['E', 'Reason for referral', 'categories'],
      ['F', 'Date out of education', 'outOfEducationSince'],
      ['G', 'Current provision', 'provision'],
      ['H', 'Lead Professional', 'lead'],
      ['I', 'Referred by', 'referredBy'],
      ['J', 'Status', 'status'],
      ['K', 'Notes', 'notes'],
    ]);
    expect(r.skipped).toEqual([]);
    expect(outcomes(r)).toEqual([
      [3, 'create'],
      [4, 'create'],
      [5, 'create'],
      [6, 'create'],
      [
        7,
        'rejected',
        'E7: names no known category (such as permanent exclusion, suspensions, no school place, CME, medical, part-time or AP, EHE, off-rolling)',
      ],
    ]);
  });

  test('imported: names, hours out of the provision cell, the lead without the service, which joins the agencies', async () => {
    const deps = makeDeps();
    await run(FILE, { received: { date: '2026-03-02' }, dryRun: false, deps });
    const cases = await deps.store.cases.list();
    expect(cases.map((c) => [c.firstName, c.lastName, c.receivedOn])).toEqual([
      ['Testy', 'Example', '2026-03-02'],
      ['Sampla', 'Specimen', '2026-03-02'],
      ['Demo', 'Fictional', '2026-03-02'],
      ['Fakeley', 'Notreal', '2026-03-02'],
    ]);
    const [testy, sampla, , fakeley] = cases;
    expect(testy).toMatchObject({
      categories: ['permanently-excluded'],
      yearGroup: '8',
      lead: { id: null, name: 'A. Officer', email: null },
      agencies: ['EWO'],
      status: 'open',
    });
    expect(sampla).toMatchObject({
      provision: 'part-time-timetable',
      hoursPerWeek: 10,
      categories: ['part-time-or-ap'],
      lead: { name: 'B. Worker' },
      agencies: [],
      status: 'referred',
    });
    expect(fakeley).toMatchObject({
      categories: ['ehe-unsatisfactory'],
      provision: 'ehe',
      agencies: ['S&S'],
    });
  });
});

describe('style B, an MIS export: "Surname, Forename" in one column, a Referral date, provision with hours', () => {
  const FILE = 'council-b-mis.csv';

  test('every column is matched, "Referral date" as the date received, and each row created or rejected', async () => {
    const r = await run(FILE);
    expect(r.headerRow).toBe(1);
    expect(r.columns.map((c) => [c.letter, c.field])).toEqual([
      ['A', 'fullName'],
      ['B', 'dateOfBirth'],
      ['C', 'yearGroup'],
      ['D', 'categories'],
      ['E', 'receivedOn'],
      ['F', 'provision'],
      ['G', 'lead'],
      ['H', 'referralSource'],
      ['I', 'concern'],
      ['J', 'notes'],
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.notices).toContain(
      'Column E (Referral date) is read as the date received: the file has no Date received column.',
    );
    expect(outcomes(r)).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'create'],
      [5, 'rejected', 'A5: needs a first and a last name'],
    ]);
  });

  test('imported: names split surname first with or without the comma, hours, service and dates', async () => {
    const deps = makeDeps();
    await run(FILE, { dryRun: false, deps });
    const cases = await deps.store.cases.list();
    expect(cases.map((c) => [c.firstName, c.lastName, c.dateOfBirth, c.receivedOn])).toEqual([
      ['Testy', 'Example', '2013-05-14', '2026-03-20'],
      ['Sampla', 'Specimen', '2015-09-03', '2026-03-10'],
      ['Demo', 'Fictional', '2012-11-14', '2026-03-12'],
    ]);
    expect(cases[0]).toMatchObject({
      categories: expect.arrayContaining(['permanently-excluded', 'part-time-or-ap']),
      provision: 'part-time-timetable',
      hoursPerWeek: 10,
      lead: { name: 'A. Officer' },
      agencies: ['EWO'],
      referralSource: 'ewo',
      concern: 'high',
    });
    expect(cases[1]).toMatchObject({ provision: 'section-19', hoursPerWeek: 5, agencies: ['CAMHS'] });
    // Importing the same file again changes nothing: the stripped lead name and the agencies agree.
    const again = await run(FILE, { deps });
    expect(again.counts).toMatchObject({ unchanged: 3, rejected: 1 });
  });
});

describe('style C, a workbook: "Child name" as "Forename Surname", "Date referred", an Hrs column', () => {
  const FILE = 'council-c-workbook.xlsx';

  test('every column is matched under the title, and each row created or rejected', async () => {
    const r = await run(FILE);
    expect(r.headerRow).toBe(4);
    expect(r.columns.map((c) => [c.letter, c.field])).toEqual([
      ['A', 'fullName'],
      ['B', 'dateOfBirth'],
      ['C', 'yearGroup'],
      ['D', 'categories'],
      ['E', 'receivedOn'],
      ['F', 'provision'],
      ['G', 'hoursPerWeek'],
      ['H', 'lead'],
      ['I', 'referredBy'],
      ['J', 'status'],
      ['K', 'notes'],
    ]);
    expect(r.skipped).toEqual([]);
    expect(outcomes(r)).toEqual([
      [5, 'create'],
      [6, 'create'],
      [7, 'create'],
      [8, 'rejected', 'E8: is not a date (write it as dd/mm/yyyy)'],
    ]);
  });

  test('imported: the Hrs column wins over hours in the provision cell', async () => {
    const deps = makeDeps();
    await run(FILE, { dryRun: false, deps });
    const cases = await deps.store.cases.list();
    expect(cases.map((c) => [c.firstName, c.lastName, c.receivedOn, c.hoursPerWeek])).toEqual([
      ['Testy', 'Example', '2026-03-20', null],
      ['Sampla', 'Specimen', '2026-03-10', 12],
      ['Demo', 'Fictional', '2026-03-12', null],
    ]);
    expect(cases[2]).toMatchObject({ categories: ['ehe-unsatisfactory'], provision: 'ehe' });
  });
});
