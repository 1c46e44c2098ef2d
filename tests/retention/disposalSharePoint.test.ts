/**
 * Disposal on the SharePoint store (issue 18), through Graph on the local fake: an approved case leaves
 * no trace of its child or the people on it in any list of the site (every item's fields, and every file
 * in the minutes library, .docx opened), the oversight figures are unchanged, and the held, open,
 * reopened and recent cases are untouched, item for item. The fake keeps no version history: what the
 * real SharePoint keeps is the council's setting (docs/data-protection.md).
 */
import { disposalReview, disposeCase } from '../../src/operations/disposal';
import type { SharePointStore } from '../../src/store/sharepoint';
import { zipFiles } from '../helpers/docxText';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';
import {
  ADMIN_CALL,
  KEPT_DISCLOSURE,
  SECRETS,
  depsFor,
  everythingAbout,
  figures,
  seedScenario,
  tracesIn,
  type Scenario,
} from './scenario';

let env: SharePointTestEnv;
let siteId: string;
let store: SharePointStore;
let s: Scenario;

beforeAll(async () => {
  env = await startSharePointEnv();
});

afterAll(async () => {
  await env.close();
});

beforeEach(async () => {
  siteId = await env.newSite();
  store = env.open(siteId);
  s = await seedScenario(store);
});

afterEach(async () => {
  await store.close();
});

/** Every item of every list on the site and every file in its libraries (a .docx unzipped), as text. */
function dumpSite(): string {
  const site = env.graph.fake.sites.get(siteId);
  if (!site) throw new Error('no site');
  const out: string[] = [];
  for (const list of site.lists.values()) {
    for (const item of list.items.values()) out.push(JSON.stringify(item.fields));
    for (const file of list.drive?.files.values() ?? []) {
      const isZip = file.bytes.readUInt32LE(0) === 0x04034b50;
      if (isZip) for (const f of zipFiles(file.bytes).values()) out.push(f.toString('utf8'));
      else out.push(file.bytes.toString('utf8'));
    }
  }
  // Downloads handed out and not yet fetched keep a copy of a file's bytes in the fake too.
  const pending = (env.graph.fake as unknown as { downloads: Map<string, Buffer> }).downloads;
  for (const bytes of pending.values()) {
    if (bytes.readUInt32LE(0) === 0x04034b50)
      for (const f of zipFiles(bytes).values()) out.push(f.toString('utf8'));
    else out.push(bytes.toString('utf8'));
  }
  return out.join('\n');
}

/** The items of the held, open, reopened and recent cases (and their timelines, actions), as stored. */
function itemsOf(refs: readonly string[]): string {
  const site = env.graph.fake.sites.get(siteId);
  const out: string[] = [];
  for (const list of site?.lists.values() ?? []) {
    for (const item of list.items.values()) {
      const key = String(item.fields.RecordKey ?? '');
      const caseRef = String(item.fields.CaseRef ?? '');
      if (refs.includes(key) || refs.includes(caseRef))
        out.push(`${list.displayName}:${item.id}:${JSON.stringify(item.fields)}`);
    }
  }
  return out.sort().join('\n');
}

describe('disposal on the SharePoint store', () => {
  it('proposes only the closed case past retention, with what will go', async () => {
    const review = await disposalReview(depsFor(store), ADMIN_CALL);
    expect(review.due.map((d) => d.ref)).toEqual([s.disposed.ref]);
    expect(review.held.map((h) => h.ref)).toEqual([s.held.ref]);
    expect(review.due[0]?.willGo.every((w) => w.count === 1)).toBe(true);
    expect(tracesIn(JSON.stringify(review))).toEqual([]);
  });

  it('leaves no trace of the child in any list or library once approved, and the figures equal', async () => {
    expect(tracesIn(dumpSite()).sort()).toEqual([...SECRETS].sort());
    const before = await figures(store);

    await disposeCase(depsFor(store), ADMIN_CALL, s.disposed.ref, s.disposed.version, {
      confirmRef: s.disposed.ref,
    });

    expect(await figures(store)).toEqual(before);
    expect(tracesIn(dumpSite())).toEqual([]);
    // A second store on the site (no cache) reads the anonymous record back.
    const fresh = env.open(siteId);
    try {
      expect(await fresh.cases.get(s.disposed.ref)).toMatchObject({
        status: 'closed',
        yearGroup: s.disposed.yearGroup,
        disposal: { approvedBy: 'admin-1' },
      });
      expect((await disposalReview(depsFor(fresh), ADMIN_CALL)).due).toEqual([]);
      // The disclosure entry, rewritten as the app, still records that a lawful disclosure was made.
      expect(await fresh.disclosures.listByCase(s.disposed.ref)).toMatchObject([
        {
          ...KEPT_DISCLOSURE,
          meetingId: s.meetingId,
          details: `Removed on disposal (${s.disposed.ref})`,
          reason: `Removed on disposal (${s.disposed.ref})`,
        },
      ]);
    } finally {
      await fresh.close();
    }
  });

  it('leaves the held, open, reopened and recent cases untouched, item for item', async () => {
    const refs = [s.held, s.open, s.reopened, s.recent].map((c) => c.ref);
    const before = [itemsOf(refs), ...(await Promise.all(refs.map((r) => everythingAbout(store, r))))];
    await disposeCase(depsFor(store), ADMIN_CALL, s.disposed.ref, s.disposed.version, {
      confirmRef: s.disposed.ref,
    });
    const after = [itemsOf(refs), ...(await Promise.all(refs.map((r) => everythingAbout(store, r))))];
    expect(after).toEqual(before);
  });

  it('refuses to dispose of a held or reopened case, changing nothing', async () => {
    for (const c of [s.held, s.reopened]) {
      const before = itemsOf([c.ref]);
      await expect(
        disposeCase(depsFor(store), ADMIN_CALL, c.ref, c.version, { confirmRef: c.ref }),
      ).rejects.toMatchObject({ code: 'Invalid' });
      expect(itemsOf([c.ref])).toBe(before);
    }
  });
});
