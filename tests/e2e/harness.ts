/**
 * End-to-end harness: Debian's Chromium driven by playwright-core against the built server
 * (`node dist/src/server.js`, what `npm start` runs) on a temporary SQLite database with synthetic data.
 *
 * `prepareE2E()` makes a fresh machine ready by itself: it installs Chromium with apt-get when it is
 * missing and we are root (CI), or stops with the exact command to run; and it runs `npm run build`
 * when dist/ is missing or older than the sources. Jest runs test files in parallel workers, so the
 * preparation happens under a lock directory and the second worker waits for the first.
 *
 * Every server is a child process stopped by its own pid; every browser context refuses any request
 * that is not to the server (teams-js's validDomains.json is answered locally).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
const AXE = require.resolve('axe-core/axe.min.js');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Generous: a fresh CI machine installs Chromium and builds before the first test. */
export const PREPARE_TIMEOUT_MS = 15 * 60_000;
export const E2E_TEST_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The moment every browser test starts at, whatever day it runs: the server gets it as CLOCK_START and
 * each page's clock is set to the server's time (Playwright's clock), so "today" is the same on both
 * sides and the demo data is seeded for that day. A Monday morning whose 21st day on is Easter Monday.
 * `E2E_CLOCK_START` (an ISO time) runs the browser tests at another moment (.ci/run's date matrix).
 */
export const E2E_CLOCK_START = new Date(process.env.E2E_CLOCK_START ?? '2027-03-08T09:00:00.000Z');
if (Number.isNaN(E2E_CLOCK_START.getTime()))
  throw new Error('E2E_CLOCK_START must be an ISO time, like 2027-03-08T09:00:00Z');

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log("[e2e] Chromium is missing: installing Debian's chromium with apt-get (once per machine)…");
    const r = spawnSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
      { stdio: 'inherit' },
    );
    if (r.status === 0 && existsSync(CHROMIUM)) return;
  }
  throw new Error(
    `The browser tests need Debian's Chromium at ${CHROMIUM}, and it is not installed.\n` +
      'Install it once, then run the tests again:\n\n' +
      '    sudo apt-get update && sudo apt-get install -y chromium\n',
  );
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when dist/ lacks the server or the tab, or a source changed after they were built. */
export function buildIsStale(): boolean {
  const outputs = [join(ROOT, 'dist', 'src', 'server.js'), join(ROOT, 'dist', 'tab', 'index.html')];
  if (outputs.some((o) => !existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  const inputs = [
    'src',
    'package.json',
    'vite.config.ts',
    'tsconfig.json',
    'tsconfig.base.json',
    'tsconfig.build.json',
    'tsconfig.tab.json',
  ];
  return inputs.some((i) => newestMtime(join(ROOT, i)) > built);
}

function ensureBuilt(): void {
  if (!buildIsStale()) return;
  console.log('[e2e] dist/ is missing or older than the sources: running npm run build…');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0)
    throw new Error('npm run build failed; the browser tests need the built server and tab.');
}

/** Chromium installed and dist/ fresh, done once across parallel jest workers. */
export async function prepareE2E(): Promise<void> {
  const lock = join(tmpdir(), `cmoe-e2e-prepare-${ROOT.replace(/[^a-z0-9]/gi, '_')}.lock`);
  // eslint-disable-next-line no-restricted-syntax -- real time: the preparation lock’s timeouts
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after the longest preparation could take.
      // eslint-disable-next-line no-restricted-syntax -- real time: the preparation lock’s timeouts
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > PREPARE_TIMEOUT_MS)
        rmSync(lock, { recursive: true, force: true });
      // eslint-disable-next-line no-restricted-syntax -- real time: the preparation lock’s timeouts
      if (Date.now() - started > PREPARE_TIMEOUT_MS) throw new Error(`Timed out waiting for ${lock}`);
      await sleep(500);
    }
  }
  try {
    ensureChromium();
    ensureBuilt();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolvePort(port));
    });
  });
}

export interface TestServer {
  url: string;
  pid: number;
  /** The server's time now: its CLOCK_START plus the time since it was started (within a second). */
  now(): Date;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/src/server.js` on a free port over a new SQLite file seeded with `seedCases`, its
 * clock starting at `clockStart` (default E2E_CLOCK_START).
 */
export async function startServer(opts: {
  seedCases: number;
  clockStart?: Date;
  /** A database file kept after `stop()` (a second server can open it later, on another day). */
  sqlitePath?: string;
  /** Further settings (e.g. RETENTION_RULE). */
  env?: Record<string, string>;
}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cmoe-e2e-'));
  const port = await freePort();
  const clockStart = opts.clockStart ?? E2E_CLOCK_START;
  // Measured on the monotonic clock, as the server measures its own.
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'server.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      STORE: 'sqlite',
      SQLITE_PATH: opts.sqlitePath ?? join(dir, 'cmoe.sqlite'),
      AUTH_MODE: 'dev',
      SEED_DEMO: 'true',
      SEED_CASES: String(opts.seedCases),
      LOG_LEVEL: 'warn',
      CLOCK_START: clockStart.toISOString(),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /Tab and API: (http:\/\/\S+?)\/?\s/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const pid = child.pid as number;
  return {
    url,
    pid,
    now: () => new Date(clockStart.getTime() + (performance.now() - spawnedAt)),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        let timer: NodeJS.Timeout | undefined;
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) {
          process.kill(pid, 'SIGKILL');
          await exited;
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export type ThemeName = 'default' | 'dark' | 'contrast';

/** The themes every screen's axe check runs in: Teams' light, dark and high contrast. */
export const AXE_THEMES: readonly ThemeName[] = ['default', 'dark', 'contrast'];

/** A theme's name in a test title. */
export const themeLabel = (t: ThemeName): string =>
  t === 'default' ? 'light' : t === 'dark' ? 'dark' : 'high contrast';

/**
 * A browser context as a fresh user would have it (British English, London time), optionally already
 * signed in as a demo user and with a theme chosen, that can reach nothing but the server.
 */
export async function newContext(
  browser: Browser,
  server: TestServer,
  opts: { user?: string; theme?: ThemeName; axe?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  await context.route(
    (u) => !u.href.startsWith(server.url),
    (route) =>
      /validDomains\.json/.test(route.request().url())
        ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"validOrigins":[]}' })
        : route.abort(),
  );
  context.setDefaultTimeout(15_000);
  // The page's clock runs from the server's time, so the tab's "today" is the server's.
  await context.clock.install({ time: server.now() });
  // axe-core goes in as an init script: the server's CSP (script-src 'self') rightly refuses a
  // script tag added to the page, and init scripts are not page content.
  if (opts.axe) await context.addInitScript({ path: AXE });
  // A string, so this file needs no DOM types: runs in the page before the tab's own scripts.
  await context.addInitScript(`(() => {
    const user = ${JSON.stringify(opts.user ?? '')};
    const theme = ${JSON.stringify(opts.theme ?? '')};
    if (user) window.sessionStorage.setItem('cmoe.devUser', user);
    if (theme) window.localStorage.setItem('cmoe.theme', theme);
  })()`);
  return context;
}

export async function openPage(
  browser: Browser,
  server: TestServer,
  opts: { user?: string; theme?: ThemeName; path?: string; axe?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server, opts);
  const page = await context.newPage();
  await page.goto(`${server.url}${opts.path ?? '/'}`);
  return { context, page };
}

/** The API as a demo user, from the test (to set up and to check what the UI did). */
export function apiAs(server: TestServer, user: string) {
  const call = async (method: string, path: string, body?: unknown, ifMatch?: number) => {
    const headers: Record<string, string> = { Authorization: `Bearer dev:${user}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  return {
    call,
    get: async <T>(path: string): Promise<T> => {
      const r = await call('GET', path);
      if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
      return r.body as T;
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (opened with `axe: true`). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"')))
    throw new Error('open the page with { axe: true } to check it with axe-core');
  // Judge the settled screen: an element caught mid fade-in (Fluent animates messages and dialogs in)
  // has a contrast it never shows at rest. Endless animations (spinners) are not waited for.
  // Polled from here: the app's CSP (no 'unsafe-eval') rightly refuses Playwright's in-page predicate.
  for (let waited = 0; ; waited += 50) {
    const settled = await page.evaluate(
      `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`,
    );
    if (settled === true) break;
    if (waited > 10_000)
      throw new Error('animations still running after 10 s; axe would judge a moving screen');
    await sleep(50);
  }
  // Fluent's focus manager (Tabster) puts aria-hidden <i data-tabster-dummy tabindex=0> sentinels at the
  // edges of focus groups: focusing one moves focus on at once, so no keyboard user stops there and no
  // screen reader announces it. axe's aria-hidden-focus rule cannot know that; they are left out, and
  // only they: everything the tab renders itself is checked.
  const all = (await page.evaluate(`
    window.axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
    )
  `)) as AxeViolation[];
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
