/**
 * A year in the life of the CMOE group, in virtual time, over the real code: the operations (referrals,
 * meetings run with records, SMART actions, deferrals, escalations and responses, closures, a cancelled
 * meeting), a real store (SQLite or SharePoint, through the `Store` port only), the bot (installed, removed
 * and added back through its own handler), the real scheduler with virtual timers, the real sweep and
 * proactive sender (CloudAdapter) posting to the fake Bot Connector.
 *
 * Every date comes from one virtual clock (`VirtualTiming`), moved from event to event; randomness from a
 * seeded PRNG, so a run is the same every time. What the simulation does is written to a journal
 * (tests/sim/journal.ts) from its own side, for the oracle (tests/sim/oracle.ts) to judge the posts.
 */
import { TestAdapter } from 'botbuilder';
import { findDevUser } from '../../src/auth/devUsers';
import { makePrincipal } from '../../src/auth/principal';
import { createAdapter } from '../../src/bot/adapter';
import { CmoeBot } from '../../src/bot/bot';
import { DevRoleDirectory } from '../../src/bot/roleDirectory';
import { type Scheduler, type Timers, startScheduler } from '../../src/bot/scheduler';
import { CloudAdapterSender } from '../../src/bot/sender';
import { type SweepDeps, runSweep } from '../../src/bot/sweep';
import { VirtualTiming } from '../../src/bot/timing';
import { describeStuckReason } from '../../src/domain/stuck';
import {
  type NotificationKind,
  type NotificationPolicy,
  notificationPolicySchema,
} from '../../src/domain/notifications';
import { type Policy, policySchema } from '../../src/domain/policy';
import type { Person } from '../../src/domain/types';
import { silentLogger } from '../../src/log';
import { completeAction, extendAction } from '../../src/operations/actions';
import { referCase, updateCase } from '../../src/operations/cases';
import type { Call } from '../../src/operations/context';
import { recordEscalationResponse } from '../../src/operations/escalations';
import {
  addMeetingAction,
  changeConcernInMeeting,
  closeInMeeting,
  escalateInMeeting,
  finishMeeting,
  publishMinutes,
  saveRecord,
  startMeeting,
} from '../../src/operations/meetingMode';
import { cancelMeeting, scheduleFromCadence } from '../../src/operations/meetings';
import type { Store } from '../../src/store/ports';
import { CrashingBotState } from '../bot/crashingBotState';
import { BOT, LINKS, TEAM, botAddedToTeam } from '../bot/harness';
import { FakeBotConnector } from '../fakes/botConnector';
import { type CaseFacts, type Journal, newJournal } from './journal';
import { type Post, identify } from './oracle';
import {
  addWorkingDays,
  isWorkingDay,
  londonAt,
  londonDate,
  nextWorkingDayFrom,
  plusDays,
} from './oracleCalendar';

/** A small, seeded PRNG (mulberry32): the same seed gives the same year. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The group's settings for the year: meets every 4 weeks on Tuesdays at 10:00; a summer school holiday. */
export const SIM_POLICY: Policy = policySchema.parse({
  cadence: { anchorDate: '2027-01-19', everyWeeks: 4, time: '10:00' },
  calendar: { schoolHolidays: [{ start: '2027-07-22', end: '2027-09-01' }] },
});

/** Defaults, with the terms of reference agreed on 30 June (review due 30 May, a Sunday before a bank holiday). */
export const SIM_NP: NotificationPolicy = notificationPolicySchema.parse({ torAnniversary: '2019-06-30' });

export interface YearOptions {
  store: Store;
  seed: number;
  /** First day (London) simulated, from 00:00. */
  from: string;
  /** Days simulated. */
  days: number;
  /** The sweep's planner (default: the app's); the oracle's own test injects a wrong one. */
  plan?: SweepDeps['plan'];
  /** Referrals per working day, on average. */
  referralRate?: number;
  /** Extra (manual or restart) sweeps on non-working days: where a wrong calendar shows. */
  offDayRunRate?: number;
}

export interface YearResult {
  journal: Journal;
  posts: Post[];
  /** HTTP send attempts the fake Bot Connector answered with a failure. */
  failedAttempts: number;
  /** Those failures by HTTP status. */
  failedByStatus: Record<number, number>;
  sweeps: number;
}

type Event = { at: number; seq: number; run: () => Promise<void> };

const OWNERS = ['dev-member-ewo', 'dev-member-send', 'dev-member-ss'] as const;
const NO_PROGRESS = describeStuckReason({ code: 'no-progress', meetings: 2, since: '2000-01-01' });
const LEASE_MS = 15 * 60_000;

function person(id: string): Person {
  const u = findDevUser(id);
  if (!u) throw new Error(`no dev user ${id}`);
  return { id: u.id, name: u.name, email: u.email };
}

export async function simulateYear(o: YearOptions): Promise<YearResult> {
  const { store } = o;
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const start = londonAt(o.from, '00:00');
  const end = londonAt(plusDays(o.from, o.days), '00:00');
  const lastDay = plusDays(o.from, o.days - 1);
  const timing = new VirtualTiming(start, prng(o.seed + 1));
  const journal = newJournal(start, end, SIM_NP.torAnniversary as string);
  const fake = await FakeBotConnector.start({ clock: () => timing.now() });
  const policy = SIM_POLICY;

  const call = (userId: string): Call => {
    const u = findDevUser(userId);
    if (!u) throw new Error(`no dev user ${userId}`);
    return { caller: makePrincipal(u), now: new Date(timing.now()) };
  };
  const today = () => londonDate(timing.now());
  const deps = { store, policy };

  // --- The bot: its handler (installs, removal) and its sweeps ------------------------------------------
  const bot = new CmoeBot({
    ...deps,
    directory: new DevRoleDirectory(),
    links: LINKS,
    clock: () => new Date(timing.now()),
    log: silentLogger,
  });
  const turns = new TestAdapter(async (context) => bot.run(context));
  const sender = new CloudAdapterSender(
    createAdapter({ appId: null, appPassword: null, appType: 'SingleTenant', tenantId: null }, silentLogger),
    '',
    () => timing.now(),
  );
  const sweepDeps = (instanceId: string, over: Partial<SweepDeps> = {}): SweepDeps => ({
    store,
    policy,
    notificationPolicy: SIM_NP,
    directory: new DevRoleDirectory(),
    sender,
    links: LINKS,
    log: silentLogger,
    timing,
    instanceId,
    leaseMs: LEASE_MS,
    teamId: TEAM,
    ...(o.plan ? { plan: o.plan } : {}),
    ...over,
  });
  const sweep = async (
    instanceId: string,
    kinds?: ReadonlySet<NotificationKind>,
    over: Partial<SweepDeps> = {},
  ) => {
    journal.sweeps.push({ at: timing.now(), full: kinds === undefined, instance: instanceId });
    await runSweep(sweepDeps(instanceId, over), kinds ? { kinds } : {});
  };

  // --- Virtual time: events, and the scheduler's one timer ----------------------------------------------
  const queue: Event[] = [];
  let seq = 0;
  const at = (t: number, run: () => Promise<void>) => {
    if (t < end) queue.push({ at: t, seq: seq++, run });
  };
  let pending: { at: number; fn: () => void } | null = null;
  let onSet: (() => void) | null = null;
  const timers: Timers = {
    set: (fn, ms) => {
      const handle = { at: timing.now() + ms, fn };
      pending = handle;
      onSet?.();
      return handle;
    },
    clear: (h) => {
      if (pending === h) pending = null;
    },
  };
  const timerSet = () => new Promise<void>((resolve) => (onSet = () => ((onSet = null), resolve())));
  const moveTo = (t: number) => {
    if (t > timing.now()) timing.advance(t - timing.now());
  };

  // Special days: the process killed, a second instance, Bot Connector bursts and an outage, the bot removed.
  const working: string[] = [];
  for (let d = o.from; d <= lastDay; d = plusDays(d, 1)) if (isWorkingDay(d)) working.push(d);
  // Each falls on a morning with a meeting reminder or list check due, so there is always something to catch up.
  const killFrom = nextWorkingDayFrom('2027-03-12');
  const outageDay = '2027-09-24';
  const removedAt = londonAt('2027-06-23', '12:00');
  const addedAt = londonAt('2027-06-30', '08:00');
  const special = new Set([killFrom, plusDays(killFrom, 1), outageDay]);
  for (let d = '2027-06-23'; d <= '2027-06-30'; d = plusDays(d, 1)) special.add(d);
  const ordinary = working.filter((d) => !special.has(d));
  const twinDays = new Set(Array.from({ length: 12 }, () => pick(ordinary)));
  const burstDays = new Set(Array.from({ length: 10 }, () => pick(ordinary)));
  let killArmed = o.from <= killFrom && killFrom <= lastDay;
  let killed = false;

  let scheduler: Scheduler | null = null;
  const schedulerSweep = async (kinds: ReadonlySet<NotificationKind> | undefined) => {
    const now = timing.now();
    if (kinds === undefined && killArmed && today() >= killFrom && now === londonAt(today(), '08:30')) {
      // The process dies right after claiming its first delivery, before sending it.
      const dying = new CrashingBotState(store.bot, {
        after: (op, id, result) => op === 'claim' && !id.endsWith('~send') && result === true,
      });
      try {
        await sweep('scheduler', undefined, { store: { ...store, bot: dying } });
      } finally {
        if (dying.dead) {
          killArmed = false;
          killed = true;
        }
      }
      return;
    }
    if (kinds === undefined && twinDays.has(today()) && now === londonAt(today(), '08:30')) {
      await Promise.all([sweep('scheduler'), sweep('second-instance')]);
      return;
    }
    await sweep('scheduler', kinds);
  };
  const startTheScheduler = async () => {
    const set = timerSet();
    scheduler = startScheduler({
      sweep: schedulerSweep,
      policy,
      notificationPolicy: SIM_NP,
      intervalMs: 4 * 3_600_000,
      clock: () => new Date(timing.now()),
      timers,
      log: silentLogger,
    });
    await set;
  };

  // --- The group: meetings, referrals, actions, escalations ----------------------------------------------
  const concern = new Map<string, 'high' | 'medium' | 'low'>();
  const discussedCount = new Map<string, number>();
  const caseFacts = (ref: string) => journal.cases.get(ref) as CaseFacts;
  const statusOf = (ref: string) => caseFacts(ref).statuses.at(-1)?.status ?? 'closed';
  const progress = (ref: string, status?: string) => {
    const f = caseFacts(ref);
    f.progress.push(timing.now());
    if (status) f.statuses.push({ at: timing.now(), status });
  };
  let children = 0;

  const refer = async () => {
    children++;
    const received = today();
    const { case: c } = await referCase(deps, call('dev-member-ss'), {
      firstName: pick(['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun']),
      lastName: `Simcase${children}`,
      dateOfBirth: `${2012 + Math.floor(rnd() * 8)}-0${1 + Math.floor(rnd() * 8)}-1${Math.floor(rnd() * 9)}`,
      upn: null,
      lastSchool: 'Synthetic Primary',
      categories: [pick(['permanently-excluded', 'no-school-place', 'cme', 'part-time-or-ap'] as const)],
      provision: 'none',
      hoursPerWeek: null,
      outOfEducationSince: plusDays(received, -40),
      exclusionDate: null,
      timetableEndDate: null,
      timetableReviewDate: null,
      referralSource: 'ewo',
      referredBy: 'Demo Member (Dee Madeup)',
      receivedOn: received,
      lead: null,
      agencies: [],
      sendStatus: 'none',
      socialCareStatus: 'none',
      cseRisk: 'not-checked',
      concernNotes: '',
    });
    journal.cases.set(c.ref, {
      ref: c.ref,
      progress: [timing.now()],
      statuses: [{ at: timing.now(), status: 'referred' }],
      flags: [],
    });
    concern.set(c.ref, 'medium');
  };

  /** An action's life: completed early, on time or late, deferred once or twice, or left open. */
  const planAction = (id: string, ownerId: string, due: string) => {
    const fate = rnd();
    const completeOn = (day: string) =>
      at(londonAt(day, '14:00'), async () => {
        const a = await store.actions.get(id);
        if (!a || a.status !== 'open' || statusOf(a.caseRef) === 'closed') return;
        await completeAction(deps, call(ownerId), id, a.version, { note: 'Done as agreed' });
        const f = journal.actions.get(id);
        if (f) {
          f.completedAt = timing.now();
          f.completedOn = today();
        }
      });
    const lifeFrom = (currentDue: string, deferralsLeft: number) => {
      if (deferralsLeft > 0) {
        const day = addWorkingDays(currentDue, -1 - Math.floor(rnd() * 3));
        at(londonAt(day, '11:00'), async () => {
          const a = await store.actions.get(id);
          if (!a || a.status !== 'open' || statusOf(a.caseRef) === 'closed') return;
          const next = addWorkingDays(currentDue, 10);
          await extendAction(deps, call(ownerId), id, a.version, {
            dueDate: next,
            reason: 'Waiting on a panel',
          });
          journal.actions.get(id)?.episodes.push({ due: next, from: timing.now() });
          lifeFrom(next, deferralsLeft - 1);
        });
        return;
      }
      const r = rnd();
      if (r < 0.45) completeOn(addWorkingDays(currentDue, -Math.floor(rnd() * 4)));
      else if (r < 0.9) completeOn(addWorkingDays(currentDue, 1 + Math.floor(rnd() * 14)));
      // else: left open (overdue reminders every 5 working days until the case closes)
    };
    if (fate < 0.2) lifeFrom(due, 1);
    else if (fate < 0.3) lifeFrom(due, 2);
    else lifeFrom(due, 0);
  };

  const newAction = async (meetingId: string, ref: string) => {
    const ownerId = pick(OWNERS);
    const due = addWorkingDays(today(), 6 + Math.floor(rnd() * 18));
    const a = await addMeetingAction(deps, call('dev-chair'), meetingId, ref, {
      description: 'Secure a school place',
      successMeasure: 'Place offered in writing',
      owner: person(ownerId),
      ownerService: 'Education',
      dueDate: due,
    });
    journal.actions.set(a.id, {
      id: a.id,
      caseRef: ref,
      createdAt: timing.now(),
      episodes: [{ due, from: timing.now() }],
      completedAt: null,
      completedOn: null,
    });
    planAction(a.id, ownerId, due);
  };

  const escalate = async (meetingId: string, ref: string) => {
    const c = await store.cases.get(ref);
    if (!c) return;
    const { escalation } = await escalateInMeeting(deps, call('dev-chair'), meetingId, ref, c.version, {
      to: 'head-of-service',
      reason: 'No progress',
      decisionRequested: 'Fund a tutor',
    });
    progress(ref, 'escalated');
    const f = caseFacts(ref);
    f.flags.push({ at: timing.now(), on: false });
    journal.escalations.set(escalation.id, {
      id: escalation.id,
      caseRef: ref,
      raisedAt: timing.now(),
      responseDue: escalation.responseDue,
      respondedAt: null,
    });
    // Some answers come in time, some late (the chair is then prompted).
    const answerDay = addWorkingDays(today(), 4 + Math.floor(rnd() * 11));
    at(londonAt(answerDay, '15:00'), async () => {
      const e = await store.escalations.get(escalation.id);
      if (!e || statusOf(ref) === 'closed') return;
      await recordEscalationResponse(deps, call('dev-chair'), e.id, e.version, { response: 'Tutor funded' });
      const ef = journal.escalations.get(e.id);
      if (ef) ef.respondedAt = timing.now();
      const now = await store.cases.get(ref);
      if (!now) return;
      await updateCase(deps, call('dev-chair'), ref, now.version, { status: 'open' });
      progress(ref, 'open');
    });
  };

  const holdMeeting = async (id: string) => {
    const m0 = await store.meetings.get(id);
    if (!m0 || m0.status !== 'scheduled') return;
    const facts = journal.meetings.get(id);
    if (!facts) return;
    const m = await startMeeting(deps, call('dev-chair'), id, m0.version);
    facts.heldAt = timing.now();
    facts.agendaNoProgress = new Set(
      (m.agenda ?? []).filter((i) => i.reasons.includes(NO_PROGRESS)).map((i) => i.caseRef),
    );
    for (const item of m.agenda ?? []) {
      if (rnd() < 0.08) continue; // not reached
      const ref = item.caseRef;
      moveTo(timing.now() + 3 * 60_000);
      await saveRecord(deps, call('dev-chair'), id, ref, 0, {
        summary: 'Discussed',
        decisions: 'As minuted',
      });
      facts.discussed.add(ref);
      discussedCount.set(ref, (discussedCount.get(ref) ?? 0) + 1);
      const status = statusOf(ref);
      const r = rnd();
      const stuck = item.section === 'stuck' || item.reasons.includes(NO_PROGRESS);
      if (status !== 'escalated' && (discussedCount.get(ref) ?? 0) >= 3 && r < 0.12) {
        const c = await store.cases.get(ref);
        if (!c) continue;
        await closeInMeeting(deps, call('dev-chair'), id, ref, c.version, {
          reason: 'school-place',
          date: today(),
          note: null,
        });
        progress(ref, 'closed');
        continue;
      }
      if (status !== 'escalated' && stuck && r < 0.6) {
        await escalate(id, ref);
        continue;
      }
      if (rnd() < 0.3) {
        const was = concern.get(ref) ?? 'medium';
        const to = pick((['high', 'medium', 'low'] as const).filter((x) => x !== was));
        const c = await store.cases.get(ref);
        if (c) {
          await changeConcernInMeeting(deps, call('dev-chair'), id, ref, c.version, to);
          concern.set(ref, to);
          progress(ref);
        }
      } else if (status === 'referred' && rnd() < 0.5) {
        const c = await store.cases.get(ref);
        if (c) {
          await updateCase(deps, call('dev-chair'), ref, c.version, { status: 'open' });
          progress(ref, 'open');
        }
      }
      if (rnd() < 0.55) await newAction(id, ref);
    }
    moveTo(londonAt(today(), '12:00'));
    const held = await store.meetings.get(id);
    if (!held) return;
    await finishMeeting(deps, call('dev-chair'), id, held.version);
    const content = await store.minutes.getContent(id);
    facts.minutesCases = new Set((content?.cases ?? []).map((c) => c.caseRef));
    const publishAt =
      rnd() < 0.6 ? londonAt(today(), '15:00') : londonAt(addWorkingDays(today(), 1), '10:00');
    at(publishAt, async () => {
      const done = await store.meetings.get(id);
      if (!done) return;
      await publishMinutes(deps, call('dev-chair'), id, done.version);
      facts.publishedAt = timing.now();
    });
  };

  // --- The year ----------------------------------------------------------------------------------------
  moveTo(londonAt(o.from, '07:00'));
  await turns.processActivity({ ...botAddedToTeam(), serviceUrl: fake.url });
  for (const m of await scheduleFromCadence(deps, call('dev-chair'), 14)) {
    const date = londonDate(Date.parse(m.startsAt));
    journal.meetings.set(m.id, {
      id: m.id,
      date,
      startsAt: Date.parse(m.startsAt),
      cancelledAt: null,
      heldAt: null,
      publishedAt: null,
      discussed: new Set(),
      agendaNoProgress: null,
      minutesCases: null,
    });
    at(Date.parse(m.startsAt), () => holdMeeting(m.id));
  }
  // The meeting in the summer holiday is cancelled three weeks ahead.
  const summer = [...journal.meetings.values()].find((m) => m.date >= '2027-07-22' && m.date <= '2027-09-01');
  if (summer) {
    at(londonAt(addWorkingDays(summer.date, -15), '11:00'), async () => {
      const m = await store.meetings.get(summer.id);
      if (!m) return;
      await cancelMeeting(deps, call('dev-chair'), summer.id, m.version);
      summer.cancelledAt = timing.now();
    });
  }

  for (const d of working) {
    if (rnd() < (o.referralRate ?? 0.17)) at(londonAt(d, '11:00') + Math.floor(rnd() * 300) * 60_000, refer);
    if (rnd() < 0.15) {
      const t = londonAt(d, '07:00') + Math.floor(rnd() * 660) * 60_000;
      at(t, () => sweep('extra-run'));
    }
    if (burstDays.has(d)) {
      // A burst of throttling and unavailability at the morning sweep, shorter than the sender's retries:
      // the first sends of the sweep fail, then the service recovers.
      at(londonAt(d, '08:29'), async () => {
        const burst = [
          { status: 429, headers: { 'retry-after': '2' } },
          { status: 503 },
          { status: 429, headers: { 'retry-after': '1' } },
          { status: 503, headers: { 'retry-after': '3' } },
          { status: 429 },
        ];
        fake.setRule(() => burst.shift());
      });
      at(londonAt(d, '08:45'), async () => fake.setRule(undefined));
    }
  }
  for (let d = o.from; d <= lastDay; d = plusDays(d, 1)) {
    if (!isWorkingDay(d) && rnd() < (o.offDayRunRate ?? 0.3)) {
      at(londonAt(d, '09:00') + Math.floor(rnd() * 480) * 60_000, () => sweep('restart'));
    }
  }
  // The chair flags two cases stuck by hand; the second late on a Friday, and the server restarts on the
  // Saturday (its start-up sweep must leave the prompt for Monday's 08:30).
  at(londonAt('2027-10-09', '10:00'), () => sweep('restart'));
  for (const [day, time] of [
    ['2027-04-21', '11:00'],
    ['2027-10-08', '17:30'],
  ] as const) {
    at(londonAt(day, time), async () => {
      const candidates = [...journal.cases.values()].filter(
        (c) => !['closed', 'escalated'].includes(statusOf(c.ref)),
      );
      if (candidates.length === 0) return;
      const f = pick(candidates);
      const c = await store.cases.get(f.ref);
      if (!c) return;
      await updateCase(deps, call('dev-chair'), f.ref, c.version, { stuckFlag: true });
      f.flags.push({ at: timing.now(), on: true });
    });
  }
  // The Bot Connector down for a morning, then a manual run.
  at(londonAt(outageDay, '08:00'), async () => fake.setRule(() => ({ status: 503 })));
  at(londonAt(outageDay, '11:00'), async () => {
    fake.setRule(undefined);
    journal.outages.push({ from: londonAt(outageDay, '08:00'), to: timing.now(), why: 'Bot Connector 503' });
  });
  at(londonAt(outageDay, '11:30'), () => sweep('extra-run'));
  // The bot removed from the team for a week, then added back.
  at(removedAt, async () => {
    await turns.processActivity({
      ...botAddedToTeam(),
      serviceUrl: fake.url,
      membersAdded: [],
      membersRemoved: [{ id: BOT.id, name: BOT.name }],
      channelData: { eventType: 'teamMemberRemoved', team: { id: TEAM }, tenant: { id: 'tenant-1' } },
    });
    fake.setRule(() => ({ status: 403 }));
  });
  at(addedAt, async () => {
    fake.setRule(undefined);
    await turns.processActivity({ ...botAddedToTeam(), serviceUrl: fake.url });
    journal.outages.push({ from: removedAt, to: addedAt, why: 'bot removed from the team' });
  });

  await startTheScheduler();
  for (;;) {
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = queue[0];
    const timer = pending as { at: number; fn: () => void } | null;
    const useTimer = timer !== null && (next === undefined || timer.at <= next.at);
    const t = useTimer ? (timer as { at: number }).at : next?.at;
    if (t === undefined || t >= end) break;
    moveTo(t);
    if (useTimer && timer) {
      const set = timerSet();
      pending = null;
      timer.fn();
      await set;
      if (killed) {
        // The process is gone; it is restarted 20 minutes later (after the claim's lease ran out).
        killed = false;
        const killAt = timing.now();
        await (scheduler as Scheduler | null)?.stop();
        scheduler = null;
        pending = null;
        const restartAt = londonAt(today(), '08:50');
        journal.outages.push({ from: londonAt(today(), '08:30'), to: restartAt, why: 'process killed' });
        at(Math.max(restartAt, killAt), startTheScheduler);
      }
    } else if (next) {
      queue.shift();
      await next.run();
    }
  }
  await (scheduler as Scheduler | null)?.stop();
  await fake.close();

  const posts = fake.posted.map((p) => identify(p.activity, p.at));
  const failedAttempts = fake.requests.filter((r) => r.status >= 400).length;
  const failedByStatus: Record<number, number> = {};
  for (const r of fake.requests)
    if (r.status >= 400) failedByStatus[r.status] = (failedByStatus[r.status] ?? 0) + 1;
  return { journal, posts, failedAttempts, failedByStatus, sweeps: journal.sweeps.length };
}
