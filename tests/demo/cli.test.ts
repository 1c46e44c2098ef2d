import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CASES, main, MAX_CASES, parseSeedArgs, UsageError } from '../../src/cli/seed';
import { openSqliteStore } from '../../src/store/sqlite';

describe('seed command arguments', () => {
  it('defaults to 200 cases, the default seed, no reset', () => {
    expect(parseSeedArgs([])).toEqual({ cases: DEFAULT_CASES, seed: undefined, reset: false, help: false });
  });

  it('reads --cases, --seed and --reset in either form', () => {
    expect(parseSeedArgs(['--cases', '5000', '--seed', '7', '--reset'])).toEqual({
      cases: 5000,
      seed: 7,
      reset: true,
      help: false,
    });
    expect(parseSeedArgs(['--reset', '--cases=12', '--seed=0'])).toEqual({
      cases: 12,
      seed: 0,
      reset: true,
      help: false,
    });
    expect(parseSeedArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--bogus'], /Unknown option --bogus/],
    [['--cases'], /--cases needs a number/],
    [['--cases', '--reset'], /--cases needs a number/],
    [['--cases', '5x'], /whole number/],
    [['--cases', '1e3'], /whole number/],
    [['--cases', '-5'], /needs a number|whole number/],
    [['--cases', '0'], /between 1 and/],
    [['--cases', String(MAX_CASES + 1)], /between 1 and/],
    [['--seed', '4294967296'], /between 0 and 4294967295/],
    [['--seed', '1.5'], /whole number/],
    [['--cases', '5', '--cases', '6'], /more than once/],
    [['5000'], /Unexpected argument "5000"/],
    [['--reset=yes'], /takes no value/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(UsageError);
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});

/** The moment the command runs at: the demo data is seeded as of that day. */
const NOW = new Date('2027-03-08T09:00:00.000Z');

describe('seed command', () => {
  let dir: string;
  let errors: jest.SpyInstance;
  let logs: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cmoe-seed-'));
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    logs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    errors.mockRestore();
    logs.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 with the usage on a bad argument', async () => {
    expect(await main(['--cases', 'many'], { SQLITE_PATH: join(dir, 'x.sqlite') }, NOW)).toBe(2);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/--cases must be a whole number[\s\S]*Usage:/);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });

  it('seeds an empty database, refuses a second time, and starts afresh with --reset', async () => {
    const path = join(dir, 'nested', 'cmoe.sqlite');
    const env = { SQLITE_PATH: path };
    expect(await main(['--cases', '8', '--seed', '3'], env, NOW)).toBe(0);
    expect(String(logs.mock.calls[0]?.[0])).toMatch(/as of 2027-03-08[\s\S]*8 cases/);

    expect(await main(['--cases', '8'], env, NOW)).toBe(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/already has data.*--reset/);

    // --reset deletes the files rather than opening them: a corrupt database is no obstacle.
    writeFileSync(path, 'not a database');
    writeFileSync(`${path}-wal`, 'stale');
    writeFileSync(`${path}-shm`, 'stale');
    expect(await main(['--cases', '5', '--reset'], env, NOW)).toBe(0);
    const store = openSqliteStore(path);
    try {
      expect(await store.cases.list()).toHaveLength(5);
    } finally {
      await store.close();
    }
  });
});
