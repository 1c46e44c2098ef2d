/**
 * The clock guard catches a test that reads the real clock unfixed, at run time (tests/setup/clockGuard.ts,
 * loaded for every test file) and in the editor (eslint.config.mjs's rule for tests/). The reads below
 * are made on purpose; each test takes what the guard recorded, so the guard's afterEach stays quiet.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { systemClock } from '../../src/clock';
import { RealClockReadError, offendingCaller, unfixedReads } from './clockGuard';

const ROOT = join(__dirname, '..', '..');

/** What the guard recorded since the last call, emptied (so afterEach does not fail this test). */
function takeReads(): string[] {
  return unfixedReads.splice(0).map((r) => `${r.how} at ${r.where.replace(/:\d+$/, '')}`);
}

afterEach(() => jest.useRealTimers());

describe('the clock guard at run time', () => {
  test('a test reading "now" unfixed fails, whichever way it reads it', () => {
    // eslint-disable-next-line no-restricted-syntax -- on purpose: the read the guard must catch
    expect(() => new Date()).toThrow(RealClockReadError);
    // eslint-disable-next-line no-restricted-syntax -- on purpose
    expect(() => Date.now()).toThrow(
      /tests\/setup\/clockGuard\.test\.ts:\d+ read the real clock \(Date\.now\(\)\)/,
    );
    // eslint-disable-next-line no-restricted-syntax -- on purpose
    expect(() => Date()).toThrow(RealClockReadError);
    expect(takeReads()).toEqual([
      'new Date() at tests/setup/clockGuard.test.ts',
      'Date.now() at tests/setup/clockGuard.test.ts',
      'Date() at tests/setup/clockGuard.test.ts',
    ]);
  });

  test('production code reached without an injected clock is caught where it reads the clock', () => {
    expect(() => systemClock()).toThrow(/src\/clock\.ts:\d+ read the real clock \(new Date\(\)\)/);
    expect(takeReads()).toEqual(['new Date() at src/clock.ts']);
  });

  test('a read whose error is swallowed is still recorded, for afterEach to fail the test', () => {
    try {
      // eslint-disable-next-line no-restricted-syntax -- on purpose
      void new Date();
    } catch {
      // swallowed, as careless code might
    }
    expect(takeReads()).toEqual(['new Date() at tests/setup/clockGuard.test.ts']);
  });

  test('a fixed clock reads freely: fake timers, and dates from arguments', () => {
    jest.useFakeTimers({ now: new Date('2027-03-27T23:30:00.000Z') });
    // eslint-disable-next-line no-restricted-syntax -- fixed: jest's fake timers, just above
    expect(new Date().toISOString()).toBe('2027-03-27T23:30:00.000Z');
    expect(systemClock().toISOString()).toBe('2027-03-27T23:30:00.000Z');
    jest.useRealTimers();
    expect(new Date('2028-02-29T12:00:00Z').getUTCDate()).toBe(29);
    expect(new Date(0) instanceof Date).toBe(true);
    expect(Date.UTC(2027, 2, 28)).toBe(Date.parse('2027-03-28T00:00:00Z'));
    expect(takeReads()).toEqual([]);
  });

  test('libraries and the allowed real-time uses are not judged; our own code is', () => {
    const site = (file: string, line = 3) => ({ getFileName: () => file, getLineNumber: () => line });
    const root = `${process.cwd()}/`;
    const judge = (...files: string[]) => offendingCaller(files.map((f) => site(f)) as never);
    expect(judge('node:internal/timers', `${root}node_modules/express/lib/response.js`)).toBeNull();
    expect(judge(`${root}src/log.ts`, `${root}src/api/app.ts`)).toBeNull();
    expect(judge(`${root}tests/fakes/tokenEndpoint.ts`)).toBeNull();
    expect(judge('node:internal/timers', `${root}src/operations/cases.ts`)).toBe('src/operations/cases.ts:3');
    expect(judge(`${root}tests/bot/sweep.test.ts`)).toBe('tests/bot/sweep.test.ts:3');
  });
});

describe('the clock rule of ESLint for tests/', () => {
  /** The lines of `code` the project's ESLint (its CLI and config, as `npm run lint`) flags for the clock. */
  const clockErrors = (code: string, filename = 'tests/unit/example.test.ts') => {
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
        '--stdin',
        '--stdin-filename',
        filename,
        '--format',
        'json',
      ],
      { input: code, encoding: 'utf8', cwd: ROOT },
    );
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; line: number }[] }[];
    return result!.messages
      .filter((m) => m.ruleId === 'no-restricted-syntax')
      .map((m) => code.split('\n')[m.line - 1]!.trim());
  };

  test('flags every unfixed read in a test, a clock passed as Date.now included, unless explicitly allowed', () => {
    const code = [
      'export const a = new Date();',
      'export const b = Date.now();',
      'export const c = Date();',
      'export const clock: () => number = Date.now;',
      "export const d = new Date('2027-03-08T09:00:00Z');",
      'export const e = Date.UTC(2027, 2, 8);',
      'export const f = new Date(e);',
      '// eslint-disable-next-line no-restricted-syntax -- real time: a timeout',
      'export const started = Date.now();',
      '',
    ].join('\n');
    const flagged = [
      'export const a = new Date();',
      'export const b = Date.now();',
      'export const c = Date();',
      'export const clock: () => number = Date.now;',
    ];
    expect(clockErrors(code)).toEqual(flagged);
    expect(clockErrors(code, 'tests/fakes/example.ts')).toEqual(flagged);
  });
});
