/**
 * The SharePoint read model on the local Graph fake: changes by other writers seen at the next view,
 * deletions, 410 resync, failures that cannot be resumed, coalescing and its window, writes read back at
 * once, conflicts, and SharePoint's word on each user. The model's clock is the test's own.
 */
import { ConsentRequiredError } from '../../src/auth/consent';
import { BusyError, ConflictError, ForbiddenError } from '../../src/domain/errors';
import type { Case } from '../../src/domain/types';
import { encodeRecord, mappings } from '../../src/store/sharepoint/mapper';
import { SCHEMA } from '../../src/store/sharepoint/schema';
import type { ReadModelEvent } from '../../src/store/sharepoint';
import { ListModel } from '../../src/store/sharepoint/readModel';
import type { FakeList } from '../fakes/graph/graphFake';
import { instant, sampleAction, sampleCase } from '../helpers/sampleRecords';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';

let env: SharePointTestEnv;

beforeAll(async () => {
  env = await startSharePointEnv({ maxPageSize: 50 });
});

afterAll(async () => {
  await env.close();
});

beforeEach(() => {
  env.graph.fake.clearThrottles();
  env.graph.fake.refuse = null;
});

const m = mappings();
const FRESH_MS = 1_000;

/** A site with `n` cases, and the store on it with a model whose clock the test moves. */
async function siteWithCases(n: number) {
  const siteId = await env.newSite();
  const clock = { ms: Date.parse('2027-03-08T09:00:00Z') };
  const events: ReadModelEvent[] = [];
  const store = env.open(siteId, {
    pageSize: 50,
    readModel: { clock: () => clock.ms, freshMs: FRESH_MS, onEvent: (e) => events.push(e) },
  });
  const cases = await store.cases.createMany(
    Array.from({ length: n }, (_, i) => ({ input: sampleCase({ hoursPerWeek: i % 20 }), now: instant(0) })),
  );
  const list = env.graph.fake.list(siteId, SCHEMA.lists.cases.displayName);
  /** Past the window: the next view sends a delta. */
  const later = () => {
    clock.ms += FRESH_MS;
  };
  return { siteId, store, cases, list, clock, events, later };
}

function itemOf(list: FakeList, ref: string): number {
  const item = [...list.items.values()].find((i) => i.fields.RecordKey === ref);
  if (!item) throw new Error(`no item for ${ref}`);
  return item.id;
}

/** The case as another instance (or a person in SharePoint) would write it straight into the list. */
function writeElsewhere(list: FakeList, c: Case, patch: Partial<Case>): Case {
  const next = { ...c, ...patch, version: c.version + 1, updatedAt: instant(5) } as Case;
  env.graph.fake.changeItem(list, itemOf(list, c.ref), encodeRecord(m.cases, next));
  return next;
}

describe('changes made elsewhere', () => {
  test('a change another instance writes straight into SharePoint appears at the next view', async () => {
    const { store, cases, list, later } = await siteWithCases(3);
    await store.cases.list();
    const target = cases[1] as Case;

    const changed = writeElsewhere(list, target, { hoursPerWeek: 17 });
    later();

    expect(await store.cases.get(target.ref)).toEqual(changed);
    expect((await store.cases.list()).find((c) => c.ref === target.ref)).toEqual(changed);
  });

  test('within the window after a delta a view reads the model as it is; past it, the change shows', async () => {
    const { store, cases, list, clock } = await siteWithCases(2);
    await store.cases.list();
    const target = cases[0] as Case;
    const changed = writeElsewhere(list, target, { hoursPerWeek: 9 });
    const before = env.graph.fake.roundTrips;

    clock.ms += FRESH_MS - 1;
    expect(await store.cases.get(target.ref)).toEqual(target);
    expect(env.graph.fake.roundTrips).toBe(before);

    clock.ms += 1;
    expect(await store.cases.get(target.ref)).toEqual(changed);
    expect(env.graph.fake.roundTrips).toBe(before + 1);
  });

  test('a case deleted in SharePoint disappears from the list and from get at the next view', async () => {
    const { store, cases, list, later, events } = await siteWithCases(3);
    await store.cases.list();
    const gone = cases[2] as Case;

    env.graph.fake.deleteItem(list, itemOf(list, gone.ref));
    later();

    expect((await store.cases.list()).map((c) => c.ref)).toEqual(cases.slice(0, 2).map((c) => c.ref));
    expect(await store.cases.get(gone.ref)).toBeNull();
    expect(events).toContainEqual(expect.objectContaining({ event: 'changes', deleted: 1, changed: 0 }));
  });

  test('a 410 Gone is followed by a full read from its Location, and the model then holds exactly what SharePoint holds', async () => {
    const { siteId, store, cases, list, later, events } = await siteWithCases(120);
    await store.cases.list();
    writeElsewhere(list, cases[7] as Case, { hoursPerWeek: 3 });
    env.graph.fake.deleteItem(list, itemOf(list, (cases[60] as Case).ref));
    const other = env.open(siteId, { readModel: false });
    await other.cases.create(sampleCase(), instant(6));
    env.graph.fake.expireDeltaTokens();
    const mark = env.graph.fake.log.length;
    later();

    const seen = await store.cases.list();

    expect(seen).toEqual(await other.cases.list());
    expect(seen).toHaveLength(120);
    const deltas = env.graph.fake.log.slice(mark).filter((r) => r.path.endsWith(`${list.id}/items/delta`));
    expect(deltas[0]?.status).toBe(410);
    // Then from the Location: a new enumeration (no token) in pages of 50, all answered.
    expect(deltas[1]?.query.token).toBeUndefined();
    expect(deltas.slice(1).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(events).toContainEqual(expect.objectContaining({ event: 'resync', reason: 'gone', items: 120 }));
  });

  test('a delta Graph cannot serve (500) is not resumed: the list is read again from scratch, nothing lost', async () => {
    const { store, cases, list, later, events } = await siteWithCases(5);
    await store.cases.list();
    const changed = writeElsewhere(list, cases[4] as Case, { hoursPerWeek: 1 });
    env.graph.fake.fail(500, 1, (r) => r.inBatch && r.path.endsWith(`${list.id}/items/delta`));
    later();

    expect((await store.cases.list()).at(-1)).toEqual(changed);
    expect(events).toContainEqual(expect.objectContaining({ event: 'resync', reason: 'failed', items: 5 }));
  });

  test('a throttled delta ends in Busy and keeps its token: the next view resumes from it', async () => {
    const { store, cases, list, later, events } = await siteWithCases(2);
    await store.cases.list();
    env.graph.fake.throttle(429, Infinity, 1, (r) => r.path === '/$batch');
    later();
    expect(await store.cases.list().catch((e: unknown) => e)).toBeInstanceOf(BusyError);

    env.graph.fake.clearThrottles();
    const changed = writeElsewhere(list, cases[0] as Case, { hoursPerWeek: 4 });
    const mark = env.graph.fake.log.length;
    expect(await store.cases.get(changed.ref)).toEqual(changed);
    const deltas = env.graph.fake.log.slice(mark).filter((r) => r.path.endsWith('/items/delta'));
    expect(deltas.every((r) => r.query.token !== undefined)).toBe(true);
    expect(events.filter((e) => e.event === 'resync')).toEqual([]);
  });
});

describe('round trips', () => {
  test('a repeat view with nothing changed is one round trip for every list, shared by concurrent views', async () => {
    const { store, later } = await siteWithCases(60);
    await store.cases.list();
    later();
    const before = env.graph.fake.roundTrips;

    await Promise.all([
      store.cases.list(),
      store.actions.list(),
      store.meetings.list(),
      store.cases.get('x'),
    ]);

    expect(env.graph.fake.roundTrips - before).toBe(1);
  });

  test('the first view reads every model list in pages, side by side', async () => {
    const siteId = await env.newSite();
    const seeding = env.open(siteId, { pageSize: 50, readModel: false });
    const cases = await seeding.cases.createMany(
      Array.from({ length: 120 }, () => ({ input: sampleCase(), now: instant(0) })),
    );
    await seeding.actions.createMany(cases.map((c) => ({ input: sampleAction(c.ref), now: instant(0) })));
    const store = env.open(siteId, { pageSize: 50 });
    await store.audit.query({ limit: 1 }); // the site's lists are looked up first, outside the count
    const mark = env.graph.fake.log.length;

    expect(await store.cases.list()).toHaveLength(120);

    const deltas = env.graph.fake.log.slice(mark).filter((r) => r.path.endsWith('/items/delta'));
    const byList = new Map<string, number>();
    for (const r of deltas) byList.set(r.path, (byList.get(r.path) ?? 0) + 1);
    // ceil(120 / 50) for cases and actions, one page for each empty list: five lists.
    expect([...byList.values()].sort()).toEqual([1, 1, 1, 3, 3]);
    expect(env.graph.fake.log.length - mark).toBe(deltas.length);
  });
});

describe('writes', () => {
  test('the writer reads its own write at once, without waiting for a delta', async () => {
    const { store, cases } = await siteWithCases(2);
    await store.cases.list();
    const target = cases[0] as Case;
    const before = env.graph.fake.roundTrips;

    const updated = await store.cases.update(target.ref, target.version, { hoursPerWeek: 11 }, instant(3));
    const added = await store.actions.create(sampleAction(target.ref), instant(3));

    expect(await store.cases.get(target.ref)).toEqual(updated);
    expect(await store.actions.list({ caseRef: target.ref })).toEqual([added]);
    expect(env.graph.fake.roundTrips - before).toBe(2);
  });

  test('a stale write is still a Conflict carrying the current record, though the model had not seen it', async () => {
    const { siteId, store, cases } = await siteWithCases(2);
    await store.cases.list();
    const target = cases[1] as Case;
    const elsewhere = env.open(siteId);
    const theirs = await elsewhere.cases.update(target.ref, target.version, { hoursPerWeek: 2 }, instant(4));

    const error = await store.cases
      .update(target.ref, target.version, { hoursPerWeek: 8 }, instant(5))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError<Case>).current).toEqual(theirs);
    expect(await store.cases.get(target.ref)).toEqual(theirs);
  });
});

describe('users', () => {
  test('a user SharePoint refuses gets Forbidden though the model holds the data; one it lets in reads it', async () => {
    const { store, cases } = await siteWithCases(2);
    await store.cases.list();
    const refused = env.provider.onBehalfOf('sso-of-someone-refused');
    const allowed = env.provider.onBehalfOf('sso-of-a-member');
    const refusedToken = await refused.getAccessToken();
    env.graph.fake.refuse = (r) => r.token === refusedToken;

    expect(
      await store
        .forUser(refused, 'refused')
        .cases.list()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await store
        .forUser(refused, 'refused')
        .cases.get((cases[0] as Case).ref)
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ForbiddenError);
    expect(await store.forUser(allowed, 'member').cases.list()).toEqual(cases);
  });

  test('a user who must consent first gets ConsentRequired, not the model’s data', async () => {
    const { store } = await siteWithCases(1);
    await store.cases.list();
    env.tokens.interactionRequired.add('sso-needing-consent');
    try {
      const user = store.forUser(env.provider.onBehalfOf('sso-needing-consent'), 'new-user');
      expect(await user.cases.list().catch((e: unknown) => e)).toBeInstanceOf(ConsentRequiredError);
    } finally {
      env.tokens.interactionRequired.delete('sso-needing-consent');
    }
  });

  test('a user’s access is confirmed once for minutes, asked again after, and forgotten at their first 403', async () => {
    const { store, cases, clock } = await siteWithCases(2);
    await store.cases.list();
    const tokens = env.provider.onBehalfOf('sso-of-a-regular');
    const token = await tokens.getAccessToken();
    const checks = () =>
      env.graph.fake.log.filter((r) => r.token === token && r.inBatch && r.query.$select === 'id').length;

    await store.forUser(tokens, 'regular').cases.list();
    await store.forUser(tokens, 'regular').actions.list();
    expect(checks()).toBe(5); // one batch: each model list's metadata, as the user

    clock.ms += 5 * 60_000;
    await store.forUser(tokens, 'regular').cases.list();
    expect(checks()).toBe(10);

    // SharePoint stops letting them write: the refusal also ends the trust in the earlier check.
    env.graph.fake.refuse = (r) => r.token === token;
    const target = cases[0] as Case;
    const write = store
      .forUser(tokens, 'regular')
      .cases.update(target.ref, 1, { hoursPerWeek: 1 }, instant(2));
    expect(await write.catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError);
    expect(
      await store
        .forUser(tokens, 'regular')
        .cases.list()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ForbiddenError);
  });
});

describe('the model’s bookkeeping', () => {
  /** A list item as Graph sends it, for a case at a version. */
  const item = (id: string, c: Case) => ({
    id,
    eTag: `"e,${c.version}"`,
    fields: encodeRecord(m.cases, c),
  });
  const stored = (version: number): Case =>
    ({
      ...sampleCase(),
      ref: 'CMOE-0001',
      version,
      createdAt: instant(0),
      updatedAt: instant(version),
    }) as Case;

  test('a delta sent before this process wrote an item cannot undo the write; a later one applies', () => {
    let writes = 0;
    const reports: unknown[] = [];
    const model = new ListModel<Case>(
      'cases',
      m.cases,
      (r) => reports.push(r),
      () => ++writes,
    );
    model.replace([item('1', stored(1))], 0, 'https://graph.invalid/delta?token=a');
    const sentBefore = writes;

    model.put({ itemId: '1', eTag: '"e,2"', record: stored(2) });
    model.apply([item('1', stored(1))], sentBefore);
    expect(model.entry('CMOE-0001')?.record.version).toBe(2);

    const sentAfter = writes;
    model.apply([item('1', stored(3))], sentAfter);
    expect(model.entry('CMOE-0001')?.record.version).toBe(3);
    model.apply([{ id: '1', deleted: { state: 'deleted' } }], sentAfter);
    expect(model.entry('CMOE-0001')).toBeNull();
    expect(reports).toEqual([]);
  });

  test('an unreadable item is reported by list and item id only, and a get of its key says so', () => {
    const reports: { list: string; itemId: string; problem: string }[] = [];
    const model = new ListModel<Case>(
      'cases',
      m.cases,
      (r) => reports.push(r),
      () => 0,
    );
    model.apply([{ id: '9', fields: { RecordKey: 'CMOE-0009', RecordData: '{"name":"Secretname"' } }], 0);
    expect(model.entries()).toEqual([]);
    expect(model.brokenItem('CMOE-0009')).toEqual(expect.objectContaining({ itemId: '9' }));
    expect(reports).toEqual([
      { list: SCHEMA.lists.cases.displayName, itemId: '9', problem: 'its record data is not valid JSON' },
    ]);
  });
});
