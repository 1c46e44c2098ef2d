/**
 * botbuilder's CloudAdapter and the `/api/messages` endpoint. Everything SDK-specific about hosting
 * lives here, so moving to the Microsoft 365 Agents SDK touches this folder (and server.ts) only.
 *
 * Credentials:
 * - No app id (local runs, the Agents Playground, tests): incoming activities are accepted without a
 *   token and replies go to whatever `serviceUrl` the activity carried, unauthenticated. Config allows
 *   this only on localhost outside production.
 * - `SingleTenant` (app id + secret + tenant) or `UserAssignedMsi` (the managed identity's client id +
 *   tenant, no secret): incoming tokens are validated by the SDK and outgoing calls get Entra tokens.
 */
import express, { type Express } from 'express';
import {
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
}

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
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, factory));
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

/** `POST /api/messages`: the Bot Framework endpoint. Mount it before the API's catch-all 404. */
export function mountMessages(app: Express, adapter: CloudAdapter, bot: ActivityHandler): void {
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
}
