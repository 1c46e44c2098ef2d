/**
 * Integration: personal nudges in the Teams activity feed (issue 20) beside the channel posts. The sweep
 * runs over a real SQLite store, posts through botbuilder's CloudAdapter to the fake Bot Connector, and
 * sends activity feed notifications through the real Graph adapter (app-only token from the fake token
 * endpoint, msal signing in for real) to the Graph fake's `sendActivityNotification`. Time is virtual.
 */
import { DEV_USERS } from '../../src/auth/devUsers';
import {
  FEED_TEMPLATES,
  GraphActivityFeed,
  type FeedPreference,
  feedMessage,
  feedRecipients,
  feedRequestBody,
} from '../../src/bot/activityFeed';
import { createBotRuntime } from '../../src/bot';
import { createAdapter } from '../../src/bot/adapter';
import { DevRoleDirectory } from '../../src/bot/roleDirectory';
import { CloudAdapterSender } from '../../src/bot/sender';
import { type SweepDeps, feedKey, runSweep } from '../../src/bot/sweep';
import { VirtualTiming } from '../../src/bot/timing';
import { loadConfig } from '../../src/config';
import { generateDemoData } from '../../src/demo/generate';
import { planNotifications, type PlannedNotification } from '../../src/domain/notifications';
import type { Action, Case, Escalation, Meeting } from '../../src/domain/types';
import { createLogger, silentLogger } from '../../src/log';
import { createAction } from '../../src/operations/actions';
import { updateCase } from '../../src/operations/cases';
import { botSettingsFor } from '../../src/server';
import { FakeBotConnector } from '../fakes/botConnector';
import { CrashingBotState, ProcessKilled } from './crashingBotState';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  TENANT_ID,
  type SharePointTestEnv,
  startSharePointEnv,
} from '../helpers/sharePoint';
import { FORBIDDEN_IN_CHANNEL, NP, POLICY } from './fixtures';
import {
  LINKS,
  TEAM,
  type World,
  botAddedToTeam,
  callAs,
  makeWorld,
  planned,
  seedCaseWithAction,
} from './harness';

const SWEEP_AT = Date.parse('2026-03-25T09:00:00.000Z');
const LEASE_MS = 15 * 60_000;
/** The group's team as Graph names it (its Microsoft 365 group id). */
const TEAM_GROUP = '5b3a1c2d-0000-4000-8000-0000000000aa';

let env: SharePointTestEnv;
let connector: FakeBotConnector;
let timing: VirtualTiming;
let world: World;

beforeAll(async () => {
  env = await startSharePointEnv();
});
afterAll(async () => {
  await env.close();
});

beforeEach(async () => {
  timing = new VirtualTiming(SWEEP_AT);
  connector = await FakeBotConnector.start({ clock: () => timing.now() });
  world = makeWorld();
  world.clock.now = new Date(SWEEP_AT);
  env.graph.fake.clearThrottles();
  env.graph.fake.activityNotifications.length = 0;
  env.graph.fake.activityPermission = () => true;
  env.graph.fake.addTeam(
    TEAM_GROUP,
    DEV_USERS.map((u) => u.id),
  );
  await world.send({ ...botAddedToTeam(), serviceUrl: connector.url });
});

afterEach(async () => {
  await connector.close();
  await world.store.close();
});

/** A busy morning: an action due soon, one overdue, a stuck case (prompt to the chair), minutes published. */
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

/** Keeps preferences in the app's store, as the bot runtime reads them. */
async function prefer(prefs: Record<string, FeedPreference>): Promise<void> {
  for (const [userId, p] of Object.entries(prefs))
    await world.store.bot.setFeedPreference(userId, p, new Date(SWEEP_AT).toISOString());
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
    feed: {
      port: new GraphActivityFeed(env.transport({ maxRetries: 2 }), TEAM_GROUP),
      preferences: (ids) => world.store.bot.getFeedPreferences(ids),
    },
    ...overrides,
  };
}

/** Every (notification, person) the feed should reach. */
function expectedFeed(due: PlannedNotification[]): string[] {
  return due.flatMap((n) => feedRecipients(n).map((p) => `${n.id}|${p.id}`)).sort();
}

function sentFeed(): string[] {
  return env.graph.fake.activityNotifications
    .map((a) => (a.body as { recipient: { userId: string } }).recipient.userId)
    .sort();
}

describe('personal nudges in the activity feed', () => {
  it("sends each due personal notification exactly once to the person's feed, and the channel post too when the preference is both", async () => {
    await seedBusyMorning();
    const due = await planned(world);
    const personal = expectedFeed(due);
    // The two action owners and the chair (stuck-case prompt).
    expect(personal.length).toBe(3);

    const report = await runSweep(sweepDeps());
    expect(report.feed.filter((f) => f.result === 'sent')).toHaveLength(personal.length);
    expect(sentFeed()).toEqual(personal.map((k) => k.split('|')[1]).sort());
    // Both: every notification is still posted in the channel once.
    expect(report.counts.sent).toBe(due.length);
    expect(connector.posted).toHaveLength(due.length);

    for (const a of env.graph.fake.activityNotifications) {
      expect(a.teamId).toBe(TEAM_GROUP);
      const body = a.body as {
        topic: { source: string; value: string; webUrl: string };
        activityType: string;
        templateParameters: { name: string; value: string }[];
      };
      expect(body.topic.source).toBe('text');
      // Opens the tab at the case, in Teams.
      expect(body.topic.webUrl).toContain(`https://teams.microsoft.com/l/entity/${LINKS.teamsAppId ?? ''}`);
      expect(decodeURIComponent(body.topic.webUrl)).toContain(`"subEntityId":"${body.topic.value}"`);
      expect(Object.keys(FEED_TEMPLATES)).toContain(body.activityType);
      const json = JSON.stringify(body);
      for (const s of FORBIDDEN_IN_CHANNEL) expect(json).not.toContain(s);
    }

    // A second sweep the same morning: nothing more anywhere.
    const again = await runSweep(sweepDeps());
    expect(env.graph.fake.activityNotifications).toHaveLength(personal.length);
    expect(connector.posted).toHaveLength(due.length);
    expect(again.feed.every((f) => f.result === 'already-sent')).toBe(true);
  });

  it('sends no duplicate from a restarted process or a second instance running side by side', async () => {
    await seedBusyMorning();
    const due = await planned(world);
    const personal = expectedFeed(due);
    await Promise.all([
      runSweep(sweepDeps({ instanceId: 'instance-a' })),
      runSweep(sweepDeps({ instanceId: 'instance-b' })),
    ]);
    // A restart: a new instance id over the same store.
    await runSweep(sweepDeps({ instanceId: 'instance-c' }));
    expect(sentFeed()).toEqual(personal.map((k) => k.split('|')[1]).sort());
    expect(connector.posted).toHaveLength(due.length);
    const ledger = await world.store.bot.getNotifications(
      personal.map((k) => feedKey(k.split('|')[0] ?? '', k.split('|')[1] ?? '')),
    );
    expect(ledger.map((r) => r.state)).toEqual(personal.map(() => 'sent'));
  });

  it('never sends a second copy when a process died between Graph accepting and the ledger saying sent', async () => {
    await seedBusyMorning();
    await prefer({ 'dev-member-ewo': 'feed', 'dev-member-send': 'feed', 'dev-chair': 'feed' });
    const killed = new CrashingBotState(world.store.bot, {
      before: (op, id) => op === 'sent' && id.includes('#feed:'),
    });
    await expect(runSweep(sweepDeps({ store: { ...world.store, bot: killed } }))).rejects.toThrow(
      ProcessKilled,
    );
    expect(env.graph.fake.activityNotifications).toHaveLength(1);
    const [gone] = sentFeed();

    // Restarted within the dead sweep's lease: left alone.
    timing.advance(60_000);
    const early = await runSweep(sweepDeps({ instanceId: 'restarted' }));
    expect(early.feed.find((f) => f.userId === gone)?.result).toBe('held-elsewhere');
    // After the lease: the others go, the one that went is not sent again, and not posted instead.
    timing.advance(LEASE_MS);
    const late = await runSweep(sweepDeps({ instanceId: 'restarted-later' }));
    expect(late.feed.find((f) => f.userId === gone)).toMatchObject({
      result: 'ambiguous',
      code: 'final:unknown-outcome',
    });
    await runSweep(sweepDeps({ instanceId: 'once-more' }));
    expect(sentFeed()).toEqual(['dev-chair', 'dev-member-ewo', 'dev-member-send']);
    expect(connector.posted.length).toBe(1); // the minutes, group-wide
  });

  it('leaves the channel post out when everyone it nudges wants the feed alone', async () => {
    await seedBusyMorning();
    const due = await planned(world);
    await prefer({ 'dev-member-ewo': 'feed', 'dev-member-send': 'feed', 'dev-chair': 'feed' });
    const report = await runSweep(sweepDeps());
    expect(report.feed.filter((f) => f.result === 'sent')).toHaveLength(3);
    // Only the group-wide message (minutes published) goes to the channel.
    expect(report.deliveries.map((d) => d.kind)).toEqual(['minutes-published']);
    expect(connector.posted).toHaveLength(due.length - 3);
  });

  it('sends nothing to the feed of someone who wants the channel only', async () => {
    await seedBusyMorning();
    const due = await planned(world);
    await prefer({ 'dev-member-ewo': 'channel', 'dev-member-send': 'channel' });
    await runSweep(sweepDeps());
    expect(sentFeed()).toEqual(['dev-chair']);
    expect(connector.posted).toHaveLength(due.length);
  });

  it('falls back to the channel once, and says so once in the log without child data, when the app lacks TeamsActivity.Send', async () => {
    await seedBusyMorning();
    const due = await planned(world);
    env.graph.fake.activityPermission = () => false;
    const lines: string[] = [];
    const log = createLogger('info', (line) => lines.push(line));
    await prefer({ 'dev-member-ewo': 'feed', 'dev-member-send': 'feed', 'dev-chair': 'feed' });
    const report = await runSweep(sweepDeps({ log }));
    expect(report.feed).toHaveLength(3);
    expect(report.feed.every((f) => f.code === 'final:refused-permission-missing')).toBe(true);
    expect(env.graph.fake.activityNotifications).toHaveLength(0);
    expect(connector.posted).toHaveLength(due.length);
    const refusals = lines.filter((l) => l.includes('activity feed notification refused'));
    expect(refusals).toHaveLength(1);
    for (const s of FORBIDDEN_IN_CHANNEL) expect(lines.join('\n')).not.toContain(s);

    // Again: Graph is not asked again and the channel gets nothing twice.
    const asked = env.graph.fake.log.filter((r) => r.path.endsWith('/sendActivityNotification')).length;
    await runSweep(sweepDeps());
    expect(env.graph.fake.log.filter((r) => r.path.endsWith('/sendActivityNotification')).length).toBe(asked);
    expect(connector.posted).toHaveLength(due.length);
  });

  it('falls back to the channel for a person who is not a member of the team (404)', async () => {
    await seedBusyMorning();
    env.graph.fake.addTeam(TEAM_GROUP, ['dev-chair', 'dev-member-send']);
    await prefer({ 'dev-member-ewo': 'feed', 'dev-member-send': 'feed', 'dev-chair': 'feed' });
    const report = await runSweep(sweepDeps());
    const refused = report.feed.filter((f) => f.result === 'refused');
    expect(refused.map((f) => [f.userId, f.code])).toEqual([['dev-member-ewo', 'final:refused-not-in-team']]);
    expect(sentFeed()).toEqual(['dev-chair', 'dev-member-send']);
    // The refused one's notification (due soon, owner Bea) is posted in the channel; the minutes too.
    expect(report.deliveries.map((d) => d.kind).sort()).toEqual(['action-due-soon', 'minutes-published']);
  });

  it('rides out a 429 with Retry-After and sends once', async () => {
    await seedBusyMorning();
    const before = env.sleeps.length;
    env.graph.fake.throttle(429, 1, 7, (r) => r.path.endsWith('/sendActivityNotification'));
    const report = await runSweep(sweepDeps());
    expect(report.feed.filter((f) => f.result === 'sent')).toHaveLength(3);
    expect(env.graph.fake.activityNotifications).toHaveLength(3);
    expect(env.sleeps.slice(before)[0]).toBeGreaterThanOrEqual(7_000);
  });
});

describe('the settings', () => {
  it('ACTIVITY_FEED=on gives the bot runtime a Graph activity feed signed in as the app, and off gives none', async () => {
    await seedBusyMorning();
    const due = await planned(world);
    const base = {
      TENANT_ID,
      CLIENT_ID,
      CLIENT_SECRET,
      GRAPH_BASE_URL: env.graph.url,
      AUTHORITY_HOST: env.tokens.url,
      BOT_TEAM_ID: TEAM,
      TEAMS_APP_ID: LINKS.teamsAppId ?? undefined,
      LOG_LEVEL: 'silent',
    };
    const runtime = (vars: Record<string, string | undefined>) =>
      createBotRuntime({
        store: world.store,
        policy: POLICY,
        notificationPolicy: NP,
        settings: botSettingsFor(loadConfig({ ...base, ...vars }), silentLogger),
        log: silentLogger,
        timing,
      });
    const off = await runtime({}).sweep();
    expect(off.feed).toEqual([]);
    expect(env.graph.fake.activityNotifications).toHaveLength(0);

    const on = await runtime({ ACTIVITY_FEED: 'on', ACTIVITY_FEED_TEAM_ID: TEAM_GROUP }).sweep();
    expect(on.feed.filter((f) => f.result === 'sent')).toHaveLength(expectedFeed(due).length);
    expect(env.graph.fake.activityNotifications.every((a) => a.teamId === TEAM_GROUP)).toBe(true);
    expect(env.tokens.requests.some((r) => r.grantType === 'client_credentials' && r.status === 200)).toBe(
      true,
    );
  });
});

describe("the activity feed notification's text", () => {
  it('carries no name, date of birth or free text of any seeded demo child', () => {
    const today = '2026-03-02';
    const data = generateDemoData({ cases: 400, today, policy: POLICY });
    const book = { createdAt: '2025-09-01T09:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z', version: 1 };
    const ref = (i: number) => `CMOE-${String(i + 1).padStart(4, '0')}`;
    const cases = data.cases.map((c, i) => ({ ...c, ...book, ref: ref(i) }) as Case);
    const actions = data.actions.map(
      ({ caseIndex, ...a }, i) => ({ ...a, ...book, id: `a${i}`, caseRef: ref(caseIndex) }) as Action,
    );
    const escalations = data.escalations.map(
      ({ caseIndex, ...e }, i) => ({ ...e, ...book, id: `e${i}`, caseRef: ref(caseIndex) }) as Escalation,
    );
    const meetings = data.meetings.map((m, i) => ({ ...m, ...book, id: `m${i}` }) as Meeting);
    const chairs = DEV_USERS.filter((u) => u.roles.includes('CMOE.Chair')).map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
    }));
    const due = planNotifications(
      { cases, actions, meetings, escalations, chairs },
      POLICY,
      NP,
      new Date('2026-03-02T10:00:00.000Z'),
    );
    const bodies = due.flatMap((n) =>
      feedRecipients(n).flatMap((p) => {
        const m = feedMessage(n, p.id, LINKS);
        return m ? [JSON.stringify(feedRequestBody(m))] : [];
      }),
    );
    // Every personal kind is exercised.
    expect(new Set(bodies.map((b) => (JSON.parse(b) as { activityType: string }).activityType))).toEqual(
      new Set(Object.keys(FEED_TEMPLATES)),
    );
    const text = bodies.join('\n');
    const forbidden = new Set<string>();
    for (const c of cases) {
      for (const v of [c.firstName, c.lastName, c.dateOfBirth, c.concernNotes, c.lastSchool, c.upn]) {
        if (typeof v === 'string' && v.trim().length >= 3) forbidden.add(v);
      }
    }
    for (const a of actions) {
      for (const v of [a.description, a.successMeasure, a.completionNote]) {
        if (typeof v === 'string' && v.trim().length >= 3) forbidden.add(v);
      }
    }
    for (const e of escalations) if (e.reason.trim().length >= 3) forbidden.add(e.reason);
    expect(forbidden.size).toBeGreaterThan(400);
    for (const s of forbidden) expect(text).not.toContain(s);
  });
});
