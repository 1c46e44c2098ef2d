/**
 * The SharePoint section of `npm run bench`: Graph requests per store operation against the fewest
 * possible, counted by the local Graph fake (so retries and re-reads would show), and the wall time of
 * reading every case from the fake over HTTPS on loopback. The fake answers from memory: the times say
 * what the adapter costs (parsing, validating, TLS on loopback), not what SharePoint Online would take.
 */
import { toLondonDate } from '../src/domain/calendar';
import { DEFAULT_POLICY } from '../src/domain/policy';
import { generateDemoData } from '../src/demo/generate';
import { instant, sampleCase } from '../tests/helpers/sampleRecords';
import { startSharePointEnv } from '../tests/helpers/sharePoint';
import { median } from './stats';

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

/** Runs the SharePoint benchmark, writing its section through `out`. */
export async function sharePointBench(out: (line?: string) => void, cases: number): Promise<void> {
  const pageSize = 1000;
  const env = await startSharePointEnv({ maxPageSize: pageSize });
  try {
    const siteId = await env.newSite();
    const store = env.open(siteId, { pageSize });
    const log = env.graph.fake.log;
    const count = (from: number, pick: (r: (typeof log)[number]) => boolean = () => true) =>
      log.slice(from).filter(pick).length;

    // Warm up: the site's lists are looked up and the counter item made once per process and site.
    await store.cases.create(sampleCase(), instant(0));

    const now = new Date();
    const data = generateDemoData({ cases, today: toLondonDate(now), policy: DEFAULT_POLICY });
    const clamp = (at: string) => (at > now.toISOString() ? now.toISOString() : at);
    let mark = log.length;
    const t0 = process.hrtime.bigint();
    const imported = await store.cases.createMany(
      data.cases.map(({ createdAt, ...c }) => ({ input: c, now: clamp(createdAt) })),
    );
    const importMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const importBatches = count(mark, (r) => r.path === '/$batch');
    const importOther = count(mark, (r) => !r.inBatch && r.path !== '/$batch');
    const total = imported.length + 1;

    // Reading every case, cold (a new handle) each time: the requests of one read, then the wall times.
    const reader = env.open(siteId, { pageSize });
    await reader.cases.get('CMOE-0001');
    mark = log.length;
    const all = await reader.cases.list();
    if (all.length !== total) throw new Error(`read ${all.length} of ${total} cases`);
    const readRequests = count(mark);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const fresh = env.open(siteId, { pageSize });
      await fresh.cases.get('CMOE-0001');
      const t = process.hrtime.bigint();
      await fresh.cases.list();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }

    // One case: read, then update (conditional on the eTag of the read).
    const ref = all[Math.floor(all.length / 2)]?.ref as string;
    mark = log.length;
    const one = await reader.cases.get(ref);
    const getRequests = count(mark);
    mark = log.length;
    await reader.cases.update(ref, one?.version ?? 1, { hoursPerWeek: 5 }, now.toISOString());
    const updateRequests = count(mark);
    // Referring: the first from a handle reads the counter; later ones try the value it last wrote.
    mark = log.length;
    await reader.cases.create(sampleCase(), now.toISOString());
    const firstCreateRequests = count(mark);
    mark = log.length;
    await reader.cases.create(sampleCase(), now.toISOString());
    const createRequests = count(mark);

    const row = (op: string, requests: number, minimum: number, note = '') =>
      out(`| ${op} | ${requests} | ${minimum} | ${requests === minimum ? 'yes' : 'NO'} | ${note} |`);
    out(`## SharePoint store (Graph fake over HTTPS on loopback, ${total} cases, page size ${pageSize})`);
    out();
    out(
      'Graph requests per store operation, counted by the fake (retries would count), against the fewest possible. Target: exactly the minimum.',
    );
    out();
    out('| operation | Graph requests | minimum | at the minimum | note |');
    out('|---|---|---|---|---|');
    row(
      `read all ${total} cases`,
      readRequests,
      Math.ceil(total / pageSize),
      `ceil(${total} / ${pageSize}); the app sorts by ref`,
    );
    row(
      `import ${imported.length} cases (JSON batches)`,
      importBatches,
      Math.ceil(imported.length / 20),
      'ceil(N / 20) batches',
    );
    row(
      'reserving their refs (counter, If-Match)',
      importOther,
      1,
      'one conditional update of the counter for the whole import',
    );
    row('update one case just read (If-Match)', updateRequests, 1);
    row('get one case', getRequests, 1, 'filter on the indexed, unique RecordKey');
    row(
      'refer a case, first from this process',
      firstCreateRequests,
      3,
      'read the counter, take a ref (If-Match), create the item',
    );
    row(
      'refer the next case',
      createRequests,
      2,
      'take a ref (If-Match on the eTag last written), create the item',
    );
    out();
    out(
      `Reading all ${total} cases from the fake, cold handle, 7 runs: median ${ms(median(times))}, fastest ${ms(Math.min(...times))}, slowest ${ms(Math.max(...times))}. Importing them took ${ms(importMs)}.`,
    );
    out();
  } finally {
    await env.close();
  }
}
