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
}

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

  const work: { n: PlannedNotification; target: (typeof targets)[number]; key: string }[] = [];
  for (const n of planned) {
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
  });
  return report;
}
