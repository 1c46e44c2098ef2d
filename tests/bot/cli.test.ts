import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { registrationFrom } from '../../src/bot/registrations';
import { UsageError, main, parseSweepArgs } from '../../src/cli/sweep';
import { openSqliteStore } from '../../src/store/sqlite';
import { FakeBotConnector } from '../fakes/botConnector';
import { FORBIDDEN_IN_CHANNEL, POLICY } from './fixtures';
import { botAddedToTeam, seedCaseWithAction } from './harness';

describe('sweep command arguments', () => {
  it('reads --now as an ISO time with a zone, and --dry-run', () => {
    expect(parseSweepArgs(['--now', '2026-03-25T08:30:00Z', '--dry-run'])).toEqual({
      now: new Date('2026-03-25T08:30:00Z'),
      dryRun: true,
      help: false,
    });
    expect(parseSweepArgs(['--now=2026-03-25T09:30:00+01:00']).now).toEqual(new Date('2026-03-25T08:30:00Z'));
    expect(parseSweepArgs([])).toEqual({ now: null, dryRun: false, help: false });
  });

  it.each([
    [['--now'], /--now needs a time/],
    [['--now', '2026-03-25'], /ISO time with a zone/],
    [['--now', '2026-03-25T08:30:00'], /ISO time with a zone/],
    [['--now', 'tomorrow'], /ISO time with a zone/],
    [['--dry-run=yes'], /takes no value/],
    [['--dry-run', '--dry-run'], /more than once/],
    [['--force'], /Unknown option --force/],
    [['now'], /Unexpected argument/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseSweepArgs(argv)).toThrow(UsageError);
    expect(() => parseSweepArgs(argv)).toThrow(message);
  });
});

describe('npm run sweep', () => {
  let dir: string;
  let fake: FakeBotConnector;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cmoe-sweep-'));
    fake = await FakeBotConnector.start();
    env = {
      SQLITE_PATH: join(dir, 'cmoe.sqlite'),
      MEETING_ANCHOR_DATE: '2026-01-12',
      LOG_LEVEL: 'silent',
      // The ledger's own timestamps: on the day the runs plan for (--now), whatever day this runs.
      CLOCK_START: '2026-03-25T09:00:00Z',
    };
    const store = openSqliteStore(env.SQLITE_PATH as string);
    await seedCaseWithAction({ store, policy: POLICY });
    const install = { ...botAddedToTeam(), serviceUrl: fake.url } as Activity;
    await store.bot.upsertConversation(registrationFrom(install, '2026-03-02T09:00:00.000Z'));
    await store.close();
  });

  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (argv: string[], environment = env) => {
    const out: string[] = [];
    const code = await main(argv, environment, (l) => out.push(l));
    return { code, text: out.join('\n') };
  };

  it('with --dry-run lists what is due and posts nothing', async () => {
    const { code, text } = await run(['--now', '2026-03-25T09:00:00Z', '--dry-run']);
    expect(code).toBe(0);
    expect(text).toContain('Dry run as of 2026-03-25T09:00:00.000Z: 1 notification(s) due, 1 channel(s).');
    expect(text).toMatch(/would-send\s+action-due-soon:/);
    expect(fake.requests).toEqual([]);
    for (const s of FORBIDDEN_IN_CHANNEL) expect(text).not.toContain(s);
  });

  it('posts what is due at --now once: a second run posts nothing', async () => {
    const first = await run(['--now', '2026-03-25T09:00:00Z']);
    expect(first.code).toBe(0);
    expect(first.text).toContain('Done: 1 sent.');
    expect(fake.posted).toHaveLength(1);
    const second = await run(['--now', '2026-03-25T09:05:00Z']);
    expect(second.text).toContain('Done: 1 already-sent.');
    expect(fake.posted).toHaveLength(1);
  });

  it('exits 1 when a delivery failed, so cron can alert', async () => {
    fake.setRule(() => ({ status: 403 }));
    const { code, text } = await run(['--now', '2026-03-25T09:00:00Z']);
    expect(code).toBe(1);
    expect(text).toContain('final:http-403');
    expect(text).toContain('Marked inactive');
  });

  it('answers bad usage with 2 and bad configuration with 78', async () => {
    expect((await run(['--bogus'])).code).toBe(2);
    expect((await run([], { ...env, NOTIFY_TIME: 'noon' })).code).toBe(78);
    const off = await run(['--now', '2026-03-25T09:00:00Z'], {
      ...env,
      HOST: '0.0.0.0',
      AUTH_MODE: 'teams',
      // Teams sign-in takes no CLOCK_START; the command stops before it reads any clock.
      CLOCK_START: undefined,
      TENANT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      CLIENT_ID: '11111111-2222-4333-8444-555555555555',
    });
    expect(off.text).toContain('BOT_APP_ID is not set');
    expect(off.code).toBe(78);
  });
});
