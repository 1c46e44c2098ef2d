/**
 * Where the throttled first screen's time goes (issue 15): one load of the tab as `bench/tab.ts` times it
 * (new browser context, 4x CPU slowdown, 10 Mbit/s, 40 ms, cache disabled), with the DevTools protocol's
 * network events and a performance trace, printed as a breakdown:
 *
 *   npm run build && node scripts/withTestCa.cjs node dist/bench/tabProfile.js [--cases 5000] [--runs 3]
 *
 * - each request: when it started and ended (ms from navigation start), bytes on the wire and decoded;
 * - main-thread work by kind (script compile, script run, JSON parse is inside script run, style and
 *   layout, paint, garbage collection), summed over the trace's top-level tasks up to the first rows;
 * - the first rows' time, as the bench measures it.
 *
 * A diagnostic, not a target: the figures in docs/benchmarks.md come from `npm run bench`.
 */
import { chromium } from 'playwright-core';
import { median } from './stats';
import { CHROMIUM, CHROMIUM_ARGS, FIRST_ROWS_PROBE, firstRowsAt, startServer, throttle } from './tab';

interface Req {
  url: string;
  start: number;
  end: number;
  wire: number;
  decoded: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; frame?: string } };
}

/** Trace event names grouped into what a reader of the breakdown cares about. */
const KINDS: Record<string, string> = {
  'v8.compile': 'script parse/compile',
  'v8.compileModule': 'script parse/compile',
  'V8.CompileCode': 'script parse/compile',
  'v8.parseOnBackground': 'script parse/compile',
  EvaluateScript: 'script run',
  'v8.evaluateModule': 'script run',
  FunctionCall: 'script run',
  TimerFire: 'script run',
  FireAnimationFrame: 'script run',
  RunMicrotasks: 'script run',
  EventDispatch: 'script run',
  ParseHTML: 'HTML parse',
  UpdateLayoutTree: 'style recalc',
  ParseAuthorStyleSheet: 'style recalc',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  MajorGC: 'garbage collection',
  MinorGC: 'garbage collection',
  'V8.GC_MARK_COMPACTOR': 'garbage collection',
};

function parseArgs(argv: string[]) {
  const a = { cases: 5000, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cases') a.cases = Number(argv[++i]);
    else if (argv[i] === '--runs') a.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return a;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await startServer(args.cases);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const perRun: {
    first: number;
    reqs: Req[];
    kinds: Map<string, number>;
    busy: number;
    phaseBusy: { name: string; wall: number; busy: number }[];
    self: Map<string, number>;
  }[] = [];
  try {
    // Warm-up, as the bench does: the server's first list read parses every record.
    {
      const context = await browser.newContext();
      await context.addInitScript(`window.sessionStorage.setItem('cmoe.devUser', 'dev-chair')`);
      await context.addInitScript(FIRST_ROWS_PROBE);
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await firstRowsAt(page);
      await context.close();
    }
    for (let run = 0; run < args.runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
      await context.route(
        (u) => !u.href.startsWith(server.url),
        (r) => r.abort(),
      );
      await context.addInitScript(`window.sessionStorage.setItem('cmoe.devUser', 'dev-chair')`);
      await context.addInitScript(FIRST_ROWS_PROBE);
      const page = await context.newPage();
      await throttle(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const reqs = new Map<string, Req>();
      let navStart = 0; // CDP timestamps are seconds on the monotonic clock
      cdp.on('Network.requestWillBeSent', (e) => {
        if (navStart === 0) navStart = e.timestamp;
        reqs.set(e.requestId, { url: e.request.url, start: e.timestamp, end: 0, wire: 0, decoded: 0 });
      });
      cdp.on('Network.dataReceived', (e) => {
        const r = reqs.get(e.requestId);
        if (r) r.decoded += e.dataLength;
      });
      cdp.on('Network.loadingFinished', (e) => {
        const r = reqs.get(e.requestId);
        if (r) {
          r.end = e.timestamp;
          r.wire = e.encodedDataLength;
        }
      });
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const traced = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,v8,disabled-by-default-devtools.timeline,blink.user_timing',
        transferMode: 'ReportEvents',
      });
      await page.goto(`${server.url}/`);
      const first = await firstRowsAt(page);
      await cdp.send('Tracing.end');
      await traced;
      const { profile } = await cdp.send('Profiler.stop');

      // The renderer's main thread: the one that ran ParseHTML for the page.
      const parse = events.find((e) => e.name === 'ParseHTML');
      const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStart');
      const mainTid = parse?.tid;
      const mainPid = parse?.pid;
      const t0 = nav?.ts ?? parse?.ts ?? 0;
      const limit = t0 + first * 1000;
      const kinds = new Map<string, number>();
      let busy = 0;
      // Self time by kind: nested complete events are attributed to the innermost known kind.
      const mine = events
        .filter((e) => e.ph === 'X' && e.tid === mainTid && e.pid === mainPid && e.ts >= t0 && e.ts < limit)
        .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
      const stack: { end: number; kind: string | null; child: number }[] = [];
      const close = (upTo: number) => {
        while (stack.length && (stack[stack.length - 1] as { end: number }).end <= upTo) {
          const top = stack.pop() as { end: number; kind: string | null; child: number };
          void top;
        }
      };
      for (const e of mine) {
        close(e.ts);
        const dur = e.dur ?? 0;
        if (e.name === 'RunTask' && stack.length === 0) busy += dur;
        const kind = KINDS[e.name] ?? null;
        if (kind) {
          // Subtract this event from the innermost enclosing kind (self time).
          const parent = [...stack].reverse().find((s) => s.kind);
          if (parent?.kind) kinds.set(parent.kind, (kinds.get(parent.kind) ?? 0) - dur);
          kinds.set(kind, (kinds.get(kind) ?? 0) + dur);
        }
        stack.push({ end: e.ts + dur, kind, child: 0 });
      }
      // Main-thread busy time per phase, by the network events: until the list was asked for, while it
      // travelled, and from its last byte to the first rows.
      const reqList = [...reqs.values()];
      const casesReq = reqList.find((r) => /\/api\/cases$/.test(r.url));
      const toTrace = (sec: number) => t0 + (sec - navStart) * 1e6 + (nav ? 0 : 0);
      const phases: [string, number, number][] = casesReq
        ? [
            ['start (HTML, JS, until the list is asked for)', t0, toTrace(casesReq.start)],
            ['the list in flight', toTrace(casesReq.start), toTrace(casesReq.end)],
            ['list received → first rows', toTrace(casesReq.end), limit],
          ]
        : [];
      const tasks = mine.filter((e) => e.name === 'RunTask');
      const phaseBusy = phases.map(([name, a, b]) => {
        let sum = 0;
        for (const t of tasks) {
          const s0 = Math.max(a, t.ts);
          const s1 = Math.min(b, t.ts + (t.dur ?? 0));
          if (s1 > s0) sum += s1 - s0;
        }
        return { name, wall: (b - a) / 1000, busy: sum / 1000 };
      });
      // CPU profile: self time by function after the list arrived (JSON parse, React, Griffel...).
      const self = new Map<string, number>();
      if (casesReq) {
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        let ts = profile.startTime;
        const from = toTrace(casesReq.end);
        (profile.samples ?? []).forEach((id, i) => {
          const dt = profile.timeDeltas?.[i] ?? 0;
          ts += dt;
          if (ts < from || ts > limit) return;
          const n = byId.get(id);
          if (!n) return;
          const f = n.callFrame;
          const where = f.url ? f.url.replace(/^.*\//, '') : '';
          const k = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
          self.set(k, (self.get(k) ?? 0) + dt / 1000);
        });
      }
      perRun.push({
        phaseBusy,
        self,
        first,
        reqs: [...reqs.values()].map((r) => ({
          ...r,
          start: (r.start - navStart) * 1000,
          end: (r.end - navStart) * 1000,
        })),
        kinds: new Map([...kinds].map(([k, v]) => [k, v / 1000])),
        busy: busy / 1000,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  const firsts = perRun.map((r) => r.first);
  const mid = perRun.find((r) => r.first === median(firsts)) ?? (perRun[0] as (typeof perRun)[0]);
  console.log(
    `first rows, throttled, ${perRun.length} runs: ${firsts.map((x) => x.toFixed(0)).join(', ')} ms`,
  );
  console.log(`\nrequests of the median run (ms from the first request; KB on the wire / decoded):`);
  for (const r of mid.reqs.sort((a, b) => a.start - b.start)) {
    const path = r.url.replace(/^https?:\/\/[^/]+/, '');
    console.log(
      `  ${r.start.toFixed(0).padStart(5)} → ${r.end.toFixed(0).padStart(5)}  ${(r.wire / 1024).toFixed(1).padStart(7)} / ${(r.decoded / 1024).toFixed(1).padStart(7)} KB  ${path}`,
    );
  }
  console.log(`\nmain thread until the first rows (median run): busy ${mid.busy.toFixed(0)} ms in tasks`);
  for (const [k, v] of [...mid.kinds].sort((a, b) => b[1] - a[1]))
    console.log(`  ${k.padEnd(24)} ${v.toFixed(0).padStart(5)} ms`);
  console.log(`\nphases (median run): wall time, main thread busy`);
  for (const p of mid.phaseBusy)
    console.log(`  ${p.name.padEnd(48)} ${p.wall.toFixed(0).padStart(5)} ms, busy ${p.busy.toFixed(0)} ms`);
  console.log(`\nafter the list arrived, self time by function (CPU profile, top 15):`);
  for (const [k, v] of [...mid.self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${v.toFixed(0).padStart(5)} ms  ${k}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
