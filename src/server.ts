/**
 * Composition root: config -> store -> auth -> app -> listen. The only file that reads the environment
 * and picks adapters; everything else receives what it needs.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DevAuthenticator } from './auth/devAuthenticator';
import { ConsentRequiredError } from './auth/consent';
import { GraphTokenProvider } from './auth/graphTokens';
import { JwksKeySource, httpJwksFetcher } from './auth/jwks';
import type { Authenticator } from './auth/principal';
import { TeamsAuthenticator, jwksUrlFor } from './auth/teamsAuthenticator';
import { createApp } from './api/app';
import { consentRoutes } from './api/consent';
import type { StoreForRequest } from './api/requestStore';
import { mountTab } from './api/tab';
import { type BotRuntime, type BotSettings, type DirectorySettings, createBotRuntime } from './bot';
import { timingOn } from './bot/timing';
import { type Clock, clockStartingAt, systemClock } from './clock';
import { ConfigError, type Config, loadConfig } from './config';
import { toLondonDate } from './domain/calendar';
import { generateDemoData } from './demo/generate';
import { isStoreEmpty, seedStore } from './demo/seed';
import { createLogger, type Logger } from './log';
import type { Store } from './store/ports';
import { openSharePointStore, type SharePointStore } from './store/sharepoint';
import { openSqliteStore } from './store/sqlite';

export interface Running {
  server: Server;
  store: Store;
  url: string;
  /** The bot, unless config turned it off (no app id on a network or in production). */
  bot: BotRuntime | null;
  close(): Promise<void>;
}

/**
 * Seeds synthetic demo data into an empty SQLite store, so a first local run has something to show.
 * Never into SharePoint: a site is real data's home, even an empty one.
 */
async function seedIfEmpty(store: Store, config: Config, clock: Clock, log: Logger): Promise<void> {
  if (
    config.store !== 'sqlite' ||
    !config.seedDemo ||
    config.authMode !== 'dev' ||
    !(await isStoreEmpty(store))
  )
    return;
  const now = clock();
  const data = generateDemoData({ cases: config.seedCases, today: toLondonDate(now), policy: config.policy });
  const counts = await seedStore(store, data, now.toISOString());
  log.info('seeded synthetic demo data', counts);
}

/**
 * Dev sign-in (synthetic users) or Teams SSO, as configured. loadConfig already refuses AUTH_MODE=teams
 * without the tenant and the app, but a Config can be built by hand (tests, scripts): a Teams start without
 * Teams settings throws here rather than quietly accepting `Bearer dev:` tokens.
 */
function authenticatorFor(config: Config, clock: Clock, log: Logger): Authenticator {
  if (config.authMode === 'dev') return new DevAuthenticator();
  if (!config.teams)
    throw new Error(
      'AUTH_MODE=teams needs the Teams sign-in settings (TENANT_ID and CLIENT_ID; optionally ' +
        'ALLOWED_TENANT_IDS, APP_ID_URI, AUTHORITY_HOST): refusing to start rather than fall back to dev sign-in',
    );
  const keys = new JwksKeySource({
    fetch: httpJwksFetcher(jwksUrlFor(config.teams.authorityHost, config.teams.tenantId)),
    clock,
  });
  return new TeamsAuthenticator(config.teams, { keys, log, clock });
}

/** The app's stores: the one it runs on, and (SharePoint with Teams SSO) one per user's request. */
export interface Stores {
  store: Store;
  /** Case data on behalf of the signed-in user; absent: the app's store serves every request. */
  storeForRequest?: StoreForRequest;
  /** Details for /healthz (the SharePoint read model's age and last delta). */
  health?: () => Record<string, unknown>;
}

/**
 * The embedded SQLite store, or SharePoint lists through Graph. The SharePoint store calls Graph as the
 * app (client credentials, limited to the site by Sites.Selected) for the bot, its sweeps and the audit
 * log; with Teams SSO (and GRAPH_ON_BEHALF_OF, the default) the tab's requests read and write case data
 * on behalf of the signed-in user.
 */
export function storesFor(config: Config, log: Logger): Stores {
  const sp = config.sharePoint;
  if (config.store !== 'sharepoint' || !sp) return { store: openSqliteStore(config.sqlitePath) };
  const tokens = new GraphTokenProvider({
    tenantId: sp.tenantId,
    clientId: sp.clientId,
    credential:
      'clientSecret' in sp.credential
        ? { clientSecret: sp.credential.clientSecret }
        : { certificatePem: readFileSync(sp.credential.certificatePath, 'utf8') },
    authorityHost: sp.authorityHost,
    graphBaseUrl: sp.graphBaseUrl,
  });
  const store = openSharePointStore({
    graphBaseUrl: sp.graphBaseUrl,
    siteId: sp.siteId,
    tokens: tokens.appOnly(),
    // List and item id only: never the item's content.
    onMalformed: (r) =>
      log.warn('unreadable SharePoint item left out', { list: r.list, itemId: r.itemId, problem: r.problem }),
    // Fills, resyncs and changes applied: list names, counts and times only.
    readModel: { onEvent: (e) => log.info('sharepoint read model', { ...e }) },
  });
  const health = () => {
    const s = store.readModelStatus();
    return s === null
      ? {}
      : {
          readModel: {
            filledAt: s.filledAt,
            ageMs: s.ageMs,
            lastDeltaAt: s.lastDeltaAt,
            sinceLastDeltaMs: s.sinceLastDeltaMs,
          },
        };
  };
  return sp.onBehalfOf
    ? { store, storeForRequest: onBehalfOfUsers(store, tokens, log), health }
    : { store, health };
}

/** The app's store (the bot's sweep command runs as the app only). */
export function storeFor(config: Config, log: Logger): Store {
  return storesFor(config, log).store;
}

/**
 * Each Teams SSO request's store: the user's SSO token exchanged (on-behalf-of) for a Graph token, kept
 * per user until shortly before it expires (GraphTokenProvider). The token is fetched before the route
 * runs, so consent still to be given surfaces on the tab's first call (GET /api/me) as `ConsentRequired`
 * rather than half way through a screen. A caller without a tenant (the local demo's users) gets the
 * app's store.
 */
export function onBehalfOfUsers(
  store: SharePointStore,
  tokens: GraphTokenProvider,
  log: Logger,
): StoreForRequest {
  return async ({ authorization, caller }) => {
    const assertion = /^Bearer (\S+)$/i.exec(authorization)?.[1];
    if (!assertion || !caller.tenantId) return null;
    const user = tokens.onBehalfOf(assertion, { tenantId: caller.tenantId, userId: caller.id });
    try {
      await user.getAccessToken();
    } catch (e) {
      // The user id and a code: never the token or Entra's description.
      if (e instanceof ConsentRequiredError)
        log.info('graph consent needed', { user: caller.id, code: e.reason });
      throw e;
    }
    // Named, so SharePoint's confirmation of their access is remembered across their requests.
    return store.forUser(user, `${caller.tenantId}:${caller.id}`);
  };
}

/** The bot's settings from config (the server and the sweep command build the same bot). */
export function botSettingsFor(config: Config, log: Logger): BotSettings {
  let directory: DirectorySettings = { kind: 'dev' };
  if (config.authMode !== 'dev') {
    directory = config.bot.membersFile
      ? { kind: 'members-file', path: config.bot.membersFile }
      : { kind: 'none' };
    if (!config.bot.membersFile) log.warn('bot knows no members: set BOT_MEMBERS_FILE so card buttons work');
  }
  return {
    credentials: {
      appId: config.bot.appId,
      appPassword: config.bot.appPassword,
      appType: config.bot.appType,
      tenantId: config.bot.tenantId,
    },
    teamId: config.bot.teamId,
    links: {
      publicBaseUrl: config.publicBaseUrl,
      teamsAppId: config.bot.teamsAppId,
      tabEntityId: config.bot.tabEntityId,
    },
    sweepEnabled: config.bot.sweepEnabled,
    sweepIntervalMinutes: config.bot.sweepIntervalMinutes,
    directory,
    activityFeed: config.bot.activityFeed,
  };
}

/** The bot at /api/messages with its sweep, as configured; null when config turned it off. */
function botFor(config: Config, store: Store, clock: Clock, log: Logger): BotRuntime | null {
  if (config.bot.mode === 'off') {
    log.warn('bot disabled: set BOT_APP_ID (Azure Bot Service) to serve /api/messages outside localhost');
    return null;
  }
  return createBotRuntime({
    store,
    policy: config.policy,
    notificationPolicy: config.notificationPolicy,
    settings: botSettingsFor(config, log),
    log,
    clock,
    // The sweep plans by its timing's clock: the same one, with real sleeps.
    timing: timingOn(clock),
  });
}

/**
 * The server's clock: the system clock, or (CLOCK_START, which config accepts only with dev sign-in
 * outside production) one that starts at the chosen instant and runs on from there.
 */
export function clockFor(config: Config): Clock {
  return config.clockStart ? clockStartingAt(config.clockStart) : systemClock;
}

/** Starts the server; `clock` is the configured one unless a test passes its own (a Teams sign-in test). */
export async function start(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  clock: Clock = clockFor(config),
): Promise<Running> {
  // First, before any store is opened: a Teams start without Teams settings stops here.
  const authenticator = authenticatorFor(config, clock, log);
  const { store, storeForRequest, health } = storesFor(config, log);
  await seedIfEmpty(store, config, clock, log);
  const bot = botFor(config, store, clock, log);
  const app = createApp({
    store,
    policy: config.policy,
    // The bot's timings: the API's "due soon" is the bot's reminder day.
    notificationPolicy: config.notificationPolicy,
    authenticator,
    clock,
    log,
    bodyLimit: config.bodyLimit,
    rateLimitPerMinute: config.rateLimitPerMinute,
    anonymousRateLimitPerMinute: config.anonymousRateLimitPerMinute,
    allowedHosts: config.allowedHosts,
    https: config.publicBaseUrl.startsWith('https://'),
    devSignIn: config.authMode === 'dev',
    ...(storeForRequest ? { storeForRequest } : {}),
    ...(health ? { health } : {}),
    // The built tab sits beside the compiled server: dist/tab next to dist/src.
    mount: (a) => {
      bot?.mount(a);
      if (storeForRequest && config.teams && config.sharePoint)
        a.use(
          consentRoutes({
            ...config.teams,
            graphBaseUrl: config.sharePoint.graphBaseUrl,
            publicBaseUrl: config.publicBaseUrl,
          }),
        );
      mountTab(a, join(__dirname, '..', 'tab'));
    },
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const scheduler = bot && config.bot.sweepEnabled ? bot.startScheduler() : null;
  return {
    server,
    store,
    url,
    bot,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A sweep in flight finishes before the store closes under it.
      await scheduler?.stop();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const running = await start(config, log);
  console.log(`\nCMOE Tracker is running (${config.store}, ${config.authMode} sign-in)`);
  if (config.clockStart)
    console.log(`  Clock:       started at ${config.clockStart.toISOString()} (CLOCK_START)`);
  console.log(`  Tab and API: ${running.url}/`);
  console.log(`  Health:      ${running.url}/healthz`);
  if (config.authMode === 'dev')
    console.log(`  Demo users:  ${running.url}/api/dev/users  (synthetic data only)`);
  if (running.bot) console.log(`  Bot:         ${running.url}/api/messages  (${config.bot.mode})`);
  console.log('');
  const stop = (signal: string) => {
    log.info('stopping', { signal });
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    // System errors (a port in use, an unwritable path) are safe and useful to show; others are not
    // echoed, since a driver's message could quote stored data.
    const code = (e as { code?: unknown } | null)?.code;
    console.error(
      'CMOE Tracker failed to start:',
      e instanceof Error && typeof code === 'string'
        ? e.message
        : e instanceof Error
          ? e.name
          : 'unknown error',
    );
    process.exit(1);
  });
}
