/**
 * The bot's composition: adapter, handler, role directory, proactive sender, sweep and scheduler, built
 * from settings. server.ts and the sweep command use this and nothing else from the folder.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Express } from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { NotificationPolicy } from '../domain/notifications';
import type { Policy } from '../domain/policy';
import { GraphTokenProvider } from '../auth/graphTokens';
import type { ActivityFeedSettings } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/ports';
import { GraphTransport } from '../store/sharepoint/graph';
import { GraphActivityFeed } from './activityFeed';
import { type BotCredentials, createAdapter, mountMessages } from './adapter';
import { CmoeBot } from './bot';
import type { LinkSettings } from './links';
import { type RateWindow, TEAMS_THREAD_LIMITS } from './rateLimiter';
import {
  DevRoleDirectory,
  MemberListDirectory,
  type RoleDirectory,
  memberFileDirectory,
} from './roleDirectory';
import { type Scheduler, type Timers, startScheduler } from './scheduler';
import { CloudAdapterSender, type ProactiveSender } from './sender';
import { type FeedDeps, type SweepOptions, type SweepReport, runSweep } from './sweep';
import { type Timing, realTiming } from './timing';

export type { BotCredentials } from './adapter';
export type { LinkSettings } from './links';
export type { SweepReport } from './sweep';

export type DirectorySettings = { kind: 'dev' } | { kind: 'members-file'; path: string } | { kind: 'none' };

export interface BotSettings {
  credentials: BotCredentials;
  /** Only this team's channels receive posts; null: every channel the bot is installed in. */
  teamId: string | null;
  links: LinkSettings;
  sweepEnabled: boolean;
  sweepIntervalMinutes: number;
  directory: DirectorySettings;
  /** Personal nudges in the activity feed (ACTIVITY_FEED=on); null or absent: channel posts only. */
  activityFeed?: ActivityFeedSettings | null;
}

export interface BotRuntimeDeps {
  store: Store;
  policy: Policy;
  notificationPolicy: NotificationPolicy;
  settings: BotSettings;
  log: Logger;
  clock?: () => Date;
  timing?: Timing;
  timers?: Timers;
  /** Replaces the CloudAdapter sender (tests that need none). */
  sender?: ProactiveSender;
  rateWindows?: readonly RateWindow[];
  /** Replaces the Graph activity feed built from `settings.activityFeed` (tests on the Graph fake). */
  feed?: FeedDeps;
}

export interface BotRuntime {
  adapter: CloudAdapter;
  bot: CmoeBot;
  directory: RoleDirectory;
  /** Adds `POST /api/messages` to the app. */
  mount(app: Express): void;
  /** One sweep now (or at `options.now`). */
  sweep(options?: SweepOptions): Promise<SweepReport>;
  startScheduler(): Scheduler;
}

/** A claim older than this is taken over by another sweep: far longer than one delivery with its retries. */
const LEASE_MS = 15 * 60_000;

function directoryFor(settings: DirectorySettings, log: Logger): RoleDirectory {
  switch (settings.kind) {
    case 'dev':
      return new DevRoleDirectory();
    case 'members-file':
      return memberFileDirectory(settings.path, undefined, (e) =>
        log.error('bot member list not loaded', { error: e instanceof Error ? e.name : 'unknown' }),
      );
    case 'none':
      return new MemberListDirectory(async () => [], Infinity);
  }
}

/**
 * The activity feed through Graph as the app (client credentials; the app registration must hold the
 * TeamsActivity.Send application permission). Preferences come from the store (default: both).
 */
function feedFor(settings: ActivityFeedSettings, store: Store): FeedDeps {
  const tokens = new GraphTokenProvider({
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    credential:
      'clientSecret' in settings.credential
        ? { clientSecret: settings.credential.clientSecret }
        : { certificatePem: readFileSync(settings.credential.certificatePath, 'utf8') },
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
  });
  const graph = new GraphTransport({ baseUrl: settings.graphBaseUrl, tokens: tokens.appOnly() });
  return {
    port: new GraphActivityFeed(graph, settings.teamGroupId),
    preferences: (userIds) => store.bot.getFeedPreferences(userIds),
  };
}

export function createBotRuntime(deps: BotRuntimeDeps): BotRuntime {
  const { store, policy, notificationPolicy, settings, log } = deps;
  const clock = deps.clock ?? (() => new Date());
  const timing = deps.timing ?? realTiming;
  const adapter = createAdapter(settings.credentials, log);
  const directory = directoryFor(settings.directory, log);
  const bot = new CmoeBot({ store, policy, directory, links: settings.links, clock, log });
  const sender =
    deps.sender ?? new CloudAdapterSender(adapter, settings.credentials.appId ?? '', () => timing.now());
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const feed = deps.feed ?? (settings.activityFeed ? feedFor(settings.activityFeed, store) : undefined);

  const sweep = (options: SweepOptions = {}) =>
    runSweep(
      {
        store,
        policy,
        notificationPolicy,
        directory,
        sender,
        links: settings.links,
        log,
        timing,
        instanceId,
        leaseMs: LEASE_MS,
        teamId: settings.teamId,
        // With an app id the bot belongs to one tenant (SingleTenant, managed identity): post there only.
        tenantId: settings.credentials.appId ? settings.credentials.tenantId : null,
        rateWindows: deps.rateWindows ?? TEAMS_THREAD_LIMITS,
        ...(feed ? { feed } : {}),
      },
      options,
    );

  return {
    adapter,
    bot,
    directory,
    mount: (app) => mountMessages(app, adapter, bot, { unauthenticated: !settings.credentials.appId, log }),
    sweep,
    startScheduler: () =>
      startScheduler({
        sweep: (kinds) => sweep(kinds ? { kinds } : {}),
        policy,
        notificationPolicy,
        intervalMs: settings.sweepIntervalMinutes * 60_000,
        clock,
        ...(deps.timers ? { timers: deps.timers } : {}),
        log,
      }),
  };
}
