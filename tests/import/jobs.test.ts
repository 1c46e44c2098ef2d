/**
 * The import as a job the tab polls for progress (issue 19: large files). The job's result must be the
 * plain import's report, its progress must reach the file's row count, and only the admin who started
 * it may read it.
 */
import request from 'supertest';
import { DevAuthenticator } from '../../src/auth/devAuthenticator';
import { type Authenticator, makePrincipal } from '../../src/auth/principal';
import type { ImportProgress } from '../../src/domain/importJobs';
import { importSpreadsheet } from '../../src/operations/importExport';
import { ImportJobs, JOB_TTL_MS } from '../../src/operations/importJobs';
import { ADMIN, CHAIR, makeTestApp } from '../helpers/api';
import { ADMIN_CALL, fixture, makeDeps } from './helpers';

type App = ReturnType<typeof makeTestApp>['app'];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A distinct made-up surname per row ("Testab", "Testac"...): names only, no child's data. */
const surname = (i: number) =>
  `Test${LETTERS[Math.floor(i / 26) % 26]!.toLowerCase()}${LETTERS[i % 26]!.toLowerCase()}`;

/** A tracker of `n` synthetic rows, each a distinct child (name and date of birth). */
function tracker(n: number): Buffer {
  const rows = Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `${surname(i)},Notreal,${day}/0${(i % 9) + 1}/2013,Perm ex,20/03/2026`;
  });
  return Buffer.from(['Surname,Forename,DOB,Reason,Date received', ...rows].join('\n') + '\n');
}

/** A second admin beside the demo one: a job is only its starter's, even between admins. */
const SECOND_ADMIN = { Authorization: 'Bearer second-admin' };
const twoAdmins = (): Authenticator => {
  const dev = new DevAuthenticator();
  return {
    authenticate: async (authorization) =>
      authorization === SECOND_ADMIN.Authorization
        ? makePrincipal({
            id: 'second-admin',
            name: 'Second Admin',
            email: 'second.admin@example.org',
            roles: ['CMOE.Admin'],
          })
        : dev.authenticate(authorization),
  };
};

const start = (app: App, body: Buffer, query: string, headers: Record<string, string> = ADMIN) =>
  request(app)
    .post(`/api/import/jobs${query}`)
    .set(headers)
    .set('Content-Type', 'text/csv')
    .set('X-File-Name', encodeURIComponent('Tracker (synthetic).csv'))
    .send(body);

const plain = (app: App, body: Buffer, query: string) =>
  request(app).post(`/api/import${query}`).set(ADMIN).set('Content-Type', 'text/csv').send(body);

/** Polls the job as the tab does until it is done; every status seen, the last one done. */
async function poll(app: App, id: string): Promise<request.Response[]> {
  const seen: request.Response[] = [];
  for (let i = 0; i < 500; i++) {
    const res = await request(app).get(`/api/import/jobs/${id}`).set(ADMIN);
    seen.push(res);
    if (res.status !== 200 || res.body.phase === 'done') return seen;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('the job never finished');
}

describe('POST /api/import/jobs and GET /api/import/jobs/:id', () => {
  test('a dry-run job answers 201 with where to poll, reaches its total, and its result is the plain dry run’s report', async () => {
    const t = makeTestApp();
    const file = tracker(120);
    const started = await start(t.app, file, '?dryRun=true');
    expect(started.status).toBe(201);
    expect(started.headers.location).toBe(`/api/import/jobs/${started.body.id}`);
    expect(started.body).toMatchObject({ dryRun: true, phase: 'reading', done: 0, result: null });

    const seen = await poll(t.app, started.body.id);
    const last = seen[seen.length - 1]!;
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ phase: 'done', done: 120, total: 120 });
    for (const s of seen) expect(s.body.done).toBeLessThanOrEqual(s.body.total);

    const direct = await plain(t.app, file, '?dryRun=true');
    expect(last.body.result).toEqual(direct.body);
    expect(await t.store.cases.list()).toEqual([]);
  });

  test('a real import job writes what the plain import writes, with the same report, audit and quiet logs', async () => {
    const viaJob = makeTestApp();
    const viaPlain = makeTestApp();
    const file = tracker(60);
    const started = await start(viaJob.app, file, '?dryRun=false');
    const seen = await poll(viaJob.app, started.body.id);
    const last = seen[seen.length - 1]!.body;
    const direct = (await plain(viaPlain.app, file, '?dryRun=false')).body;

    expect(last).toMatchObject({ phase: 'done', done: 60, total: 60 });
    const { batchId, ...report } = last.result;
    const { batchId: plainBatchId, ...plainReport } = direct;
    expect(report).toEqual(plainReport);
    expect(typeof batchId).toBe('string');
    expect(typeof plainBatchId).toBe('string');
    expect((await viaJob.store.cases.list()).length).toBe(60);
    const auditOf = async (s: typeof viaJob.store) =>
      (await s.audit.query({ action: 'import' })).map((e) => e.fields);
    expect(await auditOf(viaJob.store)).toEqual(await auditOf(viaPlain.store));
    expect(viaJob.logs.join('\n')).not.toMatch(/Testaa|Notreal|2013|Tracker \(synthetic\)/);
  });

  test('a finished job is answered once, then forgotten (404)', async () => {
    const t = makeTestApp();
    const started = await start(t.app, tracker(3), '');
    await poll(t.app, started.body.id);
    const again = await request(t.app).get(`/api/import/jobs/${started.body.id}`).set(ADMIN);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('NotFound');
  });

  test('another admin cannot read the job (404, as for no job), a chair is refused (403), and the starter still reads it', async () => {
    const t = makeTestApp({ authenticator: twoAdmins });
    const started = await start(t.app, tracker(5), '?dryRun=true');
    // Let it finish first, so the 404 cannot be "not done yet" and reading it would have consumed it.
    await new Promise((r) => setTimeout(r, 50));
    const other = await request(t.app).get(`/api/import/jobs/${started.body.id}`).set(SECOND_ADMIN);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toMatch(/Test|Notreal|rows|total/);
    const chair = await request(t.app).get(`/api/import/jobs/${started.body.id}`).set(CHAIR);
    expect(chair.status).toBe(403);
    const mine = await poll(t.app, started.body.id);
    expect(mine[mine.length - 1]!.body).toMatchObject({ phase: 'done', total: 5 });
  });

  test('an unread finished job is forgotten five minutes after it was last asked about', async () => {
    const t = makeTestApp();
    const started = await start(t.app, tracker(2), '');
    await new Promise((r) => setTimeout(r, 50));
    t.clock.now = new Date(t.clock.now.getTime() + JOB_TTL_MS + 1000);
    // Any call sweeps: another job's start.
    await start(t.app, tracker(2), '');
    const res = await request(t.app).get(`/api/import/jobs/${started.body.id}`).set(ADMIN);
    expect(res.status).toBe(404);
  });

  test('a refused real import comes back from the job as the same problem as the plain import', async () => {
    const t = makeTestApp();
    const file = Buffer.from(fixture('with-errors.csv'));
    const started = await start(t.app, file, '?dryRun=false');
    expect(started.status).toBe(201);
    const seen = await poll(t.app, started.body.id);
    const last = seen[seen.length - 1]!;
    const direct = await plain(t.app, file, '?dryRun=false');
    expect(last.status).toBe(400);
    expect(last.body).toEqual(direct.body);
    expect(await t.store.cases.list()).toEqual([]);
  });

  test('an admin has at most three jobs at once: a fourth is refused (503 Busy) until one is read', async () => {
    const t = makeTestApp();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await start(t.app, tracker(2), '')).body.id);
    const fourth = await start(t.app, tracker(2), '');
    expect(fourth.status).toBe(503);
    expect(fourth.body.code).toBe('Busy');
    await poll(t.app, ids[0]!);
    expect((await start(t.app, tracker(2), '')).status).toBe(201);
  });

  test('a member cannot start a job (403) and nothing is read or written', async () => {
    const t = makeTestApp();
    const res = await start(t.app, tracker(2), '?dryRun=false', CHAIR);
    expect(res.status).toBe(403);
    expect(await t.store.cases.list()).toEqual([]);
  });
});

describe('the import’s progress', () => {
  test('a real import reports reading, then checking and writing each up to the row count, never going back', async () => {
    const events: ImportProgress[] = [];
    await importSpreadsheet(
      makeDeps(),
      ADMIN_CALL,
      { bytes: tracker(40) },
      { dryRun: false, skipInvalid: false, mapping: null, progress: (p) => events.push(p) },
    );
    expect(events[0]).toEqual({ phase: 'reading', done: 0, total: 0 });
    expect(events.filter((e) => e.phase === 'checking').at(-1)).toEqual({
      phase: 'checking',
      done: 40,
      total: 40,
    });
    const writing = events.filter((e) => e.phase === 'writing');
    expect(writing.at(-1)).toEqual({ phase: 'writing', done: 40, total: 40 });
    for (let i = 1; i < writing.length; i++)
      expect(writing[i]!.done).toBeGreaterThanOrEqual(writing[i - 1]!.done);
    expect(JSON.stringify(events)).not.toMatch(/Test|Notreal/);
  });

  test('while a job writes, its status can be read part way (the import lets the event loop turn)', async () => {
    const deps = makeDeps();
    const jobs = new ImportJobs();
    const started = await jobs.start(
      deps,
      ADMIN_CALL,
      { bytes: tracker(500) },
      { dryRun: false, skipInvalid: false, mapping: null },
    );
    const seen: { phase: string; done: number; total: number }[] = [];
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const s = await jobs.read(deps, ADMIN_CALL, started.id);
      seen.push({ phase: s.phase, done: s.done, total: s.total });
      if (s.phase === 'done') break;
    }
    const partWay = seen.filter((s) => s.phase === 'writing' && s.done > 0 && s.done < s.total);
    expect(partWay.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual({ phase: 'done', done: 500, total: 500 });
  });
});
