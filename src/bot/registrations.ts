/**
 * Where the bot can post, from the activities Teams sends it. A registration keeps a trimmed conversation
 * reference (service URL, conversation, bot; no user names), stored through the `BotStateStore` port.
 */
import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Instant } from '../domain/types';
import type { ConversationRegistration } from '../store/ports';

/** A channel thread's conversation id ends in `;messageid=...`; the channel itself is the part before. */
export function baseConversationId(id: string): string {
  const i = id.indexOf(';messageid=');
  return i === -1 ? id : id.slice(0, i);
}

/** What a stored reference must hold to post proactively; checked when read back (the store is a boundary). */
export const storedReferenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  conversation: z.object({
    id: z.string().min(1),
    isGroup: z.boolean().optional(),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional() }).optional(),
});
export type StoredReference = z.infer<typeof storedReferenceSchema>;

interface TeamsChannelData {
  team?: { id?: string };
  tenant?: { id?: string };
}

function kindOf(activity: Partial<Activity>): ConversationRegistration['kind'] {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** The registration for the conversation `activity` came from (active, seen at `now`). */
export function registrationFrom(activity: Activity, now: Instant): ConversationRegistration {
  const ref: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const kind = kindOf(activity);
  const conversationId = baseConversationId(activity.conversation.id);
  const reference: StoredReference = {
    channelId: ref.channelId ?? activity.channelId,
    serviceUrl: ref.serviceUrl ?? activity.serviceUrl,
    bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
    conversation: {
      id: conversationId,
      ...(activity.conversation.isGroup !== undefined ? { isGroup: activity.conversation.isGroup } : {}),
      ...(activity.conversation.conversationType
        ? { conversationType: activity.conversation.conversationType }
        : {}),
      ...(activity.conversation.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
    },
    // A personal chat needs its user to post into; the name is left out (it is not needed to post).
    ...(kind === 'personal' && activity.from
      ? {
          user: {
            id: activity.from.id,
            ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
          },
        }
      : {}),
  };
  return {
    conversationId,
    kind,
    tenantId: channelData.tenant?.id ?? activity.conversation.tenantId ?? null,
    teamId: channelData.team?.id ?? null,
    userId: kind === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
    reference,
    active: true,
    updatedAt: now,
  };
}

/** The stored reference as botbuilder types it (names it does not need are left empty). */
export function asConversationReference(ref: StoredReference): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
    conversation: {
      id: ref.conversation.id,
      name: '',
      isGroup: ref.conversation.isGroup ?? false,
      conversationType: ref.conversation.conversationType ?? '',
      ...(ref.conversation.tenantId ? { tenantId: ref.conversation.tenantId } : {}),
    },
    ...(ref.user
      ? {
          user: {
            id: ref.user.id,
            name: '',
            ...(ref.user.aadObjectId ? { aadObjectId: ref.user.aadObjectId } : {}),
          },
        }
      : {}),
  };
}
