/**
 * The bot under test over a real in-memory SQLite store, the dev role directory and a fixed clock, driven
 * through botbuilder's TestAdapter (extended only to record message updates, which it otherwise drops).
 */
import { type Activity, type ConversationAccount, TestAdapter, type TurnContext } from 'botbuilder';
import { makePrincipal } from '../../src/auth/principal';
import { findDevUser } from '../../src/auth/devUsers';
import { CmoeBot } from '../../src/bot/bot';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../../src/bot/cards/adaptive';
import type { LinkSettings } from '../../src/bot/links';
import { DevRoleDirectory } from '../../src/bot/roleDirectory';
import { readSnapshot } from '../../src/bot/sweep';
import { type PlannedNotification, planNotifications } from '../../src/domain/notifications';
import { createLogger } from '../../src/log';
import { createAction } from '../../src/operations/actions';
import { referCase } from '../../src/operations/cases';
import type { Call, OperationDeps } from '../../src/operations/context';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite';
import { CHILD, NP, POLICY } from './fixtures';

/** Wednesday 25 March 2026, 10:00 London (GMT). */
export const NOW = new Date('2026-03-25T10:00:00.000Z');

export const LINKS: LinkSettings = {
  publicBaseUrl: 'https://cmoe.example.org',
  teamsAppId: '11111111-2222-3333-4444-555555555555',
  tabEntityId: 'cmoe-list',
};

export const TEAM = '19:team-general@thread.tacv2';
export const BOT = { id: '28:cmoe-bot', name: 'CMOE Tracker' };

export class RecordingTestAdapter extends TestAdapter {
  readonly updated: Partial<Activity>[] = [];

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.updated.push(activity);
    await super.updateActivity(context, activity);
  }
}

export interface World {
  store: Store;
  deps: OperationDeps;
  bot: CmoeBot;
  adapter: RecordingTestAdapter;
  logs: string[];
  clock: { now: Date };
  /** Sends one activity and returns everything the bot sent back. */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

export function makeWorld(): World {
  const store = openSqliteStore(':memory:');
  const deps: OperationDeps = { store, policy: POLICY };
  const logs: string[] = [];
  const clock = { now: NOW };
  const bot = new CmoeBot({
    ...deps,
    directory: new DevRoleDirectory(),
    links: LINKS,
    clock: () => clock.now,
    log: createLogger('debug', (l) => logs.push(l)),
  });
  const adapter = new RecordingTestAdapter(async (context) => bot.run(context));
  const send = async (activity: Partial<Activity>) => {
    const before = adapter.activeQueue.length;
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(before);
  };
  return { store, deps, bot, adapter, logs, clock, send };
}

type Where = 'channel' | 'personal';

function conversation(where: Where, userId: string): ConversationAccount {
  return where === 'channel'
    ? {
        id: `${TEAM};messageid=1700000000000`,
        name: '',
        conversationType: 'channel',
        isGroup: true,
        tenantId: 'tenant-1',
      }
    : {
        id: `a:personal-${userId}`,
        name: '',
        conversationType: 'personal',
        isGroup: false,
        tenantId: 'tenant-1',
      };
}

/** A message from a dev user (by Entra object id = dev user id), with the bot @mentioned in a channel. */
export function message(text: string, userId: string, where: Where = 'channel'): Partial<Activity> {
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.net/emea/',
    from: { id: `29:${userId}`, name: 'Someone', aadObjectId: userId },
    recipient: BOT,
    conversation: conversation(where, userId),
    text: where === 'channel' ? `${mentionText} ${text}` : text,
    entities:
      where === 'channel'
        ? [{ type: 'mention', text: mentionText, mentioned: { id: BOT.id, name: BOT.name } }]
        : [],
    channelData:
      where === 'channel' ? { team: { id: TEAM }, channel: { id: TEAM }, tenant: { id: 'tenant-1' } } : {},
  };
}

/** The conversation update Teams sends when the bot is added to the team (General channel). */
export function botAddedToTeam(): Partial<Activity> {
  return {
    type: 'conversationUpdate',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.net/emea/',
    from: { id: '29:dev-chair', aadObjectId: 'dev-chair', name: 'Demo Chair' },
    recipient: BOT,
    conversation: {
      id: TEAM,
      name: 'General',
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    },
    membersAdded: [{ id: BOT.id, name: BOT.name }],
    channelData: { eventType: 'teamMemberAdded', team: { id: TEAM }, tenant: { id: 'tenant-1' } },
  };
}

export function installationUpdate(action: 'add' | 'remove'): Partial<Activity> {
  return {
    type: 'installationUpdate',
    action,
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.net/emea/',
    from: { id: '29:dev-chair', aadObjectId: 'dev-chair', name: 'Demo Chair' },
    recipient: BOT,
    conversation: {
      id: TEAM,
      name: 'General',
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    },
    channelData: { team: { id: TEAM }, tenant: { id: 'tenant-1' } },
  };
}

export function teamEvent(eventType: 'teamDeleted' | 'teamRestored'): Partial<Activity> {
  return {
    type: 'conversationUpdate',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.net/emea/',
    from: { id: '29:dev-chair', aadObjectId: 'dev-chair', name: 'Demo Chair' },
    recipient: BOT,
    conversation: {
      id: TEAM,
      name: 'General',
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    },
    channelData: { eventType, team: { id: TEAM, name: 'CMOE group' }, tenant: { id: 'tenant-1' } },
  };
}

/** A click on a card button (Universal Action) by `userId`, on the posted message `messageId`. */
export function click(
  verb: string,
  data: Record<string, unknown>,
  userId: string,
  messageId = 'posted-1',
): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.net/emea/',
    from: { id: `29:${userId}`, aadObjectId: userId, name: 'Someone' },
    recipient: BOT,
    conversation: conversation('channel', userId),
    replyToId: messageId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function cardsOf(activities: Partial<Activity>[]): AdaptiveCard[] {
  return activities.flatMap((a) =>
    (a.attachments ?? [])
      .filter((x) => x.contentType === ADAPTIVE_CARD_CONTENT_TYPE)
      .map((x) => x.content as AdaptiveCard),
  );
}

/** The card in an invoke response. */
export function invokeCard(activities: Partial<Activity>[]): { status: number; card: AdaptiveCard } {
  const response = activities.find((a) => a.type === 'invokeResponse');
  const value = response?.value as { status: number; body: { value: AdaptiveCard } } | undefined;
  if (!value) throw new Error('no invoke response');
  return { status: value.status, card: value.body.value };
}

/** Every string in a card, for "does this card mention X" assertions. */
export function cardText(card: unknown): string {
  return JSON.stringify(card);
}

export function callAs(userId: string, now = NOW): Call {
  const user = findDevUser(userId);
  if (!user) throw new Error(`no dev user ${userId}`);
  return { caller: makePrincipal(user), now };
}

/**
 * Refers the distinctive child (CMOE-0001) and sets an action owned by `dev-member-ewo` due on Friday
 * 27 March whose description names the child, as careless users do.
 */
export async function seedCaseWithAction(deps: OperationDeps) {
  const chair = callAs('dev-chair', new Date('2026-03-02T10:00:00.000Z'));
  const { case: c } = await referCase(deps, chair, {
    ...CHILD,
    lastSchool: CHILD.lastSchool,
    categories: ['permanently-excluded'],
    provision: 'none',
    hoursPerWeek: null,
    outOfEducationSince: '2026-01-05',
    exclusionDate: null,
    timetableEndDate: null,
    timetableReviewDate: null,
    referralSource: 'ewo',
    referredBy: 'Demo Member (Bea Placeholder)',
    receivedOn: '2026-03-02',
    lead: null,
    agencies: [],
    sendStatus: 'none',
    socialCareStatus: 'none',
    cseRisk: 'not-checked',
    concernNotes: `${CHILD.firstName} lives at 17 Wisteria Crescent`,
  });
  const action = await createAction(deps, chair, {
    caseRef: c.ref,
    description: `Visit ${CHILD.firstName} ${CHILD.lastName} at 17 Wisteria Crescent`,
    successMeasure: 'Visit recorded',
    owner: {
      id: 'dev-member-ewo',
      name: 'Demo Member (Bea Placeholder)',
      email: 'bea.placeholder@example.org',
    },
    ownerService: 'Education Welfare',
    dueDate: '2026-03-27',
  });
  return { case: c, action };
}

/** What the planner plans now from the store (the sweep's own snapshot reader). */
export async function planned(world: World): Promise<PlannedNotification[]> {
  const snapshot = await readSnapshot(world.store, new DevRoleDirectory());
  return planNotifications(snapshot, POLICY, NP, world.clock.now);
}

/** The `data` of the card's `Action.Execute` titled `title` (inside its Action.ShowCard). */
export function executeData(card: AdaptiveCard, title: string): Record<string, unknown> | undefined {
  for (const a of card.actions ?? []) {
    if (a.type !== 'Action.ShowCard') continue;
    for (const inner of a.card.actions ?? []) {
      if (inner.type === 'Action.Execute' && inner.title === title) return inner.data;
    }
  }
  return undefined;
}
