/**
 * The SharePoint read model section of `npm run bench`: the API (`createApp`, the real routes) on the
 * SharePoint store with its read model, each request on behalf of the user (`storeForRequest`, as with
 * Teams SSO), against the local Graph fake with 0 ms and 150 ms added to every round trip. Round trips
 * are counted by the fake (a JSON batch is one); server time is what the API's own request log says
 * (from the request's arrival to the last byte handed to the socket). Memory is the heap after a full
 * garbage collection before and after the model is filled, and RSS beside it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/api/app';
import { DevAuthenticator } from '../src/auth/devAuthenticator';
import { readSnapshot } from '../src/bot/sweep';
import type { RoleDirectory } from '../src/bot/roleDirectory';
import { toLondonDate } from '../src/domain/calendar';
import { DEFAULT_POLICY } from '../src/domain/policy';
import { generateDemoData, type DemoData } from '../src/demo/generate';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedStore } from '../src/demo/seed';
import type { Store } from '../src/store/ports';
import { openSqliteStore } from '../src/store/sqlite';
import type { Logger, LogFields } from '../src/log';
import { DEFAULT_FRESH_MS, MODEL_LISTS, type SharePointStore } from '../src/store/sharepoint';
import { SCHEMA } from '../src/store/sharepoint/schema';
import { startSharePointEnv } from '../tests/helpers/sharePoint';
import { median } from './stats';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/**
 * The demo data as seedStore writes it, but without each meeting's frozen agenda and case records: at
 * 5,000 cases one meeting's record outgrows SharePoint's 63,999-character note column (the store refuses
 * it with InvalidError), a limit of the SharePoint store reported separately. Escalations are created one
 * by one (there is no bulk port for them), the rest in batches.
 */
async function seed(store: Store, data: DemoData, now: string) {
  const clamp = (at: string) => (at > now ? now : at);
  const meetingIds: string[] = [];
  for (const { createdAt, ...meeting } of data.meetings)
    meetingIds.push((await store.meetings.create(meeting, clamp(createdAt))).id);
  const refs = (
    await store.cases.createMany(
      data.cases.map(({ createdAt, ...c }) => ({ input: c, now: clamp(createdAt) })),
    )
  ).map((c) => c.ref);
  const ref = (i: number) => refs[i] as string;
  const meeting = (i: number | null) => (i === null ? null : (meetingIds[i] ?? null));
  await store.actions.createMany(
    data.actions.map(({ caseIndex, meetingIndex, createdAt, ...a }) => ({
      input: { ...a, caseRef: ref(caseIndex), meetingId: meeting(meetingIndex) },
      now: clamp(createdAt),
    })),
  );
  for (const { caseIndex, meetingIndex, createdAt, ...e } of data.escalations)
    await store.escalations.create(
      { ...e, caseRef: ref(caseIndex), meetingId: meeting(meetingIndex) },
      clamp(createdAt),
    );
  await store.updates.addMany(
    data.updates.map(({ caseIndex, at, ...u }) => ({ ...u, caseRef: ref(caseIndex), at: clamp(at) })),
  );
  return {
    cases: refs.length,
    actions: data.actions.length,
    meetings: meetingIds.length,
    escalations: data.escalations.length,
    updates: data.updates.length,
  };
}

function heap(): { heap: number; rss: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

/** Runs the read model benchmark, writing its section through `out`. */
export async function readModelBench(out: (line?: string) => void, cases: number): Promise<void> {
  const pageSize = 1000;
  const env = await startSharePointEnv({ maxPageSize: pageSize });
  try {
    const fake = env.graph.fake;
    const siteId = await env.newSite();
    const now = new Date();
    const data = generateDemoData({ cases, today: toLondonDate(now), policy: DEFAULT_POLICY });
    // Seeded as another process would have (no model in this one).
    const counts = await seed(env.open(siteId, { pageSize, readModel: false }), data, now.toISOString());

    const serverMs: number[] = [];
    const log: Logger = {
      debug: () => undefined,
      info: (msg: string, fields?: LogFields) => {
        if (msg === 'request' && typeof fields?.ms === 'number') serverMs.push(fields.ms);
      },
      warn: () => undefined,
      error: () => undefined,
    };
    const directory: RoleDirectory = {
      principalFor: () => Promise.reject(new Error('not used')),
      holders: () => Promise.resolve([]),
    };

    /** A server just started: a new store (empty model) behind the real API, users on behalf of. */
    const start = async () => {
      const store: SharePointStore = env.open(siteId, { pageSize });
      const app = createApp({
        store,
        policy: DEFAULT_POLICY,
        authenticator: new DevAuthenticator(),
        clock: () => new Date(),
        log,
        devSignIn: true,
        storeForRequest: ({ caller }) =>
          Promise.resolve(store.forUser(env.provider.onBehalfOf(`bench-sso-${caller.id}`), caller.id)),
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return { store, server, base };
    };
    const member = { Authorization: 'Bearer dev:dev-member-ewo', 'Accept-Encoding': 'gzip' };

    // The same data on SQLite behind the same routes, timed beside each repeat view: the route's own work
    // (stuck rule, JSON, gzip) under the same load, which no store can take away.
    const dir = mkdtempSync(join(tmpdir(), 'cmoe-bench-rm-'));
    const sqlite = openSqliteStore(join(dir, 'bench.sqlite'));
    await seedStore(sqlite, data, now.toISOString());
    const sqliteServer = createApp({
      store: sqlite,
      policy: DEFAULT_POLICY,
      authenticator: new DevAuthenticator(),
      clock: () => new Date(),
      log,
      devSignIn: true,
    }).listen(0, '127.0.0.1');
    await new Promise((r) => sqliteServer.once('listening', r));
    const sqliteBase = `http://127.0.0.1:${(sqliteServer.address() as AddressInfo).port}`;
    const sqliteMs: number[] = [];
    const timeSqlite = async () => {
      const res = await fetch(`${sqliteBase}/api/cases`, { headers: member });
      await res.arrayBuffer();
      sqliteMs.push(serverMs.at(-1) ?? NaN);
    };

    /** One request: its Graph round trips, delta requests outside batches by list, and server time. */
    const measure = async (url: string) => {
      const trips = fake.roundTrips;
      const mark = fake.log.length;
      const res = await fetch(url, { headers: member });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      const pages = new Map<string, number>();
      for (const r of fake.log.slice(mark))
        if (!r.inBatch && r.path.endsWith('/items/delta')) pages.set(r.path, (pages.get(r.path) ?? 0) + 1);
      return { trips: fake.roundTrips - trips, ms: serverMs.at(-1) ?? NaN, pages };
    };

    const rows: string[] = [];
    const row = (
      measureName: string,
      at: number | null,
      value: string,
      target: string,
      met: boolean | null,
    ) =>
      rows.push(
        `| ${measureName} | ${at === null ? 'none' : `${at} ms`} | ${value} | ${target} | ${met === null ? '' : met ? 'met' : 'NOT met'} |`,
      );
    let memory = '';
    /** The repeat view's median server time by latency: at 0 ms it is the route's own work. */
    const repeatMs = new Map<number, number>();
    let firstPages = '';

    for (const latency of [0, 150]) {
      fake.latencyMs = 0;
      const before = heap();
      const { store, server, base } = await start();
      const ref = data.cases.length > 0 ? 'CMOE-0001' : '';
      fake.latencyMs = latency;
      try {
        // First view after start: the model is filled (every model list in pages, side by side).
        const first = await measure(`${base}/api/cases`);
        // Each list's pages against ceil(its items / page) (an empty list still takes one page).
        const sizes: Record<string, number> = {
          [SCHEMA.lists.cases.displayName]: counts.cases,
          [SCHEMA.lists.actions.displayName]: counts.actions,
          [SCHEMA.lists.updates.displayName]: counts.updates,
          [SCHEMA.lists.meetings.displayName]: counts.meetings,
          [SCHEMA.lists.escalations.displayName]: counts.escalations,
        };
        const perList = Object.entries(sizes).map(([name, n]) => {
          const id = fake.list(siteId, name).id;
          const pages = [...first.pages.entries()].find(([path]) => path.includes(id))?.[1] ?? 0;
          return { name, pages, allowed: Math.max(1, Math.ceil(n / pageSize)) };
        });
        row(
          'first list view after start: round trips in all, and delta pages of each list against ceil(N / page)',
          latency,
          `${first.trips} round trips, ${ms(first.ms)}; pages ${perList.map((l) => `${l.pages}/${l.allowed}`).join(', ')}`,
          `≤ ceil(N / ${pageSize}) a list, lists in parallel`,
          perList.every((l) => l.pages <= l.allowed),
        );
        if (latency === 0)
          firstPages = perList.map((l) => `${l.name} ${l.pages} (allowed ${l.allowed})`).join(', ');
        if (latency === 0) {
          const after = heap();
          memory =
            `Model memory (${counts.cases} cases, ${counts.actions} actions, ${counts.meetings} meetings, ${counts.escalations} escalations, ${counts.updates} updates, held as decoded records): ` +
            `heap after a full GC ${mb(before.heap)} before the first view, ${mb(after.heap)} after: ${mb(after.heap - before.heap)} for the model; ` +
            `RSS ${mb(before.rss)} before, ${mb(after.rss)} after (RSS also holds the Graph fake's copy of the site, in the same process).`;
        }

        // Repeat views, each past the window so each sends its delta (the honest worst case).
        const repeats: { trips: number; ms: number }[] = [];
        for (let i = 0; i < 5; i++) {
          await sleep(DEFAULT_FRESH_MS + 50);
          repeats.push(await measure(`${base}/api/cases`));
          await timeSqlite();
        }
        const trips = Math.max(...repeats.map((r) => r.trips));
        row(
          'repeat list view, nothing changed: Graph round trips (most of 5)',
          latency,
          String(trips),
          '≤ 2',
          trips <= 2,
        );
        const t = median(repeats.map((r) => r.ms));
        repeatMs.set(latency, t);
        row(
          'repeat list view, nothing changed: server time (median of 5)',
          latency,
          `${ms(t)} (fastest ${ms(Math.min(...repeats.map((r) => r.ms)))})`,
          latency === 150 ? '< 300 ms' : '',
          latency === 150 ? t < 300 : null,
        );

        // A case's detail, repeated: the model's delta, and the view's own audit entry (a write).
        await sleep(DEFAULT_FRESH_MS + 50);
        await measure(`${base}/api/cases/${ref}`);
        await sleep(DEFAULT_FRESH_MS + 50);
        const mark = fake.log.length;
        const detail = await measure(`${base}/api/cases/${ref}`);
        const writes = fake.log
          .slice(mark)
          .filter((r) => !r.inBatch && r.method === 'POST' && r.path !== '/$batch');
        const reads = detail.trips - writes.length;
        row(
          "a case's detail, repeat: round trips reading (plus the audit entry the view writes)",
          latency,
          `${reads} reading + ${writes.length} audit write, ${ms(detail.ms)}`,
          '≤ 1 reading',
          reads <= 1,
        );

        // The morning sweep's reads (readSnapshot: open cases, actions, meetings, escalations), as the app.
        await sleep(DEFAULT_FRESH_MS + 50);
        const sweepTrips = fake.roundTrips;
        const t0 = process.hrtime.bigint();
        await readSnapshot(store, directory);
        const sweepMs = Number(process.hrtime.bigint() - t0) / 1e6;
        const sweep = fake.roundTrips - sweepTrips;
        row(
          'morning sweep, nothing changed since the last: round trips for its four lists',
          latency,
          `${sweep}, ${ms(sweepMs)}`,
          '≤ 1 a list (≤ 4)',
          sweep <= 4,
        );
      } finally {
        fake.latencyMs = 0;
        await new Promise<void>((r) => server.close(() => r()));
      }
    }

    await new Promise<void>((r) => sqliteServer.close(() => r()));
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    const route = median(sqliteMs);
    row(
      'the same view on SQLite, timed beside each repeat: the route’s own work (median of 10)',
      null,
      `${ms(route)}`,
      '',
      null,
    );
    out(
      `## SharePoint read model (API on the SharePoint store, on behalf of the user; Graph fake, ${counts.cases} cases, ${counts.actions} actions, page size ${pageSize})`,
    );
    out();
    out(
      `\`GET /api/cases\` as a member, through the real routes, each request's store on behalf of the user (the access check is part of the count). Round trips are counted by the fake (a JSON batch is one); server time is the API's own request log. Repeat views wait past the ${DEFAULT_FRESH_MS} ms window first, so each sends its delta: a view inside the window sends none. The model holds ${MODEL_LISTS.join(', ')}.`,
    );
    out();
    out('| measure | per round trip | result | target | |');
    out('|---|---|---|---|---|');
    for (const r of rows) out(r);
    out();
    out(`First view's delta pages by list (at 0 ms): ${firstPages}. ${memory}`);
    out();
    const work = repeatMs.get(0) ?? NaN;
    const at150 = repeatMs.get(150) ?? NaN;
    out(
      `Reading the table: the 300 ms target is one round trip plus the route's work; judged against this run's SQLite time for the same view, the repeat at 150 ms took ${ms(at150 - route)} beyond the route's own work (${ms(route)}), ${at150 - route < 150 + 50 ? 'the round trip and little else' : "more than the round trip and the model's filtering"}. ` +
        `Before the model the same request re-read every page of cases and actions (issue 16: 11 round trips, 1.33 s at 150 ms per round trip on a quiet machine). A repeat view is now one round trip, the JSON batch of every list's delta (the user's access check is remembered for five minutes, so it is not in the repeat), and a view within ${DEFAULT_FRESH_MS} ms of the last delta sends none. ` +
        `The repeat view's server time is that round trip plus the list route's own work, the same as on SQLite (the stuck rule for every case, the JSON and its gzip): at 0 ms per round trip it took ${ms(work)} in this run, so at 150 ms the view took ${ms(at150)}${at150 < 300 ? '' : ": the 300 ms target is missed by the route's work on this machine, not by Graph (the model applies an empty delta and filters lists sorted once per change, some 20 ms); the round trip itself could only go by polling Graph in the background, spending the throttling budget whether anyone looks or not"}. ` +
        `The first view's time is mostly the Graph fake, which runs in this process and serialises every item of the site once per server start. A case's detail also writes its audit entry (case.view), a write no read model removes. The sweep row is the sweep's reads (readSnapshot); its ledger and conversations are read from Graph as before. ` +
        `Seeded without each meeting's frozen agenda and case records: at 5,000 cases one meeting's record passes SharePoint's 63,999-character note column and the store refuses it (InvalidError), a limit of the SharePoint store reported separately.`,
    );
    out();
  } finally {
    await env.close();
  }
}
