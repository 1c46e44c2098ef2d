import request from 'supertest';
import { readSpreadsheet } from '../../src/spreadsheet/read';
import { ADMIN, CHAIR, MEMBER, NO_ROLE, SENIOR, makeTestApp } from '../helpers/api';
import { fixture } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Collects a binary response body (supertest buffers only text by default). */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const upload = (app: ReturnType<typeof makeTestApp>['app'], headers: Record<string, string>, query = '') =>
  request(app)
    .post(`/api/import${query}`)
    .set(headers)
    .set('Content-Type', XLSX)
    .set('X-File-Name', encodeURIComponent('CMOE tracker (synthetic).xlsx'))
    .send(Buffer.from(fixture('sample-tracker.xlsx')));

describe('POST /api/import', () => {
  test('an admin gets the dry-run report by default, and nothing is written', async () => {
    const t = makeTestApp();
    const res = await upload(t.app, ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, written: false, format: 'xlsx', headerRow: 4 });
    expect(res.body.counts).toMatchObject({ rows: 10, create: 10 });
    expect(await t.store.cases.list()).toEqual([]);
  });

  test('an admin imports with dryRun=false; the same upload again is all unchanged', async () => {
    const t = makeTestApp();
    const res = await upload(t.app, ADMIN, '?dryRun=false');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, written: true });
    expect(res.body.rows.map((r: { ref: string }) => r.ref)[0]).toBe('CMOE-0001');
    expect((await t.store.cases.list()).length).toBe(10);
    const again = await upload(t.app, ADMIN, '?dryRun=false');
    expect(again.body.counts).toMatchObject({ unchanged: 10 });
    // Logs name routes and users, never the children or the file.
    expect(t.logs.join('\n')).not.toMatch(/Testy|Example|2013-05-14|tracker \(synthetic\)/);
  });

  test.each([
    ['a member', MEMBER],
    ['the chair', CHAIR],
    ['a senior manager', SENIOR],
    ['someone with no role', NO_ROLE],
  ])('%s cannot import: 403 and nothing written', async (_who, headers) => {
    const t = makeTestApp();
    const res = await upload(t.app, headers, '?dryRun=false');
    expect(res.status).toBe(403);
    expect(await t.store.cases.list()).toEqual([]);
    expect(await t.store.audit.query({ action: 'import' })).toEqual([]);
  });

  test('a member sending something that is not a file is refused for the role first (403, audited), the admin for the body (400)', async () => {
    const t = makeTestApp();
    const member = await request(t.app).post('/api/import?dryRun=false').set(MEMBER).send({ rows: [] });
    expect(member.status).toBe(403);
    expect(await t.store.audit.query({ action: 'access.refused' })).toHaveLength(1);
    const admin = await request(t.app).post('/api/import?dryRun=false').set(ADMIN).send({ rows: [] });
    expect(admin.status).toBe(400);
    expect(admin.body.issues).toEqual([
      { path: 'Content-Type', message: 'must be text/csv or the .xlsx type' },
    ]);
    expect(await t.store.cases.list()).toEqual([]);
  });

  test('a body over 8 MB is refused with 413 before it is read, and nothing is written', async () => {
    const t = makeTestApp();
    const row = 'Example,Testy,14/05/2013,Perm ex,20/03/2026\n';
    const body =
      'Surname,Forename,DOB,Reason,Date received\n' + row.repeat(Math.ceil((9 * 1024 * 1024) / row.length));
    const res = await request(t.app)
      .post('/api/import?dryRun=false')
      .set(ADMIN)
      .set('Content-Type', 'text/csv')
      .send(body);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 413, detail: 'The request body is too large.' });
    expect(await t.store.cases.list()).toEqual([]);
    expect(await t.store.audit.query({ action: 'import' })).toEqual([]);
  });

  test('rejected rows fail a real import with 400 naming each cell, and nothing is written', async () => {
    const t = makeTestApp();
    const res = await request(t.app)
      .post('/api/import?dryRun=false')
      .set(ADMIN)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(fixture('with-errors.csv')));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('Invalid');
    expect(res.body.detail).toMatch(/^5 of 7 rows cannot be imported, so nothing was written/);
    expect(res.body.issues[0]).toEqual({
      path: "row 3, column 'DOB' (C3)",
      message: 'is not a date (write it as dd/mm/yyyy)',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/31\/02\/2015|Sports|last Tuesday/);
    expect(await t.store.cases.list()).toEqual([]);

    const skipping = await request(t.app)
      .post('/api/import?dryRun=false&skipInvalid=true')
      .set(ADMIN)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(fixture('with-errors.csv')));
    expect(skipping.status).toBe(200);
    expect(skipping.body.counts).toMatchObject({ create: 2, rejected: 5 });
  });

  test('a mapping file travels URI-encoded in X-Import-Mapping, validated like the CLI one', async () => {
    const t = makeTestApp();
    const mapping = new TextDecoder().decode(fixture('custom-mapping.json'));
    const res = await request(t.app)
      .post('/api/import')
      .set(ADMIN)
      .set('Content-Type', 'text/csv')
      .set('X-Import-Mapping', encodeURIComponent(mapping))
      .send(Buffer.from(fixture('custom-headers.csv')));
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ create: 2 });
    const bad = await request(t.app)
      .post('/api/import')
      .set(ADMIN)
      .set('Content-Type', 'text/csv')
      .set('X-Import-Mapping', encodeURIComponent('{"columns":{"Surname":"nickname"}}'))
      .send(Buffer.from(fixture('custom-headers.csv')));
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('columns.Surname');
  });

  describe('a file with no date received', () => {
    const councilA = (
      app: ReturnType<typeof makeTestApp>['app'],
      headers: Record<string, string>,
      query: string,
    ) =>
      request(app)
        .post(`/api/import${query}`)
        .set(headers)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(fixture('council-a-no-received.csv')));

    test('receivedOn gives every new case that date, with a warning on each row it is used for', async () => {
      const t = makeTestApp();
      const refused = await councilA(t.app, ADMIN, '');
      expect(refused.status).toBe(400);
      expect(refused.body.detail).toMatch(/has no column for: Date received/);

      const res = await councilA(t.app, ADMIN, '?dryRun=false&skipInvalid=true&receivedOn=2026-03-02');
      expect(res.status).toBe(200);
      expect(res.body.counts).toMatchObject({ create: 4, rejected: 1 });
      const created = res.body.rows.filter((r: { outcome: string }) => r.outcome === 'create');
      for (const r of created)
        expect(r.warnings).toContain(
          'No date received: recorded as 02/03/2026, the date given for every row.',
        );
      expect((await t.store.cases.list()).map((c) => c.receivedOn)).toEqual(Array(4).fill('2026-03-02'));

      // Again: the stored cases keep their date, and no row claims the fallback any more.
      const again = await councilA(t.app, ADMIN, '?receivedOn=2026-03-09');
      expect(again.body.counts).toMatchObject({ unchanged: 4, rejected: 1 });
      expect(JSON.stringify(again.body.rows)).not.toMatch(/No date received/);
    });

    test('receivedFrom takes the date from another column', async () => {
      const t = makeTestApp();
      const res = await councilA(
        t.app,
        ADMIN,
        `?receivedFrom=${encodeURIComponent('Date out of education')}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.counts).toMatchObject({ create: 3, rejected: 2 });
      expect(res.body.rows[0].warnings).toContain(
        "No date received: the date in column 'Date out of education' is used.",
      );
    });

    test.each([
      ['?receivedOn=02%2F03%2F2026', 'receivedOn'],
      ['?receivedOn=2026-02-30', 'receivedOn'],
      ['?receivedOn=2026-03-02&receivedFrom=Notes', 'receivedFrom'],
      ['?receivedFrom=', 'receivedFrom'],
    ])('%s is a 400 naming %s, and nothing is written', async (query, path) => {
      const t = makeTestApp();
      const res = await councilA(t.app, ADMIN, `${query}&dryRun=false`);
      expect(res.status).toBe(400);
      expect([...new Set(res.body.issues.map((i: { path: string }) => i.path))]).toEqual([path]);
      expect(await t.store.cases.list()).toEqual([]);
    });

    test('a date after today is refused; a member may not import with the option either', async () => {
      const t = makeTestApp();
      const future = await councilA(t.app, ADMIN, '?dryRun=false&receivedOn=2026-03-26');
      expect(future.status).toBe(400);
      expect(future.body.issues).toEqual([{ path: 'receivedOn', message: 'is after today' }]);
      const member = await councilA(t.app, MEMBER, '?dryRun=false&receivedOn=2026-03-02');
      expect(member.status).toBe(403);
      expect(await t.store.cases.list()).toEqual([]);
    });
  });

  test('a JSON body, an unknown query key or a bad flag is a 400 that says what to send', async () => {
    const t = makeTestApp();
    const json = await request(t.app).post('/api/import').set(ADMIN).send({ rows: [] });
    expect(json.status).toBe(400);
    expect(json.body.detail).toMatch(/^Send the file itself as the body/);
    const key = await upload(t.app, ADMIN, '?dryrun=false');
    expect(key.status).toBe(400);
    expect(key.body.issues).toEqual([{ path: 'dryrun', message: 'is not a known field' }]);
    const flag = await upload(t.app, ADMIN, '?dryRun=maybe');
    expect(flag.status).toBe(400);
    expect(await t.store.cases.list()).toEqual([]);
  });
});

describe('GET /api/export', () => {
  async function withCases() {
    const t = makeTestApp();
    await upload(t.app, ADMIN, '?dryRun=false');
    return t;
  }

  test.each([
    ['a member', MEMBER],
    ['the chair', CHAIR],
    ['a senior manager', SENIOR],
  ])('%s downloads the list as a CSV attachment', async (_who, headers) => {
    const t = await withCases();
    const res = await request(t.app).get('/api/export?format=csv').set(headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cmoe-cases-2026-03-25.csv"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-case-count']).toBe('10');
    expect(res.text.split('\r\n')[0]).toMatch(/^\ufeff?Ref,First name,Last name,Date of birth/);
  });

  test('the xlsx download is a workbook of the filtered view', async () => {
    const t = await withCases();
    const res = await request(t.app)
      .get('/api/export?format=xlsx&concern=high')
      .set(CHAIR)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const { sheets } = await readSpreadsheet({ bytes: new Uint8Array(res.body as Buffer) });
    const refs = sheets[0]!.rows.slice(1).map((r) => r[0]);
    expect(refs).toEqual(['CMOE-0001', 'CMOE-0004', 'CMOE-0009', 'CMOE-0010']);
  });

  test('an admin, no role and no sign-in get 403, 403 and 401; a bad format is 400', async () => {
    const t = await withCases();
    expect((await request(t.app).get('/api/export').set(ADMIN)).status).toBe(403);
    expect((await request(t.app).get('/api/export').set(NO_ROLE)).status).toBe(403);
    expect((await request(t.app).get('/api/export')).status).toBe(401);
    const bad = await request(t.app).get('/api/export?format=pdf').set(CHAIR);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('format');
    expect(await t.store.audit.query({ action: 'export' })).toEqual([]);
  });
});
