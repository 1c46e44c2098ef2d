/**
 * The Teams bot: thin handlers around the operations.
 *
 * - Installation: when added to a team (or a personal chat) the conversation is registered through the
 *   `BotStateStore` port; on uninstall, removal or team deletion it is marked inactive; seen again (a
 *   message, a restored team, a reinstall) it is active again.
 * - Commands (`help`, `my actions`, `agenda`, `case CMOE-0042`) in a channel with an @mention or in a
 *   personal chat; anything else gets help.
 * - Card buttons (Universal Actions): see `cardActions.ts`.
 *
 * The clicking or asking user is resolved to a `Principal` through the `RoleDirectory`; the operations
 * check what that principal may do. No rule or permission check lives here.
 */
import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Activity,
  type TeamInfo,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { AppError } from '../domain/errors';
import type { Logger } from '../log';
import { getCase } from '../operations/cases';
import type { Call, OperationDeps } from '../operations/context';
import { myOpenActions, nextAgendaSummary } from '../operations/summaries';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, cardActivity } from './cards/adaptive';
import { type Audience, agendaCard, caseCard, helpCard, messageCard, myActionsCard } from './cards/commands';
import { friendlyMessage, handleCardAction } from './cardActions';
import { parseCommand } from './commands';
import { myFeedPreference, setMyFeedPreference } from '../operations/feedPreferences';

/** What `notify` answers: where the caller's personal reminders go now. */
const FEED_PREFERENCE_TEXT = {
  both: 'Your reminders (actions due and overdue, stuck cases) go to the channel and to your Teams activity feed. Change with: notify feed, notify channel.',
  feed: 'Your reminders go to your Teams activity feed only (the channel post is left out when it is only for you). Change with: notify both, notify channel.',
  channel: 'Your reminders go to the channel only. Change with: notify both, notify feed.',
} as const;
import type { LinkSettings } from './links';
import { baseConversationId, registrationFrom } from './registrations';
import type { RoleDirectory } from './roleDirectory';

export interface BotDeps extends OperationDeps {
  directory: RoleDirectory;
  links: LinkSettings;
  /** Read once per turn and passed down as `now`. */
  clock: () => Date;
  log: Logger;
}

function audienceOf(activity: Partial<Activity>): Audience {
  return activity.conversation?.conversationType === 'personal' ? 'personal' : 'channel';
}

export class CmoeBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();

    this.onMessage(async (context, next) => {
      await this.seen(context);
      await this.answer(context);
      await next();
    });

    // Added to a team or a chat: Teams sends both an installation update and a members-added update.
    // Both register (idempotently); only the installation update says hello, so it is said once.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.install(context, true);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.uninstall(context, 'uninstalled');
      await next();
    });
    this.onTeamsMembersAddedEvent(async (members, _team, context, next) => {
      if (members.some((m) => m.id === context.activity.recipient.id)) await this.install(context, false);
      await next();
    });
    this.onTeamsMembersRemovedEvent(async (members, _team, context, next) => {
      if (members.some((m) => m.id === context.activity.recipient.id))
        await this.uninstall(context, 'removed');
      await next();
    });
    // Outside Teams (the Playground's other channels), members-added comes without the Teams event type.
    this.onMembersAdded(async (context, next) => {
      if (context.activity.channelId !== 'msteams') {
        const added = context.activity.membersAdded ?? [];
        if (added.some((m) => m.id === context.activity.recipient.id)) await this.install(context, true);
      }
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (team, context, next) => {
      await this.setTeamActive(team, false, context, 'team-deleted');
      await next();
    });
    this.onTeamsTeamHardDeletedEvent(async (team, context, next) => {
      await this.setTeamActive(team, false, context, 'team-deleted');
      await next();
    });
    this.onTeamsTeamRestoredEvent(async (team, context, next) => {
      await this.setTeamActive(team, true, context, 'team-restored');
      await next();
    });
  }

  private now(): Date {
    return this.deps.clock();
  }

  private async install(context: TurnContext, welcome: boolean): Promise<void> {
    const reg = registrationFrom(context.activity, this.now().toISOString());
    await this.deps.store.bot.upsertConversation(reg);
    this.deps.log.info('bot installed', { kind: reg.kind, conversation: reg.conversationId });
    if (welcome) {
      await context.sendActivity(
        cardActivity(helpCard(audienceOf(context.activity)), 'CMOE Tracker is here'),
      );
    }
  }

  private async uninstall(context: TurnContext, why: string): Promise<void> {
    const id = baseConversationId(context.activity.conversation.id);
    await this.deps.store.bot.setConversationActive(id, false, this.now().toISOString());
    this.deps.log.info('bot conversation inactive', { reason: why, conversation: id });
  }

  private async setTeamActive(
    team: TeamInfo,
    active: boolean,
    context: TurnContext,
    why: string,
  ): Promise<void> {
    const teamId =
      team.id ?? (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (!teamId) return;
    const now = this.now().toISOString();
    for (const reg of await this.deps.store.bot.listConversations()) {
      if (reg.teamId === teamId)
        await this.deps.store.bot.setConversationActive(reg.conversationId, active, now);
    }
    this.deps.log.info(active ? 'bot team active' : 'bot team inactive', { reason: why, team: teamId });
  }

  /**
   * A message shows the conversation is alive: a registration marked inactive (say after a 403 while the
   * bot was briefly removed) is active again, with the latest service URL. A personal chat is registered
   * on first contact; a channel only by installation, so a stray @mention elsewhere never becomes a target.
   */
  private async seen(context: TurnContext): Promise<void> {
    const reg = registrationFrom(context.activity, this.now().toISOString());
    const known = (await this.deps.store.bot.listConversations()).find(
      (r) => r.conversationId === reg.conversationId,
    );
    if (
      known
        ? !known.active || JSON.stringify(known.reference) !== JSON.stringify(reg.reference)
        : reg.kind === 'personal'
    ) {
      await this.deps.store.bot.upsertConversation(reg);
    }
  }

  private async callFor(context: TurnContext): Promise<Call> {
    const from = context.activity.from ?? { id: '' };
    const caller = await this.deps.directory.principalFor({
      aadObjectId: from.aadObjectId,
      id: from.id,
      name: from.name,
    });
    return { caller, now: this.now() };
  }

  private async reply(context: TurnContext, card: AdaptiveCard, summary: string): Promise<void> {
    await context.sendActivity(cardActivity(card, summary));
  }

  private async answer(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
    const command = parseCommand(text);
    const audience = audienceOf(context.activity);
    const { links } = this.deps;
    if (command.name === 'help' || command.name === 'unknown') {
      await this.reply(context, helpCard(audience), 'CMOE Tracker: help');
      return;
    }
    const call = await this.callFor(context);
    try {
      switch (command.name) {
        case 'my-actions':
          await this.reply(
            context,
            myActionsCard(await myOpenActions(this.deps, call), audience, links),
            'Your open actions',
          );
          return;
        case 'agenda':
          await this.reply(
            context,
            agendaCard(await nextAgendaSummary(this.deps, call), links),
            'The next agenda',
          );
          return;
        case 'case':
          await this.reply(
            context,
            caseCard(await getCase(this.deps, call, command.ref), audience, links),
            command.ref,
          );
          return;
        case 'notify': {
          const preference =
            command.preference === null
              ? await myFeedPreference(this.deps, call)
              : await setMyFeedPreference(this.deps, call, command.preference);
          await this.reply(
            context,
            messageCard('Your reminders', FEED_PREFERENCE_TEXT[preference]),
            'Your reminders',
          );
          return;
        }
      }
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.deps.log.info('bot command refused', {
        command: command.name,
        code: e.code,
        user: call.caller.id,
      });
      await this.reply(context, messageCard('Sorry', friendlyMessage(e), 'attention'), 'Sorry');
    }
  }

  /** Universal Actions: the response card replaces the clicker's view; a change updates the message for all. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const call = await this.callFor(context);
    const result = await handleCardAction(
      this.deps,
      this.deps.links,
      call.caller,
      call.now,
      invokeValue.action?.verb,
      invokeValue.action?.data,
    );
    this.deps.log.info('card action', {
      verb: invokeValue.action?.verb,
      outcome: result.outcome,
      target: result.target,
      user: call.caller.id,
    });
    const messageId = context.activity.replyToId;
    if (result.refreshForAll && messageId) {
      try {
        await context.updateActivity({
          type: 'message',
          id: messageId,
          attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: result.card }],
        });
      } catch (e) {
        // The change is saved; only the shared view is stale. The clicker still sees the new card.
        this.deps.log.warn('card refresh failed', {
          error: e instanceof Error ? e.name : 'unknown',
          target: result.target,
        });
      }
    }
    return {
      statusCode: 200,
      type: ADAPTIVE_CARD_CONTENT_TYPE,
      value: result.card as unknown as AdaptiveCardInvokeResponse['value'],
    };
  }
}
