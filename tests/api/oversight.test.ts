/**
 * GET /api/oversight and its report (issue 17), through HTTP over the real SQLite store: who gets the
 * refs behind the figures, a bad period as problem+json, the audit entries, the report's marking and
 * suppression, and a reopening made through the API counted as the domain says.
 */
import { Workbook } from 'exceljs';
import request from 'supertest';
import { docxParagraphs } from '../helpers/docxText';
import { ADMIN, CHAIR, MEMBER, SENIOR, makeTestApp, referral } from '../helpers/api';

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Two referrals received 2 February (referral date: the meeting of 9 February); the first closed 2 March and reopened today. */
async function fixture() {
  const t = makeTestApp();
  const refs: string[] = [];
  for (const categories of [['permanently-excluded', 'cme'] as const, ['cme'] as const]) {
    const res = await request(t.app)
      .post('/api/cases')
      .set(MEMBER)
      .send(referral({ receivedOn: '2026-02-02', categories: [...categories] }));
    expect(res.status).toBe(201);
    refs.push(res.body.case.ref as string);
  }
  const closed = await request(t.app)
    .post(`/api/cases/${refs[0]}/close`)
    .set(CHAIR)
    .set('If-Match', '"1"')
    .send({ reason: 'school-place', date: '2026-03-02' });
  expect(closed.status).toBe(200);
  const reopened = await request(t.app)
    .post(`/api/cases/${refs[0]}/reopen`)
    .set(CHAIR)
    .set('If-Match', `"${closed.body.version}"`)
    .send({ reason: 'The place fell through' });
  expect(reopened.status).toBe(200);
  return { ...t, refs };
}

const PERIOD = { from: '2026-01-01', to: '2026-03-25' };

describe('GET /api/oversight', () => {
  test('a member gets every figure with the case refs behind the "now" figures', async () => {
    const { app, refs } = await fixture();
    const res = await request(app).get('/api/oversight').query(PERIOD).set(MEMBER);
    expect(res.status).toBe(200);
    expect(res.body.now.onList).toBe(2);
    expect(res.body.now.inSeveralCategories).toBe(1);
    const cme = res.body.now.byCategory.find((c: { key: string }) => c.key === 'cme');
    expect(cme).toMatchObject({ count: 2, refs: refs });
    // Every child is on the list: the list itself is the drill-down for that figure, so no refs are repeated.
    expect(res.body.now.onListRefs).toBeUndefined();
  });

  test('an admin gets the same numbers without a single case ref', async () => {
    const { app } = await fixture();
    const member = await request(app).get('/api/oversight').query(PERIOD).set(MEMBER);
    const admin = await request(app).get('/api/oversight').query(PERIOD).set(ADMIN);
    expect(admin.status).toBe(200);
    expect(JSON.stringify(admin.body)).not.toMatch(/CMOE-\d/);
    expect(admin.body.now.onList).toBe(member.body.now.onList);
    expect(admin.body.byMonth).toEqual(member.body.byMonth);
  });

  test('a reopening through the API keeps the earlier closure: it counts in its month, and the child is back on the list', async () => {
    const { app } = await fixture();
    const res = await request(app).get('/api/oversight').query(PERIOD).set(SENIOR);
    const months = res.body.byMonth as {
      key: string;
      referralsIn: number;
      closures: number;
      reopened: number;
      onListAtEnd: number;
      closuresByReason: Record<string, number>;
    }[];
    expect(months.map((m) => [m.key, m.referralsIn, m.closures, m.reopened, m.onListAtEnd])).toEqual([
      ['2026-01', 0, 0, 0, 0],
      ['2026-02', 2, 0, 0, 2],
      ['2026-03', 0, 1, 1, 2],
    ]);
    expect(months[2]?.closuresByReason['school-place']).toBe(1);
  });

  test('defaults to the last 12 months up to today', async () => {
    const { app } = await fixture();
    const res = await request(app).get('/api/oversight').set(SENIOR);
    expect(res.body.period).toEqual({ from: '2025-04-01', to: '2026-03-25' });
    expect(res.body.byMonth).toHaveLength(12);
  });

  test.each([
    ['ends before it starts', { from: '2026-03-01', to: '2026-02-01' }, /not end before it starts/],
    ['ends after today', { from: '2026-03-01', to: '2026-03-26' }, /after today/],
    ['is longer than 60 months', { from: '2020-01-01', to: '2026-03-25' }, /at most 60 months/],
    ['is not a date', { from: '2026-02-30' }, /./],
    ['has a parameter it does not know', { since: '2026-01-01' }, /./],
  ])('a period that %s is a 400 problem+json', async (_name, query, detail) => {
    const { app, store } = makeTestApp();
    const res = await request(app).get('/api/oversight').query(query).set(SENIOR);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('Invalid');
    expect(JSON.stringify(res.body)).toMatch(detail);
    expect(await store.audit.query({ action: 'oversight.view' })).toEqual([]);
  });

  test('a view is audited once with the period, never with a case', async () => {
    const { app, store } = await fixture();
    await request(app).get('/api/oversight').query(PERIOD).set(SENIOR);
    expect(await store.audit.query({ action: 'oversight.view' })).toEqual([
      expect.objectContaining({
        userId: 'dev-senior',
        target: 'oversight',
        fields: ['from=2026-01-01', 'to=2026-03-25'],
      }),
    ]);
  });
});

describe('GET /api/oversight/report', () => {
  test('the .docx is marked OFFICIAL-SENSITIVE, carries no ref, and suppresses counts 1 to 4 when asked', async () => {
    const { app, store } = await fixture();
    const full = await request(app)
      .get('/api/oversight/report')
      .query({ ...PERIOD, format: 'docx' })
      .set(MEMBER)
      .buffer(true)
      .parse(binary);
    expect(full.status).toBe(200);
    expect(full.headers['content-disposition']).toBe(
      'attachment; filename="cmoe-oversight-2026-01-01-to-2026-03-25.docx"',
    );
    const text = docxParagraphs(full.body as Buffer).join('\n');
    expect(text).toMatch(/OFFICIAL-SENSITIVE/);
    expect(text).toMatch(/2 children are on the list; 1 are in more than one category/);
    expect(text).not.toMatch(/CMOE-\d|Testy|Specimen/);

    const suppressed = await request(app)
      .get('/api/oversight/report')
      .query({ ...PERIOD, format: 'docx', suppress: 'true' })
      .set(MEMBER)
      .buffer(true)
      .parse(binary);
    const hidden = docxParagraphs(suppressed.body as Buffer).join('\n');
    expect(hidden).toMatch(/fewer than 5 children are on the list/);
    expect(hidden).not.toMatch(/2 children are on the list/);

    expect((await store.audit.query({ action: 'export' })).map((e) => e.fields)).toEqual([
      ['format=docx', 'from=2026-01-01', 'to=2026-03-25', 'suppress=true'],
      ['format=docx', 'from=2026-01-01', 'to=2026-03-25', 'suppress=false'],
    ]);
  });

  test('the .xlsx has the same figures, a sheet per table, each marked OFFICIAL-SENSITIVE', async () => {
    const { app } = await fixture();
    const res = await request(app)
      .get('/api/oversight/report')
      .query({ ...PERIOD, format: 'xlsx', suppress: 'true' })
      .set(ADMIN)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(res.body as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.getWorksheet('now-category');
    expect(sheet?.getCell('A1').value).toBe('OFFICIAL-SENSITIVE');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['Reported missing education (CME)', 'fewer than 5']);
    expect(rows).toContainEqual(['Off-rolling concern', 0]);
    for (const ws of wb.worksheets) expect(JSON.stringify(ws.getSheetValues())).not.toMatch(/CMOE-\d/);
  });
});
