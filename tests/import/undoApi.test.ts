/**
 * Issue 19 over HTTP: GET /api/import/batches/last and POST /api/import/batches/last/undo, with every
 * log line (the app's logger and the console) captured: an undo writes nothing about a child to logs.
 */
import request from 'supertest';
import { ADMIN, CHAIR, makeTestApp } from '../helpers/api';
import { fixture } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What identifies the sample's synthetic children (names, dates of birth) or the file, as logs could hold. */
const CHILD_DATA = /Testy|Example|Sampla|Specimen|2013-05-14|14\/05\/2013|tracker \(synthetic\)/;

test('an admin imports, sees the batch, undoes it once; a second undo is 409 AlreadyDone; no log line names a child', async () => {
  const consoleLines: string[] = [];
  const capture = (...args: unknown[]) => void consoleLines.push(args.map(String).join(' '));
  const spies = [
    jest.spyOn(console, 'log').mockImplementation(capture),
    jest.spyOn(console, 'warn').mockImplementation(capture),
    jest.spyOn(console, 'error').mockImplementation(capture),
  ];
  try {
    const t = makeTestApp();
    expect((await request(t.app).get('/api/import/batches/last').set(ADMIN)).body).toEqual({ batch: null });
    const imported = await request(t.app)
      .post('/api/import?dryRun=false')
      .set(ADMIN)
      .set('Content-Type', XLSX)
      .set('X-File-Name', encodeURIComponent('CMOE tracker (synthetic).xlsx'))
      .send(Buffer.from(fixture('sample-tracker.xlsx')));
    expect(imported.status).toBe(200);
    const batchId = imported.body.batchId as string;
    expect(batchId).toMatch(/^[0-9a-f-]{36}$/);

    const last = await request(t.app).get('/api/import/batches/last').set(ADMIN);
    expect(last.body.batch).toMatchObject({ id: batchId, created: 10, changed: 0, undone: null });
    expect((await request(t.app).post('/api/import/batches/last/undo').set(CHAIR)).status).toBe(403);

    const undo = await request(t.app).post('/api/import/batches/last/undo').set(ADMIN);
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ batchId, restored: [], leftAlone: [] });
    expect(undo.body.removed).toHaveLength(10);
    expect(await t.store.cases.list()).toEqual([]);

    const again = await request(t.app).post('/api/import/batches/last/undo').set(ADMIN);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'AlreadyDone', current: { reason: 'ImportAlreadyUndone' } });

    expect(t.logs.length).toBeGreaterThan(0);
    expect([...t.logs, ...consoleLines].join('\n')).not.toMatch(CHILD_DATA);
  } finally {
    for (const s of spies) s.mockRestore();
  }
});
