/**
 * Retention and disposal (issue 18): the admin's monthly disposal review, retention holds, and the
 * approved disposal of one case's personal data, on whichever store is configured.
 *
 * Disposal is a list of scrubbers, one per kind of record (`SCRUBBERS`): each counts what it would change
 * for a case (the review shows it) and scrubs it (the disposal). A new kind of record about a case (the
 * disclosure log, for one) is one more entry. The case record goes last and carries the disposal mark,
 * so a disposal that stops half way leaves the case proposed, and approving it again finishes the job
 * (every scrubber is idempotent).
 */
import {
  redactionFor,
  scrubAction,
  scrubCase,
  scrubDisclosure,
  scrubEscalation,
  scrubMeeting,
  scrubMinutes,
  scrubUpdate,
  type Redaction,
} from '../domain/disposal';
import { ConflictError, InvalidError, NotFoundError } from '../domain/errors';
import {
  DEFAULT_RETENTION_RULE,
  describeRetentionRule,
  retentionVerdict,
  type DisposalCandidate,
  type DisposalReview,
  type HeldCase,
  type RetentionRule,
  type ReviewDue,
  reviewSchedule,
} from '../domain/retention';
import type { Case, CaseRef, Meeting } from '../domain/types';
import { minutesContentFrom, minutesRecordOf } from '../documents/minutesRecord';
import type { MinutesContent } from '../domain/minutes';
import type { Store } from '../store/ports';
import { type Call, type OperationDeps, audit, authorize, nowIso, today } from './context';
import type { DisposeInput, HoldInput } from '../contract/inputs';

/** What one scrubber sees: the case, what replaces its data, and reads shared across scrubbers. */
export interface ScrubContext {
  store: Store;
  call: Call;
  case: Case;
  redaction: Redaction;
  /** Every meeting, read once per review or disposal (meetings can mention any child). */
  meetings(): Promise<Meeting[]>;
}

/** One kind of record a disposal changes. */
export interface RecordScrubber {
  /** What the review calls it: "timeline entries", "actions"... */
  kind: string;
  /** How many records of this kind the disposal of the case would change. */
  count(ctx: ScrubContext): Promise<number>;
  /** Changes them; safe to run again on records already scrubbed. */
  scrub(ctx: ScrubContext): Promise<void>;
}

/** Retries a conditional write once on a conflict (a meeting saved meanwhile), with a fresh read. */
async function withRetry(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    await write();
  }
}

const timeline: RecordScrubber = {
  kind: 'timeline entries',
  count: async ({ store, case: c }) => (await store.updates.list(c.ref)).length,
  scrub: async ({ store, case: c, redaction }) => {
    for (const u of await store.updates.list(c.ref)) {
      const next = scrubUpdate(u, redaction);
      if (next.text !== u.text || next.by.id !== u.by.id) await store.updates.redact(u.id, next);
    }
  },
};

const actions: RecordScrubber = {
  kind: 'actions',
  count: async ({ store, case: c }) => (await store.actions.list({ caseRef: c.ref })).length,
  scrub: async ({ store, case: c, redaction, call }) => {
    for (const a of await store.actions.list({ caseRef: c.ref })) {
      await withRetry(async () => {
        const current = (await store.actions.get(a.id)) ?? a;
        await store.actions.redact(a.id, current.version, scrubAction(current, redaction), nowIso(call));
      });
    }
  },
};

const escalations: RecordScrubber = {
  kind: 'escalations',
  count: async ({ store, case: c }) => (await store.escalations.list({ caseRef: c.ref })).length,
  scrub: async ({ store, case: c, redaction, call }) => {
    for (const e of await store.escalations.list({ caseRef: c.ref })) {
      await withRetry(async () => {
        const current = (await store.escalations.get(e.id)) ?? e;
        await store.escalations.redact(
          e.id,
          current.version,
          scrubEscalation(current, redaction),
          nowIso(call),
        );
      });
    }
  },
};

/**
 * The disclosure log: each entry keeps the record that a lawful disclosure was made (date, categories,
 * basis, agency and role); its free text and names go. Before the minutes, so minutes rebuilt from the
 * records read the scrubbed entries.
 */
const disclosures: RecordScrubber = {
  kind: 'disclosure log entries',
  count: async ({ store, case: c }) => (await store.disclosures.listByCase(c.ref)).length,
  scrub: async ({ store, case: c, redaction }) => {
    for (const d of await store.disclosures.listByCase(c.ref)) {
      const next = scrubDisclosure(d, redaction);
      const now = {
        details: d.details,
        reason: d.reason,
        recipient: d.recipient,
        authorisedBy: d.authorisedBy,
        recordedBy: d.recordedBy,
      };
      if (JSON.stringify(now) !== JSON.stringify(next)) await store.disclosures.redact(d.id, next);
    }
  },
};

const meetings: RecordScrubber = {
  kind: 'meeting records',
  count: async (ctx) => (await ctx.meetings()).filter((m) => scrubMeeting(m, ctx.redaction) !== null).length,
  scrub: async ({ store, redaction, call, meetings: all }) => {
    for (const m of await all()) {
      if (scrubMeeting(m, redaction) === null) continue;
      await withRetry(async () => {
        const current = (await store.meetings.get(m.id)) ?? m;
        const patch = scrubMeeting(current, redaction);
        if (patch) await store.meetings.update(m.id, current.version, patch, nowIso(call));
      });
    }
  },
};

/**
 * Minutes: the stored content is scrubbed and the .docx rendered again from it. Minutes stored before
 * their content was kept are rebuilt from the (already scrubbed) records, the only source left.
 */
const minutes: RecordScrubber = {
  kind: 'minutes',
  count: async ({ store, redaction, meetings: all }) => {
    let n = 0;
    for (const m of await all()) if ((await scrubbedMinutes(store, m, redaction)) !== null) n++;
    return n;
  },
  scrub: async ({ store, redaction, meetings: all }) => {
    for (const m of await all()) {
      const next = await scrubbedMinutes(store, m, redaction);
      if (next === null) continue;
      const document = await store.minutes.get(m.id);
      if (!document) continue;
      const record = await minutesRecordOf(next, m.id, document.createdAt);
      await store.minutes.put({ ...record, fileName: document.fileName });
    }
  },
};

/** The meeting's minutes content without the child, or null when its minutes hold nothing of them. */
async function scrubbedMinutes(store: Store, m: Meeting, r: Redaction): Promise<MinutesContent | null> {
  const content = await store.minutes.getContent(m.id);
  if (content) return scrubMinutes(content, r);
  if (!mentions(m, r.ref) || !(await store.minutes.get(m.id))) return null;
  return minutesContentFrom(store, (await store.meetings.get(m.id)) ?? m);
}

function mentions(m: Meeting, ref: CaseRef): boolean {
  return m.records.some((r) => r.caseRef === ref) || (m.agenda ?? []).some((i) => i.caseRef === ref);
}

/** The case itself, last: it carries the disposal mark. */
const caseRecord: RecordScrubber = {
  kind: 'case record',
  count: () => Promise.resolve(1),
  scrub: async ({ store, case: c, redaction, call }) => {
    const patch = scrubCase(c, redaction, { disposedAt: nowIso(call), approvedBy: call.caller.id });
    await store.cases.update(c.ref, c.version, patch, nowIso(call));
  },
};

/**
 * Every kind of record a disposal changes, in the order it runs. Add a kind here (with its port's
 * redaction) and the review counts it and the disposal scrubs it; the case record stays last.
 */
export const SCRUBBERS: readonly RecordScrubber[] = [
  timeline,
  actions,
  escalations,
  disclosures,
  meetings,
  minutes,
  caseRecord,
];

function contextFor(
  deps: OperationDeps,
  call: Call,
  c: Case,
  shared: () => Promise<Meeting[]>,
): ScrubContext {
  return { store: deps.store, call, case: c, redaction: redactionFor(c), meetings: shared };
}

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load());
}

function ruleOf(deps: OperationDeps): RetentionRule {
  return deps.policy.retention ?? DEFAULT_RETENTION_RULE;
}

/**
 * The disposal review: the closed cases past retention, each with what its disposal would change, and
 * the cases under a hold. Audited as one view.
 */
export async function disposalReview(deps: OperationDeps, call: Call): Promise<DisposalReview> {
  await authorize(deps, call, 'retention.manage', 'retention');
  const rule = ruleOf(deps);
  const all = await deps.store.cases.list({ status: ['closed'] });
  const shared = memo(() => deps.store.meetings.list());
  const due: DisposalCandidate[] = [];
  const held: HeldCase[] = [];
  for (const c of all) {
    if (c.retentionHold && !c.disposal) {
      held.push({ ref: c.ref, version: c.version, closedOn: c.closure?.date ?? null, hold: c.retentionHold });
    }
    const verdict = retentionVerdict(c, call.now, rule);
    if (!verdict.due || c.closure === null) continue;
    const ctx = contextFor(deps, call, c, shared);
    const willGo = [];
    for (const s of SCRUBBERS) willGo.push({ kind: s.kind, count: await s.count(ctx) });
    due.push({
      ref: c.ref,
      version: c.version,
      yearGroup: c.yearGroup,
      categories: [...c.categories],
      closedOn: c.closure.date,
      closureReason: c.closure.reason,
      reason: verdict.reason,
      willGo,
    });
  }
  // The previous review (opened or a disposal approved), read before this one is audited.
  const schedule = reviewSchedule(await lastReviewAt(deps), call.now);
  await audit(deps, call, 'retention.review', 'retention', ['due', 'held']);
  return { asOf: today(call), rule: describeRetentionRule(rule), due, held, schedule };
}

/** When the disposal review was last held: the latest opening or approved disposal in the audit. */
async function lastReviewAt(deps: OperationDeps): Promise<Date | null> {
  const [viewed, disposed] = await Promise.all([
    deps.store.audit.query({ action: 'retention.review', limit: 1 }),
    deps.store.audit.query({ action: 'retention.dispose', limit: 1 }),
  ]);
  const latest = [...viewed, ...disposed]
    .map((e) => e.at)
    .sort()
    .at(-1);
  return latest ? new Date(latest) : null;
}

/**
 * Whether the monthly review is due, for the admin's navigation. Reading it holds no review, so it is not
 * audited as one (it carries dates only).
 */
export async function reviewDue(deps: OperationDeps, call: Call): Promise<ReviewDue> {
  await authorize(deps, call, 'retention.manage', 'retention');
  const { previous, dueOn, overdue } = reviewSchedule(await lastReviewAt(deps), call.now);
  return { previous, dueOn, overdue };
}

async function loadCase(deps: OperationDeps, ref: string): Promise<Case> {
  const c = await deps.store.cases.get(ref);
  if (!c) throw new NotFoundError(`Case ${ref}`);
  return c;
}

/**
 * Disposes of one case the admin approved: only a case the review proposes now (closed, past retention,
 * not held, not reopened), at the version the admin saw, with its ref typed again. The approval is
 * audited before anything changes; then every scrubber runs, the case record last.
 */
export async function disposeCase(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedVersion: number,
  input: DisposeInput,
): Promise<{ ref: CaseRef; version: number }> {
  await authorize(deps, call, 'retention.manage', ref);
  if (input.confirmRef.toUpperCase() !== ref.toUpperCase()) {
    throw new InvalidError('Type the case reference to approve its disposal.', [
      { path: 'confirmRef', message: 'does not match the case' },
    ]);
  }
  const c = await loadCase(deps, ref);
  const verdict = retentionVerdict(c, call.now, ruleOf(deps));
  if (!verdict.due) {
    throw new InvalidError('This case is not due for disposal.', [
      { path: 'retention', message: verdict.why },
    ]);
  }
  if (c.version !== expectedVersion) throw new ConflictError<Case>(c);
  await audit(
    deps,
    call,
    'retention.dispose',
    ref,
    SCRUBBERS.map((s) => s.kind),
    c.version,
    null,
  );
  const ctx = contextFor(
    deps,
    call,
    c,
    memo(() => deps.store.meetings.list()),
  );
  for (const s of SCRUBBERS) await s.scrub(ctx);
  await deps.store.purge?.();
  const after = await loadCase(deps, ref);
  return { ref, version: after.version };
}

/** Places a legal or safeguarding hold: the case is not proposed for disposal while it stands. */
export async function placeHold(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedVersion: number,
  input: HoldInput,
): Promise<{ ref: CaseRef; version: number }> {
  await authorize(deps, call, 'retention.manage', ref);
  const c = await loadCase(deps, ref);
  if (c.disposal) {
    throw new InvalidError('This case was already disposed of.', [{ path: 'disposal', message: 'is set' }]);
  }
  const updated = await deps.store.cases.update(
    ref,
    expectedVersion,
    { retentionHold: { reason: input.reason, setBy: call.caller.id, setAt: nowIso(call) } },
    nowIso(call),
  );
  await audit(deps, call, 'retention.hold', ref, ['retentionHold'], expectedVersion, updated.version);
  return { ref, version: updated.version };
}

/** Releases a hold: the case is judged by the retention rule again. */
export async function releaseHold(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedVersion: number,
): Promise<{ ref: CaseRef; version: number }> {
  await authorize(deps, call, 'retention.manage', ref);
  const c = await loadCase(deps, ref);
  if (!c.retentionHold) {
    throw new InvalidError('This case has no hold.', [{ path: 'retentionHold', message: 'is not set' }]);
  }
  const updated = await deps.store.cases.update(ref, expectedVersion, { retentionHold: null }, nowIso(call));
  await audit(deps, call, 'retention.release', ref, ['retentionHold'], expectedVersion, updated.version);
  return { ref, version: updated.version };
}
