/**
 * Settings from the environment, parsed once with zod. A bad or missing value stops the start with a
 * message that names the variable, so a misconfigured deployment fails loudly instead of half-working.
 */
import { z } from 'zod';
import type { TeamsAuthSettings } from './auth/teamsAuthenticator';
import { type NotificationPolicy, notificationPolicySchema } from './domain/notifications';
import { type Policy, policySchema } from './domain/policy';
import { DEFAULT_RETENTION_RULE, parseRetentionRule } from './domain/retention';
import { localDateSchema } from './domain/types';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const dateList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(localDateSchema));

/** `2026-12-21..2027-01-01,2027-02-15..2027-02-19` */
const rangeList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((r) => {
        const [start = '', end = start] = r.split('..').map((x) => x.trim());
        return { start, end };
      }),
  )
  .pipe(z.array(z.object({ start: localDateSchema, end: localDateSchema })));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Entra ids (tenant, client) are GUIDs. */
const guid = z.guid('must be a GUID like 00000000-0000-0000-0000-000000000000');

const guidList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(guid).min(1, 'list at least one tenant id'));

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The sign-in authority: an origin, https (plain http only on loopback, where tests run a local issuer).
 * Normalised to the origin, so `https://login.microsoftonline.com/` and `.../` agree.
 */
const authorityHost = z
  .url()
  .transform((s) => new URL(s))
  .refine(
    (u) => u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(u.hostname)),
    'must be https (http only on localhost)',
  )
  .refine((u) => u.pathname === '/' && !u.search && !u.hash, 'must be an origin, without a path')
  .transform((u) => u.origin);

/** Graph's base URL: an https origin (msal and the Graph client send tokens over https only). */
const graphBaseUrl = z
  .url()
  .transform((s) => new URL(s))
  .refine((u) => u.protocol === 'https:', 'must be https')
  .refine((u) => u.pathname === '/' && !u.search && !u.hash, 'must be an origin, without a path')
  .transform((u) => u.origin);

/** `{hostname},{site collection id},{web id}`, as Graph gives a site's id. */
const siteId = z
  .string()
  .regex(
    /^[A-Za-z0-9.-]+,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'must look like contoso.sharepoint.com,<site guid>,<web guid>',
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(1, 65535).default(3978),
  /** Interface to listen on. Dev sign-in only ever runs on loopback. */
  HOST: z.string().min(1).default('127.0.0.1'),
  STORE: z.enum(['sqlite', 'sharepoint']).default('sqlite'),
  SQLITE_PATH: z.string().min(1).default('.data/cmoe.sqlite'),
  AUTH_MODE: z.enum(['dev', 'teams']).default('dev'),
  /** Teams SSO: the Entra tenant and the app registration (required with AUTH_MODE=teams or in production). */
  TENANT_ID: guid.optional(),
  CLIENT_ID: guid.optional(),
  /** Tenants whose users may sign in; defaults to TENANT_ID. */
  ALLOWED_TENANT_IDS: guidList.optional(),
  /** Sign-in authority (national clouds differ; tests point it at a local issuer). */
  AUTHORITY_HOST: authorityHost.default('https://login.microsoftonline.com'),
  /** The App ID URI, `api://<host>/<CLIENT_ID>`; any `api://…/<CLIENT_ID>` is accepted when unset. */
  APP_ID_URI: z
    .string()
    .regex(/^api:\/\/[^\s]+$/, 'must look like api://<host>/<client id>')
    .optional(),
  /** The SharePoint store (STORE=sharepoint): Graph, the site, and the app's credential (secret or certificate). */
  GRAPH_BASE_URL: graphBaseUrl.default('https://graph.microsoft.com'),
  SHAREPOINT_SITE_ID: siteId.optional(),
  CLIENT_SECRET: z.string().min(1).optional(),
  /** A PEM file with the app's private key and certificate (instead of CLIENT_SECRET). */
  CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
  /**
   * With STORE=sharepoint and AUTH_MODE=teams: the tab's requests read and write case data through Graph
   * on behalf of the signed-in user (SharePoint's own permissions apply too). Off: as the app.
   */
  GRAPH_ON_BEHALF_OF: bool.default(true),
  /** API requests per minute per signed-in user (sustained rate and burst). */
  RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(300),
  /** Requests answered without a sign-in (401, page not found) per minute per client address. */
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: int(1, 100_000).default(60),
  /** Seed synthetic demo data into an empty SQLite store on start (dev only). */
  SEED_DEMO: bool.default(true),
  SEED_CASES: int(0, 20000).default(120),
  /** Express body-parser limit for JSON bodies. */
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb')
    .default('100kb'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Public base URL of the tab (links in bot cards); defaults to http://HOST:PORT. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Further host names the server answers to, beyond loopback and PUBLIC_BASE_URL's (comma-separated). */
  ALLOWED_HOSTS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/, 'must be host names, without ports')))
    .optional(),

  MEETING_ANCHOR_DATE: localDateSchema.default('2026-01-06'),
  MEETING_EVERY_WEEKS: int(1, 12).default(4),
  MEETING_TIME: z.string().default('10:00'),
  EXTRA_CLOSURES: dateList.default([]),
  SCHOOL_HOLIDAYS: rangeList.default([]),
  ELIGIBILITY_WEEKS_OUT: int(1, 52).default(4),
  STUCK_MEETINGS: int(1, 6).default(2),
  STUCK_DEFERRALS: int(1, 10).default(2),
  ESCALATION_RESPONSE_WORKING_DAYS: int(1, 60).default(10),
  /**
   * How long a closed case keeps its personal data before the admin's disposal review proposes it:
   * `until-age:N` (the child's Nth birthday, 18-100) or `years-after-closure:N` (1-100). The council's
   * retention schedule decides; the default is until the child is 25 (docs/data-protection.md).
   */
  RETENTION_RULE: z
    .string()
    .transform((s, ctx) => {
      const rule = parseRetentionRule(s);
      if (rule === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be until-age:N (18-100) or years-after-closure:N (1-100)',
        });
        return z.NEVER;
      }
      return rule;
    })
    .default(DEFAULT_RETENTION_RULE),

  /** The bot's Azure Bot Service identity. Without an app id the bot runs unauthenticated, on localhost only. */
  BOT_APP_ID: z.string().trim().min(1).optional(),
  BOT_APP_PASSWORD: z.string().min(1).optional(),
  /** SingleTenant (app id + secret), UserAssignedMSI (managed identity: its client id, no secret), MultiTenant. */
  BOT_APP_TYPE: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(
      z.enum(
        ['singletenant', 'multitenant', 'userassignedmsi'],
        'must be SingleTenant, UserAssignedMSI or MultiTenant',
      ),
    )
    .default('singletenant'),
  BOT_TENANT_ID: guid.optional(),
  /** Only this team's channels get the bot's posts (unset: every channel the bot is installed in). */
  BOT_TEAM_ID: z.string().trim().min(1).optional(),
  /** JSON member list (Entra object id, name, email, roles) the bot resolves Teams users with (AUTH_MODE=teams). */
  BOT_MEMBERS_FILE: z.string().min(1).optional(),
  /** The Teams app (manifest) id and the list tab's entity id, for deep links in cards. */
  TEAMS_APP_ID: z.string().trim().min(1).optional(),
  TEAMS_TAB_ENTITY_ID: z.string().trim().min(1).default('cmoe-list'),
  /** When the bot's scheduled messages go out on working days (Europe/London, HH:MM). */
  NOTIFY_TIME: z.string().default('08:30'),
  MEETING_REMINDER_WORKING_DAYS: int(1, 20).default(2),
  LIST_CHECK_REMINDER_WORKING_DAYS: int(1, 20).default(5),
  ACTION_DUE_SOON_WORKING_DAYS: int(1, 20).default(3),
  OVERDUE_REPEAT_WORKING_DAYS: int(1, 60).default(5),
  /** The date the terms of reference were agreed: the chair is prompted to review them a month before each anniversary. */
  TOR_ANNIVERSARY: localDateSchema.optional(),
  /** Run the bot's sweep in the server (at NOTIFY_TIME, and every SWEEP_INTERVAL_MINUTES for minutes published). */
  SWEEP_ENABLED: bool.default(true),
  SWEEP_INTERVAL_MINUTES: int(1, 1440).default(5),
  /**
   * Personal nudges in each person's Teams activity feed (issue 20), beside the channel posts. Off for a
   * council that does not grant the app TeamsActivity.Send. On needs ACTIVITY_FEED_TEAM_ID and the app's
   * identity (TENANT_ID, CLIENT_ID, CLIENT_SECRET or CLIENT_CERTIFICATE_PATH).
   */
  ACTIVITY_FEED: z.enum(['on', 'off']).default('off'),
  /** The group's team as Graph names it: the team's Microsoft 365 group id (a GUID, not the 19:… id). */
  ACTIVITY_FEED_TEAM_ID: guid.optional(),
  /**
   * Development and tests only: the server's clock starts at this instant (ISO time with a zone) and
   * advances in real time, so the tab, the API, the bot and the demo data all live on that day.
   */
  CLOCK_START: z.iso
    .datetime({ offset: true, message: 'must be an ISO time with a zone, like 2027-03-08T09:00:00Z' })
    .optional(),
});

/** What the SharePoint store needs (STORE=sharepoint). */
export interface SharePointSettings {
  graphBaseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  credential: { clientSecret: string } | { certificatePath: string };
  siteId: string;
  /** The tab's requests call Graph on behalf of the user (GRAPH_ON_BEHALF_OF, with Teams SSO only). */
  onBehalfOf: boolean;
}

/** Personal nudges in the activity feed (ACTIVITY_FEED=on): Graph as the app, in the group's team. */
export interface ActivityFeedSettings {
  graphBaseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  credential: { clientSecret: string } | { certificatePath: string };
  /** The team's Microsoft 365 group id. */
  teamGroupId: string;
}

/** The bot: how it signs in, where it posts, and whether the server sweeps. */
export interface BotConfig {
  /**
   * `azure`: an app id is set (Azure Bot Service). `local`: none, on localhost outside production
   * (Playground, tests): activities are accepted unauthenticated. `off`: none, but on a network or in
   * production, so /api/messages is not served at all.
   */
  mode: 'azure' | 'local' | 'off';
  appId: string | null;
  appPassword: string | null;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMsi';
  tenantId: string | null;
  teamId: string | null;
  membersFile: string | null;
  teamsAppId: string | null;
  tabEntityId: string;
  sweepEnabled: boolean;
  sweepIntervalMinutes: number;
  /** Null: ACTIVITY_FEED=off (channel posts only). */
  activityFeed: ActivityFeedSettings | null;
}

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  host: string;
  store: 'sqlite' | 'sharepoint';
  sqlitePath: string;
  authMode: 'dev' | 'teams';
  /** The Entra app this server trusts; present exactly when `authMode` is `teams`. */
  teams?: TeamsAuthSettings;
  /** Present exactly when `store` is `sharepoint`. */
  sharePoint?: SharePointSettings;
  rateLimitPerMinute: number;
  anonymousRateLimitPerMinute: number;
  seedDemo: boolean;
  seedCases: number;
  bodyLimit: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  publicBaseUrl: string;
  /**
   * Host names the server answers to (DNS rebinding): loopback always; with Teams sign-in also
   * PUBLIC_BASE_URL's host; plus ALLOWED_HOSTS. With dev sign-in a non-loopback PUBLIC_BASE_URL is not
   * added: a local instance answers to its own machine only unless ALLOWED_HOSTS says otherwise.
   */
  allowedHosts: string[];
  policy: Policy;
  bot: BotConfig;
  notificationPolicy: NotificationPolicy;
  /** CLOCK_START: the instant the server's clock starts at (dev sign-in outside production only). */
  clockStart: Date | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Reads and checks the settings. Throws `ConfigError` listing every problem, each naming its variable.
 * Only variables this app defines are read; values are never echoed (a secret could be among them).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  const policy = policySchema.safeParse({
    calendar: { extraClosures: e.EXTRA_CLOSURES, schoolHolidays: e.SCHOOL_HOLIDAYS },
    cadence: { anchorDate: e.MEETING_ANCHOR_DATE, everyWeeks: e.MEETING_EVERY_WEEKS, time: e.MEETING_TIME },
    eligibilityWeeksOut: e.ELIGIBILITY_WEEKS_OUT,
    stuckMeetings: e.STUCK_MEETINGS,
    stuckDeferrals: e.STUCK_DEFERRALS,
    escalationResponseWorkingDays: e.ESCALATION_RESPONSE_WORKING_DAYS,
    retention: e.RETENTION_RULE,
  });
  if (!policy.success) {
    const names: Record<string, string> = {
      'cadence.time': 'MEETING_TIME',
      'calendar.schoolHolidays': 'SCHOOL_HOLIDAYS',
    };
    for (const i of policy.error.issues) {
      const path = i.path.filter((p) => typeof p === 'string').join('.');
      const name = Object.entries(names).find(([k]) => path.startsWith(k))?.[1] ?? path;
      problems.push(`${name}: ${i.message}`);
    }
  }

  // Dev sign-in trusts a header anyone can type: it must never face a network or run as production.
  if (e.AUTH_MODE === 'dev') {
    if (e.NODE_ENV === 'production')
      problems.push('AUTH_MODE: dev sign-in is refused when NODE_ENV=production');
    if (!LOOPBACK.has(e.HOST)) problems.push(`HOST: dev sign-in only listens on localhost (127.0.0.1, ::1)`);
  }
  // A server on another day is for development and tests: a production (or real sign-in) server that
  // believed it was another day would send reminders and judge deadlines wrongly.
  if (e.CLOCK_START !== undefined) {
    if (e.NODE_ENV === 'production') problems.push('CLOCK_START: refused when NODE_ENV=production');
    if (e.AUTH_MODE !== 'dev') problems.push('CLOCK_START: only accepted with AUTH_MODE=dev');
  }
  // The SharePoint store signs in as the app (msal-node): everything it needs is named when missing.
  if (e.STORE === 'sharepoint') {
    if (!e.TENANT_ID) problems.push('TENANT_ID: required with STORE=sharepoint');
    if (!e.CLIENT_ID) problems.push('CLIENT_ID: required with STORE=sharepoint');
    if (!e.SHAREPOINT_SITE_ID) problems.push('SHAREPOINT_SITE_ID: required with STORE=sharepoint');
    if (!e.CLIENT_SECRET && !e.CLIENT_CERTIFICATE_PATH)
      problems.push('CLIENT_SECRET: required with STORE=sharepoint (or CLIENT_CERTIFICATE_PATH)');
    if (e.CLIENT_SECRET && e.CLIENT_CERTIFICATE_PATH)
      problems.push('CLIENT_CERTIFICATE_PATH: set CLIENT_SECRET or CLIENT_CERTIFICATE_PATH, not both');
    if (!e.AUTHORITY_HOST.startsWith('https:'))
      problems.push(
        'AUTHORITY_HOST: must be https with STORE=sharepoint (msal-node signs in over https only)',
      );
  }
  // Teams SSO needs the tenant and the app; production needs Teams SSO, so a production start without
  // them names what is missing rather than falling back to anything.
  if (e.AUTH_MODE === 'teams' || e.NODE_ENV === 'production') {
    const why = e.AUTH_MODE === 'teams' ? 'AUTH_MODE=teams' : 'NODE_ENV=production (Teams sign-in)';
    if (!e.TENANT_ID) problems.push(`TENANT_ID: required with ${why}`);
    if (!e.CLIENT_ID) problems.push(`CLIENT_ID: required with ${why}`);
  }
  if (e.APP_ID_URI && e.CLIENT_ID && !e.APP_ID_URI.toLowerCase().endsWith(e.CLIENT_ID.toLowerCase())) {
    problems.push('APP_ID_URI: must end with CLIENT_ID (api://<host>/<client id>)');
  }
  if (e.ACTIVITY_FEED === 'on') {
    if (!e.ACTIVITY_FEED_TEAM_ID) problems.push('ACTIVITY_FEED_TEAM_ID: required with ACTIVITY_FEED=on');
    if (!e.TENANT_ID) problems.push('TENANT_ID: required with ACTIVITY_FEED=on');
    if (!e.CLIENT_ID) problems.push('CLIENT_ID: required with ACTIVITY_FEED=on');
    if (!e.CLIENT_SECRET && !e.CLIENT_CERTIFICATE_PATH)
      problems.push('CLIENT_SECRET: required with ACTIVITY_FEED=on (or CLIENT_CERTIFICATE_PATH)');
  }
  const notificationPolicy = notificationPolicySchema.safeParse({
    notifyTime: e.NOTIFY_TIME,
    meetingReminderWorkingDays: e.MEETING_REMINDER_WORKING_DAYS,
    listCheckReminderWorkingDays: e.LIST_CHECK_REMINDER_WORKING_DAYS,
    actionDueSoonWorkingDays: e.ACTION_DUE_SOON_WORKING_DAYS,
    overdueRepeatWorkingDays: e.OVERDUE_REPEAT_WORKING_DAYS,
    torAnniversary: e.TOR_ANNIVERSARY ?? null,
  });
  if (!notificationPolicy.success) {
    for (const i of notificationPolicy.error.issues) {
      problems.push(`${i.path[0] === 'notifyTime' ? 'NOTIFY_TIME' : String(i.path[0])}: ${i.message}`);
    }
  }
  // The bot's own sign-in (Azure Bot Service): each app type needs its own settings.
  if (e.BOT_APP_ID) {
    if (e.BOT_APP_TYPE === 'userassignedmsi') {
      if (!e.BOT_TENANT_ID) problems.push('BOT_TENANT_ID: required with BOT_APP_TYPE=UserAssignedMSI');
      if (e.BOT_APP_PASSWORD)
        problems.push('BOT_APP_PASSWORD: must not be set with BOT_APP_TYPE=UserAssignedMSI (no secret)');
    } else {
      if (!e.BOT_APP_PASSWORD)
        problems.push(`BOT_APP_PASSWORD: required with BOT_APP_ID (${e.BOT_APP_TYPE})`);
      if (e.BOT_APP_TYPE === 'singletenant' && !e.BOT_TENANT_ID)
        problems.push('BOT_TENANT_ID: required with BOT_APP_TYPE=SingleTenant');
    }
  }
  // In production the bot posts children's refs and initials: only to the group's team, or at least
  // only within the bot's own tenant (SingleTenant and managed identity already name it).
  if (e.NODE_ENV === 'production' && e.BOT_APP_ID && !e.BOT_TEAM_ID && !e.BOT_TENANT_ID) {
    problems.push('BOT_TEAM_ID: required in production unless BOT_TENANT_ID limits the bot to one tenant');
  }
  if (problems.length > 0 || !policy.success || !notificationPolicy.success) throw new ConfigError(problems);

  const teams: TeamsAuthSettings | undefined =
    e.AUTH_MODE === 'teams' && e.TENANT_ID && e.CLIENT_ID
      ? {
          tenantId: e.TENANT_ID.toLowerCase(),
          clientId: e.CLIENT_ID.toLowerCase(),
          allowedTenantIds: e.ALLOWED_TENANT_IDS ?? [e.TENANT_ID.toLowerCase()],
          authorityHost: e.AUTHORITY_HOST,
          appIdUri: e.APP_ID_URI,
        }
      : undefined;

  const sharePoint: SharePointSettings | undefined =
    e.STORE === 'sharepoint' && e.TENANT_ID && e.CLIENT_ID && e.SHAREPOINT_SITE_ID
      ? {
          graphBaseUrl: e.GRAPH_BASE_URL,
          authorityHost: e.AUTHORITY_HOST,
          tenantId: e.TENANT_ID.toLowerCase(),
          clientId: e.CLIENT_ID.toLowerCase(),
          credential: e.CLIENT_SECRET
            ? { clientSecret: e.CLIENT_SECRET }
            : { certificatePath: e.CLIENT_CERTIFICATE_PATH as string },
          siteId: e.SHAREPOINT_SITE_ID,
          // Dev sign-in has no user token to exchange.
          onBehalfOf: e.GRAPH_ON_BEHALF_OF && e.AUTH_MODE === 'teams',
        }
      : undefined;

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    store: e.STORE,
    sqlitePath: e.SQLITE_PATH,
    authMode: e.AUTH_MODE,
    ...(teams ? { teams } : {}),
    ...(sharePoint ? { sharePoint } : {}),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    anonymousRateLimitPerMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    seedDemo: e.SEED_DEMO,
    seedCases: e.SEED_CASES,
    bodyLimit: e.BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    allowedHosts: [
      ...new Set([
        'localhost',
        '127.0.0.1',
        '[::1]',
        ...(e.AUTH_MODE === 'teams' && e.PUBLIC_BASE_URL
          ? [new URL(e.PUBLIC_BASE_URL).hostname.toLowerCase()]
          : []),
        ...(e.ALLOWED_HOSTS ?? []),
      ]),
    ],
    policy: policy.data,
    bot: {
      // Without an app id the endpoint trusts any caller: served only where nobody else can reach it.
      mode: e.BOT_APP_ID ? 'azure' : LOOPBACK.has(e.HOST) && e.NODE_ENV !== 'production' ? 'local' : 'off',
      appId: e.BOT_APP_ID ?? null,
      appPassword: e.BOT_APP_PASSWORD ?? null,
      appType: (
        {
          singletenant: 'SingleTenant',
          multitenant: 'MultiTenant',
          userassignedmsi: 'UserAssignedMsi',
        } as const
      )[e.BOT_APP_TYPE],
      tenantId: e.BOT_TENANT_ID ?? null,
      teamId: e.BOT_TEAM_ID ?? null,
      membersFile: e.BOT_MEMBERS_FILE ?? null,
      teamsAppId: e.TEAMS_APP_ID ?? null,
      tabEntityId: e.TEAMS_TAB_ENTITY_ID,
      sweepEnabled: e.SWEEP_ENABLED,
      sweepIntervalMinutes: e.SWEEP_INTERVAL_MINUTES,
      activityFeed:
        e.ACTIVITY_FEED === 'on' && e.ACTIVITY_FEED_TEAM_ID && e.TENANT_ID && e.CLIENT_ID
          ? {
              graphBaseUrl: e.GRAPH_BASE_URL,
              authorityHost: e.AUTHORITY_HOST,
              tenantId: e.TENANT_ID.toLowerCase(),
              clientId: e.CLIENT_ID.toLowerCase(),
              credential: e.CLIENT_SECRET
                ? { clientSecret: e.CLIENT_SECRET }
                : { certificatePath: e.CLIENT_CERTIFICATE_PATH as string },
              teamGroupId: e.ACTIVITY_FEED_TEAM_ID,
            }
          : null,
    },
    notificationPolicy: notificationPolicy.data,
    clockStart: e.CLOCK_START === undefined ? null : new Date(e.CLOCK_START),
  };
}
