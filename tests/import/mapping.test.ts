/**
 * The import's mapping step (issue 19): the server's preview of a file's columns (first values, match,
 * suggestions, required fields missing), and the admin's choices sent back as a mapping with one date
 * for every row.
 */
import request from 'supertest';
import { parseCsv } from '../../src/spreadsheet/csv';
import { readSpreadsheet } from '../../src/spreadsheet/read';
import { previewImportSheet, suggestFields } from '../../src/domain/importing';
import { ADMIN, CHAIR, MEMBER, makeTestApp } from '../helpers/api';
import { fixture } from './helpers';

const TODAY = '2026-03-25';
const COUNCIL_A = 'council-a-no-received.csv';
const text = (name: string) => new TextDecoder().decode(fixture(name));

const preview = (app: ReturnType<typeof makeTestApp>['app'], headers: Record<string, string>, body: string) =>
  request(app)
    .post('/api/import/preview')
    .set(headers)
    .set('Content-Type', 'text/csv')
    .set('X-File-Name', encodeURIComponent('tracker.csv'))
    .send(body);

describe('suggestions for a header the import does not know', () => {
  test.each([
    ['Pupil name', 'fullName'],
    ['Date of referal', 'receivedOn'],
    ['Referred on', 'receivedOn'],
    ['Birthdate', 'dateOfBirth'],
    ['Yr grp', 'yearGroup'],
    ['Key worker', 'lead'],
    ['Missing since', 'outOfEducationSince'],
  ])('"%s" is suggested as %s first', (header, field) => {
    expect(suggestFields(header)[0]).toBe(field);
  });

  test('a header close to nothing has no suggestion, and a field another column has is not offered', () => {
    expect(suggestFields('Postcode')).toEqual([]);
    expect(suggestFields('Pupil name', new Set(['fullName']))).not.toContain('fullName');
  });
});

describe('previewImportSheet', () => {
  test('the council tracker with no date received: every column, its first values, and the missing field', async () => {
    const { sheets } = await readSpreadsheet({ bytes: fixture(COUNCIL_A), fileName: COUNCIL_A });
    const p = previewImportSheet(sheets, null, TODAY);
    expect(p.headerRow).toBe(2);
    expect(p.missing).toEqual(['receivedOn']);
    expect(p.columns.map((c) => [c.letter, c.header, c.field, c.status])).toEqual([
      ['A', 'Forename', 'firstName', 'matched'],
      ['B', 'Surname', 'lastName', 'matched'],
      ['C', 'D.O.B', 'dateOfBirth', 'matched'],
      ['D', 'NCY', 'yearGroup', 'matched'],
      ['E', 'Reason for referral', 'categories', 'matched'],
      ['F', 'Date out of education', 'outOfEducationSince', 'matched'],
      ['G', 'Current provision', 'provision', 'matched'],
      ['H', 'Lead Professional', 'lead', 'matched'],
      ['I', 'Referred by', 'referredBy', 'matched'],
      ['J', 'Status', 'status', 'matched'],
      ['K', 'Notes', 'notes', 'matched'],
    ]);
    expect(p.columns[0]?.samples).toEqual(['Testy', 'Sampla', expect.any(String)]);
    expect(p.columns.filter((c) => c.looksLikeDates).map((c) => c.letter)).toEqual(['C', 'F']);
    expect(p.rowCount).toBeGreaterThan(3);
    expect(p.fields.map((f) => f.field)).not.toContain('referralDate');
    expect(p.fields.find((f) => f.field === 'receivedOn')?.label).toBe('Date received');
  });

  test('a file whose headers nobody knows is still previewed from its first row of headers, with suggestions', () => {
    const rows = parseCsv(
      'Name of learner,Born on,Why,Postcode\n"Example, Testy",14/05/2013,Perm ex,ZZ1 1ZZ\n',
    );
    const p = previewImportSheet([{ name: 'Sheet1', rows }], null, TODAY);
    expect(p.headerRow).toBe(1);
    expect(p.columns.map((c) => [c.header, c.status, c.suggestions[0] ?? null])).toEqual([
      ['Name of learner', 'unknown', 'fullName'],
      ['Born on', 'unknown', 'dateOfBirth'],
      ['Why', 'unknown', 'concernNotes'],
      ['Postcode', 'unknown', null],
    ]);
    expect(p.missing).toEqual(['firstName', 'lastName', 'dateOfBirth', 'categories', 'receivedOn']);
  });

  test('a mapping moves a column and ignores another; the missing fields follow', () => {
    const rows = parseCsv(
      'Name of learner,Born on,Why,Postcode\n"Example, Testy",14/05/2013,Perm ex,ZZ1 1ZZ\n',
    );
    const p = previewImportSheet(
      [{ name: 'Sheet1', rows }],
      {
        columns: {
          'Name of learner': 'fullName',
          'Born on': 'dateOfBirth',
          Why: 'categories',
          Postcode: null,
        },
      },
      TODAY,
    );
    expect(p.columns.map((c) => [c.header, c.field, c.status])).toEqual([
      ['Name of learner', 'fullName', 'matched'],
      ['Born on', 'dateOfBirth', 'matched'],
      ['Why', 'categories', 'matched'],
      ['Postcode', null, 'ignored'],
    ]);
    expect(p.missing).toEqual(['receivedOn']);
  });
});

describe('POST /api/import/preview', () => {
  test("an admin gets the preview with the first meeting's date as the default for every row; nothing is written or logged", async () => {
    const t = makeTestApp();
    const meeting = {
      startsAt: '2026-01-14T10:00:00.000Z',
      chair: null,
      attendees: [],
      apologies: [],
      status: 'completed' as const,
      agenda: null,
      records: [],
      minutesPublishedAt: null,
    };
    await t.store.meetings.create(meeting, '2026-01-01T09:00:00.000Z');
    await t.store.meetings.create(
      { ...meeting, startsAt: '2026-02-11T10:00:00.000Z' },
      '2026-01-01T09:00:00.000Z',
    );
    const res = await preview(t.app, ADMIN, text(COUNCIL_A));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      format: 'csv',
      headerRow: 2,
      missing: ['receivedOn'],
      receivedOnDefault: '2026-01-14',
    });
    expect(await t.store.cases.list()).toEqual([]);
    expect(t.logs.join('\n')).not.toMatch(/Testy|Sampla|Example|14\/05\/2013/);
  });

  test('with no meeting yet, the default is today', async () => {
    const t = makeTestApp();
    const res = await preview(t.app, ADMIN, text(COUNCIL_A));
    expect(res.body.receivedOnDefault).toBe(TODAY);
  });

  test.each([
    ['a member', MEMBER],
    ['the chair', CHAIR],
  ])('%s cannot preview a file: 403', async (_who, headers) => {
    const t = makeTestApp();
    const res = await preview(t.app, headers, text(COUNCIL_A));
    expect(res.status).toBe(403);
    expect(res.body.columns).toBeUndefined();
  });

  test('the choices made on screen import the file: the mapping and one date for every row, each row warned', async () => {
    const t = makeTestApp();
    const p = (await preview(t.app, ADMIN, text(COUNCIL_A))).body as {
      columns: { header: string; field: string | null }[];
      headerRow: number;
      receivedOnDefault: string;
    };
    const mapping = {
      headerRow: p.headerRow,
      columns: Object.fromEntries(p.columns.map((c) => [c.header, c.field])),
    };
    const res = await request(t.app)
      .post(`/api/import?dryRun=false&skipInvalid=true&receivedOn=${p.receivedOnDefault}`)
      .set(ADMIN)
      .set('Content-Type', 'text/csv')
      .set('X-Import-Mapping', encodeURIComponent(JSON.stringify(mapping)))
      .send(text(COUNCIL_A));
    expect(res.status).toBe(200);
    const created = (res.body.rows as { outcome: string; warnings: string[] }[]).filter(
      (r) => r.outcome === 'create',
    );
    expect(created.length).toBeGreaterThan(0);
    for (const r of created)
      expect(r.warnings).toContain('No date received: recorded as 25/03/2026, the date given for every row.');
    expect((await t.store.cases.list()).every((c) => c.receivedOn === TODAY)).toBe(true);
  });
});

describe('saved named mappings through the API', () => {
  test('an admin saves the choices under a name, the next import is offered them, and the save is audited by count only', async () => {
    const t = makeTestApp();
    const mapping = { headerRow: 2, columns: { 'Date referred': 'receivedOn', Postcode: null } };
    const saved = await request(t.app)
      .put(`/api/import/mappings/${encodeURIComponent('Council tracker')}`)
      .set(ADMIN)
      .send({ mapping });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Council tracker', mapping, savedBy: 'dev-admin' });
    const list = await request(t.app).get('/api/import/mappings').set(ADMIN);
    expect(list.body.map((m: { name: string }) => m.name)).toEqual(['Council tracker']);
    const one = await request(t.app)
      .get(`/api/import/mappings/${encodeURIComponent('Council tracker')}`)
      .set(ADMIN);
    expect(one.body.mapping).toEqual(mapping);
    const entries = await t.store.audit.query({ action: 'import.mapping.save' });
    expect(entries.map((e) => [e.userId, e.target, e.fields])).toEqual([
      ['dev-admin', 'import-mapping', ['columns=2']],
    ]);
  });

  test('a mapping naming an unknown field is refused with 400 and not saved; an unknown name is 404; a member is refused', async () => {
    const t = makeTestApp();
    const bad = await request(t.app)
      .put('/api/import/mappings/Council')
      .set(ADMIN)
      .send({ mapping: { columns: { 'Date referred': 'dateReferred' } } });
    expect(bad.status).toBe(400);
    expect(await t.store.importMappings.list()).toEqual([]);
    expect((await request(t.app).get('/api/import/mappings/Council').set(ADMIN)).status).toBe(404);
    const member = await request(t.app)
      .put('/api/import/mappings/Council')
      .set(MEMBER)
      .send({ mapping: { columns: {} } });
    expect(member.status).toBe(403);
    expect(await t.store.importMappings.list()).toEqual([]);
  });
});
