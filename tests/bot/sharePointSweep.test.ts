/**
 * The sweep on the production store: SharePoint lists through Graph (the local Graph fake), with the real
 * CloudAdapter sending to the fake Bot Connector. Its ledger keys (`<id>#<conversation hash>`, and the
 * send marker `...~send`) must round-trip through SharePoint as they do through SQLite.
 */
import { createAdapter } from '../../src/bot/adapter';
import { DevRoleDirectory } from '../../src/bot/roleDirectory';
import { CloudAdapterSender } from '../../src/bot/sender';
import { type SweepDeps, deliveryKey, runSweep } from '../../src/bot/sweep';
import { VirtualTiming } from '../../src/bot/timing';
import { silentLogger } from '../../src/log';
import type { Store } from '../../src/store/ports';
import { FakeBotConnector } from '../fakes/botConnector';
import { type SharePointTestEnv, startSharePointEnv } from '../helpers/sharePoint';
import { CrashingBotState, ProcessKilled } from './crashingBotState';
import { NP, POLICY } from './fixtures';
import { LINKS, TEAM, seedCaseWithAction } from './harness';

let env: SharePointTestEnv;
let fake: FakeBotConnector;
let store: Store;
let timing: VirtualTiming;

beforeAll(async () => {
  env = await startSharePointEnv();
});
afterAll(async () => {
  await env.close();
});

beforeEach(async () => {
  timing = new VirtualTiming(Date.parse('2026-03-25T09:00:00.000Z'));
  fake = await FakeBotConnector.start({ clock: () => timing.now() });
  store = env.open(await env.newSite());
  await seedCaseWithAction({ store, policy: POLICY });
  await store.bot.upsertConversation({
    conversationId: TEAM,
    kind: 'channel',
    tenantId: 'tenant-1',
    teamId: TEAM,
    userId: null,
    reference: {
      channelId: 'msteams',
      serviceUrl: fake.url,
      bot: { id: '28:cmoe-bot' },
      conversation: { id: TEAM, conversationType: 'channel', isGroup: true },
    },
    active: true,
    updatedAt: '2026-03-02T09:00:00.000Z',
  });
});

afterEach(async () => {
  await fake.close();
});

function deps(overrides: Partial<SweepDeps> = {}): SweepDeps {
  return {
    store,
    policy: POLICY,
    notificationPolicy: NP,
    directory: new DevRoleDirectory(),
    sender: new CloudAdapterSender(
      createAdapter(
        { appId: null, appPassword: null, appType: 'SingleTenant', tenantId: null },
        silentLogger,
      ),
      '',
      () => timing.now(),
    ),
    links: LINKS,
    log: silentLogger,
    timing,
    instanceId: 'sp-a',
    leaseMs: 15 * 60_000,
    teamId: TEAM,
    ...overrides,
  };
}

describe('a sweep on the SharePoint store', () => {
  it('posts each due notification once and records it in the SharePoint ledger', async () => {
    const first = await runSweep(deps());
    expect(first.counts.sent).toBe(1);
    const id = first.deliveries[0]?.id as string;
    const [row] = await store.bot.getNotifications([deliveryKey(id, TEAM)]);
    expect(row).toMatchObject({ id: deliveryKey(id, TEAM), state: 'sent' });
    const second = await runSweep(deps({ instanceId: 'sp-b' }));
    expect(second.counts['already-sent']).toBe(1);
    expect(fake.posted).toHaveLength(1);
  });

  it('does not post again after a crash between sending and marking sent', async () => {
    const killed = new CrashingBotState(store.bot, { before: (op) => op === 'sent' });
    await expect(runSweep(deps({ store: { ...store, bot: killed } }))).rejects.toThrow(ProcessKilled);
    expect(fake.posted).toHaveLength(1);
    timing.advance(16 * 60_000);
    const restarted = await runSweep(deps({ instanceId: 'sp-restarted' }));
    expect(restarted.counts.ambiguous).toBe(1);
    expect(fake.posted).toHaveLength(1);
  });
});
