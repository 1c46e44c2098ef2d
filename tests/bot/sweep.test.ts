/**
 * Integration: real proactive messages through botbuilder's CloudAdapter (no app id, as locally) to the
 * local fake Bot Connector at the service URL stored when the bot was installed, over a real SQLite store.
 * Time is virtual: backoff and rate-limit waits take no real time.
 */
import { createAdapter } from '../../src/bot/adapter';
import { notificationCard } from '../../src/bot/cards/notifications';
import { DevRoleDirectory } from '../../src/bot/roleDirectory';
import { CloudAdapterSender } from '../../src/bot/sender';
import { type SweepDeps, deliveryKey, runSweep } from '../../src/bot/sweep';
import { VirtualTiming } from '../../src/bot/timing';
import { IMMEDIATE_KINDS, type PlannedNotification } from '../../src/domain/notifications';
import { createLogger, silentLogger } from '../../src/log';
import { createAction } from '../../src/operations/actions';
import { updateCase } from '../../src/operations/cases';
import { FakeBotConnector } from '../fakes/botConnector';
import { CrashingBotState, ProcessKilled } from './crashingBotState';
import { FORBIDDEN_IN_CHANNEL, NP, POLICY } from './fixtures';
import {
  LINKS,
  TEAM,
  type World,
  botAddedToTeam,
  callAs,
  makeWorld,
  message,
  planned,
  seedCaseWithAction,
} from './harness';

const SWEEP_AT = Date.parse('2026-03-25T09:00:00.000Z');
const LEASE_MS = 15 * 60_000;

let fake: FakeBotConnector;
let timing: VirtualTiming;
let world: World;

beforeEach(async () => {
  timing = new VirtualTiming(SWEEP_AT);
  fake = await FakeBotConnector.start({ clock: () => timing.now() });
  world = makeWorld();
  world.clock.now = new Date(SWEEP_AT);
});

afterEach(async () => {
  await fake.close();
  await world.store.close();
});

/** Installs the bot in the team, with the fake connector as the team's service URL. */
async function install(): Promise<void> {
  await world.send({ ...botAddedToTeam(), serviceUrl: fake.url });
}

/** A busy morning: an action due soon, one overdue, a stuck case and freshly published minutes. */
async function seedBusyMorning(): Promise<void> {
  const { case: c } = await seedCaseWithAction(world.deps);
  const back = callAs('dev-chair', new Date('2026-03-02T11:00:00.000Z'));
  await createAction(world.deps, back, {
    caseRef: c.ref,
    description: 'Chase the school for records',
    successMeasure: 'Records received',
    owner: { id: 'dev-member-send', name: 'Demo Member (Cal Fictional)', email: 'cal.fictional@example.org' },
    ownerService: 'SEND',
    dueDate: '2026-03-13',
  });
  const current = await world.store.cases.get(c.ref);
  await updateCase(world.deps, back, c.ref, current?.version ?? 0, { stuckFlag: true });
  await world.store.meetings.create(
    {
      startsAt: '2026-03-09T10:00:00.000Z',
      chair: null,
      attendees: [],
      apologies: [],
      status: 'completed',
      agenda: [],
      records: [],
      minutesPublishedAt: '2026-03-24T15:00:00.000Z',
    },
    '2026-03-09T09:00:00.000Z',
  );
}

function sweepDeps(overrides: Partial<SweepDeps> = {}): SweepDeps {
  const log = overrides.log ?? silentLogger;
  return {
    store: world.store,
    policy: POLICY,
    notificationPolicy: NP,
    directory: new DevRoleDirectory(),
    sender: new CloudAdapterSender(
      createAdapter({ appId: null, appPassword: null, appType: 'SingleTenant', tenantId: null }, log),
      '',
      () => timing.now(),
    ),
    links: LINKS,
    log,
    timing,
    instanceId: 'instance-a',
    leaseMs: LEASE_MS,
    teamId: TEAM,
    ...overrides,
  };
}

function postedCards(): unknown[] {
  return fake.posted.map((p) => (p.activity.attachments as { content: unknown }[])[0]?.content);
}

function expectedCard(n: PlannedNotification): unknown {
  return JSON.parse(JSON.stringify(notificationCard(n, LINKS)));
}

/** How many times each planned notification's card was posted. */
function postsPer(notifications: PlannedNotification[]): Record<string, number> {
  const cards = postedCards().map((c) => JSON.stringify(c));
  return Object.fromEntries(
    notifications.map((n) => [n.id, cards.filter((c) => c === JSON.stringify(expectedCard(n))).length]),
  );
}

describe('a sweep', () => {
  it('posts each due notification exactly once, as a new thread in the installed channel, through the CloudAdapter', async () => {
    await install();
    await seedBusyMorning();
    const due = await planned(world);
    expect(new Set(due.map((n) => n.kind))).toEqual(
      new Set(['action-due-soon', 'action-overdue', 'escalation-prompt', 'minutes-published']),
    );
    const report = await runSweep(sweepDeps());
    expect(report.counts.sent).toBe(due.length);
    expect(Object.values(postsPer(due))).toEqual(due.map(() => 1));
    expect(fake.posted).toHaveLength(due.length);
    for (const p of fake.posted) {
      // The channel itself (no ";messageid="): each post starts a new thread.
      expect(p.conversationId).toBe(TEAM);
      expect(p.authorized).toBe(false);
      expect(p.activity.type).toBe('message');
      const json = JSON.stringify(p.activity);
      for (const s of FORBIDDEN_IN_CHANNEL) expect(json).not.toContain(s);
    }
    const ledger = await world.store.bot.getNotifications(due.map((n) => deliveryKey(n.id, TEAM)));
    expect(ledger.map((r) => r.state)).toEqual(due.map(() => 'sent'));
  });

  it('posts nothing the second time, nor later the same day', async () => {
    await install();
    await seedBusyMorning();
    await runSweep(sweepDeps());
    const posted = fake.posted.length;
    const again = await runSweep(sweepDeps({ instanceId: 'instance-b' }));
    expect(again.counts.sent).toBe(0);
    expect(again.counts['already-sent']).toBe(posted);
    timing.advance(6 * 3_600_000);
    await runSweep(sweepDeps());
    expect(fake.posted).toHaveLength(posted);
  });

  it('run twice at the same moment by two instances, posts each notification once', async () => {
    await install();
    await seedBusyMorning();
    const due = await planned(world);
    const [a, b] = await Promise.all([
      runSweep(sweepDeps({ instanceId: 'instance-a' })),
      runSweep(sweepDeps({ instanceId: 'instance-b' })),
    ]);
    expect(a.counts.sent + b.counts.sent).toBe(due.length);
    expect(Object.values(postsPer(due))).toEqual(due.map(() => 1));
  });

  it('after downtime posts what was missed, once', async () => {
    await install();
    await seedCaseWithAction(world.deps);
    // Down from Tuesday morning (when the reminder was due) until Thursday afternoon.
    timing = new VirtualTiming(Date.parse('2026-03-26T15:00:00.000Z'));
    const report = await runSweep(sweepDeps());
    expect(report.deliveries.map((d) => [d.id.split(':')[0], d.result])).toEqual([
      ['action-due-soon', 'sent'],
    ]);
    await runSweep(sweepDeps());
    expect(fake.posted).toHaveLength(1);
  });

  it('with --dry-run plans and reports, but claims and sends nothing', async () => {
    await install();
    await seedBusyMorning();
    const report = await runSweep(sweepDeps(), { dryRun: true });
    expect(report.counts['would-send']).toBe(report.planned);
    expect(fake.requests).toEqual([]);
    const keys = report.deliveries.map((d) => deliveryKey(d.id, d.conversationId));
    expect(await world.store.bot.getNotifications(keys)).toEqual([]);
  });

  it('with no channel registered plans but posts nowhere, and posts once the bot is installed', async () => {
    await seedCaseWithAction(world.deps);
    const before = await runSweep(sweepDeps());
    expect(before.planned).toBe(1);
    expect(before.deliveries).toEqual([]);
    await install();
    expect((await runSweep(sweepDeps())).counts.sent).toBe(1);
  });
});

describe('a sweep killed mid-way and restarted', () => {
  beforeEach(async () => {
    await install();
    await seedBusyMorning();
  });

  it('does not post again when killed after sending and before marking sent', async () => {
    const due = await planned(world);
    const first = due[0] as PlannedNotification;
    const killed = new CrashingBotState(world.store.bot, {
      before: (op, id) => op === 'sent' && id === deliveryKey(first.id, TEAM),
    });
    await expect(runSweep(sweepDeps({ store: { ...world.store, bot: killed } }))).rejects.toThrow(
      ProcessKilled,
    );
    expect(fake.posted).toHaveLength(1);

    // Restarted before the dead sweep's claim expires: its deliveries are left alone.
    timing.advance(60_000);
    const early = await runSweep(sweepDeps({ instanceId: 'restarted' }));
    expect(early.deliveries.find((d) => d.id === first.id)?.result).toBe('held-elsewhere');

    // After the lease: the rest go out, and the one that was posted is not posted again.
    timing.advance(LEASE_MS);
    const late = await runSweep(sweepDeps({ instanceId: 'restarted-later' }));
    expect(late.deliveries.find((d) => d.id === first.id)).toMatchObject({
      result: 'ambiguous',
      code: 'final:unknown-outcome',
    });
    expect(Object.values(postsPer(due))).toEqual(due.map(() => 1));
    await runSweep(sweepDeps({ instanceId: 'once-more' }));
    expect(Object.values(postsPer(due))).toEqual(due.map(() => 1));
  });

  it('posts, once, what it had claimed but not sent when killed between claim and send', async () => {
    const due = await planned(world);
    const first = due[0] as PlannedNotification;
    const killed = new CrashingBotState(world.store.bot, {
      after: (op, id, claimed) => op === 'claim' && id === deliveryKey(first.id, TEAM) && claimed === true,
    });
    await expect(runSweep(sweepDeps({ store: { ...world.store, bot: killed } }))).rejects.toThrow(
      ProcessKilled,
    );
    expect(fake.posted).toEqual([]);

    timing.advance(LEASE_MS + 1);
    const restarted = await runSweep(sweepDeps({ instanceId: 'restarted' }));
    expect(restarted.counts.sent).toBe(due.length);
    expect(Object.values(postsPer(due))).toEqual(due.map(() => 1));
  });
});

describe('sending', () => {
  beforeEach(async () => {
    await install();
  });

  it('retries a 429 burst with backoff, honouring Retry-After, and posts the message once', async () => {
    await seedCaseWithAction(world.deps);
    fake.respondWith(
      { status: 429, headers: { 'Retry-After': '3' } },
      { status: 429 },
      { status: 429, headers: { 'Retry-After': '1' } },
    );
    const report = await runSweep(sweepDeps());
    expect(report.counts.sent).toBe(1);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(fake.posted).toHaveLength(1);
    // Waited at least what the service asked each time (3 s, then backoff, then 1 s), in virtual time.
    expect(timing.sleeps[0]).toBeGreaterThanOrEqual(3000);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(fake.requests[3]!.at - fake.requests[2]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('retries 412, 502 and 504 too, each attempt one request (the SDK does not retry behind our back)', async () => {
    await seedCaseWithAction(world.deps);
    fake.respondWith({ status: 412 }, { status: 502 }, { status: 504 });
    const report = await runSweep(sweepDeps());
    expect(report.counts.sent).toBe(1);
    expect(fake.requests.map((r) => r.status)).toEqual([412, 502, 504, 200]);
    // One backoff per failed request: with the connector client's own retry policy left in, it would
    // have retried the 502 itself (with a real one-second sleep) and we would have seen one failure.
    expect(timing.sleeps).toHaveLength(3);
  });

  it('gives up for this sweep after the last attempt, and the next sweep sends it', async () => {
    await seedCaseWithAction(world.deps);
    fake.respondWith(...Array.from({ length: 6 }, () => ({ status: 429 })));
    const first = await runSweep(sweepDeps());
    expect(first.deliveries[0]).toMatchObject({ result: 'failed', code: 'retry:http-429' });
    expect(fake.posted).toEqual([]);
    const second = await runSweep(sweepDeps());
    expect(second.counts.sent).toBe(1);
    expect(fake.posted).toHaveLength(1);
  });

  it('treats a 403 as permanent: the registration goes inactive, nothing is retried, the log holds no child data', async () => {
    await seedBusyMorning();
    const logs: string[] = [];
    const log = createLogger('debug', (l) => logs.push(l));
    fake.setRule(() => ({ status: 403 }));
    const report = await runSweep(sweepDeps({ log }));
    expect(fake.requests).toHaveLength(1);
    expect(report.deactivated).toEqual([TEAM]);
    expect(report.counts.failed).toBe(1);
    expect(report.counts['target-gone']).toBe(report.planned - 1);
    expect((await world.store.bot.listConversations())[0]?.active).toBe(false);
    const text = logs.join('\n');
    expect(text).toContain('conversation marked inactive');
    for (const s of FORBIDDEN_IN_CHANNEL) expect(text).not.toContain(s);

    // Nothing is posted while inactive; seen again, the team gets what is still due.
    fake.setRule(undefined);
    expect((await runSweep(sweepDeps())).deliveries).toEqual([]);
    await world.send({ ...message('help', 'dev-member-ewo'), serviceUrl: fake.url });
    const after = await runSweep(sweepDeps());
    expect(after.counts.sent).toBe(report.planned - 1);
    expect(after.counts['given-up']).toBe(1);
  });

  it('treats a 404 like a 403', async () => {
    await seedCaseWithAction(world.deps);
    fake.setRule(() => ({ status: 404 }));
    const report = await runSweep(sweepDeps());
    expect(report.deactivated).toEqual([TEAM]);
    expect(fake.requests).toHaveLength(1);
  });

  it('leaves an unexpected status (500) for the next sweep without retrying now', async () => {
    await seedCaseWithAction(world.deps);
    fake.respondWith({ status: 500 });
    const report = await runSweep(sweepDeps());
    expect(report.deliveries[0]).toMatchObject({ result: 'failed', code: 'retry:http-500' });
    expect(fake.requests).toHaveLength(1);
    expect((await world.store.bot.listConversations())[0]?.active).toBe(true);
  });

  it('sends at most 7 messages a second to a conversation', async () => {
    const { case: c } = await seedCaseWithAction(world.deps);
    const back = callAs('dev-chair', new Date('2026-03-02T11:00:00.000Z'));
    for (let i = 0; i < 20; i++) {
      await createAction(world.deps, back, {
        caseRef: c.ref,
        description: `Step ${i}`,
        successMeasure: 'Done',
        owner: {
          id: 'dev-member-ewo',
          name: 'Demo Member (Bea Placeholder)',
          email: 'bea.placeholder@example.org',
        },
        ownerService: 'Education Welfare',
        dueDate: '2026-03-27',
      });
    }
    const report = await runSweep(sweepDeps());
    expect(report.counts.sent).toBe(21);
    const times = fake.posted.map((p) => p.at);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(7);
    // Teams' longer windows hold too: no more than 8 in any 2 seconds.
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 2000).length).toBeLessThanOrEqual(8);
  });
});

describe('a quick sweep (minutes published only)', () => {
  it('reads only the meetings, and posts just the minutes', async () => {
    await install();
    await seedBusyMorning();
    const store = world.store;
    const read: string[] = [];
    const counting = {
      ...store,
      cases: { ...store.cases, list: (q?: object) => (read.push('cases'), store.cases.list(q)) },
      actions: { ...store.actions, list: (q?: object) => (read.push('actions'), store.actions.list(q)) },
    } as typeof store;
    const report = await runSweep(sweepDeps({ store: counting }), { kinds: IMMEDIATE_KINDS });
    expect(report.deliveries.map((d) => d.kind)).toEqual(['minutes-published']);
    expect(read).toEqual([]);
  });
});
