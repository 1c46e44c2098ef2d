/**
 * Issue 18: the admin's subject access export of one child, on the demo data, on both stores (SQLite in
 * memory, and SharePoint through Graph on the local fake). Everything about the child is in it (.json and
 * .docx), nothing about any other child is (every other seeded child's name, UPN and ref is searched for
 * in the JSON, in the document's XML and in its text), third parties are marked for review, and the
 * export is audited. Only the admin may produce it.
 */
import request from 'supertest';
import { seedStore } from '../../src/demo/seed';
import { generateDemoData } from '../../src/demo/generate';
import { londonInstant } from '../../src/domain/calendar';
import type { SubjectAccessExport } from '../../src/domain/subjectAccess';
import type { Case } from '../../src/domain/types';
import type { Store } from '../../src/store/ports';
import { docxParagraphs, zipFiles } from '../helpers/docxText';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';
import { ADMIN, CHAIR, MEMBER, SENIOR, TEST_POLICY, disclosureBody, makeTestApp } from '../helpers/api';

const TODAY = '2026-03-18';
const NOW = londonInstant(TODAY, '12:00');
const ALL = ['referred', 'open', 'escalated', 'monitoring', 'closed'] as const;

let env: SharePointTestEnv;
const opened: Store[] = [];
beforeAll(async () => {
  env = await startSharePointEnv();
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});
afterAll(async () => {
  await env.close();
});

interface StoreKind {
  name: string;
  /** How many demo cases to seed (fewer through Graph, where each write is an HTTP call). */
  count: number;
  open(): Promise<Store | undefined>;
}

const STORES: readonly StoreKind[] = [
  { name: 'SQLite', count: 40, open: () => Promise.resolve(undefined) },
  {
    name: 'SharePoint',
    count: 40,
    open: async () => {
      const store = env.open(await env.newSite());
      opened.push(store);
      return store;
    },
  },
];

async function seeded(kind: StoreKind) {
  const store = await kind.open();
  const t = makeTestApp({ now: NOW, ...(store ? { store } : {}) });
  const data = generateDemoData({ cases: kind.count, seed: 11, today: TODAY, policy: TEST_POLICY });
  await seedStore(t.store, data, NOW.toISOString());
  const cases = await t.store.cases.list({ status: ALL });
  expect(cases.length).toBe(kind.count);
  // The child with the most records about them: escalated, with actions, discussed in meetings.
  const meetings = await t.store.meetings.list();
  const weight = async (c: Case) =>
    (await t.store.actions.list({ caseRef: c.ref })).length +
    3 * (await t.store.escalations.list({ caseRef: c.ref })).length +
    meetings.filter((m) => m.records.some((r) => r.caseRef === c.ref)).length;
  const weights = await Promise.all(cases.map(weight));
  const child = cases[weights.indexOf(Math.max(...weights))]!;
  return { t, cases, child };
}

const binary = (res: request.Response, cb: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(STORES)('on the $name store', (kind) => {
  test('the export holds every record about the child, in .json and .docx, and nothing about any other child', async () => {
    const { t, cases, child } = await seeded(kind);
    const ref = child.ref;
    await request(t.app)
      .post(`/api/cases/${ref}/disclosures`)
      .set(CHAIR)
      .send(disclosureBody({ disclosedOn: '2026-03-17' }))
      .expect(201);
    await request(t.app).get(`/api/cases/${ref}`).set(SENIOR).expect(200);

    const json = await request(t.app)
      .get(`/api/cases/${ref}/subject-access?format=json`)
      .set(ADMIN)
      .expect(200);
    expect(json.headers['content-disposition']).toContain(`CMOE subject access ${ref}.json`);
    const text = json.text;
    const x = JSON.parse(text) as SubjectAccessExport;
    const docx = await request(t.app)
      .get(`/api/cases/${ref}/subject-access`)
      .set(ADMIN)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = zipFiles(docx.body as Buffer)
      .get('word/document.xml')!
      .toString('utf8');
    const docText = docxParagraphs(docx.body as Buffer)
      .join('\n')
      .replace(/ \[for review\]/g, '');

    // Every record about the child.
    const [updates, actions, escalations, disclosures, audit, meetings] = await Promise.all([
      t.store.updates.list(ref),
      t.store.actions.list({ caseRef: ref }),
      t.store.escalations.list({ caseRef: ref }),
      t.store.disclosures.listByCase(ref),
      t.store.audit.query({ target: ref }),
      t.store.meetings.list(),
    ]);
    expect(actions.length).toBeGreaterThan(0);
    expect(escalations.length).toBeGreaterThan(0);
    expect(x.case).toEqual(child);
    expect(x.timeline.map((u) => u.id)).toEqual(updates.map((u) => u.id));
    expect(x.actions.map((a) => a.id).sort()).toEqual(actions.map((a) => a.id).sort());
    expect(x.escalations.map((e) => e.id).sort()).toEqual(escalations.map((e) => e.id).sort());
    expect(x.disclosures).toEqual(disclosures);
    expect(x.listChecks).toEqual(child.listChecks);
    const discussedIn = meetings.filter(
      (m) => m.records.some((r) => r.caseRef === ref) || (m.agenda ?? []).some((i) => i.caseRef === ref),
    );
    expect(discussedIn.length).toBeGreaterThan(0);
    expect(x.meetings.map((m) => m.meetingId).sort()).toEqual(discussedIn.map((m) => m.id).sort());
    // The minutes of each held meeting that recorded the child, cut to the child's part.
    let withMinutes = 0;
    for (const m of discussedIn) {
      const content = await t.store.minutes.getContent(m.id);
      const extract = x.meetings.find((e) => e.meetingId === m.id)!;
      expect(extract.record).toEqual(m.records.find((r) => r.caseRef === ref) ?? null);
      if (!content) continue;
      withMinutes += 1;
      expect(extract.minutes?.case).toEqual(content.cases.find((c) => c.caseRef === ref) ?? null);
      expect(extract.minutes?.escalations).toEqual(content.escalations.filter((e) => e.caseRef === ref));
    }
    expect(withMinutes).toBeGreaterThan(0);
    for (const e of audit.filter((a) => a.action !== 'case.subjectAccess'))
      expect(x.audit.map((a) => a.id)).toContain(e.id);
    expect(x.audit.some((a) => a.action === 'case.view' && a.userId === 'dev-senior')).toBe(true);
    for (const s of [
      `${child.firstName} ${child.lastName}`,
      ...updates.map((u) => u.text),
      ...actions.map((a) => a.description),
      ...escalations.map((e) => e.reason),
      ...disclosures.map((d) => d.details),
    ])
      expect(docText).toContain(s);

    // Nothing about any other child: no other child's name or UPN anywhere in either file.
    const others = cases.filter((c) => c.ref !== ref);
    expect(others.length).toBe(kind.count - 1);
    const leaks: string[] = [];
    for (const o of others) {
      const name = `${o.firstName} ${o.lastName}`;
      if (name === `${child.firstName} ${child.lastName}`) continue;
      for (const s of [name, o.upn, o.ref].filter((v): v is string => v !== null))
        if (text.includes(s) || xml.includes(s) || docText.includes(s)) leaks.push(`${o.ref}: ${s}`);
    }
    expect(leaks).toEqual([]);

    // Third parties marked for review.
    const reviewed = x.forReview.map((p) => p.name);
    expect(reviewed).toContain(child.referredBy);
    if (child.lead) expect(reviewed).toContain(child.lead.name);
    expect(reviewed).toContain('Demo Chair (Ada Placeholder)');
    expect(xml).toContain(`${child.referredBy} [for review]`);

    // Audited, twice (one a format), with no content.
    const exports = await t.store.audit.query({ action: 'case.subjectAccess' });
    expect(exports.map((e) => [e.userId, e.target, e.fields])).toEqual([
      ['dev-admin', ref, ['format=docx']],
      ['dev-admin', ref, ['format=json']],
    ]);
  });

  test('only the admin may produce it; a missing case is 404 and a bad format 400', async () => {
    const { t, child } = await seeded(kind);
    for (const who of [MEMBER, CHAIR, SENIOR])
      expect((await request(t.app).get(`/api/cases/${child.ref}/subject-access`).set(who)).status).toBe(403);
    expect((await request(t.app).get('/api/cases/CMOE-9999/subject-access').set(ADMIN)).status).toBe(404);
    expect(
      (await request(t.app).get(`/api/cases/${child.ref}/subject-access?format=pdf`).set(ADMIN)).status,
    ).toBe(400);
  });
});
