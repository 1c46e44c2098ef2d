/**
 * The SharePoint store on the local Graph fake, beyond the shared contract: big lists across pages,
 * filters only on indexed columns, concurrent edits, throttling, bulk writes, refs under racing writers
 * and unreadable items. Waits of the retry policy are recorded by the test environment, never slept.
 * Tests of reading by query (`$filter`, `$skiptoken` pages) open the store without its read model, the
 * way the audit log and one-off commands still read; tests/sharepoint/readModel.test.ts covers the model.
 */
import { BusyError, ConflictError } from '../../src/domain/errors';
import type { Case } from '../../src/domain/types';
import { formatCaseRef } from '../../src/store/ids';
import { encodeRecord, filterOn, mappings } from '../../src/store/sharepoint/mapper';
import { SCHEMA } from '../../src/store/sharepoint/schema';
import { StoredItemError } from '../../src/store/sharepoint';
import { parseFilter, referencedFields } from '../fakes/graph/odataFilter';
import {
  instant,
  sampleAction,
  sampleAudit,
  sampleCase,
  sampleEscalation,
  sampleMinutes,
} from '../helpers/sampleRecords';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';
import { ADMIN_CALL, fixture, makeDeps } from '../import/helpers';
import { importSpreadsheet } from '../../src/operations/importExport';

let env: SharePointTestEnv;

beforeAll(async () => {
  env = await startSharePointEnv({ maxPageSize: 200 });
});

afterAll(async () => {
  await env.close();
});

beforeEach(() => {
  env.graph.fake.clearThrottles();
  env.sleeps.length = 0;
});

const m = mappings();

/** A complete stored case, as the adapter writes it. */
function storedCase(n: number, overrides: Partial<Case> = {}): Case {
  return {
    ...sampleCase(),
    ref: formatCaseRef(n),
    version: 1,
    createdAt: instant(0),
    updatedAt: instant(0),
    ...overrides,
  } as Case;
}

/** Requests the fake saw after `from` (an index into its log). */
const since = (from: number) => env.graph.fake.log.slice(from);

describe('reading big lists', () => {
  test('7,000 cases are read completely across pages, one request per page', async () => {
    const siteId = await env.newSite();
    const list = env.graph.fake.list(siteId, SCHEMA.lists.cases.displayName);
    // Stored out of ref order, as items added over years would be: the app sorts.
    for (let i = 7000; i >= 1; i--) env.graph.fake.putItem(list, encodeRecord(m.cases, storedCase(i)));
    const store = env.open(siteId, { pageSize: 500, readModel: false });
    await store.cases.get('CMOE-0001'); // the site's lists are looked up once, before counting
    const mark = env.graph.fake.log.length;

    const cases = await store.cases.list();

    expect(cases).toHaveLength(7000);
    expect(cases.map((c) => c.ref)).toEqual(Array.from({ length: 7000 }, (_, i) => formatCaseRef(i + 1)));
    const pages = since(mark).filter((r) => r.method === 'GET' && r.path.endsWith('/items'));
    // The fake serves at most 200 a page whatever $top asks: the adapter follows every nextLink.
    expect(pages).toHaveLength(Math.ceil(7000 / 200));
    expect(pages.slice(1).every((p) => p.query.$skiptoken !== undefined)).toBe(true);
    expect(pages.every((p) => p.status === 200)).toBe(true);
  });

  test('the read model fills from 7,000 cases by delta, one request per page, and lists them all', async () => {
    const siteId = await env.newSite();
    const list = env.graph.fake.list(siteId, SCHEMA.lists.cases.displayName);
    for (let i = 7000; i >= 1; i--) env.graph.fake.putItem(list, encodeRecord(m.cases, storedCase(i)));
    const store = env.open(siteId, { pageSize: 500 });
    const mark = env.graph.fake.log.length;

    const cases = await store.cases.list();

    expect(cases.map((c) => c.ref)).toEqual(Array.from({ length: 7000 }, (_, i) => formatCaseRef(i + 1)));
    const pages = since(mark).filter((r) => r.path === `/sites/${siteId}/lists/${list.id}/items/delta`);
    expect(pages).toHaveLength(Math.ceil(7000 / 200));
    expect(pages[0]?.query.token).toBeUndefined();
    expect(pages.slice(1).every((p) => p.query.token !== undefined && p.status === 200)).toBe(true);
  });

  test('a filtered read of a big list follows the pages too and returns only matching cases', async () => {
    const siteId = await env.newSite();
    const list = env.graph.fake.list(siteId, SCHEMA.lists.cases.displayName);
    for (let i = 1; i <= 900; i++) {
      env.graph.fake.putItem(
        list,
        encodeRecord(m.cases, storedCase(i, { status: i % 3 === 0 ? 'open' : 'referred' })),
      );
    }
    const store = env.open(siteId, { readModel: false });
    const open = await store.cases.list({ status: ['open'] });
    expect(open).toHaveLength(300);
    expect(open.every((c) => c.status === 'open')).toBe(true);
  });
});

describe('filters', () => {
  test('no request ever filters on a column that is not indexed, nor asks SharePoint to allow it', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId, { readModel: false });
    const mark = env.graph.fake.log.length;
    const c = await store.cases.create(sampleCase(), instant(1));
    await store.cases.list({
      status: ['open', 'referred'],
      concern: ['high'],
      category: 'cme',
      leadEmail: 'A@b.org',
    });
    await store.actions.create(sampleAction(c.ref), instant(1));
    await store.actions.list({ caseRef: c.ref, ownerId: 'owner-1', status: ['open'], meetingId: 'm-1' });
    await store.escalations.create(sampleEscalation(c.ref), instant(1));
    await store.escalations.list({ caseRef: c.ref, awaitingResponse: true });
    await store.meetings.list({ from: instant(0), to: instant(100) });
    await store.audit.append(sampleAudit());
    await store.audit.query({
      userId: 'u',
      target: c.ref,
      action: 'case.view',
      from: instant(0),
      to: instant(9),
    });
    await store.updates.list(c.ref);
    await store.bot.listConversations({ active: true });
    await store.bot.claimNotification('n-1', 'sweep', instant(1), 60_000);
    await store.bot.getNotifications(['n-1', 'n-2']);

    const filtered = since(mark).filter((r) => r.query.$filter !== undefined);
    expect(filtered.length).toBeGreaterThanOrEqual(10);
    const site = env.graph.fake.sites.get(siteId);
    for (const r of filtered) {
      const listId = /\/lists\/([^/]+)\//.exec(r.path)?.[1] as string;
      const columns = site?.lists.get(decodeURIComponent(listId))?.columns ?? [];
      for (const field of referencedFields(parseFilter(r.query.$filter as string))) {
        const column = columns.find((col) => `fields/${col.name}` === field);
        expect({ field, indexed: column?.indexed }).toEqual({ field, indexed: true });
      }
    }
    expect(since(mark).every((r) => r.prefer === null)).toBe(true);
    expect(since(mark).every((r) => r.status < 400 || r.status === 404)).toBe(true);
  });

  test('the adapter refuses to build a filter on a column that is not indexed', () => {
    expect(() => filterOn(SCHEMA.lists.actions).eq('DueDate', '2025-03-31')).toThrow(/not indexed/);
    expect(() => filterOn(SCHEMA.lists.updates).ge('AtMs', 0)).toThrow(/not indexed/);
    expect(filterOn(SCHEMA.lists.actions).eq('CaseRef', "CMOE-0001'")).toBe(
      "fields/CaseRef eq 'CMOE-0001'''",
    );
  });

  test('the fake, like SharePoint, refuses a filter on a column that is not indexed unless told to allow it', async () => {
    const siteId = await env.newSite();
    const listId = [...(env.graph.fake.sites.get(siteId)?.lists.values() ?? [])].find(
      (l) => l.displayName === SCHEMA.lists.actions.displayName,
    )?.id as string;
    const path = `/sites/${siteId}/lists/${listId}/items?$expand=fields&$filter=${encodeURIComponent("fields/DueDate eq '2025-03-31'")}`;
    const graph = env.transport();
    const refused = await graph.send('test', 'GET', path);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain(
      'cannot be referenced in filter or orderby as it is not indexed',
    );
    const allowed = await graph.send('test', 'GET', path, {
      headers: { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' },
    });
    expect(allowed.status).toBe(200);
  });
});

describe('concurrent edits', () => {
  test('two updates of one case at once: one wins, the other gets Conflict with the current case, nothing is lost', async () => {
    const siteId = await env.newSite();
    // Two server instances on one site, each having read the case at version 1.
    const a = env.open(siteId);
    const b = env.open(siteId);
    const created = await a.cases.create(sampleCase({ concern: 'low' }), instant(1));
    await b.cases.get(created.ref);

    const results = await Promise.allSettled([
      a.cases.update(created.ref, 1, { concern: 'high' }, instant(2)),
      b.cases.update(created.ref, 1, { hoursPerWeek: 10 }, instant(3)),
    ]);

    const won = results.filter((r): r is PromiseFulfilledResult<Case> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.value;
    expect(winner.version).toBe(2);
    const conflict = lost[0]!.reason as ConflictError<Case>;
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.current).toEqual(winner);
    expect(await a.cases.get(created.ref)).toEqual(winner);

    // The loser re-applies its change on the current version: both changes are kept.
    const loserPatch = winner.concern === 'high' ? { hoursPerWeek: 10 } : { concern: 'high' as const };
    const loserStore = winner.concern === 'high' ? b : a;
    const merged = await loserStore.cases.update(created.ref, 2, loserPatch, instant(4));
    expect(merged).toMatchObject({ version: 3, concern: 'high', hoursPerWeek: 10 });
  });

  test('an update of a case another instance changed meanwhile is refused by its eTag, not by luck', async () => {
    const siteId = await env.newSite();
    const a = env.open(siteId);
    const b = env.open(siteId);
    const created = await a.cases.create(sampleCase(), instant(1));
    await b.cases.update(created.ref, 1, { concern: 'high' }, instant(2));
    const mark = env.graph.fake.log.length;
    // `a` still remembers version 1 and its eTag: its write is refused with 412 and it reads again.
    const error = await a.cases
      .update(created.ref, 1, { concern: 'low' }, instant(3))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError<Case>).current).toMatchObject({ version: 2, concern: 'high' });
    expect(since(mark).map((r) => r.status)).toEqual([412, 200]);
  });

  test('an update of a case just read costs one request', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    const created = await store.cases.create(sampleCase(), instant(1));
    const mark = env.graph.fake.log.length;
    await store.cases.update(created.ref, 1, { concern: 'high' }, instant(2));
    expect(since(mark).map((r) => `${r.method} ${r.ifMatch !== null ? 'If-Match' : ''}`)).toEqual([
      'PATCH If-Match',
    ]);
  });
});

describe('throttling', () => {
  test('a burst of 429s is ridden out, each wait honouring Retry-After plus bounded jitter', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId, { readModel: false });
    const created = await store.cases.create(sampleCase(), instant(1));
    const mark = env.graph.fake.log.length;
    env.graph.fake.throttle(429, 3, 7);

    expect(await store.cases.get(created.ref)).toEqual(created);

    expect(since(mark).map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(env.sleeps).toHaveLength(3);
    for (const ms of env.sleeps) {
      expect(ms).toBeGreaterThanOrEqual(7000);
      expect(ms).toBeLessThan(7000 + 500);
    }
  });

  test('a persistent 429 ends in Busy after a bounded number of attempts', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId, { retry: { maxRetries: 4 }, readModel: false });
    await store.cases.list();
    const mark = env.graph.fake.log.length;
    env.graph.fake.throttle(429, Infinity, 2);

    const error = await store.cases.list().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BusyError);
    expect((error as BusyError).retryAfterSeconds).toBe(2);
    expect(since(mark)).toHaveLength(5);
    expect(env.sleeps).toHaveLength(4);
    expect(env.sleeps.reduce((x, y) => x + y, 0)).toBeLessThan(4 * 2500);
  });

  test('503 and 504 without Retry-After back off exponentially, capped', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId, {
      retry: { baseDelayMs: 100, maxDelayMs: 300, jitterMs: 0 },
      readModel: false,
    });
    await store.cases.list();
    env.graph.fake.throttle(503, 2, null);
    env.graph.fake.throttle(504, 2, null);
    expect(await store.cases.list()).toEqual([]);
    expect(env.sleeps).toEqual([100, 200, 300, 300]);
  });

  test('throttled requests inside a batch are sent again, and every case is created once', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    await store.cases.list();
    env.graph.fake.throttle(429, 3, 4, (r) => r.inBatch && r.method === 'POST');
    const mark = env.graph.fake.log.length;

    const created = await store.cases.createMany(
      Array.from({ length: 45 }, (_, i) => ({
        input: sampleCase({ referredBy: `Referrer ${i}` }),
        now: instant(i),
      })),
    );

    expect(created.map((c) => c.ref)).toEqual(Array.from({ length: 45 }, (_, i) => formatCaseRef(i + 1)));
    expect(created.map((c) => c.referredBy)).toEqual(Array.from({ length: 45 }, (_, i) => `Referrer ${i}`));
    const batches = since(mark).filter((r) => r.path === '/$batch');
    expect(batches).toHaveLength(Math.ceil(45 / 20) + 1);
    expect(env.sleeps.some((ms) => ms >= 4000)).toBe(true);
    expect(await store.cases.list()).toHaveLength(45);
  });
});

describe('bulk writes and refs', () => {
  test('importing 45 cases takes ceil(45 / 20) batches and one counter update', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    await store.cases.create(sampleCase(), instant(0));
    const mark = env.graph.fake.log.length;
    const created = await store.cases.createMany(
      Array.from({ length: 45 }, (_, i) => ({ input: sampleCase(), now: instant(i) })),
    );
    expect(created[0]?.ref).toBe('CMOE-0002');
    expect(created[44]?.ref).toBe('CMOE-0046');
    const requests = since(mark);
    expect(requests.filter((r) => r.path === '/$batch')).toHaveLength(3);
    expect(requests.filter((r) => !r.inBatch && r.path !== '/$batch').map((r) => r.method)).toEqual([
      'PATCH',
    ]);
  });

  test('writers in different instances referring at once never get the same ref', async () => {
    const siteId = await env.newSite();
    const stores = [env.open(siteId), env.open(siteId), env.open(siteId)];
    const created = await Promise.all(
      Array.from({ length: 15 }, (_, i) => stores[i % 3]!.cases.create(sampleCase(), instant(i))),
    );
    const refs = created.map((c) => c.ref).sort();
    expect(refs).toEqual(Array.from({ length: 15 }, (_, i) => formatCaseRef(i + 1)));
  });

  test('a counter set back by hand cannot duplicate a ref: the unique ref column refuses it', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    await store.cases.create(sampleCase(), instant(1));
    await store.cases.create(sampleCase(), instant(2));
    const counters = env.graph.fake.list(siteId, SCHEMA.lists.counters.displayName);
    const item = [...counters.items.values()][0]!;
    item.fields.CounterValue = 0;
    item.version++;

    const third = await env.open(siteId).cases.create(sampleCase(), instant(3));

    expect(third.ref).toBe('CMOE-0003');
    expect((await store.cases.list()).map((c) => c.ref)).toEqual(['CMOE-0001', 'CMOE-0002', 'CMOE-0003']);
  });
});

describe('unreadable items', () => {
  test('a malformed item is reported by list and item id and left out; the rest of the list is read', async () => {
    const siteId = await env.newSite();
    const reports: unknown[] = [];
    const store = env.open(siteId, { onMalformed: (r) => reports.push(r) });
    const good = await store.cases.create(sampleCase(), instant(1));
    const list = env.graph.fake.list(siteId, SCHEMA.lists.cases.displayName);
    const bad = env.graph.fake.putItem(list, {
      Title: 'CMOE-0099',
      RecordKey: 'CMOE-0099',
      RecordData: JSON.stringify({ ...storedCase(99), firstName: 'Secretname', dateOfBirth: 'not a date' }),
    });

    expect(await store.cases.list()).toEqual([good]);
    expect(reports).toEqual([
      { list: 'CMOE Cases', itemId: String(bad.id), problem: 'its record data does not match the schema' },
    ]);
    const error = await store.cases.get('CMOE-0099').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredItemError);
    expect((error as Error).message).toContain(String(bad.id));
    expect((error as Error).message).not.toContain('Secretname');
  });
});

describe('minutes and their content', () => {
  test('the content is a JSON file beside the .docx: a put is three requests, reading the content one', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    expect(await store.minutes.get('meeting-0')).toBeNull(); // the library's drive is looked up once
    const doc = sampleMinutes('meeting-1');

    let mark = env.graph.fake.log.length;
    await store.minutes.put(doc);
    expect(since(mark).map((r) => `${r.method} ${r.path.replace(/^\/drives\/[^/]+/, '')}`)).toEqual([
      'PUT /root:/meeting-1.json:/content',
      'PUT /root:/meeting-1.docx:/content',
      expect.stringMatching(/^PATCH \/items\/[^/]+\/listItem\/fields$/),
    ]);
    const files = env.graph.fake.list(siteId, SCHEMA.lists.minutes.displayName).drive!.files;
    expect([...files.keys()].sort()).toEqual(['meeting-1.docx', 'meeting-1.json']);

    mark = env.graph.fake.log.length;
    expect(await store.minutes.getContent('meeting-1')).toEqual(doc.content);
    expect(since(mark).map((r) => `${r.method} ${r.path.replace(/^\/drives\/[^/]+/, '')}`)).toEqual([
      'GET /root:/meeting-1.json:/content',
    ]);
  });

  test('minutes stored before the content was kept read as no content; the document is still read', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    const doc = sampleMinutes('meeting-1');
    await store.minutes.put(doc);
    env.graph.fake.list(siteId, SCHEMA.lists.minutes.displayName).drive!.files.delete('meeting-1.json');

    expect(await store.minutes.getContent('meeting-1')).toBeNull();
    expect(Array.from((await store.minutes.get('meeting-1'))!.bytes)).toEqual(Array.from(doc.bytes));
  });

  test('content that is not JSON, or not these minutes, is reported by file name only', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    const doc = sampleMinutes('meeting-1');
    await store.minutes.put(doc);
    const file = env.graph.fake
      .list(siteId, SCHEMA.lists.minutes.displayName)
      .drive!.files.get('meeting-1.json')!;
    const damaged = [
      '{"cases":[{"childName":"Secretly Named"}], broken',
      JSON.stringify({ ...doc.content, date: 'Secret date', closures: [{ childName: 'Secretly Named' }] }),
      JSON.stringify({ ...doc.content, meetingId: 'meeting-2' }),
    ];
    for (const text of damaged) {
      file.bytes = Buffer.from(text, 'utf8');
      const error = await store.minutes.getContent('meeting-1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoredItemError);
      expect((error as Error).message).toContain('CMOE Minutes');
      expect((error as Error).message).toContain('meeting-1.json');
      expect((error as Error).message).not.toMatch(/Secret|Testchild/);
      expect(String((error as Error).stack)).not.toMatch(/Secret|Testchild/);
    }
  });
});

describe('identity on the store', () => {
  test('a handle on behalf of a user calls Graph with that user’s token', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    const created = await store.cases.create(sampleCase(), instant(1));
    const before = env.tokens.requests.filter((r) => r.assertion === 'user-sso-token').length;
    const asUser = store.withTokens(env.provider.onBehalfOf('user-sso-token'));
    expect(await asUser.cases.get(created.ref)).toEqual(created);
    expect(env.tokens.requests.filter((r) => r.assertion === 'user-sso-token')).toHaveLength(before + 1);
  });

  test('the Graph fake refuses a request without a token it issued', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId, { tokens: { getAccessToken: () => Promise.resolve('forged') } });
    await expect(store.cases.list()).rejects.toThrow(/HTTP 401 \(InvalidAuthenticationToken\)/);
  });
});

describe('the spreadsheet import on SharePoint', () => {
  test('new cases, actions and notes go in $batch requests, never one item request each', async () => {
    const siteId = await env.newSite();
    const store = env.open(siteId);
    const deps = makeDeps(store);
    const mark = env.graph.fake.log.length;
    const report = await importSpreadsheet(
      deps,
      ADMIN_CALL,
      { bytes: fixture('sample-tracker.csv') },
      { dryRun: false, skipInvalid: true, mapping: null },
    );
    const created = report.rows.filter((r) => r.outcome === 'create').length;
    const added = report.rows.reduce((n, r) => n + r.actions + r.updates, 0);
    expect(created).toBeGreaterThan(3);
    expect(added).toBeGreaterThan(3);
    const requests = since(mark);
    // One at a time, only what is not bulk: the audit entries and the ref counter.
    const single = (name: string) => {
      const id = env.graph.fake.list(siteId, name).id;
      return requests.filter(
        (r) => !r.inBatch && r.method === 'POST' && r.path.endsWith(`/lists/${id}/items`),
      );
    };
    const batched = (name: string) => {
      const id = env.graph.fake.list(siteId, name).id;
      return requests.filter(
        (r) => r.inBatch && r.method === 'POST' && r.path.endsWith(`/lists/${id}/items`),
      );
    };
    for (const name of ['CMOE Cases', 'CMOE Actions', 'CMOE Case Updates']) expect(single(name)).toEqual([]);
    expect(batched('CMOE Cases')).toHaveLength(created);
    expect(batched('CMOE Actions').length + batched('CMOE Case Updates').length).toBe(added);
    expect(single('CMOE Audit').length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.path === '/$batch').length).toBeGreaterThanOrEqual(3);
    expect(await store.cases.list()).toHaveLength(created);
  });
});
