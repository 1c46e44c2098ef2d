/**
 * The sweep: plan what is due, then for each notification and each target channel, record the intent
 * (claim), send, and mark it sent. Safe to run anywhere, any number of times, side by side:
 *
 * - Idempotent: a delivery's ledger key is the notification's stable id plus the conversation; a sent
 *   key is never claimed again, so a re-run posts nothing twice.
 * - Two instances at once: claims are atomic (`BotStateStore.claimNotification`), so one wins each key.
 * - Crash between claim and send: the claim's lease runs out and a later sweep sends it, once.
 * - Crash between send and mark-sent: before each HTTP attempt a second ledger row, the send marker, is
 *   claimed with a lease that never runs out, and released only when an attempt certainly posted nothing.
 *   A later sweep that finds the key's lease expired and the marker still held cannot know whether the
 *   message went out, so it does not send again (at most once) and records `final:unknown-outcome`.
 * - Downtime: the planner plans everything still due, so the first sweep after it posts what was missed.
 *
 * Personal nudges (issue 20, `feed`): before the channel posts, each notification that nudges someone
 * (`feedRecipients`) goes to their Teams activity feed through the same ledger, under a key of its own per
 * person (`feedKey`: never the channel's). A person's preference says channel, feed or both (default both);
 * the channel post is left out only when every person it nudges wants the feed alone and every one of their
 * feed notifications went (or is in flight). When Graph refuses one for good (permission missing, not in the
 * team) the refusal is logged once per sweep and reason, and the channel post goes instead, once (its own
 * ledger key).
 */
import { createHash } from 'node:crypto';
import type { Role } from '../auth/roles';
import {
  type NotificationKind,
  type NotificationPolicy,
  type NotificationSnapshot,
  type PlannedNotification,
  planNotifications,
} from '../domain/notifications';
import type { Policy } from '../domain/policy';
import { OPEN_CASE_STATUSES } from '../domain/types';
import type { Logger } from '../log';
import type { ConversationRegistration, NotificationRecord, Store } from '../store/ports';
import {
  type ActivityFeed,
  DEFAULT_FEED_PREFERENCE,
  type FeedPreference,
  feedMessage,
  feedRecipients,
} from './activityFeed';
import { cardActivity } from './cards/adaptive';
import { notificationCard, notificationSummary } from './cards/notifications';
import { DEFAULT_RETRY, type DeliveryRetryPolicy, deliver } from './delivery';
import type { LinkSettings } from './links';
import { RateLimiter, type RateWindow, TEAMS_THREAD_LIMITS } from './rateLimiter';
import { type StoredReference, storedReferenceSchema } from './registrations';
import type { RoleDirectory } from './roleDirectory';
import type { ProactiveSender } from './sender';
import type { Timing } from './timing';

/** The send marker's lease: it never expires (see the file comment). */
const NEVER = Number.MAX_SAFE_INTEGER;
const CHAIR: Role = 'CMOE.Chair';

export interface SweepDeps {
  store: Store;
  policy: Policy;
  notificationPolicy: NotificationPolicy;
  directory: RoleDirectory;
  sender: ProactiveSender;
  links: LinkSettings;
  log: Logger;
  /** Real in production; virtual in tests. Ledger times come from here, not from the planning `now`. */
  timing: Timing;
  /** Names this sweep's claims in the ledger. */
  instanceId: string;
  /** How long a claim holds before another sweep may take it over (longer than one delivery can take). */
  leaseMs: number;
  /** Only channels of this team receive posts (production: the group's team); null: every installed channel. */
  teamId: string | null;
  /**
   * Only channels of this tenant receive posts (the bot's own tenant when it signs in with an app id);
   * null: any. A registration from another tenant (a forged or stray install) is never posted to.
   */
  tenantId?: string | null;
  rateWindows?: readonly RateWindow[];
  retry?: DeliveryRetryPolicy;
  /** A delivery that failed this many times (across sweeps) is given up and logged. */
  maxAttempts?: number;
  /**
   * The planner (default: the domain's `planNotifications`). Only the year simulation's own test passes
   * another (a deliberately wrong one), to prove its independent oracle notices when the app is wrong.
   */
  plan?: typeof planNotifications;
  /** Personal nudges in the activity feed (ACTIVITY_FEED=on); absent: channel posts only. */
  feed?: FeedDeps;
}

export interface FeedDeps {
  port: ActivityFeed;
  /** Each person's preference by Entra object id (lower case); a person missing from it: `both`. */
  preferences?: (userIds: readonly string[]) => Promise<ReadonlyMap<string, FeedPreference>>;
}

export type FeedResult =
  | 'sent'
  | 'would-send'
  | 'already-sent'
  | 'held-elsewhere'
  | 'refused'
  | 'failed'
  | 'given-up'
  | 'ambiguous'
  | 'channel-only';

export interface SweepOptions {
  /** The time the planner plans for (default: `timing.now()`). */
  now?: Date;
  /** Plan and report, but claim and send nothing. */
  dryRun?: boolean;
  /** Only these kinds (the scheduler's quick ticks). */
  kinds?: ReadonlySet<NotificationKind>;
}

export type DeliveryResult =
  | 'sent'
  | 'would-send'
  | 'already-sent'
  | 'held-elsewhere'
  | 'given-up'
  | 'failed'
  | 'ambiguous'
  | 'target-gone';

export interface SweepReport {
  at: string;
  planned: number;
  targets: number;
  deliveries: {
    id: string;
    kind: NotificationKind;
    conversationId: string;
    result: DeliveryResult;
    code?: string;
  }[];
  counts: Record<DeliveryResult, number>;
  /** Conversations marked inactive by this sweep (403/404). */
  deactivated: string[];
  /** Activity feed notifications (empty when the feed is off). */
  feed: { id: string; kind: NotificationKind; userId: string; result: FeedResult; code?: string }[];
}

/**
 * The planner's input, read from the store; chairs come from the role directory. For the quick ticks
 * (minutes published only) just the meetings are read: every few minutes, a SharePoint store would
 * otherwise page through every case and action.
 */
export async function readSnapshot(
  store: Store,
  directory: RoleDirectory,
  kinds?: ReadonlySet<NotificationKind>,
): Promise<NotificationSnapshot> {
  if (kinds !== undefined && [...kinds].every((k) => k === 'minutes-published')) {
    return { cases: [], actions: [], meetings: await store.meetings.list({}), escalations: [], chairs: [] };
  }
  const [cases, actions, meetings, escalations, chairs] = await Promise.all([
    store.cases.list({ status: [...OPEN_CASE_STATUSES] }),
    store.actions.list({ status: ['open', 'done'] }),
    store.meetings.list({}),
    store.escalations.list({ awaitingResponse: true }),
    directory.holders(CHAIR),
  ]);
  return { cases, actions, meetings, escalations, chairs };
}

/** The ledger key of one delivery: stable id + conversation (hashed: conversation ids are long). */
export function deliveryKey(notificationId: string, conversationId: string): string {
  const conv = createHash('sha256').update(conversationId).digest('hex').slice(0, 16);
  return `${notificationId}#${conv}`;
}

/**
 * The channels that receive notifications: active channel registrations of the group's team (if set)
 * and of the bot's tenant (if set).
 */
export function targetsOf(
  registrations: readonly ConversationRegistration[],
  teamId: string | null,
  log: Logger,
  tenantId: string | null = null,
): { conversationId: string; reference: StoredReference }[] {
  const out: { conversationId: string; reference: StoredReference }[] = [];
  for (const r of registrations) {
    if (!r.active || r.kind !== 'channel' || (teamId !== null && r.teamId !== teamId)) continue;
    if (tenantId !== null && (r.tenantId ?? '').toLowerCase() !== tenantId.toLowerCase()) continue;
    const ref = storedReferenceSchema.safeParse(r.reference);
    if (!ref.success) {
      log.warn('conversation reference unusable', { conversation: r.conversationId });
      continue;
    }
    out.push({ conversationId: r.conversationId, reference: ref.data });
  }
  return out;
}

/** The ledger key of one activity feed notification: stable id + the person (never a channel's key). */
export function feedKey(notificationId: string, userId: string): string {
  const user = createHash('sha256').update(userId.toLowerCase()).digest('hex').slice(0, 16);
  return `${notificationId}#feed:${user}`;
}

/** A feed ledger row Graph refused for good: the channel post stands in for it. */
function refusedRow(rec: NotificationRecord | undefined): boolean {
  return rec?.state === 'failed' && (rec.lastError ?? '').startsWith('final:refused-');
}

function emptyCounts(): Record<DeliveryResult, number> {
  return {
    sent: 0,
    'would-send': 0,
    'already-sent': 0,
    'held-elsewhere': 0,
    'given-up': 0,
    failed: 0,
    ambiguous: 0,
    'target-gone': 0,
  };
}

/** A ledger row that will not be retried: sent, failed for good, or failed too often. */
function settled(rec: NotificationRecord | undefined, maxAttempts: number): DeliveryResult | null {
  if (!rec) return null;
  if (rec.state === 'sent') return 'already-sent';
  if (rec.state === 'failed' && ((rec.lastError ?? '').startsWith('final:') || rec.attempts >= maxAttempts)) {
    return 'given-up';
  }
  return null;
}

export async function runSweep(deps: SweepDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const { store, log, timing } = deps;
  const now = options.now ?? new Date(timing.now());
  const ledgerNow = () => new Date(timing.now()).toISOString();
  const maxAttempts = deps.maxAttempts ?? 8;

  const snapshot = await readSnapshot(store, deps.directory, options.kinds);
  const planned = (deps.plan ?? planNotifications)(snapshot, deps.policy, deps.notificationPolicy, now, {
    ...(options.kinds ? { kinds: options.kinds } : {}),
  });
  const targets = targetsOf(
    await store.bot.listConversations({ active: true }),
    deps.teamId,
    log,
    deps.tenantId ?? null,
  );

  const feedReport: SweepReport['feed'] = [];
  const feedOnly = deps.feed ? await sendFeed(deps, deps.feed, planned, options, feedReport) : new Set();

  const work: { n: PlannedNotification; target: (typeof targets)[number]; key: string }[] = [];
  for (const n of planned) {
    if (feedOnly.has(n.id)) continue;
    for (const target of targets) work.push({ n, target, key: deliveryKey(n.id, target.conversationId) });
  }
  const ledger = new Map(
    (await store.bot.getNotifications(work.map((w) => w.key))).map((r) => [r.id, r] as const),
  );

  const report: SweepReport = {
    at: now.toISOString(),
    planned: planned.length,
    targets: targets.length,
    deliveries: [],
    counts: emptyCounts(),
    deactivated: [],
    feed: feedReport,
  };
  const record = (w: (typeof work)[number], result: DeliveryResult, code?: string) => {
    report.deliveries.push({
      id: w.n.id,
      kind: w.n.kind,
      conversationId: w.target.conversationId,
      result,
      ...(code ? { code } : {}),
    });
    report.counts[result]++;
  };

  const limiter = new RateLimiter(deps.rateWindows ?? TEAMS_THREAD_LIMITS, timing);
  const gone = new Set<string>();
  for (const w of work) {
    const done = settled(ledger.get(w.key), maxAttempts);
    if (done) {
      record(w, done);
      continue;
    }
    if (gone.has(w.target.conversationId)) {
      record(w, 'target-gone');
      continue;
    }
    if (options.dryRun) {
      record(w, 'would-send');
      continue;
    }
    if (!(await store.bot.claimNotification(w.key, deps.instanceId, ledgerNow(), deps.leaseMs))) {
      record(w, 'held-elsewhere');
      continue;
    }
    const marker = `${w.key}~send`;
    const outcome = await deliver(
      {
        conversationId: w.target.conversationId,
        reference: w.target.reference,
        activity: cardActivity(notificationCard(w.n, deps.links), notificationSummary(w.n)),
      },
      {
        sender: deps.sender,
        limiter,
        timing,
        retry: deps.retry ?? DEFAULT_RETRY,
        beforeAttempt: () => store.bot.claimNotification(marker, deps.instanceId, ledgerNow(), NEVER),
        afterKnownFailure: (code) => store.bot.markNotificationFailed(marker, code, ledgerNow()),
      },
    );
    const fields = { notification: w.n.id, kind: w.n.kind, conversation: w.target.conversationId };
    switch (outcome.status) {
      case 'sent':
        await store.bot.markNotificationSent(w.key, ledgerNow());
        record(w, 'sent');
        break;
      case 'ambiguous':
        // An earlier attempt may have posted it: never risk a second copy.
        await store.bot.markNotificationFailed(w.key, 'final:unknown-outcome', ledgerNow());
        log.warn('notification outcome unknown after an interrupted sweep; not sent again', fields);
        record(w, 'ambiguous', 'final:unknown-outcome');
        break;
      case 'failed': {
        const code = `${outcome.final ? 'final' : 'retry'}:${outcome.code}`;
        await store.bot.markNotificationFailed(w.key, code, ledgerNow());
        log.warn('notification not sent', { ...fields, code, attempts: outcome.attempts });
        record(w, 'failed', code);
        if (outcome.deactivate) {
          gone.add(w.target.conversationId);
          report.deactivated.push(w.target.conversationId);
          await store.bot.setConversationActive(w.target.conversationId, false, ledgerNow());
          log.warn('conversation marked inactive: the bot can no longer post there', {
            conversation: w.target.conversationId,
            code: outcome.code,
          });
        }
        break;
      }
    }
  }

  if (targets.length === 0 && planned.length > 0) {
    log.warn('notifications due but no channel to post in: install the bot in the group team', {
      planned: planned.length,
    });
  }
  log.info('sweep', {
    planned: planned.length,
    targets: targets.length,
    dryRun: options.dryRun ?? false,
    ...report.counts,
    ...(deps.feed ? { feedSent: feedReport.filter((f) => f.result === 'sent').length } : {}),
  });
  return report;
}

/**
 * The activity feed phase: each personal notification once (claim, send marker, send, mark), as the
 * channel deliveries are. Returns the ids of notifications whose channel post is not wanted: every person
 * nudged prefers the feed alone and none of theirs was refused.
 */
async function sendFeed(
  deps: SweepDeps,
  feed: FeedDeps,
  planned: readonly PlannedNotification[],
  options: SweepOptions,
  out: SweepReport['feed'],
): Promise<Set<string>> {
  const { store, log, timing } = deps;
  const ledgerNow = () => new Date(timing.now()).toISOString();
  const maxAttempts = deps.maxAttempts ?? 8;
  const items: { n: PlannedNotification; userId: string; key: string; pref: FeedPreference }[] = [];
  const people = new Set<string>();
  for (const n of planned) for (const p of feedRecipients(n)) people.add(p.id.toLowerCase());
  const prefs = feed.preferences ? await feed.preferences([...people]) : new Map<string, FeedPreference>();
  for (const n of planned) {
    for (const p of feedRecipients(n)) {
      const userId = p.id.toLowerCase();
      items.push({
        n,
        userId,
        key: feedKey(n.id, userId),
        pref: prefs.get(userId) ?? DEFAULT_FEED_PREFERENCE,
      });
    }
  }
  const ledger = new Map(
    (await store.bot.getNotifications(items.map((i) => i.key))).map((r) => [r.id, r] as const),
  );
  /** Notifications that must reach the channel (someone wants it there, or a feed notification was refused). */
  const channelNeeded = new Set<string>();
  const withRecipients = new Set<string>();
  const refusalsLogged = new Set<string>();
  for (const i of items) {
    withRecipients.add(i.n.id);
    const record = (result: FeedResult, code?: string) =>
      out.push({ id: i.n.id, kind: i.n.kind, userId: i.userId, result, ...(code ? { code } : {}) });
    const message = feedMessage(i.n, i.userId, deps.links);
    if (i.pref === 'channel' || message === null) {
      channelNeeded.add(i.n.id);
      record('channel-only');
      continue;
    }
    if (i.pref === 'both') channelNeeded.add(i.n.id);
    const rec = ledger.get(i.key);
    if (refusedRow(rec)) {
      channelNeeded.add(i.n.id);
      record('refused', rec?.lastError ?? undefined);
      continue;
    }
    const done = settled(rec, maxAttempts);
    if (done) {
      // Given up on (failed too often): the channel stands in, as for a refusal; but not for one that
      // may have gone out (unknown outcome): the person probably has it.
      if (done !== 'already-sent' && rec?.lastError !== 'final:unknown-outcome') channelNeeded.add(i.n.id);
      record(done === 'already-sent' ? 'already-sent' : 'given-up');
      continue;
    }
    if (options.dryRun) {
      record('would-send');
      continue;
    }
    if (!(await store.bot.claimNotification(i.key, deps.instanceId, ledgerNow(), deps.leaseMs))) {
      record('held-elsewhere');
      continue;
    }
    const marker = `${i.key}~send`;
    if (!(await store.bot.claimNotification(marker, deps.instanceId, ledgerNow(), NEVER))) {
      // A sweep died mid-send: it may have gone, so never a second copy.
      await store.bot.markNotificationFailed(i.key, 'final:unknown-outcome', ledgerNow());
      record('ambiguous', 'final:unknown-outcome');
      continue;
    }
    const outcome = await feed.port.notify(message);
    switch (outcome.status) {
      case 'sent':
        await store.bot.markNotificationSent(i.key, ledgerNow());
        record('sent');
        break;
      case 'refused': {
        const code = `final:refused-${outcome.reason}`;
        await store.bot.markNotificationFailed(marker, code, ledgerNow());
        await store.bot.markNotificationFailed(i.key, code, ledgerNow());
        channelNeeded.add(i.n.id);
        record('refused', code);
        if (!refusalsLogged.has(outcome.reason)) {
          refusalsLogged.add(outcome.reason);
          // Staff ids and reason only: no case, no child.
          log.warn('activity feed notification refused by Graph; posting in the channel instead', {
            reason: outcome.reason,
          });
        }
        break;
      }
      case 'failed': {
        const code = `retry:${outcome.code}`;
        await store.bot.markNotificationFailed(marker, code, ledgerNow());
        await store.bot.markNotificationFailed(i.key, code, ledgerNow());
        record('failed', code);
        break;
      }
    }
  }
  return new Set([...withRecipients].filter((id) => !channelNeeded.has(id)));
}
