/**
 * Issue 14 item 1: free text is normalised at the boundary (src/domain/text.ts). On main, U+FFFE and lone
 * surrogates were stored as typed (and corrupted the minutes and the export), controls and decomposed
 * accents were stored unchanged, and a name made of zero-width characters was accepted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { freeText, repairText } from '../../src/domain/text';
import { readCell } from '../../src/domain/importValues';
import { openSqliteStore } from '../../src/store/sqlite';
import { MEMBER, makeTestApp, referral } from '../helpers/api';
import { instant, sampleCase } from '../helpers/sampleRecords';

describe('free text at the boundary', () => {
  test.each([
    ['a noncharacter U+FFFE in a first name', { firstName: 'Te\uFFFEsty' }, 'firstName', /U\+FFFE/],
    [
      'a noncharacter of plane 16 in the notes',
      { concernNotes: 'note \u{10FFFF}' },
      'concernNotes',
      /U\+10FFFF/,
    ],
    ['U+FDD0 in the last school', { lastSchool: 'Academy \uFDD0' }, 'lastSchool', /U\+FDD0/],
    ['a lone surrogate in the referrer', { referredBy: 'EWO \uD83D' }, 'referredBy', /broken character/],
    [
      'a last name of zero-width and bidi controls only',
      { lastName: '\u200B\u200F\u202E\u2066\uFEFF ' },
      'lastName',
      /is required/,
    ],
    ['a lead whose name is a zero-width joiner', { lead: { name: '\u200D' } }, 'lead.name', /is required/],
  ])(
    'a referral with %s is refused with 400 Invalid naming the field, and nothing is stored',
    async (_n, o, field, message) => {
      const t = makeTestApp();
      const res = await request(t.app)
        .post('/api/cases')
        .set(MEMBER)
        .send(referral(o as never));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('Invalid');
      const issue = (res.body.issues as { path: string; message: string }[]).find((i) => i.path === field);
      expect(issue?.message).toMatch(message);
      expect(await t.store.cases.list()).toEqual([]);
    },
  );

  test('a referral is stored normalised: NFC, line breaks as LF, other controls stripped, bidi and joiners kept', async () => {
    const t = makeTestApp();
    const res = await request(t.app)
      .post('/api/cases')
      .set(MEMBER)
      .send(
        referral({
          firstName: 'Zoe\u0301\u0000',
          lastName: 'Ab\u200Dc',
          concernNotes: 'line one\r\nline two\rthree\u000Bfour\u2028five\u0007\u009B',
        }),
      );
    expect(res.status).toBe(201);
    const c = await t.store.cases.get(res.body.case.ref);
    expect(c?.firstName).toBe('Zoé');
    expect(c?.lastName).toBe('Ab\u200Dc');
    expect(c?.concernNotes).toBe('line one\nline two\nthree\nfour\nfive');
  });

  test('a timeline note with a lone surrogate is refused naming text', async () => {
    const t = makeTestApp();
    const ref = (await request(t.app).post('/api/cases').set(MEMBER).send(referral())).body.case
      .ref as string;
    const res = await request(t.app)
      .post(`/api/cases/${ref}/updates`)
      .set(MEMBER)
      .send({ text: 'Visited \uDC00' });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'text' })]);
  });

  test('an imported cell with a noncharacter is refused with a message naming the code point; others are normalised', () => {
    expect(readCell('Sm\uFFFFith')).toEqual({ ok: false, message: expect.stringMatching(/U\+FFFF/) });
    expect(readCell(' Zoe\u0301\u0007 ')).toMatchObject({ ok: true, value: { kind: 'text', text: 'Zoé' } });
  });

  test('normalising is idempotent: what the schema stores, it accepts again on the next read', () => {
    const schema = freeText(100);
    for (const s of ['a\r\n\u0085b', 'e\u0301', '\u0000x\u009F', ' \u200B ']) {
      const once = schema.parse(s);
      expect(schema.parse(once)).toBe(once);
    }
    expect(repairText('a\uFFFE\uD800b\u0001')).toBe('a\uFFFDb');
  });

  test('a case stored before these rules with U+FFFE in its name is still readable, repaired', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmoe-text-'));
    try {
      const path = join(dir, 'store.db');
      let store = openSqliteStore(path);
      const created = await store.cases.create(sampleCase(), instant(0));
      await store.close();
      // What main accepted: a noncharacter and a control written straight into the stored JSON.
      const db = new Database(path);
      db.prepare(`UPDATE cases SET data = json_set(data, '$.firstName', ?) WHERE ref = ?`).run(
        'Te\uFFFEst\u0001y',
        created.ref,
      );
      db.close();
      store = openSqliteStore(path);
      expect((await store.cases.get(created.ref))?.firstName).toBe('Testy');
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
