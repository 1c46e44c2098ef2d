import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { start } from '../../src/server';

/** The servers' clock starts here (CLOCK_START), so the demo data is seeded for the same day every run. */
const CLOCK_START = '2027-03-08T09:00:00Z';

describe('the composition root', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cmoe-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a first start seeds synthetic demo data and serves /healthz and the cases; a restart does not seed again', async () => {
    const config = {
      ...loadConfig({ SQLITE_PATH: join(dir, 'db', 'cmoe.sqlite'), SEED_CASES: '30', CLOCK_START }),
      port: 0,
    };
    const first = await start(config, silentLogger);
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${first.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const res = await fetch(`${first.url}/api/cases`, {
        headers: { Authorization: 'Bearer dev:dev-chair' },
      });
      expect(res.status).toBe(200);
      const cases = (await res.json()) as { ref: string; lastName: string }[];
      expect(cases.length).toBeGreaterThan(0);
      expect(cases[0]?.ref).toBe('CMOE-0001');
    } finally {
      await first.close();
    }
    const second = await start(config, silentLogger);
    try {
      const res = await fetch(`${second.url}/api/cases?status=referred,open,escalated,monitoring,closed`, {
        headers: { Authorization: 'Bearer dev:dev-chair' },
      });
      const refs = ((await res.json()) as { ref: string }[]).map((c) => c.ref);
      expect(new Set(refs).size).toBe(refs.length);
      expect(refs).toHaveLength(30);
    } finally {
      await second.close();
    }
  });

  test('AUTH_MODE=teams without Teams settings refuses to start, naming them, instead of falling back to dev sign-in', async () => {
    const sqlitePath = join(dir, 'teams.sqlite');
    const { teams: _none, ...rest } = loadConfig({ SQLITE_PATH: sqlitePath });
    const config = { ...rest, authMode: 'teams' as const, port: 0 };
    // A start that wrongly succeeds is closed again, so the failure is the assertion, not a hung server.
    const outcome = await start(config, silentLogger).then(
      async (running) => {
        await running.close();
        return 'started';
      },
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(
      /AUTH_MODE=teams needs the Teams sign-in settings \(TENANT_ID and CLIENT_ID.*refusing to start rather than fall back to dev sign-in/,
    );
    // Refused before anything was opened or seeded.
    expect(existsSync(sqlitePath)).toBe(false);
  });

  test('with seeding off, the store starts empty', async () => {
    const config = {
      ...loadConfig({ SQLITE_PATH: join(dir, 'empty.sqlite'), SEED_DEMO: 'false', CLOCK_START }),
      port: 0,
    };
    const running = await start(config, silentLogger);
    try {
      const res = await fetch(`${running.url}/api/cases`, {
        headers: { Authorization: 'Bearer dev:dev-member-ewo' },
      });
      expect(await res.json()).toEqual([]);
    } finally {
      await running.close();
    }
  });
});
