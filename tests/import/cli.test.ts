import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseImportArgs, UsageError } from '../../src/cli/import';
import { openSqliteStore } from '../../src/store/sqlite';
import { TEST_NOW } from '../helpers/api';
import { FIXTURES } from './helpers';

describe('import command arguments', () => {
  test('a file, with the flags in any order and --mapping in either form', () => {
    expect(parseImportArgs(['tracker.xlsx'])).toEqual({
      file: 'tracker.xlsx',
      dryRun: false,
      skipInvalid: false,
      mapping: null,
      receivedOn: null,
      receivedFrom: null,
      undoLast: false,
      help: false,
    });
    expect(parseImportArgs(['--dry-run', 'a.csv', '--mapping', 'm.json', '--skip-invalid'])).toEqual({
      file: 'a.csv',
      dryRun: true,
      skipInvalid: true,
      mapping: 'm.json',
      receivedOn: null,
      receivedFrom: null,
      undoLast: false,
      help: false,
    });
    expect(parseImportArgs(['a.csv', '--mapping=m.json']).mapping).toBe('m.json');
    expect(parseImportArgs(['--help']).help).toBe(true);
    expect(parseImportArgs(['a.csv', '--received-on', '2026-03-02']).receivedOn).toBe('2026-03-02');
    expect(parseImportArgs(['a.csv', '--received-on=2026-03-02']).receivedOn).toBe('2026-03-02');
    expect(parseImportArgs(['a.csv', '--received-from', 'Date out of education']).receivedFrom).toBe(
      'Date out of education',
    );
  });

  test.each([
    [[], /Name the file to import/],
    [['a.csv', 'b.csv'], /one file/],
    [['a.csv', '--mapping'], /--mapping needs a file/],
    [['a.csv', '--mapping', '--dry-run'], /--mapping needs a file/],
    [['a.csv', '--dry-run', '--dry-run'], /more than once/],
    [['a.csv', '--dry-run=yes'], /takes no value/],
    [['a.csv', '--force'], /Unknown option --force/],
    [['a.csv', '--received-on'], /--received-on needs a real date as YYYY-MM-DD/],
    [['a.csv', '--received-on', '02/03/2026'], /--received-on needs a real date/],
    [['a.csv', '--received-on', '2026-02-30'], /--received-on needs a real date/],
    [['a.csv', '--received-from', '--dry-run'], /--received-from needs the header of a column/],
    [['a.csv', '--received-on', '2026-03-02', '--received-from', 'X'], /not both/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseImportArgs(argv)).toThrow(UsageError);
    expect(() => parseImportArgs(argv)).toThrow(message);
  });
});

describe('import command', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let out: string[];
  let err: string[];
  let logSpy: jest.SpyInstance;
  let errorSpy: jest.SpyInstance;
  const fixture = (name: string) => join(FIXTURES, name);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cmoe-import-'));
    env = { SQLITE_PATH: join(dir, 'cmoe.sqlite') };
    out = [];
    err = [];
    logSpy = jest.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
    errorSpy = jest.spyOn(console, 'error').mockImplementation((s: unknown) => void err.push(String(s)));
  });
  afterEach(() => {
    logSpy.mockRestore();
    errorSpy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  async function stored() {
    const store = openSqliteStore(env.SQLITE_PATH as string);
    try {
      return { cases: await store.cases.list(), imports: await store.audit.query({ action: 'import' }) };
    } finally {
      await store.close();
    }
  }

  test('--undo-last removes what the last import created, prints refs only, and refuses a second undo', async () => {
    expect(await main([fixture('sample-tracker.csv')], env, TEST_NOW)).toBe(0);
    out = [];
    expect(await main(['--undo-last'], env, TEST_NOW)).toBe(0);
    const printed = out.join('\n');
    expect(printed).toMatch(
      /^Undid the import of 2026-03-25T10:00:00\.000Z: 10 cases removed, 0 put back, 0 left alone\.$/m,
    );
    expect(printed).toMatch(/^Removed: CMOE-0001, CMOE-0002, .*CMOE-0010$/m);
    expect((await stored()).cases).toEqual([]);
    expect(await main(['--undo-last'], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toMatch(/already undone/);
    expect([...out, ...err].join('\n')).not.toMatch(/Testy|Example|2013-05-14|14\/05\/2013/);
    expect(() => parseImportArgs(['--undo-last', 'a.csv'])).toThrow(/takes no file/);
    expect(() => parseImportArgs(['--undo-last', '--dry-run'])).toThrow(/no other option/);
  });

  test('a dry run prints every row and writes nothing; the import writes; a second import changes nothing', async () => {
    expect(await main([fixture('sample-tracker.xlsx'), '--dry-run'], env, TEST_NOW)).toBe(0);
    const report = out.join('\n');
    expect(report).toMatch(/^Dry run of worksheet "CMOE list": header in row 4, 20 columns read\./);
    expect(report).toMatch(/^row 5: create \(2 actions \(incomplete — from import\); 1 note\)$/m);
    expect(report).toMatch(/^row 15: create\n {4}warning: Out of education for 3 weeks/m);
    expect(report).toMatch(
      /10 rows: 10 to create, 0 to update, 0 unchanged, 0 rejected; 5 actions and 3 notes to add\./,
    );
    expect(report).toMatch(/Nothing was written\. Run again without --dry-run to import\./);
    expect((await stored()).cases).toEqual([]);

    out = [];
    expect(await main([fixture('sample-tracker.xlsx')], env, TEST_NOW)).toBe(0);
    expect(out.join('\n')).toMatch(/^row 5: create CMOE-0001/m);
    const after = await stored();
    expect(after.cases.length).toBe(10);
    expect(after.imports[0]?.userId).toMatch(/^cli:/);

    out = [];
    expect(await main([fixture('sample-tracker.csv')], env, TEST_NOW)).toBe(0);
    expect(out.join('\n')).toMatch(/10 rows: 0 created, 0 updated, 10 unchanged, 0 rejected/);
    // Nothing printed names a child.
    expect([...out, ...err].join('\n')).not.toMatch(/Testy|Example|2013-05-14|14\/05\/2013/);
  });

  test('rejected rows: the dry run exits 1 naming the cells, the import writes nothing unless --skip-invalid', async () => {
    expect(await main([fixture('with-errors.csv'), '--dry-run'], env, TEST_NOW)).toBe(1);
    expect(out.join('\n')).toMatch(
      /^row 3: REJECTED\n {4}problem: row 3, column 'DOB' \(C3\): is not a date/m,
    );
    expect(out.join('\n')).toMatch(/Fix the rejected rows, or import with --skip-invalid/);

    expect(await main([fixture('with-errors.csv')], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toMatch(
      /^5 of 7 rows cannot be imported, so nothing was written\.[\s\S]*row 4, column 'Reason' \(D4\): names no known category/,
    );
    expect((await stored()).cases).toEqual([]);

    expect(await main([fixture('with-errors.csv'), '--skip-invalid'], env, TEST_NOW)).toBe(0);
    expect((await stored()).cases.length).toBe(2);
  });

  test('a mapping file is read and checked', async () => {
    expect(
      await main(
        [fixture('custom-headers.csv'), '--mapping', fixture('custom-mapping.json'), '--dry-run'],
        env,
        TEST_NOW,
      ),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/Column F \(Old column\) is ignored\./);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"columns": {"Surname": "nickname"}, "extra": 1}');
    expect(await main([fixture('custom-headers.csv'), '--mapping', bad], env, TEST_NOW)).toBe(2);
    expect(err.join('\n')).toMatch(
      /The mapping file is not valid:\n {2}columns\.Surname: Invalid option[\s\S]*Usage:/,
    );
    writeFileSync(bad, '{not json');
    expect(await main([fixture('custom-headers.csv'), '--mapping', bad], env, TEST_NOW)).toBe(2);
    expect(err.join('\n')).toMatch(/not valid JSON/);
  });

  test('a missing, oversized or malformed file is a clear error that writes nothing and does not echo the path', async () => {
    expect(await main([join(dir, 'Testy Example referral.xlsx')], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toBe('The file cannot be read: check its path.');

    const big = join(dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 'a'));
    expect(await main([big], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toMatch(/larger than 8 MB/);

    expect(await main([fixture('not-a-spreadsheet.xlsx')], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toMatch(/The file is not a spreadsheet/);
    expect((await stored()).cases).toEqual([]);
  });

  test('a file with no date received is refused; with --received-on every new case takes that date, with a warning on its row', async () => {
    const file = fixture('council-a-no-received.csv');
    expect(await main([file, '--dry-run'], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toMatch(/has no column for: Date received[\s\S]*--received-on/);

    out = [];
    expect(await main([file, '--received-on', '2026-03-02', '--skip-invalid'], env, TEST_NOW)).toBe(0);
    const report = out.join('\n');
    expect(report).toMatch(
      /No Date received column: new cases are recorded as received on 02\/03\/2026, the date given for every row\./,
    );
    expect(report).toMatch(
      /^row 3: create CMOE-0001 \(1 note\)\n {4}warning: No date received: recorded as 02\/03\/2026, the date given for every row\.$/m,
    );
    expect(report.match(/warning: No date received/g)).toHaveLength(4);
    expect(report).toMatch(/5 rows: 4 created, 0 updated, 0 unchanged, 1 rejected/);
    const { cases } = await stored();
    expect(cases.map((c) => c.receivedOn)).toEqual(['2026-03-02', '2026-03-02', '2026-03-02', '2026-03-02']);
    expect([...out, ...err].join('\n')).not.toMatch(/Testy|Example|Sampla|14\/05\/2013/);
  });

  test('--mapping NAME reads the mapping saved in the tab: its columns are used; an unknown name is refused', async () => {
    const store = openSqliteStore(env.SQLITE_PATH as string);
    try {
      await store.importMappings.put({
        name: 'Council A',
        mapping: { columns: { 'Date out of education': 'receivedOn' } },
        savedBy: 'dev-admin',
        savedAt: TEST_NOW.toISOString(),
      });
    } finally {
      await store.close();
    }
    const file = fixture('council-a-no-received.csv');
    expect(await main([file, '--mapping', 'Nobody saved this', '--dry-run'], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toMatch(/The saved mapping was not found\./);
    out = [];
    expect(await main([file, '--mapping', 'Council A', '--skip-invalid'], env, TEST_NOW)).toBe(0);
    expect(out.join('\n')).not.toMatch(/warning: No date received/);
    const { cases } = await stored();
    expect(cases.length).toBeGreaterThan(0);
    // Rows 3 and 4 of the file: "Date out of education" 05/01/2026 and 02/02/2026, read as the date received.
    expect(cases.slice(0, 2).map((c) => c.receivedOn)).toEqual(['2026-01-05', '2026-02-02']);
  });

  test('--received-from takes the date received from another column; a row with that cell blank is rejected', async () => {
    const file = fixture('council-a-no-received.csv');
    expect(await main([file, '--dry-run', '--received-from', 'date out of education'], env, TEST_NOW)).toBe(
      1,
    );
    const report = out.join('\n');
    expect(report).toMatch(
      /^row 3: create \(1 note\)\n {4}warning: No date received: the date in column 'Date out of education' is used\.$/m,
    );
    expect(report).toMatch(
      /No Date received column: new cases take the date in column 'Date out of education'\./,
    );
    expect(report).toMatch(
      /^row 6: REJECTED\n {4}problem: row 6: Date received is required for a new case$/m,
    );

    expect(await main([file, '--received-from', 'Date left'], env, TEST_NOW)).toBe(1);
    expect(err.join('\n')).toMatch(/no column with the name given for the date received/);
  });

  test('a --received-on date after today is refused by the import, and nothing is written', async () => {
    expect(
      await main([fixture('council-a-no-received.csv'), '--received-on', '2026-03-26'], env, TEST_NOW),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/^The date given for every row is after today/);
    expect((await stored()).cases).toEqual([]);
  });

  test('bad usage exits 2 with the usage; SharePoint is refused', async () => {
    expect(await main([], env, TEST_NOW)).toBe(2);
    expect(err.join('\n')).toMatch(/Name the file to import\.\n\nUsage: npm run import/);
    expect(await main([fixture('sample-tracker.csv')], { ...env, STORE: 'sharepoint' }, TEST_NOW)).toBe(2);
  });
});
