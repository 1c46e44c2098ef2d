import { ConflictError, InvalidError } from '../../src/domain/errors';
import { mappingFileSchema } from '../../src/domain/importColumns';
import { describeIssue, type ImportReport } from '../../src/domain/importing';
import type { Case } from '../../src/domain/types';
import { importSpreadsheet, type ImportOptions } from '../../src/operations/importExport';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite';
import { ADMIN_CALL, fixture, makeDeps, snapshot } from './helpers';

const DRY: ImportOptions = { dryRun: true, skipInvalid: false, mapping: null };
const REAL: ImportOptions = { dryRun: false, skipInvalid: false, mapping: null };

const csvText = () => new TextDecoder().decode(fixture('sample-tracker.csv'));
const bytesOf = (text: string) => new TextEncoder().encode(text);

/** What each row of the sample becomes (sheet row -> the case's fields that the row decides). */
const EXPECTED: [number, string, Partial<Case>][] = [
  [
    5,
    'CMOE-0001',
    {
      firstName: 'Testy',
      lastName: 'Example',
      dateOfBirth: '2013-05-14',
      yearGroup: '8',
      upn: 'Z123456789012',
      lastSchool: 'Demo Academy (synthetic)',
      categories: ['permanently-excluded'],
      provision: 'none',
      hoursPerWeek: null,
      outOfEducationSince: '2026-01-05',
      referralSource: 'ewo',
      referredBy: 'Demo Member (Bea Placeholder)',
      receivedOn: '2026-03-20',
      // The next meeting after receipt: 2026-04-06 is Easter Monday, so the meeting moves to Tuesday.
      referralDate: '2026-04-07',
      lead: { id: null, name: 'Demo Lead (Ana Fictional)', email: null },
      sendStatus: 'ehcp',
      socialCareStatus: 'child-in-need',
      concern: 'high',
      status: 'open',
    },
  ],
  [
    6,
    'CMOE-0002',
    {
      dateOfBirth: '2015-09-03',
      yearGroup: '5',
      categories: ['high-suspensions'],
      provision: 'part-time-timetable',
      hoursPerWeek: 10,
      outOfEducationSince: '2026-02-02',
      referralSource: 'support-safeguarding',
      receivedOn: '2026-03-10',
      lead: null,
      sendStatus: 'sen-support',
      socialCareStatus: 'early-help',
      concern: 'medium',
      status: 'monitoring',
    },
  ],
  [
    7,
    'CMOE-0003',
    {
      dateOfBirth: '2012-11-14',
      yearGroup: '8',
      categories: ['no-school-place'],
      outOfEducationSince: '2026-01-19',
      referralSource: 'cme-officer',
      receivedOn: '2026-03-12',
      concern: 'low',
      status: 'referred',
    },
  ],
  [
    9,
    'CMOE-0004',
    {
      dateOfBirth: '2011-01-20',
      // No year group typed: derived from the date of birth.
      yearGroup: '10',
      upn: 'Z98765432101A',
      categories: ['cme'],
      outOfEducationSince: '2026-01-06',
      referralSource: 'support-safeguarding',
      receivedOn: '2026-03-02',
      referralDate: '2026-03-09',
      sendStatus: 'none',
      socialCareStatus: 'child-protection',
      concern: 'high',
      status: 'escalated',
    },
  ],
  [
    10,
    'CMOE-0005',
    {
      dateOfBirth: '2014-02-28',
      yearGroup: '7',
      categories: ['medically-unfit'],
      provision: 'section-19',
      hoursPerWeek: 5,
      referralSource: 'send-lead',
      receivedOn: '2026-02-18',
    },
  ],
  [
    11,
    'CMOE-0006',
    {
      dateOfBirth: '2021-01-10',
      yearGroup: 'R',
      categories: ['part-time-or-ap'],
      provision: 'alternative-provision',
      hoursPerWeek: 15,
      receivedOn: '2026-03-02',
      sendStatus: 'none',
      socialCareStatus: 'none',
    },
  ],
  [
    13,
    'CMOE-0007',
    {
      dateOfBirth: '2010-07-22',
      yearGroup: '11',
      categories: ['ehe-unsatisfactory'],
      provision: 'ehe',
      referralSource: 'other',
      receivedOn: '2026-02-25',
    },
  ],
  [
    14,
    'CMOE-0008',
    {
      dateOfBirth: '2012-12-01',
      categories: ['off-rolling'],
      outOfEducationSince: '2026-02-16',
      receivedOn: '2026-03-04',
      // Blank RAG and status: medium, and open because the referral date (9 March) has passed.
      concern: 'medium',
      status: 'open',
      referralDate: '2026-03-09',
    },
  ],
  [
    15,
    'CMOE-0009',
    {
      dateOfBirth: '2014-04-01',
      categories: ['permanently-excluded', 'high-suspensions'],
      outOfEducationSince: '2026-03-01',
    },
  ],
  [
    16,
    'CMOE-0010',
    {
      dateOfBirth: '2016-10-05',
      yearGroup: '4',
      categories: ['cme'],
      outOfEducationSince: '2026-02-10',
      socialCareStatus: 'looked-after',
      receivedOn: '2026-03-16',
    },
  ],
];

function outcomes(report: ImportReport) {
  return report.rows.map((r) => [r.row, r.outcome, r.ref]);
}

describe.each(['sample-tracker.xlsx', 'sample-tracker.csv'])('importing %s', (file) => {
  test('the dry run finds the header under the title, skips blank rows and reports every row as a create, writing nothing', async () => {
    const deps = makeDeps();
    const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture(file) }, DRY);
    expect(report.headerRow).toBe(4);
    expect(report.format).toBe(file.endsWith('.xlsx') ? 'xlsx' : 'csv');
    expect(report.columns.map((c) => `${c.letter}:${c.field}`)).toEqual([
      'A:lastName',
      'B:firstName',
      'C:dateOfBirth',
      'D:yearGroup',
      'E:upn',
      'F:lastSchool',
      'G:categories',
      'H:provision',
      'I:hoursPerWeek',
      'J:outOfEducationSince',
      'K:referralSource',
      'L:referredBy',
      'M:receivedOn',
      'N:lead',
      'O:sendStatus',
      'P:socialCareStatus',
      'Q:concern',
      'R:status',
      'S:actions',
      'T:notes',
    ]);
    expect(outcomes(report)).toEqual(EXPECTED.map(([row]) => [row, 'create', null]));
    expect(report.rows.map((r) => [r.row, r.actions, r.updates])).toEqual([
      [5, 2, 1],
      [6, 0, 0],
      [7, 1, 0],
      [9, 0, 1],
      [10, 1, 0],
      [11, 0, 0],
      [13, 0, 1],
      [14, 0, 0],
      [15, 0, 0],
      [16, 1, 0],
    ]);
    expect(report.counts).toEqual({
      rows: 10,
      create: 10,
      update: 0,
      unchanged: 0,
      rejected: 0,
      conflict: 0,
      actions: 5,
      updates: 3,
    });
    // Eligibility warnings are reported, never a reason to drop a child.
    const warnings = Object.fromEntries(report.rows.map((r) => [r.row, r.warnings.join(' ')]));
    expect(warnings[15]).toMatch(/Out of education for 3 weeks, less than the 4 weeks/);
    expect(warnings[6]).toMatch(/not recorded as unstable or of concern/);
    expect(warnings[5]).toBe('');
    expect(report).toMatchObject({ dryRun: true, written: false });
    expect(await deps.store.cases.list()).toEqual([]);
    expect(await deps.store.audit.query()).toEqual([]);
  });

  test('the real import creates every row as the dry run said, with actions, notes and audit entries', async () => {
    const deps = makeDeps();
    const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture(file) }, REAL);
    expect(outcomes(report)).toEqual(EXPECTED.map(([row, ref]) => [row, 'create', ref]));
    expect(report.written).toBe(true);
    for (const [row, ref, fields] of EXPECTED) {
      const c = await deps.store.cases.get(ref);
      expect({ row, ...c }).toMatchObject({ row, ref, ...fields });
    }

    const actions = await deps.store.actions.list({ caseRef: 'CMOE-0001' });
    expect(
      actions.map((a) => [a.description, a.successMeasure, a.dueDate, a.owner, a.incompleteFromImport]),
    ).toEqual([
      // Due by the next meeting when the cell gives no date.
      ['Request a PRU place', '', '2026-04-07', null, true],
      ['EWO to visit home', 'visit recorded', '2026-04-10', null, true],
    ]);
    expect(actions.every((a) => a.status === 'open' && a.createdBy.id === 'dev-admin')).toBe(true);
    const timeline = await deps.store.updates.list('CMOE-0001');
    expect(timeline.map((u) => u.text)).toEqual([
      'Parent reports no contact from school since January (synthetic note).',
    ]);

    const audit = await deps.store.audit.query({ limit: 1000 });
    const count = (action: string) => audit.filter((e) => e.action === action).length;
    expect([
      count('case.create'),
      count('action.create'),
      count('case.update-added'),
      count('import'),
    ]).toEqual([10, 5, 3, 1]);
    const entry = audit.find((e) => e.action === 'import');
    expect(entry).toMatchObject({ userId: 'dev-admin', target: `import:${report.format}` });
    expect(entry?.fields).toEqual([
      'rows=10',
      'created=10',
      'updated=0',
      'unchanged=0',
      'rejected=0',
      'conflicts=0',
      'actions=5',
      'updates=3',
    ]);
    // No value reaches the audit log.
    expect(JSON.stringify(audit)).not.toMatch(/Testy|Example|2013-05-14|Z123456789012/);
  });

  test('importing the same file again changes nothing: every row is unchanged, actions and notes included', async () => {
    const deps = makeDeps();
    await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture(file) }, REAL);
    const before = await snapshot(deps.store);
    const again = await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture(file) }, REAL);
    expect(outcomes(again)).toEqual(EXPECTED.map(([row, ref]) => [row, 'unchanged', ref]));
    expect(again.written).toBe(false);
    const after = await snapshot(deps.store);
    expect(after.cases).toEqual(before.cases);
    expect(after.actions).toEqual(before.actions);
    expect(after.updates).toEqual(before.updates);
    expect(after.audit.length).toBe(before.audit.length + 1);
    expect(after.audit[0]?.fields).toContain('unchanged=10');
  });
});

describe('importing changes', () => {
  test('the CSV of the same tracker matches the cases the workbook created, so nothing changes', async () => {
    const deps = makeDeps();
    await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.xlsx') }, REAL);
    const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.csv') }, DRY);
    expect(report.counts).toMatchObject({ unchanged: 10, create: 0, update: 0 });
  });

  test('a changed row updates only what changed, adds new actions and notes once, and leaves the rest unchanged', async () => {
    const deps = makeDeps();
    await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.csv') }, REAL);
    const edited = csvText()
      .replace(
        'Amber,Monitoring,,',
        'Red,Open,Arrange a place at the PRU | due: 15/04/2026,Visited on 20 March (synthetic).',
      )
      .replace(
        'Chase admissions for a Year 8 place',
        '"Chase admissions for a Year 8 place\nSecond action (synthetic)"',
      );
    const dry = await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(edited) }, DRY);
    const byRow = Object.fromEntries(dry.rows.map((r) => [r.row, r]));
    expect(byRow[6]).toMatchObject({
      outcome: 'update',
      ref: 'CMOE-0002',
      fields: ['concern', 'status'],
      actions: 1,
      updates: 1,
    });
    expect(byRow[7]).toMatchObject({
      outcome: 'update',
      ref: 'CMOE-0003',
      fields: [],
      actions: 1,
      updates: 0,
    });
    expect(dry.counts).toMatchObject({ update: 2, unchanged: 8 });

    const before = await deps.store.cases.get('CMOE-0002');
    const real = await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(edited) }, REAL);
    expect(real.counts).toMatchObject({ update: 2, unchanged: 8 });
    const after = await deps.store.cases.get('CMOE-0002');
    expect(after).toMatchObject({ concern: 'high', status: 'open', version: (before?.version ?? 0) + 1 });
    // A change of status or concern is progress for the stuck rule.
    expect(after?.lastProgressAt).toBe(ADMIN_CALL.now.toISOString());
    expect(
      (await deps.store.actions.list({ caseRef: 'CMOE-0003' })).map((a) => a.description).sort(),
    ).toEqual(['Chase admissions for a Year 8 place', 'Second action (synthetic)']);
    const audit = await deps.store.audit.query({ action: 'case.update' });
    expect(audit).toEqual([
      expect.objectContaining({
        target: 'CMOE-0002',
        fields: ['concern', 'status'],
        fromVersion: 1,
        toVersion: 2,
      }),
    ]);

    const third = await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(edited) }, DRY);
    expect(third.counts).toMatchObject({ unchanged: 10 });
  });

  test('rows match by ref, else by UPN, else by name and date of birth', async () => {
    const deps = makeDeps();
    await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.csv') }, REAL);
    const file = [
      'Ref,Surname,Forename,DOB,UPN,Reason,Date received,Last school',
      // By ref: the first name is corrected (surname and date of birth agree).
      'CMOE-0004,Notreal,Fakely,20/01/2011,,CME,02/03/2026,',
      // By UPN: no ref; the last school changes.
      ',Example,Testy,14/05/2013,z123456789012,Perm ex,20/03/2026,Demo Other School (synthetic)',
      // By first name, last name and date of birth, whatever the capitals.
      ',FICTIONAL,demo,14/11/2012,,No school place,12/03/2026,',
      // A ref that matches nothing: a new case with a new ref.
      'CMOE-0999,Newchild,Stubba,01/02/2015,,CME,20/03/2026,',
    ].join('\n');
    const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(file) }, DRY);
    expect(report.rows.map((r) => [r.row, r.outcome, r.ref, r.fields])).toEqual([
      [2, 'update', 'CMOE-0004', ['firstName']],
      [3, 'update', 'CMOE-0001', ['lastSchool']],
      [4, 'unchanged', 'CMOE-0003', []],
      [5, 'create', null, []],
    ]);
    expect(report.rows[3]?.warnings).toContain(
      'The ref matches no case: the case is created with a new ref.',
    );
  });

  test('children who share a name and date of birth but not a UPN are different children', async () => {
    const deps = makeDeps();
    const header = 'Surname,Forename,DOB,UPN,Reason,Date received';
    const file = [
      header,
      'Twin,Sam,01/02/2015,A123456789012,CME,20/03/2026',
      'Twin,Sam,01/02/2015,B123456789012,CME,20/03/2026',
      // Without a UPN it could be either: refused rather than guessed.
      'Twin,Sam,01/02/2015,,CME,20/03/2026',
    ].join('\n');
    const first = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: bytesOf(file) },
      { ...REAL, skipInvalid: true },
    );
    expect(first.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'rejected'],
    ]);
    const third = [header, 'Twin,Sam,01/02/2015,C123456789012,CME,20/03/2026'].join('\n');
    expect((await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(third) }, DRY)).rows[0]?.outcome).toBe(
      'create',
    );
    const noUpn = [header, 'Twin,Sam,01/02/2015,,CME,20/03/2026'].join('\n');
    expect(
      (await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(noUpn) }, DRY)).rows[0]?.issues[0]?.message,
    ).toBe('matches 2 cases by name and date of birth: add the ref or UPN to say which');
  });

  test('a ref or UPN that belongs to another child is rejected, never merged', async () => {
    const deps = makeDeps();
    await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.csv') }, REAL);
    const file = [
      'Ref,Surname,Forename,DOB,UPN,Reason,Date received',
      'CMOE-0001,Other,Child,01/01/2015,,CME,02/03/2026',
      ',Other,Child,01/01/2015,Z98765432101A,CME,02/03/2026',
    ].join('\n');
    const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(file) }, DRY);
    expect(report.rows.map((r) => [r.row, r.outcome, r.issues.map((i) => i.cell)])).toEqual([
      [2, 'rejected', ['A2']],
      [3, 'rejected', ['E3']],
    ]);
  });

  test('changing a closed case, or closing, reopening or escalating by import, is refused with the cell', async () => {
    const deps = makeDeps();
    await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('sample-tracker.csv') }, REAL);
    const c = (await deps.store.cases.get('CMOE-0003')) as Case;
    await deps.store.cases.update(
      c.ref,
      c.version,
      { status: 'closed', closure: { reason: 'moved-out', date: '2026-03-24', note: null } },
      ADMIN_CALL.now.toISOString(),
    );
    const file = [
      'Surname,Forename,DOB,Reason,Date received,Status,RAG',
      'Fictional,Demo,14/11/2012,No school place,12/03/2026,Closed,Red',
      'Example,Testy,14/05/2013,Perm ex,20/03/2026,Closed,Red',
      'Notreal,Fakeley,20/01/2011,CME,02/03/2026,Open,High',
    ].join('\n');
    const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: bytesOf(file) }, DRY);
    expect(
      report.rows.map((r) => [r.row, r.outcome, r.issues.map((i) => `${i.cell}: ${i.message}`)]),
    ).toEqual([
      [2, 'rejected', ['G2: changes a closed case (concern): reopen it in the app first']],
      [3, 'rejected', [expect.stringMatching(/^F3: differs, and closing, reopening or escalating/)]],
      [4, 'rejected', [expect.stringMatching(/^F4: differs, and closing, reopening or escalating/)]],
    ]);
  });

  test('a case changed in the app while the import runs is reported as a conflict for that row, not overwritten', async () => {
    const base = openSqliteStore(':memory:');
    await importSpreadsheet(makeDeps(base), ADMIN_CALL, { bytes: fixture('sample-tracker.csv') }, REAL);
    // A store whose first conditional update loses a race with someone editing the same case in the tab.
    let raced = false;
    const racing: Store = {
      ...base,
      cases: {
        list: (q) => base.cases.list(q),
        get: (ref) => base.cases.get(ref),
        create: (input, now) => base.cases.create(input, now),
        createMany: (all) => base.cases.createMany(all),
        update: async (ref, version, patch, now) => {
          if (!raced) {
            raced = true;
            const current = (await base.cases.get(ref)) as Case;
            await base.cases.update(
              ref,
              current.version,
              { lastSchool: 'Changed in the tab (synthetic)' },
              now,
            );
          }
          return base.cases.update(ref, version, patch, now);
        },
      },
    };
    const edited = csvText().replace('Amber,Monitoring', 'Red,Open');
    const report = await importSpreadsheet(makeDeps(racing), ADMIN_CALL, { bytes: bytesOf(edited) }, REAL);
    const row = report.rows.find((r) => r.row === 6);
    expect(row).toMatchObject({ outcome: 'conflict', ref: 'CMOE-0002' });
    expect(row?.issues[0]?.message).toMatch(/changed in the app while the import ran/);
    expect(report.counts).toMatchObject({ conflict: 1, unchanged: 9 });
    const stored = await base.cases.get('CMOE-0002');
    expect(stored).toMatchObject({
      lastSchool: 'Changed in the tab (synthetic)',
      concern: 'medium',
      status: 'monitoring',
    });
    const entry = (await base.audit.query({ action: 'import' }))[0];
    expect(entry?.fields).toContain('conflicts=1');
    // The store itself refuses the stale write: the operation only reports it.
    await expect(
      base.cases.update('CMOE-0002', 1, { concern: 'high' }, ADMIN_CALL.now.toISOString()),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('rows with problems', () => {
  const ERRORS: [number, string, string | null][] = [
    [3, 'rejected', "row 3, column 'DOB' (C3): is not a date (write it as dd/mm/yyyy)"],
    [4, 'rejected', "row 4, column 'Reason' (D4): names no known category"],
    [5, 'rejected', "row 5, column 'DOB' (C5): is required for a new case"],
    [6, 'rejected', 'row 6: has the same name and date of birth as row 2'],
    [7, 'rejected', "row 7, column 'Date received' (E7): is not a date (write it as dd/mm/yyyy)"],
  ];

  test('the dry run names each rejected row, column and cell, and never the value', async () => {
    const deps = makeDeps();
    const report = await importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('with-errors.csv') }, DRY);
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'create'],
      ...ERRORS.map(([row, outcome]) => [row, outcome]),
      [8, 'create'],
    ]);
    for (const [row, , text] of ERRORS) {
      const issues = report.rows.find((r) => r.row === row)?.issues.map(describeIssue) ?? [];
      expect(issues[0]?.startsWith(text as string)).toBe(true);
    }
    expect(JSON.stringify(report)).not.toMatch(/31\/02\/2015|Sports|last Tuesday|Sampla|Specimen/);
  });

  test('a real import with rejected rows writes nothing and says which cells to fix', async () => {
    const deps = makeDeps();
    const error = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: fixture('with-errors.csv') },
      REAL,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).message).toMatch(
      /^5 of 7 rows cannot be imported, so nothing was written/,
    );
    expect((error as InvalidError).issues.map((i) => i.path)).toEqual([
      "row 3, column 'DOB' (C3)",
      "row 4, column 'Reason' (D4)",
      "row 5, column 'DOB' (C5)",
      'row 6',
      "row 7, column 'Date received' (E7)",
    ]);
    expect(await snapshot(deps.store)).toEqual({ cases: [], actions: [], updates: [], audit: [] });
  });

  test('with skip-invalid the valid rows are imported and the rejected ones counted', async () => {
    const deps = makeDeps();
    const report = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: fixture('with-errors.csv') },
      {
        ...REAL,
        skipInvalid: true,
      },
    );
    expect(report.rows.filter((r) => r.outcome === 'create').map((r) => [r.row, r.ref])).toEqual([
      [2, 'CMOE-0001'],
      [8, 'CMOE-0002'],
    ]);
    expect((await deps.store.cases.list()).length).toBe(2);
    expect((await deps.store.audit.query({ action: 'import' }))[0]?.fields).toEqual(
      expect.arrayContaining(['created=2', 'rejected=5']),
    );
  });
});

describe('mapping file', () => {
  test('maps headers nobody could guess, and ignores the columns it says to', async () => {
    const deps = makeDeps();
    const mapping = mappingFileSchema.parse(
      JSON.parse(new TextDecoder().decode(fixture('custom-mapping.json'))),
    );
    const withMapping = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: fixture('custom-headers.csv') },
      { ...DRY, mapping },
    );
    expect(withMapping.columns.map((c) => c.field)).toEqual([
      'lastName',
      'firstName',
      'dateOfBirth',
      'categories',
      'receivedOn',
    ]);
    expect(withMapping.skipped).toEqual([{ letter: 'F', header: 'Old column', reason: 'ignored' }]);
    expect(withMapping.counts).toMatchObject({ create: 2 });

    await expect(
      importSpreadsheet(deps, ADMIN_CALL, { bytes: fixture('custom-headers.csv') }, DRY),
    ).rejects.toThrow(/has no column for: Date of birth \(or DOB\), Category \(or Reason\), Date received/);
  });
});
