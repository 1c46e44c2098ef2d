/**
 * Issue 14 item 4: local mode trusts nothing it is told. Without an app id the bot processes only
 * activities from a loopback service URL (a forged "case CMOE-0001" naming an outside address is neither
 * answered nor registered), and never posts outside the machine; the server answers only to the host
 * names it is known by (DNS rebinding); with an app id the sweep posts within the bot's own tenant only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createAdapter } from '../../src/bot/adapter';
import { CloudAdapterSender, SendError } from '../../src/bot/sender';
import { targetsOf } from '../../src/bot/sweep';
import { loadConfig } from '../../src/config';
import { createLogger, silentLogger } from '../../src/log';
import { type Running, start } from '../../src/server';
import type { ConversationRegistration } from '../../src/store/ports';
import { FakeBotConnector } from '../fakes/botConnector';
import { MEMBER, makeTestApp, referral } from '../helpers/api';
import { TEAM, botAddedToTeam, message } from './harness';

describe('the bot without an app id', () => {
  let dir: string;
  let fake: FakeBotConnector;
  let running: Running;
  const lines: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cmoe-local-trust-'));
    fake = await FakeBotConnector.start();
    const config = loadConfig({
      SQLITE_PATH: join(dir, 'cmoe.sqlite'),
      SEED_DEMO: 'false',
      SWEEP_ENABLED: 'false',
      // A fixed moment: a test never depends on the day it runs (dev sign-in accepts CLOCK_START).
      CLOCK_START: '2027-03-08T09:00:00Z',
    });
    running = await start(
      { ...config, port: 0 },
      createLogger('debug', (l) => lines.push(l)),
    );
  });

  afterEach(async () => {
    await running.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (activity: object, serviceUrl: string) =>
    fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: `in-${Math.random()}`, ...activity, serviceUrl }),
    });

  test('refuses an activity whose service URL is not on this machine: no reply, no registration', async () => {
    const ref = (
      (await (
        await fetch(`${running.url}/api/cases`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...MEMBER },
          body: JSON.stringify(referral()),
        })
      ).json()) as { case: { ref: string } }
    ).case.ref;
    for (const outside of ['https://attacker.example.net/', 'http://10.0.0.5:8080/', 'file:///etc/passwd']) {
      expect((await post(botAddedToTeam(), outside)).status).toBe(403);
      expect((await post(message(`case ${ref}`, 'dev-chair'), outside)).status).toBe(403);
    }
    expect(await running.store.bot.listConversations()).toEqual([]);
    expect(fake.posted).toEqual([]);
    expect(lines.join('\n')).not.toContain('attacker.example.net');

    // The same activities from the local connector are served as before.
    expect((await post(botAddedToTeam(), fake.url)).status).toBe(200);
    expect(await running.store.bot.listConversations()).toMatchObject([{ conversationId: TEAM }]);
  });

  test('never sends a proactive post outside the machine, whatever a stored reference says', async () => {
    const sender = new CloudAdapterSender(
      createAdapter(
        { appId: null, appPassword: null, appType: 'SingleTenant', tenantId: null },
        silentLogger,
      ),
      '',
    );
    const outside = {
      channelId: 'msteams',
      serviceUrl: 'https://attacker.example.net/',
      bot: { id: '28:cmoe-bot' },
      conversation: { id: TEAM },
    };
    const error = await sender.send(outside, { type: 'message', text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect((error as SendError).status).toBe(403);
    const sent = await sender.send({ ...outside, serviceUrl: fake.url }, { type: 'message', text: 'x' });
    expect(sent.activityId).toEqual(expect.any(String));
  });
});

describe('the Host header (DNS rebinding)', () => {
  test('a request naming another host is refused with 421; loopback names and the health probe are served', async () => {
    const { app } = makeTestApp({ allowedHosts: loadConfig({}).allowedHosts });
    const evil = await request(app)
      .get('/api/cases')
      .set('Host', 'rebound.attacker.example:3978')
      .set(MEMBER);
    expect(evil.status).toBe(421);
    expect(evil.body.code).toBe('Invalid');
    expect((await request(app).get('/api/dev/users').set('Host', 'rebound.attacker.example')).status).toBe(
      421,
    );
    for (const host of ['localhost:3978', '127.0.0.1:3978', '[::1]:3978', 'LOCALHOST'])
      expect((await request(app).get('/api/cases').set('Host', host).set(MEMBER)).status).toBe(200);
    expect((await request(app).get('/healthz').set('Host', 'probe.internal')).status).toBe(200);
  });

  test('dev sign-in answers to loopback only; Teams sign-in also to PUBLIC_BASE_URL; ALLOWED_HOSTS adds names', () => {
    const TENANT = '7d1c0a4e-2b3f-4c5d-8e9f-0a1b2c3d4e5f';
    const CLIENT = '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://cmoe.example.org' }).allowedHosts).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
    ]);
    const teams = loadConfig({
      AUTH_MODE: 'teams',
      TENANT_ID: TENANT,
      CLIENT_ID: CLIENT,
      PUBLIC_BASE_URL: 'https://CMOE.example.org/',
      ALLOWED_HOSTS: 'cmoe-prod.azurewebsites.net, cmoe.council.example',
    });
    expect(teams.allowedHosts).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      'cmoe.example.org',
      'cmoe-prod.azurewebsites.net',
      'cmoe.council.example',
    ]);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'cmoe.example.org:443' })).toThrow(/ALLOWED_HOSTS/);
  });
});

describe('where the bot posts with an app id', () => {
  const reg = (
    conversationId: string,
    teamId: string,
    tenantId: string | null,
  ): ConversationRegistration => ({
    conversationId,
    kind: 'channel',
    tenantId,
    teamId,
    userId: null,
    reference: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      bot: { id: '28:cmoe-bot' },
      conversation: { id: conversationId },
    },
    active: true,
    updatedAt: '2026-03-25T10:00:00.000Z',
  });

  test('only channels of the bot’s own tenant are posted to when no team is configured', () => {
    const regs = [
      reg('19:ours', 'team-a', 'TENANT-1'),
      reg('19:stray', 'team-b', 'tenant-2'),
      reg('19:none', 'team-c', null),
    ];
    expect(targetsOf(regs, null, silentLogger, 'tenant-1').map((t) => t.conversationId)).toEqual(['19:ours']);
    expect(targetsOf(regs, 'team-b', silentLogger, 'tenant-1')).toEqual([]);
    expect(targetsOf(regs, null, silentLogger).map((t) => t.conversationId)).toHaveLength(3);
  });

  test('production refuses a bot that could post to any team in any tenant', () => {
    const base = {
      NODE_ENV: 'production',
      AUTH_MODE: 'teams',
      TENANT_ID: '7d1c0a4e-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
      CLIENT_ID: '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
      HOST: '0.0.0.0',
      BOT_APP_ID: '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
      BOT_APP_PASSWORD: 'x',
      BOT_APP_TYPE: 'MultiTenant',
    };
    expect(() => loadConfig(base)).toThrow(/BOT_TEAM_ID: required in production/);
    expect(loadConfig({ ...base, BOT_TEAM_ID: '19:team' }).bot.teamId).toBe('19:team');
  });
});
