/**
 * Issue 18, the disclosure log (ToR §6): recorded on a case, read with the case, listed without its free
 * text for the chair and the admin, audited, and never changed or removed by any route for anyone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  ADMIN,
  CHAIR,
  MEMBER,
  NO_ROLE,
  OTHER_MEMBER,
  SENIOR,
  type TestApp,
  disclosureBody,
  makeTestApp,
  referral,
} from '../helpers/api';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';
import type { Store } from '../../src/store/ports';

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

/** The stores the read-only test runs on: the app's default (SQLite) and SharePoint through the Graph fake. */
const STORES: readonly { name: string; open(): Promise<Store | undefined> }[] = [
  { name: 'SQLite', open: () => Promise.resolve(undefined) },
  {
    name: 'SharePoint',
    open: async () => {
      const store = env.open(await env.newSite());
      opened.push(store);
      return store;
    },
  },
];

async function refer(t: TestApp): Promise<string> {
  const res = await request(t.app).post('/api/cases').set(MEMBER).send(referral()).expect(201);
  return res.body.case.ref as string;
}

async function record(t: TestApp, ref: string, overrides: Record<string, unknown> = {}, who = CHAIR) {
  return request(t.app).post(`/api/cases/${ref}/disclosures`).set(who).send(disclosureBody(overrides));
}

describe('recording a disclosure', () => {
  test('a chair records one; it reads back on the case with who recorded it and when', async () => {
    const t = makeTestApp();
    const ref = await refer(t);
    const res = await record(t, ref, {
      recipient: { agency: 'Demo Police', role: 'DS', name: 'DS Example' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseRef: ref,
      disclosedOn: '2026-03-24',
      recipient: { agency: 'Demo Police', role: 'DS', name: 'DS Example' },
      categories: ['identity', 'whereabouts'],
      article6: 'art6-1e',
      specialCategory: 'none',
      recordedBy: { id: 'dev-chair' },
      recordedAt: t.clock.now.toISOString(),
      meetingId: null,
      corrects: null,
      correctedBy: null,
    });
    const listed = await request(t.app).get(`/api/cases/${ref}/disclosures`).set(SENIOR).expect(200);
    expect(listed.body).toEqual([res.body]);
  });

  test('a correction is a new entry; the earlier one stays as written and shows as corrected', async () => {
    const t = makeTestApp();
    const ref = await refer(t);
    const first = (await record(t, ref)).body;
    const fix = await record(t, ref, { corrects: first.id, details: 'Name only, not the address' }, MEMBER);
    expect(fix.status).toBe(201);
    const listed = (await request(t.app).get(`/api/cases/${ref}/disclosures`).set(CHAIR).expect(200)).body;
    expect(listed).toEqual([
      { ...first, correctedBy: fix.body.id },
      { ...fix.body, corrects: first.id, correctedBy: null },
    ]);
  });

  test('a correction must name an entry on the same case', async () => {
    const t = makeTestApp();
    const [a, b] = [await refer(t), await refer(t)];
    const onA = (await record(t, a)).body;
    const res = await record(t, b, { corrects: onA.id });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'corrects', message: 'is not a disclosure on this case' }]);
    expect(await t.store.disclosures.listByCase(b)).toEqual([]);
  });

  test.each([
    ['a date in the future', { disclosedOn: '2026-03-30' }, 'disclosedOn'],
    ['no category', { categories: [] }, 'categories'],
    ['an unknown lawful basis', { article6: 'art6-1a' }, 'article6'],
    ['health data without an Article 9 condition', { categories: ['health'] }, 'specialCategory'],
    ['no recipient agency', { recipient: { agency: ' ', role: 'DS' } }, 'recipient.agency'],
    ['no authoriser', { authorisedBy: undefined }, 'authorisedBy'],
    ['an unknown meeting', { meetingId: 'no-such-meeting' }, 'meetingId'],
    ['an unknown field', { sharedWithParent: true }, ''],
  ])('%s is refused with a 400 naming the field, and nothing is stored', async (_name, body, path) => {
    const t = makeTestApp();
    const ref = await refer(t);
    const res = await record(t, ref, body);
    expect(res.status).toBe(400);
    if (path) expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await t.store.disclosures.listAll()).toEqual([]);
  });

  test('health data shared under Art 9(2)(g) with DPA 2018 Sch 1 para 18 is accepted', async () => {
    const t = makeTestApp();
    const ref = await refer(t);
    const res = await record(t, ref, { categories: ['health'], specialCategory: 'art9-2g-sch1-para18' });
    expect(res.status).toBe(201);
  });

  test('a missing case is 404', async () => {
    const t = makeTestApp();
    expect((await record(t, 'CMOE-0999')).status).toBe(404);
  });

  test('is audited as disclosure.create with the case ref and never the text; a view as case.view', async () => {
    const t = makeTestApp();
    const ref = await refer(t);
    expect((await record(t, ref)).status).toBe(201);
    await request(t.app).get(`/api/cases/${ref}/disclosures`).set(OTHER_MEMBER).expect(200);
    const created = await t.store.audit.query({ action: 'disclosure.create' });
    expect(created).toEqual([
      expect.objectContaining({ userId: 'dev-chair', target: ref, fields: ['disclosures'] }),
    ]);
    const views = await t.store.audit.query({ userId: 'dev-member-send', action: 'case.view' });
    expect(views.map((v) => v.fields)).toEqual([['disclosures']]);
    const all = JSON.stringify(await t.store.audit.query());
    for (const text of ['Demo Police', 'last known address', 'exploitation', 'Ada Placeholder'])
      expect(all).not.toContain(text);
  });
});

describe('the list of all disclosures', () => {
  test('the chair and the admin see who got what and on which basis, without the details or the reason', async () => {
    const t = makeTestApp();
    const ref = await refer(t);
    const saved = (await record(t, ref)).body;
    for (const who of [CHAIR, ADMIN]) {
      const res = await request(t.app).get('/api/disclosures').set(who).expect(200);
      const { details: _d, reason: _r, ...summary } = saved;
      expect(res.body).toEqual([summary]);
      expect(JSON.stringify(res.body)).not.toContain('last known address');
    }
    for (const who of [MEMBER, SENIOR, NO_ROLE])
      expect((await request(t.app).get('/api/disclosures').set(who)).status).toBe(403);
  });
});

describe('an entry is read-only once saved', () => {
  const WHO = { anonymous: {}, noRole: NO_ROLE, member: MEMBER, chair: CHAIR, senior: SENIOR, admin: ADMIN };

  // Signed-out callers get 401 and callers with no CMOE role 403 before any route is looked at; every
  // role gets 404 or 405: no route exists to change or remove an entry.
  // On both stores (issue 18's done-when): the SharePoint list is the production one.
  test.each(STORES)(
    'on $name, PATCH, PUT and DELETE on every disclosure path give 404 or 405 to every role, and change nothing',
    async (kind) => {
      const store = await kind.open();
      const t = makeTestApp(store ? { store } : {});
      const ref = await refer(t);
      const saved = (await record(t, ref)).body;
      const before = await t.store.disclosures.listAll();
      const paths = [
        `/api/cases/${ref}/disclosures`,
        `/api/cases/${ref}/disclosures/${saved.id}`,
        `/api/disclosures`,
        `/api/disclosures/${saved.id}`,
      ];
      const outcomes: string[] = [];
      for (const [who, headers] of Object.entries(WHO))
        for (const method of ['patch', 'put', 'delete'] as const)
          for (const path of paths) {
            const call = request(t.app)[method](path);
            const res = await call.set(headers).set('If-Match', '"1"').send({ details: 'Rewritten' });
            const expected = who === 'anonymous' ? [401] : who === 'noRole' ? [403] : [404, 405];
            if (!expected.includes(res.status))
              outcomes.push(`${who} ${method.toUpperCase()} ${path}: ${res.status}`);
          }
      expect(outcomes).toEqual([]);
      expect(await t.store.disclosures.listAll()).toEqual(before);
    },
  );

  test('no code outside the disclosure and disposal operations writes to the disclosure store', () => {
    // The port has no update or delete (store contract); this keeps `append` behind the one operation
    // that checks the permission and audits it, and `redact` behind the approved disposal of a case.
    const writers: Record<'append' | 'redact', string[]> = { append: [], redact: [] };
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) {
          const text = readFileSync(path, 'utf8');
          for (const method of ['append', 'redact'] as const) {
            if (new RegExp(`disclosures\\s*\\.\\s*${method}\\s*\\(`).test(text))
              writers[method].push(path.replace(/\\/g, '/').replace(/^.*?\/src\//, 'src/'));
          }
        }
      }
    };
    walk(join(__dirname, '..', '..', 'src'));
    expect(writers).toEqual({
      append: ['src/operations/disclosures.ts'],
      redact: ['src/operations/disposal.ts'],
    });
  });
});
