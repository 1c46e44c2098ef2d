/**
 * The store contract: what every adapter of `src/store/ports.ts` must do, written against the port only
 * (no SQL, no Graph), so the SQLite adapter and the SharePoint adapter run the very same suite.
 *
 * Each test gets a fresh, empty store from `makeStore` and calls `cleanup` after it.
 */
import { ConflictError, InvalidError, NotFoundError } from '../../src/domain/errors';
import type { Case } from '../../src/domain/types';
import type { Store } from '../../src/store/ports';
import {
  instant,
  sampleAction,
  sampleAudit,
  sampleCase,
  sampleConversation,
  sampleDisclosure,
  sampleEscalation,
  sampleMeeting,
  sampleMinutes,
  sampleMinutesContent,
  samplePerson,
  sampleUpdate,
} from './sampleRecords';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

const ref = (n: number): string => `CMOE-${String(n).padStart(4, '0')}`;

/**
 * Mutates a record the store returned. An adapter may hand out copies (the change stays local) or
 * deep-frozen shared records (the change throws a TypeError); either way the store must not change,
 * which is what the tests then assert.
 */
function attempt(mutate: () => unknown): void {
  try {
    mutate();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

export function describeStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let fixture: StoreFixture;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('cases', () => {
      test('create allocates CMOE-0001 first, with version 1 and both timestamps set to now', async () => {
        const input = sampleCase();
        const created = await store.cases.create(input, instant(1));
        expect(created).toEqual({
          ...input,
          ref: 'CMOE-0001',
          version: 1,
          createdAt: instant(1),
          updatedAt: instant(1),
        });
      });

      test('refs are allocated in sequence without gaps', async () => {
        const refs: string[] = [];
        for (let i = 0; i < 5; i++) refs.push((await store.cases.create(sampleCase(), instant(i))).ref);
        expect(refs).toEqual([ref(1), ref(2), ref(3), ref(4), ref(5)]);
      });

      test('20 concurrent creates get 20 distinct consecutive refs', async () => {
        const created = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.cases.create(sampleCase({ referredBy: `Referrer ${i}` }), instant(i)),
          ),
        );
        const refs = created.map((c) => c.ref).sort();
        expect(new Set(refs).size).toBe(20);
        expect(refs).toEqual(Array.from({ length: 20 }, (_, i) => ref(i + 1)));
        const listed = await store.cases.list();
        expect(listed.map((c) => c.ref)).toEqual(refs);
      });

      test('an invalid case is refused with InvalidError naming the field, and uses up no ref', async () => {
        const error = await rejectionOf(store.cases.create(sampleCase({ categories: [] }), instant(1)));
        expect(error).toBeInstanceOf(InvalidError);
        expect((error as InvalidError).issues.map((i) => i.path)).toContain('categories');
        expect(await store.cases.list()).toEqual([]);
        expect((await store.cases.create(sampleCase(), instant(2))).ref).toBe('CMOE-0001');
      });

      test('a reopening kept on a case (issue 17) is stored and read back, in order, by get and list', async () => {
        const created = await store.cases.create(
          sampleCase({
            status: 'closed',
            closure: { reason: 'school-place', date: '2026-02-10', note: null },
          }),
          instant(1),
        );
        const reopenings = [
          {
            closure: { reason: 'school-place' as const, date: '2026-02-10', note: null },
            reopenedOn: '2026-03-03',
            reopenedAt: instant(2),
          },
        ];
        const updated = await store.cases.update(
          created.ref,
          created.version,
          { status: 'open', closure: null, reopenings },
          instant(2),
        );
        expect(updated.reopenings).toEqual(reopenings);
        expect((await store.cases.get(created.ref))?.reopenings).toEqual(reopenings);
        expect((await store.cases.list())[0]?.reopenings).toEqual(reopenings);
        // A case stored without the field (every case written before issue 17) reads back without it.
        expect((await store.cases.create(sampleCase(), instant(3))).reopenings).toBeUndefined();
      });

      test('get returns the stored case, and null for a ref that does not exist', async () => {
        const created = await store.cases.create(sampleCase(), instant(1));
        expect(await store.cases.get(created.ref)).toEqual(created);
        expect(await store.cases.get('CMOE-0042')).toBeNull();
      });

      test('list returns every case in ref order', async () => {
        for (let i = 0; i < 12; i++) await store.cases.create(sampleCase(), instant(i));
        const listed = await store.cases.list();
        expect(listed.map((c) => c.ref)).toEqual(Array.from({ length: 12 }, (_, i) => ref(i + 1)));
        expect(await store.cases.list({})).toEqual(listed);
      });

      test('list filters by status, concern, category and lead email (case-insensitively), combined', async () => {
        const a = await store.cases.create(
          sampleCase({ status: 'open', concern: 'high', categories: ['cme', 'off-rolling'] }),
          instant(1),
        );
        const b = await store.cases.create(
          sampleCase({
            status: 'referred',
            concern: 'low',
            categories: ['medically-unfit'],
            lead: { id: 'lead-2', name: 'Other Lead', email: 'Other.Lead@Example.org' },
          }),
          instant(2),
        );
        const c = await store.cases.create(
          sampleCase({ status: 'closed', concern: 'high', categories: ['off-rolling'], lead: null }),
          instant(3),
        );
        const refs = (cases: Case[]) => cases.map((x) => x.ref);

        expect(refs(await store.cases.list({ status: ['open'] }))).toEqual([a.ref]);
        expect(refs(await store.cases.list({ status: ['open', 'closed'] }))).toEqual([a.ref, c.ref]);
        expect(refs(await store.cases.list({ status: [] }))).toEqual([]);
        expect(refs(await store.cases.list({ concern: ['high'] }))).toEqual([a.ref, c.ref]);
        expect(refs(await store.cases.list({ concern: ['medium'] }))).toEqual([]);
        expect(refs(await store.cases.list({ category: 'off-rolling' }))).toEqual([a.ref, c.ref]);
        expect(refs(await store.cases.list({ category: 'medically-unfit' }))).toEqual([b.ref]);
        expect(refs(await store.cases.list({ category: 'ehe-unsatisfactory' }))).toEqual([]);
        expect(refs(await store.cases.list({ leadEmail: 'other.lead@example.org' }))).toEqual([b.ref]);
        expect(refs(await store.cases.list({ leadEmail: 'LEAD.EXAMPLE@EXAMPLE.ORG' }))).toEqual([a.ref]);
        expect(refs(await store.cases.list({ leadEmail: 'nobody@example.org' }))).toEqual([]);
        expect(
          refs(await store.cases.list({ status: ['open', 'closed'], concern: ['high'], category: 'cme' })),
        ).toEqual([a.ref]);
        expect(refs(await store.cases.list({ status: ['closed'], category: 'cme' }))).toEqual([]);
      });

      test('list filters follow updates (status and categories)', async () => {
        const a = await store.cases.create(sampleCase({ categories: ['cme'] }), instant(1));
        await store.cases.update(
          a.ref,
          1,
          { status: 'open', categories: ['permanently-excluded'] },
          instant(2),
        );
        expect(await store.cases.list({ status: ['referred'] })).toEqual([]);
        expect((await store.cases.list({ status: ['open'] })).map((c) => c.ref)).toEqual([a.ref]);
        expect(await store.cases.list({ category: 'cme' })).toEqual([]);
        expect((await store.cases.list({ category: 'permanently-excluded' })).map((c) => c.ref)).toEqual([
          a.ref,
        ]);
      });

      test('update merges the patch, bumps the version and sets updatedAt, keeping ref and createdAt', async () => {
        const created = await store.cases.create(sampleCase(), instant(1));
        const updated = await store.cases.update(
          created.ref,
          1,
          { concern: 'high', stuckFlag: true },
          instant(5),
        );
        expect(updated).toEqual({
          ...created,
          concern: 'high',
          stuckFlag: true,
          version: 2,
          updatedAt: instant(5),
        });
        expect(await store.cases.get(created.ref)).toEqual(updated);
        const again = await store.cases.update(created.ref, 2, { status: 'open' }, instant(6));
        expect(again.version).toBe(3);
        expect(again.concern).toBe('high');
      });

      test('update ignores identity and bookkeeping smuggled into a patch', async () => {
        const created = await store.cases.create(sampleCase(), instant(1));
        const smuggled = { ref: 'CMOE-9999', version: 77, createdAt: instant(99), concern: 'low' } as object;
        const updated = await store.cases.update(created.ref, 1, smuggled, instant(2));
        expect(updated).toMatchObject({
          ref: created.ref,
          version: 2,
          createdAt: instant(1),
          concern: 'low',
        });
        expect(await store.cases.get('CMOE-9999')).toBeNull();
      });

      test('a stale version throws ConflictError carrying the stored case, and writes nothing', async () => {
        const created = await store.cases.create(sampleCase(), instant(1));
        const current = await store.cases.update(created.ref, 1, { concern: 'high' }, instant(2));
        const error = await rejectionOf(store.cases.update(created.ref, 1, { concern: 'low' }, instant(3)));
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError<Case>).current).toEqual(current);
        expect(await store.cases.get(created.ref)).toEqual(current);
      });

      test('a write is read back at once by every read, however many run together', async () => {
        const created = await store.cases.create(sampleCase(), instant(1));
        await store.cases.list();
        const updated = await store.cases.update(created.ref, 1, { hoursPerWeek: 12 }, instant(2));
        const action = await store.actions.create(sampleAction(created.ref), instant(2));
        const reads = await Promise.all([
          store.cases.get(created.ref),
          store.cases.list(),
          store.cases.list({ status: [updated.status] }),
          store.actions.list({ caseRef: created.ref }),
          store.actions.get(action.id),
        ]);
        expect(reads).toEqual([updated, [updated], [updated], [action], action]);
      });

      test('updating a case that does not exist throws NotFoundError naming the ref', async () => {
        const error = await rejectionOf(store.cases.update('CMOE-0042', 1, { concern: 'high' }, instant(1)));
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as Error).message).toContain('CMOE-0042');
      });

      test('an invalid patch throws InvalidError naming the field, and writes nothing', async () => {
        const created = await store.cases.create(sampleCase(), instant(1));
        const error = await rejectionOf(
          store.cases.update(created.ref, 1, { dateOfBirth: '2014-02-30', categories: [] }, instant(2)),
        );
        expect(error).toBeInstanceOf(InvalidError);
        const paths = (error as InvalidError).issues.map((i) => i.path);
        expect(paths).toEqual(expect.arrayContaining(['dateOfBirth', 'categories']));
        expect((error as Error).message).not.toContain('Testy');
        expect(await store.cases.get(created.ref)).toEqual(created);
      });

      test('mutating returned cases (or the input) never changes the store', async () => {
        const input = sampleCase();
        const created = await store.cases.create(input, instant(1));
        const snapshot = structuredClone(created);
        input.categories.push('cme');
        input.firstName = 'Changed';
        attempt(() => created.categories.push('off-rolling'));
        attempt(() => (created.lead!.name = 'Changed'));
        const got = (await store.cases.get(created.ref))!;
        attempt(() =>
          got.listChecks.push({ list: 'cse', checkedOn: '2025-03-01', checkedBy: 'X', outcome: 'Y' }),
        );
        const listed = await store.cases.list();
        attempt(() => (listed[0]!.concern = 'high'));
        expect(await store.cases.get(created.ref)).toEqual(snapshot);
        expect(await store.cases.list()).toEqual([snapshot]);
      });
    });

    describe('actions', () => {
      test('create assigns an id and version 1, and get returns it', async () => {
        const input = sampleAction('CMOE-0001');
        const created = await store.actions.create(input, instant(1));
        expect(created).toEqual({
          ...input,
          id: expect.any(String),
          version: 1,
          createdAt: instant(1),
          updatedAt: instant(1),
        });
        expect(created.id.length).toBeGreaterThan(0);
        expect(await store.actions.get(created.id)).toEqual(created);
        const other = await store.actions.create(input, instant(1));
        expect(other.id).not.toBe(created.id);
      });

      test('get returns null for an unknown id', async () => {
        expect(await store.actions.get('no-such-action')).toBeNull();
      });

      test('an action missing its description is refused with InvalidError naming it', async () => {
        const error = await rejectionOf(
          store.actions.create(sampleAction('CMOE-0001', { description: ' ' }), instant(1)),
        );
        expect(error).toBeInstanceOf(InvalidError);
        expect((error as InvalidError).issues.map((i) => i.path)).toContain('description');
        expect(await store.actions.list()).toEqual([]);
      });

      test('list is ordered by due date then id', async () => {
        const due = ['2025-04-10', '2025-03-20', '2025-04-10', '2025-03-25', '2025-03-20'];
        for (const dueDate of due)
          await store.actions.create(sampleAction('CMOE-0001', { dueDate }), instant(1));
        const listed = await store.actions.list();
        const expected = [...listed].sort((x, y) =>
          x.dueDate === y.dueDate ? (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) : x.dueDate < y.dueDate ? -1 : 1,
        );
        expect(listed.map((a) => a.id)).toEqual(expected.map((a) => a.id));
        expect(listed.map((a) => a.dueDate)).toEqual([
          '2025-03-20',
          '2025-03-20',
          '2025-03-25',
          '2025-04-10',
          '2025-04-10',
        ]);
      });

      test('list filters by case, owner, status and meeting, combined', async () => {
        const other = samplePerson({
          id: 'owner-2',
          name: 'Second Owner',
          email: 'second.owner@example.org',
        });
        const a = await store.actions.create(
          sampleAction('CMOE-0001', { dueDate: '2025-03-20', meetingId: 'm-1' }),
          instant(1),
        );
        const b = await store.actions.create(
          sampleAction('CMOE-0001', { dueDate: '2025-03-21', owner: other, status: 'done' }),
          instant(1),
        );
        const c = await store.actions.create(
          sampleAction('CMOE-0002', { dueDate: '2025-03-22', meetingId: 'm-1' }),
          instant(1),
        );
        const d = await store.actions.create(
          sampleAction('CMOE-0002', { dueDate: '2025-03-23', owner: null }),
          instant(1),
        );
        const ids = async (q: Parameters<Store['actions']['list']>[0]) =>
          (await store.actions.list(q)).map((x) => x.id);

        expect(await ids({ caseRef: 'CMOE-0001' })).toEqual([a.id, b.id]);
        expect(await ids({ ownerId: 'owner-1' })).toEqual([a.id, c.id]);
        expect(await ids({ ownerId: 'owner-2' })).toEqual([b.id]);
        expect(await ids({ status: ['open'] })).toEqual([a.id, c.id, d.id]);
        expect(await ids({ status: ['done', 'cancelled'] })).toEqual([b.id]);
        expect(await ids({ status: [] })).toEqual([]);
        expect(await ids({ meetingId: 'm-1' })).toEqual([a.id, c.id]);
        expect(
          await ids({ caseRef: 'CMOE-0002', meetingId: 'm-1', status: ['open'], ownerId: 'owner-1' }),
        ).toEqual([c.id]);
        expect(await ids({ caseRef: 'CMOE-0003' })).toEqual([]);
      });

      test('update merges, bumps the version, and never changes caseRef or createdBy', async () => {
        const created = await store.actions.create(sampleAction('CMOE-0001'), instant(1));
        const patch = {
          status: 'done',
          completionNote: 'Place confirmed',
          completedOn: '2025-03-15',
          caseRef: 'CMOE-0002',
          createdBy: samplePerson({ id: 'someone-else' }),
        } as object;
        const updated = await store.actions.update(created.id, 1, patch, instant(4));
        expect(updated).toEqual({
          ...created,
          status: 'done',
          completionNote: 'Place confirmed',
          completedOn: '2025-03-15',
          version: 2,
          updatedAt: instant(4),
        });
        expect(await store.actions.get(created.id)).toEqual(updated);
        expect(await store.actions.list({ status: ['done'] })).toEqual([updated]);
      });

      test('a stale version throws ConflictError with the stored action and writes nothing', async () => {
        const created = await store.actions.create(sampleAction('CMOE-0001'), instant(1));
        const current = await store.actions.update(created.id, 1, { dueDate: '2025-04-30' }, instant(2));
        const error = await rejectionOf(
          store.actions.update(created.id, 1, { status: 'cancelled' }, instant(3)),
        );
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).current).toEqual(current);
        expect(await store.actions.get(created.id)).toEqual(current);
      });

      test('updating a missing action throws NotFoundError; an invalid patch throws InvalidError', async () => {
        expect(
          await rejectionOf(store.actions.update('no-such-action', 1, { status: 'done' }, instant(1))),
        ).toBeInstanceOf(NotFoundError);
        const created = await store.actions.create(sampleAction('CMOE-0001'), instant(1));
        const error = await rejectionOf(store.actions.update(created.id, 1, { dueDate: 'soon' }, instant(2)));
        expect(error).toBeInstanceOf(InvalidError);
        expect((error as InvalidError).issues.map((i) => i.path)).toContain('dueDate');
        expect(await store.actions.get(created.id)).toEqual(created);
      });

      test('mutating returned actions never changes the store', async () => {
        const created = await store.actions.create(sampleAction('CMOE-0001'), instant(1));
        const snapshot = structuredClone(created);
        attempt(() => (created.owner!.name = 'Changed'));
        const listed = await store.actions.list();
        attempt(() =>
          listed[0]!.deferrals.push({
            from: '2025-03-31',
            to: '2025-04-30',
            reason: 'x',
            by: samplePerson(),
            at: instant(2),
          }),
        );
        expect(await store.actions.get(created.id)).toEqual(snapshot);
      });
    });

    describe('case updates (timeline)', () => {
      test('add assigns an id and list returns a case’s updates oldest first', async () => {
        const later = await store.updates.add(sampleUpdate('CMOE-0001', { at: instant(30), text: 'Second' }));
        const earlier = await store.updates.add(
          sampleUpdate('CMOE-0001', { at: instant(10), text: 'First' }),
        );
        await store.updates.add(sampleUpdate('CMOE-0002', { at: instant(20), text: 'Another case' }));
        expect(later.id).not.toBe(earlier.id);
        expect(later).toEqual({
          ...sampleUpdate('CMOE-0001', { at: instant(30), text: 'Second' }),
          id: later.id,
        });
        expect(await store.updates.list('CMOE-0001')).toEqual([earlier, later]);
        expect((await store.updates.list('CMOE-0002')).map((u) => u.text)).toEqual(['Another case']);
        expect(await store.updates.list('CMOE-0003')).toEqual([]);
      });

      test('updates at the same instant keep the order they were added', async () => {
        for (const text of ['one', 'two', 'three'])
          await store.updates.add(sampleUpdate('CMOE-0001', { text }));
        expect((await store.updates.list('CMOE-0001')).map((u) => u.text)).toEqual(['one', 'two', 'three']);
      });

      test('an empty update is refused; the timeline is append-only and mutating it never changes the store', async () => {
        expect(
          await rejectionOf(store.updates.add(sampleUpdate('CMOE-0001', { text: '  ' }))),
        ).toBeInstanceOf(InvalidError);
        const added = await store.updates.add(sampleUpdate('CMOE-0001'));
        attempt(() => (added.text = 'Changed'));
        const listed = await store.updates.list('CMOE-0001');
        attempt(() => (listed[0]!.by.name = 'Changed'));
        expect((await store.updates.list('CMOE-0001'))[0]).toEqual({
          ...sampleUpdate('CMOE-0001'),
          id: added.id,
        });
        for (const method of ['update', 'delete', 'remove']) expect(method in store.updates).toBe(false);
      });
    });

    describe('bulk writes (seeding, import)', () => {
      test('createMany of cases continues the refs in order, each with its own creation time', async () => {
        await store.cases.create(sampleCase({ firstName: 'First' }), instant(1));
        const created = await store.cases.createMany([
          { input: sampleCase({ firstName: 'Bulk-A' }), now: instant(2) },
          { input: sampleCase({ firstName: 'Bulk-B' }), now: instant(3) },
          { input: sampleCase({ firstName: 'Bulk-C' }), now: instant(4) },
        ]);
        expect(created.map((c) => [c.ref, c.firstName, c.createdAt, c.version])).toEqual([
          ['CMOE-0002', 'Bulk-A', instant(2), 1],
          ['CMOE-0003', 'Bulk-B', instant(3), 1],
          ['CMOE-0004', 'Bulk-C', instant(4), 1],
        ]);
        expect((await store.cases.list()).map((c) => c.ref)).toEqual([
          'CMOE-0001',
          'CMOE-0002',
          'CMOE-0003',
          'CMOE-0004',
        ]);
        expect(await store.cases.get('CMOE-0003')).toEqual(created[1]);
        expect(await store.cases.createMany([])).toEqual([]);
        // A single create afterwards carries on from the bulk one.
        expect((await store.cases.create(sampleCase(), instant(5))).ref).toBe('CMOE-0005');
      });

      test('createMany of actions and addMany of updates keep their order and can be read back', async () => {
        const actions = await store.actions.createMany([
          {
            input: sampleAction('CMOE-0001', { description: 'Bulk one', dueDate: '2025-05-01' }),
            now: instant(1),
          },
          {
            input: sampleAction('CMOE-0002', { description: 'Bulk two', dueDate: '2025-04-01' }),
            now: instant(2),
          },
        ]);
        expect(actions.map((a) => a.description)).toEqual(['Bulk one', 'Bulk two']);
        expect(new Set(actions.map((a) => a.id)).size).toBe(2);
        expect(await store.actions.get(actions[0]!.id)).toEqual(actions[0]);
        expect((await store.actions.list()).map((a) => a.description)).toEqual(['Bulk two', 'Bulk one']);

        const updates = await store.updates.addMany([
          sampleUpdate('CMOE-0001', { text: 'First note', at: instant(1) }),
          sampleUpdate('CMOE-0001', { text: 'Second note', at: instant(2) }),
        ]);
        expect(updates.map((u) => u.text)).toEqual(['First note', 'Second note']);
        expect((await store.updates.list('CMOE-0001')).map((u) => u.text)).toEqual([
          'First note',
          'Second note',
        ]);
        expect(await store.updates.addMany([])).toEqual([]);
      });
    });

    describe('meetings', () => {
      test('create, get and a missing id', async () => {
        const input = sampleMeeting();
        const created = await store.meetings.create(input, instant(1));
        expect(created).toEqual({
          ...input,
          id: expect.any(String),
          version: 1,
          createdAt: instant(1),
          updatedAt: instant(1),
        });
        expect(await store.meetings.get(created.id)).toEqual(created);
        expect(await store.meetings.get('no-such-meeting')).toBeNull();
      });

      test('list is ordered by startsAt, whatever the precision of the instants', async () => {
        const starts = [
          '2025-05-05T10:00:00.000Z',
          '2025-03-10T10:00:00Z',
          '2025-03-10T10:00:00.500Z',
          '2025-04-07T09:30:00.000Z',
        ];
        for (const startsAt of starts) await store.meetings.create(sampleMeeting({ startsAt }), instant(1));
        expect((await store.meetings.list()).map((m) => m.startsAt)).toEqual([
          '2025-03-10T10:00:00Z',
          '2025-03-10T10:00:00.500Z',
          '2025-04-07T09:30:00.000Z',
          '2025-05-05T10:00:00.000Z',
        ]);
      });

      test('list filters from (inclusive) and to (exclusive)', async () => {
        const starts = ['2025-03-10T10:00:00.000Z', '2025-04-07T10:00:00.000Z', '2025-05-05T10:00:00.000Z'];
        for (const startsAt of starts) await store.meetings.create(sampleMeeting({ startsAt }), instant(1));
        const at = async (q: Parameters<Store['meetings']['list']>[0]) =>
          (await store.meetings.list(q)).map((m) => m.startsAt);
        expect(await at({ from: '2025-04-07T10:00:00.000Z' })).toEqual([starts[1], starts[2]]);
        expect(await at({ to: '2025-04-07T10:00:00.000Z' })).toEqual([starts[0]]);
        expect(await at({ from: '2025-03-10T10:00:01.000Z', to: '2025-05-05T10:00:00.001Z' })).toEqual([
          starts[1],
          starts[2],
        ]);
        expect(await at({ from: '2025-06-01T00:00:00.000Z' })).toEqual([]);
      });

      test('update merges and bumps the version; stale -> ConflictError; missing -> NotFoundError', async () => {
        const created = await store.meetings.create(sampleMeeting(), instant(1));
        const agenda = [
          { caseRef: 'CMOE-0001', section: 'new-referral' as const, reasons: ['new referral'] },
        ];
        const updated = await store.meetings.update(
          created.id,
          1,
          { status: 'in-progress', agenda },
          instant(2),
        );
        expect(updated).toEqual({
          ...created,
          status: 'in-progress',
          agenda,
          version: 2,
          updatedAt: instant(2),
        });
        const error = await rejectionOf(
          store.meetings.update(created.id, 1, { status: 'cancelled' }, instant(3)),
        );
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).current).toEqual(updated);
        expect(await store.meetings.get(created.id)).toEqual(updated);
        expect(await rejectionOf(store.meetings.update('no-such-meeting', 1, {}, instant(3)))).toBeInstanceOf(
          NotFoundError,
        );
      });

      test('a moved meeting moves in the order; mutating a returned meeting never changes the store', async () => {
        const first = await store.meetings.create(
          sampleMeeting({ startsAt: '2025-03-10T10:00:00.000Z' }),
          instant(1),
        );
        const second = await store.meetings.create(
          sampleMeeting({ startsAt: '2025-04-07T10:00:00.000Z' }),
          instant(1),
        );
        await store.meetings.update(first.id, 1, { startsAt: '2025-05-05T10:00:00.000Z' }, instant(2));
        expect((await store.meetings.list()).map((m) => m.id)).toEqual([second.id, first.id]);
        const got = (await store.meetings.get(second.id))!;
        attempt(() => got.attendees.push({ name: 'Changed', service: null, email: null }));
        expect(await store.meetings.get(second.id)).toEqual(second);
      });
    });

    describe('minutes', () => {
      test('put then get round-trips every byte; an unknown meeting gives null', async () => {
        const doc = sampleMinutes('meeting-1');
        await store.minutes.put(doc);
        const got = await store.minutes.get('meeting-1');
        expect(got).not.toBeNull();
        expect(got!.meetingId).toBe('meeting-1');
        expect(got!.fileName).toBe(doc.fileName);
        expect(got!.contentType).toBe(doc.contentType);
        expect(got!.createdAt).toBe(doc.createdAt);
        expect(got!.bytes).toBeInstanceOf(Uint8Array);
        expect(Array.from(got!.bytes)).toEqual(Array.from(doc.bytes));
        expect(await store.minutes.get('meeting-2')).toBeNull();
      });

      test('a second put replaces the earlier document for that meeting only', async () => {
        await store.minutes.put(sampleMinutes('meeting-1'));
        await store.minutes.put(sampleMinutes('meeting-2', { bytes: Uint8Array.from([9, 9, 9]) }));
        await store.minutes.put(
          sampleMinutes('meeting-1', {
            fileName: 'v2.docx',
            bytes: Uint8Array.from([1, 2, 3]),
            createdAt: instant(9),
          }),
        );
        const got = (await store.minutes.get('meeting-1'))!;
        expect(got.fileName).toBe('v2.docx');
        expect(got.createdAt).toBe(instant(9));
        expect(Array.from(got.bytes)).toEqual([1, 2, 3]);
        expect(Array.from((await store.minutes.get('meeting-2'))!.bytes)).toEqual([9, 9, 9]);
      });

      test('bytes are copies both ways, including a view into a larger buffer', async () => {
        const backing = Uint8Array.from([100, 1, 2, 3, 200]);
        const doc = sampleMinutes('meeting-1', { bytes: backing.subarray(1, 4) });
        await store.minutes.put(doc);
        backing[2] = 77;
        const got = (await store.minutes.get('meeting-1'))!;
        expect(Array.from(got.bytes)).toEqual([1, 2, 3]);
        attempt(() => (got.bytes[0] = 55));
        expect(Array.from((await store.minutes.get('meeting-1'))!.bytes)).toEqual([1, 2, 3]);
      });

      test('the content stored with the document comes back exactly; none for an unknown meeting', async () => {
        const doc = sampleMinutes('meeting-1');
        await store.minutes.put(doc);
        expect(await store.minutes.getContent('meeting-1')).toEqual(doc.content);
        expect(await store.minutes.getContent('meeting-2')).toBeNull();
      });

      test('a second put replaces the content for that meeting only', async () => {
        await store.minutes.put(sampleMinutes('meeting-1'));
        const other = sampleMinutes('meeting-2');
        await store.minutes.put(other);
        const v2 = sampleMinutesContent('meeting-1', {
          chair: 'Another Chair (Fictional)',
          cases: [],
          escalations: [],
          closures: [],
          notDiscussed: ['CMOE-0001', 'CMOE-0002'],
        });
        await store.minutes.put(sampleMinutes('meeting-1', { content: v2 }));
        expect(await store.minutes.getContent('meeting-1')).toEqual(v2);
        expect(await store.minutes.getContent('meeting-2')).toEqual(other.content);
      });

      test('content that is invalid, or of another meeting, is refused naming the field, and nothing is stored', async () => {
        const bad = sampleMinutesContent('meeting-1');
        const invalid = {
          ...bad,
          cases: [{ ...bad.cases[0]!, childName: 'Secretname Hidden', actions: [{ dueDate: 'soon' }] }],
        };
        const refused = await rejectionOf(
          store.minutes.put(sampleMinutes('meeting-1', { content: invalid as typeof bad })),
        );
        expect(refused).toBeInstanceOf(InvalidError);
        expect((refused as InvalidError).issues.map((i) => i.path)).toContain('cases.0.actions.0.dueDate');
        expect((refused as Error).message).not.toContain('Secretname');

        const elsewhere = await rejectionOf(
          store.minutes.put(sampleMinutes('meeting-1', { content: sampleMinutesContent('meeting-9') })),
        );
        expect(elsewhere).toBeInstanceOf(InvalidError);
        expect((elsewhere as InvalidError).issues.map((i) => i.path)).toEqual(['meetingId']);

        expect(await store.minutes.get('meeting-1')).toBeNull();
        expect(await store.minutes.getContent('meeting-1')).toBeNull();
        expect(await store.minutes.getContent('meeting-9')).toBeNull();
      });

      test('content is a copy: changing what was put or what came back changes nothing stored', async () => {
        const doc = sampleMinutes('meeting-1');
        const expected = structuredClone(doc.content);
        await store.minutes.put(doc);
        doc.content.cases[0]!.decisions = 'changed after the put';
        const got = (await store.minutes.getContent('meeting-1'))!;
        attempt(() => (got.cases[0]!.summary = 'changed after the get'));
        expect(await store.minutes.getContent('meeting-1')).toEqual(expected);
      });
    });

    describe('escalations', () => {
      test('create, get, and null for an unknown id', async () => {
        const input = sampleEscalation('CMOE-0001');
        const created = await store.escalations.create(input, instant(1));
        expect(created).toEqual({
          ...input,
          earlierResponses: [],
          id: expect.any(String),
          version: 1,
          createdAt: instant(1),
          updatedAt: instant(1),
        });
        expect(await store.escalations.get(created.id)).toEqual(created);
        expect(await store.escalations.get('no-such-escalation')).toBeNull();
      });

      test('list is ordered by raisedOn then id, and filters by case and awaiting response', async () => {
        const a = await store.escalations.create(
          sampleEscalation('CMOE-0001', { raisedOn: '2025-04-07' }),
          instant(1),
        );
        const b = await store.escalations.create(
          sampleEscalation('CMOE-0002', {
            raisedOn: '2025-03-10',
            response: 'Funding agreed',
            respondedOn: '2025-03-14',
          }),
          instant(1),
        );
        const c = await store.escalations.create(
          sampleEscalation('CMOE-0001', { raisedOn: '2025-03-12' }),
          instant(1),
        );
        const ids = async (q?: Parameters<Store['escalations']['list']>[0]) =>
          (await store.escalations.list(q)).map((e) => e.id);
        expect(await ids()).toEqual([b.id, c.id, a.id]);
        expect(await ids({ caseRef: 'CMOE-0001' })).toEqual([c.id, a.id]);
        expect(await ids({ awaitingResponse: true })).toEqual([c.id, a.id]);
        expect(await ids({ awaitingResponse: false })).toEqual([b.id]);
        expect(await ids({ caseRef: 'CMOE-0002', awaitingResponse: true })).toEqual([]);

        await store.escalations.update(
          a.id,
          1,
          { response: 'Declined', outcome: 'Try AP', respondedOn: '2025-04-10' },
          instant(2),
        );
        expect(await ids({ awaitingResponse: true })).toEqual([c.id]);
        expect(await ids({ awaitingResponse: false })).toEqual([b.id, a.id]);
      });

      test('update never changes caseRef or raisedBy; stale -> ConflictError; missing -> NotFoundError', async () => {
        const created = await store.escalations.create(sampleEscalation('CMOE-0001'), instant(1));
        const patch = {
          toName: 'Head Example',
          caseRef: 'CMOE-0009',
          raisedBy: samplePerson({ id: 'x' }),
        } as object;
        const updated = await store.escalations.update(created.id, 1, patch, instant(2));
        expect(updated).toEqual({ ...created, toName: 'Head Example', version: 2, updatedAt: instant(2) });
        const error = await rejectionOf(
          store.escalations.update(created.id, 1, { toName: 'Lost' }, instant(3)),
        );
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).current).toEqual(updated);
        expect(await store.escalations.get(created.id)).toEqual(updated);
        expect(
          await rejectionOf(store.escalations.update('no-such-escalation', 1, {}, instant(3))),
        ).toBeInstanceOf(NotFoundError);
      });

      test('a new escalation has no earlier responses; an update keeps the ones it is given, in order', async () => {
        const created = await store.escalations.create(sampleEscalation('CMOE-0001'), instant(1));
        expect(created.earlierResponses).toEqual([]);
        const first = await store.escalations.update(
          created.id,
          1,
          { response: 'Declined', outcome: 'Try AP', respondedOn: '2025-03-12' },
          instant(2),
        );
        const earlier = [
          { response: 'Declined', outcome: 'Try AP', respondedOn: '2025-03-12', supersededAt: instant(3) },
        ];
        const second = await store.escalations.update(
          first.id,
          2,
          {
            response: 'Funded after appeal',
            outcome: null,
            respondedOn: '2025-03-20',
            earlierResponses: earlier,
          },
          instant(3),
        );
        expect(second).toMatchObject({ response: 'Funded after appeal', earlierResponses: earlier });
        expect(await store.escalations.get(created.id)).toEqual(second);
        expect((await store.escalations.list({ caseRef: 'CMOE-0001' }))[0]?.earlierResponses).toEqual(
          earlier,
        );
      });

      test('mutating returned escalations never changes the store', async () => {
        const created = await store.escalations.create(sampleEscalation('CMOE-0001'), instant(1));
        const snapshot = structuredClone(created);
        attempt(() => (created.raisedBy.name = 'Changed'));
        const listed = await store.escalations.list();
        attempt(() => (listed[0]!.reason = 'Changed'));
        expect(await store.escalations.get(created.id)).toEqual(snapshot);
      });
    });

    describe('audit log', () => {
      test('is append-only: there is no update or delete (only the disposal-only redact)', () => {
        for (const method of ['update', 'delete', 'remove', 'clear'])
          expect(method in store.audit).toBe(false);
      });

      test('query returns entries newest first, each with its own id', async () => {
        await store.audit.append(sampleAudit({ at: instant(1), target: 'CMOE-0001' }));
        await store.audit.append(sampleAudit({ at: instant(3), target: 'CMOE-0003' }));
        await store.audit.append(
          sampleAudit({
            at: instant(2),
            target: 'CMOE-0002',
            fields: ['concern'],
            fromVersion: 1,
            toVersion: 2,
          }),
        );
        const entries = await store.audit.query();
        expect(entries.map((e) => e.target)).toEqual(['CMOE-0003', 'CMOE-0002', 'CMOE-0001']);
        expect(new Set(entries.map((e) => e.id)).size).toBe(3);
        expect(entries[1]).toEqual({
          ...sampleAudit({
            at: instant(2),
            target: 'CMOE-0002',
            fields: ['concern'],
            fromVersion: 1,
            toVersion: 2,
          }),
          id: expect.any(String),
        });
      });

      test('query filters by user, target, action and time range (from inclusive, to exclusive)', async () => {
        await store.audit.append(
          sampleAudit({ at: instant(1), userId: 'u1', action: 'case.view', target: 'CMOE-0001' }),
        );
        await store.audit.append(
          sampleAudit({ at: instant(2), userId: 'u2', action: 'case.update', target: 'CMOE-0001' }),
        );
        await store.audit.append(
          sampleAudit({ at: instant(3), userId: 'u1', action: 'case.update', target: 'CMOE-0002' }),
        );
        await store.audit.append(
          sampleAudit({ at: instant(4), userId: 'u2', action: 'export', target: '/api/cases' }),
        );
        const at = async (q: Parameters<Store['audit']['query']>[0]) =>
          (await store.audit.query(q)).map((e) => e.at);
        expect(await at({ userId: 'u1' })).toEqual([instant(3), instant(1)]);
        expect(await at({ target: 'CMOE-0001' })).toEqual([instant(2), instant(1)]);
        expect(await at({ action: 'case.update' })).toEqual([instant(3), instant(2)]);
        expect(await at({ from: instant(2) })).toEqual([instant(4), instant(3), instant(2)]);
        expect(await at({ to: instant(2) })).toEqual([instant(1)]);
        expect(await at({ from: instant(2), to: instant(4) })).toEqual([instant(3), instant(2)]);
        expect(await at({ userId: 'u2', action: 'case.update', target: 'CMOE-0001' })).toEqual([instant(2)]);
        expect(await at({ userId: 'nobody' })).toEqual([]);
      });

      test('limit keeps the newest entries; the default limit is 500', async () => {
        for (let i = 0; i < 505; i++)
          await store.audit.append(sampleAudit({ at: instant(i), target: `t-${i}` }));
        const limited = await store.audit.query({ limit: 3 });
        expect(limited.map((e) => e.target)).toEqual(['t-504', 't-503', 't-502']);
        const all = await store.audit.query();
        expect(all).toHaveLength(500);
        expect(all[0]!.target).toBe('t-504');
        expect(all[499]!.target).toBe('t-5');
      });

      test('an entry with an unknown action is refused; mutating returned entries never changes the store', async () => {
        const bad = { ...sampleAudit(), action: 'case.delete' } as unknown as Parameters<
          Store['audit']['append']
        >[0];
        expect(await rejectionOf(store.audit.append(bad))).toBeInstanceOf(InvalidError);
        await store.audit.append(sampleAudit({ fields: ['concern'] }));
        const [entry] = await store.audit.query();
        attempt(() => entry!.fields.push('firstName'));
        expect((await store.audit.query())[0]!.fields).toEqual(['concern']);
      });
    });

    describe('disclosure log', () => {
      test('is append-only: there is no update or delete (only the disposal-only redact)', () => {
        for (const method of ['update', 'delete', 'remove', 'clear', 'put', 'set'])
          expect(method in store.disclosures).toBe(false);
      });

      test('append returns the entry with an id; lists are oldest first, by case or all', async () => {
        const a = await store.disclosures.append(sampleDisclosure(ref(1), { recordedAt: instant(2) }));
        const b = await store.disclosures.append(sampleDisclosure(ref(2), { recordedAt: instant(1) }));
        const c = await store.disclosures.append(
          sampleDisclosure(ref(1), { recordedAt: instant(3), corrects: a.id, details: 'Name only' }),
        );
        expect(a).toEqual({
          ...sampleDisclosure(ref(1), { recordedAt: instant(2) }),
          id: expect.any(String),
        });
        expect(new Set([a.id, b.id, c.id]).size).toBe(3);
        expect(await store.disclosures.listByCase(ref(1))).toEqual([a, c]);
        expect(await store.disclosures.listByCase(ref(2))).toEqual([b]);
        expect(await store.disclosures.listByCase(ref(3))).toEqual([]);
        expect((await store.disclosures.listAll()).map((d) => d.id)).toEqual([b.id, a.id, c.id]);
      });

      test('entries recorded at the same instant list in the order they were added', async () => {
        const first = await store.disclosures.append(sampleDisclosure(ref(1), { details: 'First' }));
        const second = await store.disclosures.append(sampleDisclosure(ref(1), { details: 'Second' }));
        expect((await store.disclosures.listByCase(ref(1))).map((d) => d.id)).toEqual([first.id, second.id]);
      });

      test('an invalid entry is refused and nothing is stored; mutating a returned entry never changes the store', async () => {
        const bad = { ...sampleDisclosure(ref(1)), categories: [] } as Parameters<
          Store['disclosures']['append']
        >[0];
        expect(await rejectionOf(store.disclosures.append(bad))).toBeInstanceOf(InvalidError);
        expect(await store.disclosures.listAll()).toEqual([]);
        const saved = await store.disclosures.append(sampleDisclosure(ref(1)));
        const [listed] = await store.disclosures.listByCase(ref(1));
        attempt(() => (listed!.details = 'Changed'));
        attempt(() => listed!.categories.push('health'));
        expect(await store.disclosures.listByCase(ref(1))).toEqual([saved]);
      });

      test('redact (disposal only) rewrites the free text and names, keeps the rest; missing -> NotFoundError', async () => {
        const kept = await store.disclosures.append(sampleDisclosure(ref(2)));
        const saved = await store.disclosures.append(
          sampleDisclosure(ref(1), {
            recipient: { agency: 'Police', role: 'Officer', name: 'Named Person' },
          }),
        );
        const placeholder = `Removed on disposal (${ref(1)})`;
        const removed = { id: 'removed', name: 'Removed', email: 'removed@disposed.invalid' };
        const replacement = {
          details: placeholder,
          reason: placeholder,
          recipient: { agency: 'Police', role: 'Officer', name: 'Removed' },
          authorisedBy: { name: 'Removed', role: saved.authorisedBy.role },
          recordedBy: removed,
        };
        const redacted = await store.disclosures.redact(saved.id, replacement);
        expect(redacted).toEqual({ ...saved, ...replacement });
        expect(await store.disclosures.listByCase(ref(1))).toEqual([redacted]);
        expect(await store.disclosures.listByCase(ref(2))).toEqual([kept]);
        expect(await rejectionOf(store.disclosures.redact('no-such-entry', replacement))).toBeInstanceOf(
          NotFoundError,
        );
      });
    });

    describe('bot state: conversations', () => {
      test('upsert adds a conversation and replaces it by conversation id', async () => {
        const channel = sampleConversation();
        await store.bot.upsertConversation(channel);
        expect(await store.bot.listConversations()).toEqual([channel]);
        const changed = sampleConversation({
          reference: { conversation: { id: 'new' } },
          updatedAt: instant(5),
        });
        await store.bot.upsertConversation(changed);
        expect(await store.bot.listConversations()).toEqual([changed]);
      });

      test('list can be limited to active ones, and deactivating keeps the registration', async () => {
        const channel = sampleConversation();
        const personal = sampleConversation({
          conversationId: 'a:personal-sample',
          kind: 'personal',
          teamId: null,
          userId: 'user-testy',
        });
        await store.bot.upsertConversation(channel);
        await store.bot.upsertConversation(personal);
        expect(
          (await store.bot.listConversations({ active: true })).map((c) => c.conversationId).sort(),
        ).toEqual([channel.conversationId, personal.conversationId].sort());
        await store.bot.setConversationActive(personal.conversationId, false, instant(7));
        expect(await store.bot.listConversations({ active: true })).toEqual([channel]);
        expect(await store.bot.listConversations({ active: false })).toEqual([
          { ...personal, active: false, updatedAt: instant(7) },
        ]);
        expect(await store.bot.listConversations()).toHaveLength(2);
        await store.bot.setConversationActive(personal.conversationId, true, instant(8));
        expect(await store.bot.listConversations({ active: false })).toEqual([]);
      });

      test('deactivating an unknown conversation changes nothing; mutating returned registrations never changes the store', async () => {
        await store.bot.setConversationActive('never-registered', false, instant(1));
        expect(await store.bot.listConversations()).toEqual([]);
        await store.bot.upsertConversation(sampleConversation());
        const [reg] = await store.bot.listConversations();
        attempt(() => ((reg!.reference as { bot: { name: string } }).bot.name = 'Changed'));
        expect(await store.bot.listConversations()).toEqual([sampleConversation()]);
      });
    });

    describe('bot state: notification ledger', () => {
      const lease = 10 * 60_000;

      test('the first claim wins and records the claim; a second claim within the lease loses', async () => {
        expect(await store.bot.claimNotification('n-1', 'sweep-a', instant(0), lease)).toBe(true);
        expect(await store.bot.claimNotification('n-1', 'sweep-b', instant(1), lease)).toBe(false);
        expect(await store.bot.claimNotification('n-1', 'sweep-a', instant(9), lease)).toBe(false);
        expect(await store.bot.getNotifications(['n-1'])).toEqual([
          {
            id: 'n-1',
            state: 'claimed',
            claimedBy: 'sweep-a',
            claimedAt: instant(0),
            sentAt: null,
            attempts: 1,
            lastError: null,
          },
        ]);
      });

      test('of many simultaneous claims exactly one wins', async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.bot.claimNotification('n-1', `sweep-${i}`, instant(0), lease),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      test('a sent notification is never claimable again, however long after', async () => {
        await store.bot.claimNotification('n-1', 'sweep-a', instant(0), lease);
        await store.bot.markNotificationSent('n-1', instant(1));
        expect(await store.bot.claimNotification('n-1', 'sweep-b', instant(2), lease)).toBe(false);
        expect(await store.bot.claimNotification('n-1', 'sweep-b', instant(60 * 24 * 365), lease)).toBe(
          false,
        );
        await store.bot.markNotificationFailed('n-1', 'late-error', instant(3));
        expect(await store.bot.claimNotification('n-1', 'sweep-b', instant(60 * 24 * 365), lease)).toBe(
          false,
        );
        const [record] = await store.bot.getNotifications(['n-1']);
        expect(record).toMatchObject({ id: 'n-1', state: 'sent', sentAt: instant(1), attempts: 1 });
      });

      test('a claim older than the lease (its sweep died) can be re-claimed by another owner', async () => {
        await store.bot.claimNotification('n-1', 'sweep-a', instant(0), lease);
        expect(await store.bot.claimNotification('n-1', 'sweep-b', instant(9), lease)).toBe(false);
        expect(await store.bot.claimNotification('n-1', 'sweep-b', instant(11), lease)).toBe(true);
        expect(await store.bot.claimNotification('n-1', 'sweep-c', instant(12), lease)).toBe(false);
        const [record] = await store.bot.getNotifications(['n-1']);
        expect(record).toMatchObject({
          state: 'claimed',
          claimedBy: 'sweep-b',
          claimedAt: instant(11),
          attempts: 2,
        });
      });

      test('a failed notification records the error and can be re-claimed at once', async () => {
        await store.bot.claimNotification('n-1', 'sweep-a', instant(0), lease);
        await store.bot.markNotificationFailed('n-1', 'http-502', instant(1));
        expect((await store.bot.getNotifications(['n-1']))[0]).toMatchObject({
          state: 'failed',
          lastError: 'http-502',
          attempts: 1,
          sentAt: null,
        });
        expect(await store.bot.claimNotification('n-1', 'sweep-b', instant(2), lease)).toBe(true);
        expect(await store.bot.claimNotification('n-1', 'sweep-a', instant(3), lease)).toBe(false);
        await store.bot.markNotificationSent('n-1', instant(4));
        expect((await store.bot.getNotifications(['n-1']))[0]).toMatchObject({
          state: 'sent',
          claimedBy: 'sweep-b',
          sentAt: instant(4),
          attempts: 2,
        });
      });

      test('getNotifications returns the records asked for that exist', async () => {
        await store.bot.claimNotification('n-1', 'sweep-a', instant(0), lease);
        await store.bot.claimNotification('n-2', 'sweep-a', instant(0), lease);
        await store.bot.claimNotification('n-3', 'sweep-a', instant(0), lease);
        const got = await store.bot.getNotifications(['n-3', 'n-1', 'n-9']);
        expect(got.map((r) => r.id).sort()).toEqual(['n-1', 'n-3']);
        expect(await store.bot.getNotifications([])).toEqual([]);
      });
    });

    describe('bot state: activity feed preferences', () => {
      test('a preference is kept per person, the last write wins, and people never set are absent', async () => {
        expect(await store.bot.getFeedPreferences(['u-1', 'u-2'])).toEqual(new Map());
        await store.bot.setFeedPreference('U-1', 'feed', instant(0));
        await store.bot.setFeedPreference('u-2', 'channel', instant(1));
        await store.bot.setFeedPreference('u-1', 'both', instant(2));
        await store.bot.setFeedPreference('u-1', 'channel', instant(3));
        const got = await store.bot.getFeedPreferences(['u-1', 'U-2', 'u-3']);
        expect([...got.entries()].sort()).toEqual([
          ['u-1', 'channel'],
          ['u-2', 'channel'],
        ]);
        expect(await store.bot.getFeedPreferences([])).toEqual(new Map());
      });

      test('an unknown preference is refused and nothing is stored', async () => {
        await expect(
          store.bot.setFeedPreference('u-1', 'email' as unknown as 'feed', instant(0)),
        ).rejects.toThrow();
        expect(await store.bot.getFeedPreferences(['u-1'])).toEqual(new Map());
      });
    });
  });
}
