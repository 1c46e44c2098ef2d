import type Database from 'better-sqlite3';
import { z } from 'zod';
import { instantSchema } from '../../domain/types';
import type { Instant } from '../../domain/types';
import {
  FEED_PREFERENCES,
  type BotStateStore,
  type ConversationRegistration,
  type FeedPreference,
  type NotificationRecord,
  type NotificationState,
} from '../ports';
import { lastErrorOf, mayClaim, validClaim } from '../botLedger';
import { validateRecord } from '../records';
import { StoredRecordError, instantMs, jsonList, run } from './records';

const registrationSchema = z.object({
  conversationId: z.string().min(1),
  kind: z.enum(['channel', 'personal', 'groupChat']),
  tenantId: z.string().nullable(),
  teamId: z.string().nullable(),
  userId: z.string().nullable(),
  reference: z.unknown(),
  active: z.boolean(),
  updatedAt: instantSchema,
});

const feedPreferenceSchema = z.object({
  userId: z.string().trim().min(1).max(200),
  preference: z.enum(FEED_PREFERENCES),
  now: instantSchema,
});

interface ConversationRow {
  conversation_id: string;
  kind: ConversationRegistration['kind'];
  tenant_id: string | null;
  team_id: string | null;
  user_id: string | null;
  reference: string;
  active: number;
  updated_at: string;
}

interface NotificationRow {
  id: string;
  state: NotificationState;
  claimed_by: string;
  claimed_at: string;
  claimed_at_ms: number;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
}

/**
 * Where the bot can post, and the ledger that makes every notification go out once: a claim is taken
 * in an immediate transaction, so of two sweeps (threads, processes) racing for one id only one wins.
 */
export class SqliteBotStateStore implements BotStateStore {
  private readonly upsertConv: Database.Statement;
  private readonly listConv: Database.Statement;
  private readonly listConvByActive: Database.Statement;
  private readonly setActive: Database.Statement;
  private readonly selectNotification: Database.Statement;
  private readonly insertClaim: Database.Statement;
  private readonly reclaim: Database.Statement;
  private readonly markSent: Database.Statement;
  private readonly markFailed: Database.Statement;
  private readonly selectNotifications: Database.Statement;
  private readonly upsertPreference: Database.Statement;
  private readonly selectPreferences: Database.Statement;
  private readonly claimTx: (id: string, owner: string, now: Instant, leaseMs: number) => boolean;

  constructor(db: Database.Database) {
    this.upsertConv = db.prepare(`
      INSERT INTO conversations (conversation_id, kind, tenant_id, team_id, user_id, reference, active, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (conversation_id) DO UPDATE SET
        kind = excluded.kind, tenant_id = excluded.tenant_id, team_id = excluded.team_id,
        user_id = excluded.user_id, reference = excluded.reference, active = excluded.active,
        updated_at = excluded.updated_at`);
    this.listConv = db.prepare('SELECT * FROM conversations ORDER BY conversation_id');
    this.listConvByActive = db.prepare(
      'SELECT * FROM conversations WHERE active = ? ORDER BY conversation_id',
    );
    this.setActive = db.prepare(
      'UPDATE conversations SET active = ?, updated_at = ? WHERE conversation_id = ?',
    );
    this.selectNotification = db.prepare('SELECT * FROM notifications WHERE id = ?');
    this.insertClaim = db.prepare(`
      INSERT INTO notifications (id, state, claimed_by, claimed_at, claimed_at_ms, sent_at, attempts, last_error)
      VALUES (?, 'claimed', ?, ?, ?, NULL, 1, NULL)`);
    this.reclaim = db.prepare(`
      UPDATE notifications SET state = 'claimed', claimed_by = ?, claimed_at = ?, claimed_at_ms = ?,
        attempts = attempts + 1
      WHERE id = ?`);
    // Marking never downgrades a `sent` row: once sent, an id can never be claimed again. A mark with
    // no claim before it (a caller bug) still records the outcome rather than forget it.
    this.markSent = db.prepare(`
      INSERT INTO notifications (id, state, claimed_by, claimed_at, claimed_at_ms, sent_at, attempts, last_error)
      VALUES (@id, 'sent', '', @now, @nowMs, @now, 1, NULL)
      ON CONFLICT (id) DO UPDATE SET state = 'sent', sent_at = @now WHERE state <> 'sent'`);
    this.markFailed = db.prepare(`
      INSERT INTO notifications (id, state, claimed_by, claimed_at, claimed_at_ms, sent_at, attempts, last_error)
      VALUES (@id, 'failed', '', @now, @nowMs, NULL, 1, @error)
      ON CONFLICT (id) DO UPDATE SET state = 'failed', last_error = @error WHERE state <> 'sent'`);
    this.selectNotifications = db.prepare(
      'SELECT * FROM notifications WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
    );

    this.upsertPreference = db.prepare(`
      INSERT INTO feed_preferences (user_id, preference, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET preference = excluded.preference, updated_at = excluded.updated_at`);
    this.selectPreferences = db.prepare(
      'SELECT user_id, preference FROM feed_preferences WHERE user_id IN (SELECT value FROM json_each(?))',
    );

    const tx = db.transaction((id: string, owner: string, now: Instant, leaseMs: number): boolean => {
      const nowMs = instantMs(now, 'now');
      const row = this.selectNotification.get(id) as NotificationRow | undefined;
      const current = row ? { state: row.state, claimedAtMs: row.claimed_at_ms } : null;
      if (!mayClaim(current, nowMs, leaseMs)) return false;
      if (row) this.reclaim.run(owner, now, nowMs, id);
      else this.insertClaim.run(id, owner, now, nowMs);
      return true;
    });
    this.claimTx = (id, owner, now, leaseMs) => tx.immediate(id, owner, now, leaseMs);
  }

  upsertConversation(reg: ConversationRegistration): Promise<void> {
    return run(() => {
      const r = validateRecord(registrationSchema, 'Conversation', reg);
      this.upsertConv.run(
        r.conversationId,
        r.kind,
        r.tenantId,
        r.teamId,
        r.userId,
        JSON.stringify(r.reference ?? null),
        r.active ? 1 : 0,
        r.updatedAt,
      );
    });
  }

  listConversations(query: { active?: boolean } = {}): Promise<ConversationRegistration[]> {
    return run(() => {
      const rows = (
        query.active === undefined ? this.listConv.all() : this.listConvByActive.all(query.active ? 1 : 0)
      ) as ConversationRow[];
      return rows.map((row) => {
        let reference: unknown;
        try {
          reference = JSON.parse(row.reference);
        } catch {
          throw new StoredRecordError('conversations', row.conversation_id, 'is not valid JSON');
        }
        return {
          conversationId: row.conversation_id,
          kind: row.kind,
          tenantId: row.tenant_id,
          teamId: row.team_id,
          userId: row.user_id,
          reference,
          active: row.active === 1,
          updatedAt: row.updated_at,
        };
      });
    });
  }

  /** A conversation the bot never registered is left alone (nothing to deactivate). */
  setConversationActive(conversationId: string, active: boolean, now: Instant): Promise<void> {
    return run(() => {
      instantMs(now, 'now');
      this.setActive.run(active ? 1 : 0, now, conversationId);
    });
  }

  claimNotification(id: string, owner: string, now: Instant, leaseMs: number): Promise<boolean> {
    return run(() => {
      const c = validClaim(id, owner, now, leaseMs);
      return this.claimTx(c.id, c.owner, c.now, c.leaseMs);
    });
  }

  markNotificationSent(id: string, now: Instant): Promise<void> {
    return run(() => {
      this.markSent.run({ id, now, nowMs: instantMs(now, 'now') });
    });
  }

  markNotificationFailed(id: string, error: string, now: Instant): Promise<void> {
    return run(() => {
      this.markFailed.run({ id, now, nowMs: instantMs(now, 'now'), error: lastErrorOf(error) });
    });
  }

  getNotifications(ids: readonly string[]): Promise<NotificationRecord[]> {
    return run(() =>
      (this.selectNotifications.all(jsonList(ids)) as NotificationRow[]).map((row) => ({
        id: row.id,
        state: row.state,
        claimedBy: row.claimed_by,
        claimedAt: row.claimed_at,
        sentAt: row.sent_at,
        attempts: row.attempts,
        lastError: row.last_error,
      })),
    );
  }

  setFeedPreference(userId: string, preference: FeedPreference, now: Instant): Promise<void> {
    return run(() => {
      const p = feedPreferenceSchema.parse({ userId, preference, now });
      this.upsertPreference.run(p.userId.toLowerCase(), p.preference, p.now);
    });
  }

  getFeedPreferences(userIds: readonly string[]): Promise<Map<string, FeedPreference>> {
    return run(() => {
      const rows = this.selectPreferences.all(jsonList(userIds.map((u) => u.toLowerCase()))) as {
        user_id: string;
        preference: string;
      }[];
      const out = new Map<string, FeedPreference>();
      for (const row of rows) {
        const parsed = z.enum(FEED_PREFERENCES).safeParse(row.preference);
        if (!parsed.success)
          throw new StoredRecordError('feed_preferences', row.user_id, 'does not match the schema');
        out.set(row.user_id, parsed.data);
      }
      return out;
    });
  }
}
