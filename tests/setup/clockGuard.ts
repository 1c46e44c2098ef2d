/**
 * The clock guard (jest setupFilesAfterEnv): a test must never depend on the day it runs, so reading the
 * real clock for "now" (`new Date()` with no arguments, `Date()`, `Date.now()`) from our own code
 * (src/, tests/, bench/) while a test runs fails that test, naming the file and line. Fixing the clock is
 * how a test reads "now": inject a clock or `now` (the API's TEST_NOW, the bot's VirtualTiming), or
 * `jest.useFakeTimers({ now })`, which replaces this guarded Date for the test's duration.
 *
 * Production code reached from a test without an injected clock is caught too (its `new Date()` is our
 * code); libraries reading the time for themselves (node_modules) are not judged. The read throws, and
 * is also recorded, so a read whose error some code swallows still fails the test in afterEach.
 *
 * `ALLOWED` lists the real-time uses that are right as they are, each with its reason: they measure
 * elapsed time or stamp what no test decides by, never "today". `CLOCK_GUARD=off` turns the guard off
 * (to compare a run with and without it).
 */
import { appendFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

const ROOT = `${resolve(__dirname, '..', '..')}${sep}`;

/** Files (relative to the repository) whose reads of the real clock are legitimate, and why. */
export const ALLOWED: Record<string, string> = {
  // Log lines carry the real time of writing: nothing decides by it.
  'src/log.ts': 'log line timestamps',
  // Retry-After may be an HTTP date: the wait is measured from the real now, as the server meant it.
  'src/store/sharepoint/retry.ts': 'Retry-After waits',
  'src/store/sharepoint/graph.ts': 'Retry-After waits',
  // msal-node's token expiry is real time: the cache compares against the real clock.
  'src/auth/graphTokens.ts': 'Graph token cache expiry (msal gives real expiry times)',
  // When a migration was applied, as a record: nothing decides by it.
  'src/store/sqlite/migrations.ts': 'the applied_at stamp of each migration',
  // The browser tests' preparation lock and its timeouts are waits, not dates.
  'tests/e2e/harness.ts': 'preparation lock timeouts',
  // The fakes stamp what they store or issue as a real service would, in real time.
  'tests/fakes/tokenEndpoint.ts': 'issued tokens expire in real time, as Entra’s do',
  'tests/fakes/graph/graphFake.ts': 'SharePoint stamps items with its own clock',
  'tests/fakes/botConnector.ts': 'the connector’s tokens expire in real time',
  // msal-node stamps tokens with real expiry times: token cache tests start their clock at real now.
  'tests/fakes/realTime.ts': 'realTimeMs(), for token caches fed by msal',
};

export interface ClockRead {
  /** `new Date()`, `Date()` or `Date.now()`. */
  how: string;
  /** `path:line` of our code that read it. */
  where: string;
}

/** Where in our code the read was made, or null when it is a library's own (or allowed). */
export function offendingCaller(sites: NodeJS.CallSite[]): string | null {
  for (const site of sites) {
    const file = site.getFileName();
    if (!file || file.startsWith('node:') || !file.startsWith('/')) continue;
    if (file === __filename) continue;
    if (file.includes(`${sep}node_modules${sep}`)) return null;
    if (!file.startsWith(ROOT)) return null;
    const rel = relative(ROOT, file).split(sep).join('/');
    if (rel in ALLOWED) return null;
    return `${rel}:${site.getLineNumber() ?? '?'}`;
  }
  return null;
}

function callSites(skip: (...args: never[]) => unknown): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_e, sites) => sites;
  Error.stackTraceLimit = 12;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, skip);
  const sites = holder.stack as NodeJS.CallSite[] | undefined;
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  return Array.isArray(sites) ? sites : [];
}

/**
 * `path:line` with the line of the source rather than of the compiled code: the stack as jest prints it
 * (source-mapped) names the same file. Only worked out for a read that is reported.
 */
function sourceLine(where: string): string {
  const file = where.replace(/:[^:]*$/, '');
  const line = new Error().stack?.split('\n').find((l) => l.includes(`${ROOT}${file}:`));
  const mapped = line && new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(line);
  return mapped ? `${file}:${mapped[1]}` : where;
}

export class RealClockReadError extends Error {
  constructor(read: ClockRead) {
    super(
      `${read.where} read the real clock (${read.how}) in a test: a test never depends on the day it runs. ` +
        'Pass a clock or `now` in, or fix it with jest.useFakeTimers({ now }) (tests/setup/clockGuard.ts).',
    );
    this.name = 'RealClockReadError';
  }
}

/**
 * A Date that reports reads of "now" made by our code to `onRead` (which may throw); everything else
 * (dates from arguments, Date.parse, Date.UTC, instanceof) is the real Date's.
 */
export function guardedDate(RealDate: DateConstructor, onRead: (read: ClockRead) => void): DateConstructor {
  const check = (how: string, skip: (...args: never[]) => unknown) => {
    const where = offendingCaller(callSites(skip));
    if (where) onRead({ how, where: sourceLine(where) });
  };
  const now = function now(): number {
    check('Date.now()', now);
    return RealDate.now();
  };
  const guarded: DateConstructor = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      if (args.length === 0) check('new Date()', guarded as never);
      return Reflect.construct(target, args, newTarget === guarded ? target : newTarget) as object;
    },
    apply(target, thisArg, args) {
      check('Date()', guarded as never);
      return Reflect.apply(target, thisArg, args) as string;
    },
    get(target, prop, receiver) {
      if (prop === 'now') return now;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return guarded;
}

/** Unfixed reads not yet reported (the guard's own test reads and empties it). */
export const unfixedReads: ClockRead[] = [];

if (process.env.CLOCK_GUARD !== 'off' && typeof beforeEach === 'function') {
  const reads = unfixedReads;
  const RealDate = globalThis.Date;
  // CLOCK_GUARD=report (with CLOCK_GUARD_REPORT=<file>): list every read in the file instead of failing.
  const report = process.env.CLOCK_GUARD === 'report' ? process.env.CLOCK_GUARD_REPORT : undefined;
  globalThis.Date = guardedDate(RealDate, (read) => {
    if (report) {
      appendFileSync(
        report,
        `${read.where} ${read.how} ${expect.getState().currentTestName ?? '(outside a test)'}\n`,
      );
      return;
    }
    reads.push(read);
    throw new RealClockReadError(read);
  });
  const failOnReads = () => {
    if (reads.length === 0) return;
    const first = reads[0]!;
    const more = reads.length > 1 ? ` (and ${reads.length - 1} more read(s))` : '';
    reads.length = 0;
    const e = new RealClockReadError(first);
    e.message += more;
    throw e;
  };
  afterEach(failOnReads);
  afterAll(failOnReads);
}
