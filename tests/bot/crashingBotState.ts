/**
 * A `BotStateStore` that dies like a killed process: at a chosen point (before or after one operation)
 * it throws, and every later call throws too, so nothing more reaches the real store. What the real store
 * holds afterwards is exactly what a crash at that point would leave behind.
 */
import type {
  BotStateStore,
  ConversationRegistration,
  FeedPreference,
  NotificationRecord,
} from '../../src/store/ports';

export class ProcessKilled extends Error {
  constructor() {
    super('process killed (simulated)');
    this.name = 'ProcessKilled';
  }
}

type Op = 'claim' | 'sent' | 'failed';

export interface CrashPoint {
  /** Dies instead of running the operation. */
  before?: (op: Op, id: string) => boolean;
  /** Dies right after the operation completed (its write is durable). */
  after?: (op: Op, id: string, result: unknown) => boolean;
}

export class CrashingBotState implements BotStateStore {
  dead = false;

  constructor(
    private readonly inner: BotStateStore,
    private readonly crash: CrashPoint,
  ) {}

  private async guard<T>(op: Op, id: string, run: () => Promise<T>): Promise<T> {
    if (this.dead) throw new ProcessKilled();
    if (this.crash.before?.(op, id)) {
      this.dead = true;
      throw new ProcessKilled();
    }
    const result = await run();
    if (this.crash.after?.(op, id, result)) {
      this.dead = true;
      throw new ProcessKilled();
    }
    return result;
  }

  private alive(): void {
    if (this.dead) throw new ProcessKilled();
  }

  async upsertConversation(reg: ConversationRegistration): Promise<void> {
    this.alive();
    return this.inner.upsertConversation(reg);
  }

  async listConversations(query?: { active?: boolean }): Promise<ConversationRegistration[]> {
    this.alive();
    return this.inner.listConversations(query);
  }

  async setConversationActive(conversationId: string, active: boolean, now: string): Promise<void> {
    this.alive();
    return this.inner.setConversationActive(conversationId, active, now);
  }

  claimNotification(id: string, owner: string, now: string, leaseMs: number): Promise<boolean> {
    return this.guard('claim', id, () => this.inner.claimNotification(id, owner, now, leaseMs));
  }

  markNotificationSent(id: string, now: string): Promise<void> {
    return this.guard('sent', id, () => this.inner.markNotificationSent(id, now));
  }

  markNotificationFailed(id: string, error: string, now: string): Promise<void> {
    return this.guard('failed', id, () => this.inner.markNotificationFailed(id, error, now));
  }

  async getNotifications(ids: readonly string[]): Promise<NotificationRecord[]> {
    this.alive();
    return this.inner.getNotifications(ids);
  }

  setFeedPreference(userId: string, preference: FeedPreference, now: string): Promise<void> {
    this.alive();
    return this.inner.setFeedPreference(userId, preference, now);
  }

  getFeedPreferences(userIds: readonly string[]): Promise<Map<string, FeedPreference>> {
    this.alive();
    return this.inner.getFeedPreferences(userIds);
  }
}
