/**
 * The oversight section of `npm run bench` (issue 17):
 *
 * - the figures computed on the server for the default period (the last 12 months), in memory (the pure
 *   domain function) and as GET /api/oversight over loopback on SQLite (store reads, figures, JSON);
 * - navigation to the first chart painted on the oversight screen, in headless Chromium;
 * - the production JavaScript the list loads first, beside the oversight screen's own lazy chunk.
 *
 * "A year of history": the demo data has six months of meetings, so the store gets seven more completed
 * meetings (with attendance) before them, and one closed case in ten gets an earlier closure undone by a
 * reopening, so the episode logic is exercised. Times are measured, never asserted.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Page, chromium } from 'playwright-core';
import { createApp } from '../src/api/app';
import { DevAuthenticator } from '../src/auth/devAuthenticator';
import { addDays, toLondonDate } from '../src/domain/calendar';
import { cadenceMeetings } from '../src/domain/meetings';
import { defaultPeriod, oversightFigures } from '../src/domain/oversight';
import { DEFAULT_POLICY } from '../src/domain/policy';
import type { Case, Meeting } from '../src/domain/types';
import { generateDemoData } from '../src/demo/generate';
import { seedStore } from '../src/demo/seed';
import { silentLogger } from '../src/log';
import type { Store } from '../src/store/ports';
import { openSqliteStore } from '../src/store/sqlite';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, startServer } from './tab';
import { median, pct } from './stats';

type Out = (s?: string) => void;

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const SERVICES = [
  'Education',
  'SEND',
  'Support and Safeguarding',
  "Families and Children's Services",
  'Commissioning',
];

/** Seven more completed meetings before the demo's first, so a year of meetings is stored. */
async function addEarlierMeetings(store: Store, nowIso: string): Promise<number> {
  const held = (await store.meetings.list()).filter((m) => m.status === 'completed');
  const first = held[0];
  if (!first) return 0;
  const firstDay = toLondonDate(new Date(first.startsAt));
  const earlier = cadenceMeetings(DEFAULT_POLICY, addDays(firstDay, -7 * 4 * 8), 12).filter(
    (m) => m.date < firstDay,
  );
  for (const [i, m] of earlier.slice(-7).entries()) {
    await store.meetings.create(
      {
        startsAt: m.startsAt,
        chair: null,
        attendees: SERVICES.filter((_, j) => (i + j) % 4 !== 0).map((service) => ({
          name: `Officer (${service})`,
          service,
          email: null,
        })),
        apologies: [],
        status: 'completed',
        agenda: null,
        records: [],
        minutesPublishedAt: null,
      },
      nowIso,
    );
  }
  return Math.min(7, earlier.length);
}

/** One closed case in ten gets an earlier closure undone by a reopening, 8 weeks after its referral. */
async function addReopenings(store: Store, nowIso: string): Promise<number> {
  const closed = (await store.cases.list({ status: ['closed'] })).filter((_, i) => i % 10 === 0);
  for (const c of closed) {
    const closedOn = addDays(c.referralDate, 28);
    const reopenedOn = addDays(c.referralDate, 56);
    if (c.closure === null || reopenedOn >= c.closure.date) continue;
    const reopenings: Case['reopenings'] = [
      {
        closure: { reason: 'school-place', date: closedOn, note: null },
        reopenedOn,
        reopenedAt: `${reopenedOn}T10:00:00.000Z`,
      },
    ];
    await store.cases.update(c.ref, c.version, { reopenings }, nowIso);
  }
  return closed.length;
}

/** Gzipped bytes of what index.html loads first, and of the oversight screen's lazy chunk. */
function sizes(dir: string): { initial: number; oversight: number } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const first = new Set([...html.matchAll(/(?:src|href)="\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]));
  let initial = 0;
  let oversight = 0;
  for (const f of readdirSync(join(dir, 'assets')).filter((n) => n.endsWith('.js'))) {
    const gz = gzipSync(readFileSync(join(dir, 'assets', f)), { level: 9 }).length;
    if (first.has(f)) initial += gz;
    if (f.startsWith('OversightPage-')) oversight += gz;
  }
  return { initial, oversight };
}

/** Records when the first chart (an SVG inside a figure card) is in the page, at the frame after. */
const FIRST_CHART_PROBE = `(() => {
  const seen = () => document.querySelector('[data-figure] svg');
  const done = () => requestAnimationFrame(() => setTimeout(() => { window.__firstChartAt = performance.now(); }, 0));
  const watch = () => {
    if (seen()) return done();
    const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); done(); } });
    mo.observe(document, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch); else watch();
})()`;

const FIRST_ROWS_PROBE = FIRST_CHART_PROBE.replace(
  '[data-figure] svg',
  '[role="row"][aria-rowindex="2"]',
).replace('__firstChartAt', '__firstRowsAt');

/** Polls the page's probe from outside (the tab's CSP rightly forbids eval in the page). */
async function waitFor(page: Page, name: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const t = (await page.evaluate(`window.${name}`)) as number | undefined;
    if (typeof t === 'number') return t;
    if (Date.now() > deadline) throw new Error(`${name} not reached within 60 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function oversightBench(out: Out, opts: { cases: number; runs?: number }): Promise<void> {
  const runs = opts.runs ?? 15;
  const now = new Date();
  const nowIso = now.toISOString();
  const today = toLondonDate(now);

  const dir = mkdtempSync(join(tmpdir(), 'cmoe-bench-oversight-'));
  const store = openSqliteStore(join(dir, 'bench.sqlite'));
  await seedStore(store, generateDemoData({ cases: opts.cases, today, policy: DEFAULT_POLICY }), nowIso);
  const extraMeetings = await addEarlierMeetings(store, nowIso);
  const reopened = await addReopenings(store, nowIso);
  const [cases, actions, meetings, escalations] = await Promise.all([
    store.cases.list(),
    store.actions.list(),
    store.meetings.list(),
    store.escalations.list(),
  ]);
  const period = defaultPeriod(today);
  const held = meetings.filter((m: Meeting) => m.status === 'completed').length;

  // Interleaved with a same-run baseline (the domain section's: a JSON round trip of the cases), so a
  // figure from a busy moment of this shared machine can still be compared by its ratio.
  const pure: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = process.hrtime.bigint();
    JSON.parse(JSON.stringify(cases));
    baseline.push(Number(process.hrtime.bigint() - t0) / 1e6);
    t0 = process.hrtime.bigint();
    oversightFigures({ cases, actions, meetings, escalations }, period, now, DEFAULT_POLICY);
    pure.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const app = createApp({
    store,
    policy: DEFAULT_POLICY,
    authenticator: new DevAuthenticator(),
    clock: () => new Date(),
    log: silentLogger,
    devSignIn: true,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${base}/api/oversight`, { headers: { Authorization: 'Bearer dev:dev-senior' } });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET /api/oversight returned ${res.status}`);
    bytes = body.byteLength;
    // The first request warms the store's decoded-record cache, as the list's benchmark does.
    if (i > 0) api.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await new Promise<void>((r) => server.close(() => r()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  out();
  out(
    `## Oversight (issue 17: ${cases.length} cases, ${actions.length} actions, ${held} meetings held, ${escalations.length} escalations, ${reopened} reopened cases; period ${period.from} to ${period.to})`,
  );
  out();
  out(
    `The store is the demo data plus ${extraMeetings} earlier completed meetings (a year of them) and earlier closures undone by reopenings on one closed case in ten.`,
  );
  out();
  out('| measure | median | p95 | runs | target |');
  out('|---|---|---|---|---|');
  const pm = median(pure);
  const am = median(api);
  const bm = median(baseline);
  out(
    `| baseline: JSON round trip of the ${cases.length} cases (no rules), interleaved | ${ms(bm)} | ${ms(pct(baseline, 95))} | ${baseline.length} | ratio of the figures to it: ${(pm / bm).toFixed(2)} |`,
  );
  out(
    `| figures computed (oversightFigures, in memory: now, 12 months and every meeting) | ${ms(pm)} | ${ms(pct(pure, 95))} | ${pure.length} | < 150 ms: ${pm < 150 ? 'met' : 'NOT met'} |`,
  );
  out(
    `| GET /api/oversight over loopback (SQLite reads, figures, audit entry, ${kb(bytes)} JSON with refs) | ${ms(am)} | ${ms(pct(api, 95))} | ${api.length} | < 150 ms: ${am < 150 ? 'met' : 'NOT met'} |`,
  );

  const tabDir = join(ROOT, 'dist', 'tab');
  const s = sizes(tabDir);
  const browserRuns = Math.max(3, Math.floor(runs / 3));
  const firstChart: number[] = [];
  const firstRows: number[] = [];
  const tab = await startServer(opts.cases);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    for (let i = 0; i < browserRuns + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
      await context.route(
        (u) => !u.href.startsWith(tab.url),
        (r) => r.abort(),
      );
      await context.addInitScript(`window.sessionStorage.setItem('cmoe.devUser', 'dev-senior')`);
      await context.addInitScript(FIRST_CHART_PROBE);
      const page = await context.newPage();
      // The tab's root: a senior manager lands on the oversight screen.
      await page.goto(`${tab.url}/`);
      const at = await waitFor(page, '__firstChartAt');
      // The first load warms the server (it parses every record once), as the list's benchmark does.
      if (i > 0) firstChart.push(at);
      await context.close();
      // The same-run baseline: the list's first rows for a chair (the tab section's measure).
      const list = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
      await list.route(
        (u) => !u.href.startsWith(tab.url),
        (r) => r.abort(),
      );
      await list.addInitScript(`window.sessionStorage.setItem('cmoe.devUser', 'dev-chair')`);
      await list.addInitScript(FIRST_ROWS_PROBE);
      const listPage = await list.newPage();
      await listPage.goto(`${tab.url}/`);
      const rowsAt = await waitFor(listPage, '__firstRowsAt');
      if (i > 0) firstRows.push(rowsAt);
      await list.close();
    }
  } finally {
    await browser.close();
    await tab.stop();
  }
  const fc = median(firstChart);
  out(
    `| navigation to the first chart painted (a senior manager at the tab's root: /api/me, the lazy screen, /api/oversight for ${opts.cases} cases, render), new browser context each run | ${ms(fc)} | ${ms(pct(firstChart, 95))} | ${firstChart.length} | < 1500 ms: ${fc < 1500 ? 'met' : 'NOT met'} |`,
  );
  const rm = median(firstRows);
  out(
    `| baseline: navigation to the list's first rows painted (a chair, all ${opts.cases} cases), same run | ${ms(rm)} | ${ms(pct(firstRows, 95))} | ${firstRows.length} | ratio of the first chart to it: ${(fc / rm).toFixed(2)} |`,
  );
  out();
  out('| production JavaScript, gzipped (level 9) | bytes |');
  out('|---|---|');
  out(`| loaded first by the tab (the list's first load) | ${kb(s.initial)} |`);
  out(
    `| the oversight screen's lazy chunk (the screen, @fluentui/react-charts and d3) | ${kb(s.oversight)} |`,
  );
}
