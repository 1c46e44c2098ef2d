import { generateDemoData } from '../../src/demo/generate';
import { isStoreEmpty, seedStore } from '../../src/demo/seed';
import { londonInstant } from '../../src/domain/calendar';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { stuckStatus } from '../../src/domain/stuck';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite';

const TODAY = '2026-03-18';
const NOW = londonInstant(TODAY, '12:00');

describe('seeding a store', () => {
  let store: Store;
  const data = generateDemoData({ cases: 150, seed: 11, today: TODAY, policy: DEFAULT_POLICY });

  beforeAll(async () => {
    store = openSqliteStore(':memory:');
  });
  afterAll(async () => {
    await store.close();
  });

  it('round-trips every record through the port', async () => {
    expect(await isStoreEmpty(store)).toBe(true);
    const counts = await seedStore(store, data, NOW.toISOString());
    expect(counts).toEqual({
      cases: data.cases.length,
      actions: data.actions.length,
      meetings: data.meetings.length,
      escalations: data.escalations.length,
      updates: data.updates.length,
    });
    expect(await store.cases.list()).toHaveLength(data.cases.length);
    expect(await store.actions.list()).toHaveLength(data.actions.length);
    expect(await store.meetings.list()).toHaveLength(data.meetings.length);
    expect(await store.escalations.list()).toHaveLength(data.escalations.length);
    expect(await isStoreEmpty(store)).toBe(false);
  });

  it('allocates refs in referral order and keeps each record’s own creation instant', async () => {
    const cases = await store.cases.list();
    expect(cases[0]?.ref).toBe('CMOE-0001');
    const created = cases.map((c) => c.createdAt);
    expect(created).toEqual([...created].sort());
    expect(created).toEqual(data.cases.map((c) => c.createdAt));
    expect(cases[3]).toMatchObject({
      firstName: data.cases[3]!.firstName,
      lastName: data.cases[3]!.lastName,
    });
  });

  it('links actions and escalations to their cases and to the meetings that set them', async () => {
    const meetings = await store.meetings.list();
    const ids = new Set(meetings.map((m) => m.id));
    const actions = await store.actions.list();
    expect(actions.filter((a) => a.meetingId !== null).every((a) => ids.has(a.meetingId!))).toBe(true);
    expect(actions.some((a) => a.meetingId !== null)).toBe(true);
    const refs = new Set((await store.cases.list()).map((c) => c.ref));
    expect(actions.every((a) => refs.has(a.caseRef))).toBe(true);
    const escalations = await store.escalations.list();
    expect(escalations.every((e) => refs.has(e.caseRef))).toBe(true);
    expect((await store.escalations.list({ awaitingResponse: true })).length).toBeGreaterThan(0);
  });

  it('fills in completed meetings’ agenda and records with real refs and ids', async () => {
    const meetings = await store.meetings.list();
    const actionIds = new Set((await store.actions.list()).map((a) => a.id));
    const completed = meetings.filter((m) => m.status === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const m of completed) {
      expect(m.records.length).toBeGreaterThan(0);
      expect(m.agenda?.map((i) => i.caseRef)).toEqual(m.records.map((r) => r.caseRef));
      for (const r of m.records) for (const id of r.actionIds) expect(actionIds.has(id)).toBe(true);
    }
  });

  it('leaves each held meeting its minutes, as finishing it would: the .docx and the content it says', async () => {
    const meetings = await store.meetings.list();
    const completed = meetings.filter((m) => m.status === 'completed');
    for (const m of completed) {
      const doc = await store.minutes.get(m.id);
      expect(doc?.fileName).toMatch(/^CMOE minutes \d{4}-\d{2}-\d{2}\.docx$/);
      expect(doc!.bytes.length).toBeGreaterThan(1000);
      const content = await store.minutes.getContent(m.id);
      expect(content?.meetingId).toBe(m.id);
      expect(content!.cases.map((c) => c.caseRef).sort()).toEqual(m.records.map((r) => r.caseRef).sort());
    }
    for (const m of meetings.filter((x) => x.status !== 'completed'))
      expect(await store.minutes.get(m.id)).toBeNull();
  });

  it('gives each case its timeline, oldest first', async () => {
    const [first] = await store.cases.list();
    const timeline = await store.updates.list(first!.ref);
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline[0]!.text).toMatch(/^Referral received/);
    const at = timeline.map((u) => u.at);
    expect(at).toEqual([...at].sort());
  });

  it('stores cases that are stuck once read back', async () => {
    const [cases, actions, meetings] = await Promise.all([
      store.cases.list(),
      store.actions.list(),
      store.meetings.list(),
    ]);
    const stuck = cases.filter(
      (c) =>
        stuckStatus(
          c,
          actions.filter((a) => a.caseRef === c.ref),
          meetings,
          NOW,
          DEFAULT_POLICY,
        ).stuck,
    );
    expect(stuck.length).toBeGreaterThan(0);
  });
});

describe('seeding at "now"', () => {
  it('writes no creation instant later than now', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const data = generateDemoData({ cases: 40, today: TODAY, policy: DEFAULT_POLICY });
      // Early on "today": later stamps from the generator (a referral logged this morning) are clamped.
      const early = londonInstant(TODAY, '06:00').toISOString();
      await seedStore(store, data, early);
      const cases = await store.cases.list();
      expect(cases.every((c) => c.createdAt <= early)).toBe(true);
      for (const c of cases) {
        for (const u of await store.updates.list(c.ref)) expect(u.at <= early).toBe(true);
      }
    } finally {
      await store.close();
    }
  });
});
