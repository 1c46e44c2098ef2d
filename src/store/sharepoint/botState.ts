import { BusyError } from '../../domain/errors';
import type { Instant } from '../../domain/types';
import { claimedRecord, lastErrorOf, validClaim } from '../botLedger';
import { validateRecord } from '../records';
import type {
  BotStateStore,
  ConversationRegistration,
  FeedPreference,
  FeedPreferenceRecord,
  NotificationRecord,
} from '../ports';
import { instantMs } from './instants';
import type { ListItems } from './items';
import { feedPreferenceRecordSchema, filterOn, keyOf, registrationSchema, type Mappings } from './mapper';
import { RecordList, type Entry, type MalformedReporter } from './versioned';

/** Rounds of read-then-conditional-write before a write racing others gives up as busy. */
const MAX_ROUNDS = 10;
/** Ids per `getNotifications` request (each is a clause of the filter, which has to fit a URL). */
const IDS_PER_QUERY = 10;

const busy = () => new BusyError('The bot state is being changed by others. Please try again shortly.', 1);

/**
 * Where the bot can post, and the ledger that makes every notification go out once. A claim is atomic
 * through SharePoint itself: the first claim creates the item, and `RecordKey` is a unique column, so of
 * two sweeps creating at once one gets 409 and loses; a re-claim (after a failure or an expired lease) is
 * a conditional update on the item's eTag, so of two re-claimers one gets 412, reads again and loses.
 */
export class SharePointBotStateStore implements BotStateStore {
  private readonly conversations: RecordList<ConversationRegistration>;
  private readonly notifications: RecordList<NotificationRecord>;
  private readonly preferences: RecordList<FeedPreferenceRecord>;

  constructor(
    conversationItems: ListItems,
    notificationItems: ListItems,
    private readonly m: Mappings,
    reportMalformed: MalformedReporter,
    preferenceItems: ListItems,
  ) {
    this.preferences = new RecordList(preferenceItems, m.feedPreferences, reportMalformed);
    this.conversations = new RecordList(conversationItems, m.conversations, reportMalformed);
    this.notifications = new RecordList(notificationItems, m.notifications, reportMalformed);
  }

  /** Read, decide, write conditionally; again (bounded) when someone else wrote in between. */
  private async change<T>(
    list: RecordList<T>,
    id: string,
    decide: (current: T | null) => { write: T; result: boolean } | { result: boolean },
  ): Promise<boolean> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const entry: Entry<T> | null = await list.read(id);
      const decision = decide(entry?.record ?? null);
      if (!('write' in decision)) return decision.result;
      if (entry === null) {
        if ((await list.insert(decision.write)).status === 'created') return decision.result;
      } else if ((await list.write(entry, decision.write)) === 'updated') {
        return decision.result;
      }
    }
    throw busy();
  }

  async upsertConversation(reg: ConversationRegistration): Promise<void> {
    const r = validateRecord(registrationSchema, 'Conversation', {
      ...reg,
      reference: reg.reference ?? null,
    });
    await this.change(this.conversations, r.conversationId, () => ({
      write: r as ConversationRegistration,
      result: true,
    }));
  }

  async listConversations(query: { active?: boolean } = {}): Promise<ConversationRegistration[]> {
    const filter =
      query.active === undefined ? null : filterOn(this.m.conversations.list).eq('Active', query.active);
    return this.conversations.list(
      filter,
      (c) => query.active === undefined || c.active === query.active,
      (a, b) => (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0),
    );
  }

  /** A conversation the bot never registered is left alone (nothing to deactivate). */
  async setConversationActive(conversationId: string, active: boolean, now: Instant): Promise<void> {
    instantMs(now, 'now');
    await this.change(this.conversations, conversationId, (current) =>
      current === null ? { result: false } : { write: { ...current, active, updatedAt: now }, result: true },
    );
  }

  async claimNotification(id: string, owner: string, now: Instant, leaseMs: number): Promise<boolean> {
    const c = validClaim(id, owner, now, leaseMs);
    const nowMs = instantMs(c.now, 'now');
    return this.change(this.notifications, c.id, (current) => {
      const write = claimedRecord(current, c, nowMs);
      return write ? { write, result: true } : { result: false };
    });
  }

  /** Marking never downgrades a `sent` record; a mark with no claim before it still records the outcome. */
  async markNotificationSent(id: string, now: Instant): Promise<void> {
    instantMs(now, 'now');
    await this.change(this.notifications, id, (current) => {
      if (current === null) {
        const record: NotificationRecord = {
          id,
          state: 'sent',
          claimedBy: '',
          claimedAt: now,
          sentAt: now,
          attempts: 1,
          lastError: null,
        };
        return { write: record, result: true };
      }
      if (current.state === 'sent') return { result: true };
      return { write: { ...current, state: 'sent', sentAt: now }, result: true };
    });
  }

  async markNotificationFailed(id: string, error: string, now: Instant): Promise<void> {
    instantMs(now, 'now');
    const lastError = lastErrorOf(error);
    await this.change(this.notifications, id, (current) => {
      if (current === null) {
        const record: NotificationRecord = {
          id,
          state: 'failed',
          claimedBy: '',
          claimedAt: now,
          sentAt: null,
          attempts: 1,
          lastError,
        };
        return { write: record, result: true };
      }
      if (current.state === 'sent') return { result: true };
      return { write: { ...current, state: 'failed', lastError }, result: true };
    });
  }

  async getNotifications(ids: readonly string[]): Promise<NotificationRecord[]> {
    const wanted = new Set(ids);
    const out: NotificationRecord[] = [];
    const f = filterOn(this.m.notifications.list);
    const unique = [...wanted];
    for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
      const chunk = unique.slice(i, i + IDS_PER_QUERY).map(keyOf);
      for (const e of await this.notifications.entriesMatching(f.oneOf('RecordKey', chunk))) {
        if (wanted.has(e.record.id)) out.push(e.record);
      }
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async setFeedPreference(userId: string, preference: FeedPreference, now: Instant): Promise<void> {
    const record = validateRecord(feedPreferenceRecordSchema, 'Feed preference', {
      userId: userId.trim().toLowerCase(),
      preference,
      updatedAt: now,
    });
    await this.change(this.preferences, record.userId, () => ({ write: record, result: true }));
  }

  async getFeedPreferences(userIds: readonly string[]): Promise<Map<string, FeedPreference>> {
    const wanted = [...new Set(userIds.map((u) => u.toLowerCase()))];
    const out = new Map<string, FeedPreference>();
    const f = filterOn(this.m.feedPreferences.list);
    for (let i = 0; i < wanted.length; i += IDS_PER_QUERY) {
      const chunk = wanted.slice(i, i + IDS_PER_QUERY).map(keyOf);
      for (const e of await this.preferences.entriesMatching(f.oneOf('RecordKey', chunk))) {
        if (wanted.includes(e.record.userId)) out.set(e.record.userId, e.record.preference);
      }
    }
    return out;
  }
}
