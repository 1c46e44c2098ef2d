/**
 * botbuilder's CloudAdapter and the `/api/messages` endpoint. Everything SDK-specific about hosting
 * lives here, so moving to the Microsoft 365 Agents SDK touches this folder (and server.ts) only.
 *
 * Credentials:
 * - No app id (local runs, the Agents Playground, tests): incoming activities are accepted without a
 *   token, so they are trusted only as far as they cannot reach outside the machine: an activity whose
 *   `serviceUrl` is not a loopback address is refused (403) before the bot sees it, so it is neither
 *   answered (a forged "case CMOE-0007" would otherwise send the case to any address it names) nor
 *   registered as a conversation the sweep would post to. Config allows this mode only on localhost
 *   outside production.
 * - `SingleTenant` (app id + secret + tenant) or `UserAssignedMsi` (the managed identity's client id +
 *   tenant, no secret): incoming tokens are validated by the SDK and outgoing calls get Entra tokens.
 */
import express, { type Express } from 'express';
import {
  type Activity,
  type ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Logger } from '../log';

export type BotAppType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMsi';

export interface BotCredentials {
  appId: string | null;
  appPassword: string | null;
  appType: BotAppType;
  tenantId: string | null;
  /**
   * Where the Bot Connector's signing keys and issuer are found (default: the public cloud's). Given
   * only by tests, which sign activities with a local issuer to prove what botbuilder checks.
   */
  channelAuthority?: { openIdMetadataUrl: string; tokenIssuer: string };
}

/** The public cloud's Bot Framework endpoints (botframework-connector's AuthenticationConstants). */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
  ValidateAuthority: true,
};

function errorFields(e: unknown) {
  return {
    error: e instanceof Error ? e.name : 'unknown',
    // Stack frames, not the message: a message can quote an activity's text.
    frames:
      e instanceof Error
        ? (e.stack ?? '')
            .split('\n')
            .slice(1, 4)
            .map((l) => l.trim())
            .join(' | ')
        : undefined,
  };
}

export function createAdapter(credentials: BotCredentials, log: Logger): CloudAdapter {
  const factory = new ConfigurationServiceClientCredentialFactory(
    credentials.appId
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppType: credentials.appType,
          ...(credentials.appPassword ? { MicrosoftAppPassword: credentials.appPassword } : {}),
          ...(credentials.tenantId ? { MicrosoftAppTenantId: credentials.tenantId } : {}),
        }
      : {},
  );
  const authority = credentials.channelAuthority;
  const auth = new ConfigurationBotFrameworkAuthentication(
    authority
      ? {
          ...PUBLIC_CLOUD,
          ToBotFromChannelOpenIdMetadataUrl: authority.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: authority.tokenIssuer,
        }
      : {},
    factory,
  );
  const adapter = new CloudAdapter(auth);
  AUTHENTICATION.set(adapter, auth);
  adapter.onTurnError = async (context, error) => {
    log.error('bot turn failed', { activity: context.activity.type, ...errorFields(error) });
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity(
        'Sorry, something went wrong on our side. Please try again, or use the tab.',
      );
    } catch (e) {
      log.warn('bot apology not sent', errorFields(e));
    }
  };
  return adapter;
}

/** Each adapter's authentication, so the endpoint can check a token before botbuilder's own handling. */
const AUTHENTICATION = new WeakMap<CloudAdapter, ConfigurationBotFrameworkAuthentication>();

/**
 * Errors that mean "this token is not valid" (as opposed to "we could not check it"): botbuilder's own
 * AuthenticationError, and jsonwebtoken's, which botbuilder passes on as they are (a bad signature).
 */
const TOKEN_ERRORS = new Set([
  'AuthenticationError',
  'JsonWebTokenError',
  'TokenExpiredError',
  'NotBeforeError',
]);

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** True for an http(s) URL on this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return LOOPBACK_HOSTS.has(u.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(u.hostname);
}

/**
 * `POST /api/messages`: the Bot Framework endpoint. Mount it before the API's catch-all 404. Without an
 * app id (`unauthenticated`), only activities from a loopback service URL are processed.
 */
export function mountMessages(
  app: Express,
  adapter: CloudAdapter,
  bot: ActivityHandler,
  options: { unauthenticated: boolean; log: Logger },
): void {
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    const serviceUrl = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
    if (options.unauthenticated && !isLoopbackUrl(serviceUrl)) {
      // Never the URL itself: it is whatever the sender typed.
      options.log.warn('bot activity refused', { reason: 'service URL not loopback without an app id' });
      res.status(403).end();
      return;
    }
    const auth = AUTHENTICATION.get(adapter);
    if (!options.unauthenticated && auth && req.body && typeof req.body === 'object') {
      // botbuilder answers a token it cannot verify (a bad signature) with 500 and an error on the
      // console: an anonymous caller could fill the log. Checked here first, it is a 401 and a warning
      // (never the token or the activity). A failure to check at all (signing keys unreachable) is not
      // the caller's fault: it goes on to botbuilder, which answers 500 as it should.
      try {
        await auth.authenticateRequest(req.body as Activity, req.header('authorization') ?? '');
      } catch (e) {
        const name = e instanceof Error ? e.constructor.name : '';
        if (!TOKEN_ERRORS.has(name) && !(e instanceof Error && TOKEN_ERRORS.has(e.name))) throw e;
        options.log.warn('bot activity refused', { reason: 'token not valid', error: name || 'unknown' });
        res.status(401).end();
        return;
      }
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });
}
