/**
 * Runs the sweep in the server: a full sweep at start (to post what was missed while down) and at each
 * daily slot (08:30 London on working days); between slots, a quick sweep every few minutes plans only
 * the immediate kinds (minutes published), so those go out within minutes of the event.
 *
 * Sweeps never overlap in one process; across instances the ledger keeps them apart.
 */
import {
  IMMEDIATE_KINDS,
  type NotificationKind,
  type NotificationPolicy,
  nextSlotAtOrAfter,
} from '../domain/notifications';
import type { Policy } from '../domain/policy';
import type { Logger } from '../log';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending sweep must not keep the process alive at shutdown.
    t.unref();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SchedulerDeps {
  /** Runs one sweep; `kinds` undefined means a full sweep. */
  sweep(kinds: ReadonlySet<NotificationKind> | undefined): Promise<unknown>;
  policy: Policy;
  notificationPolicy: NotificationPolicy;
  intervalMs: number;
  clock: () => Date;
  timers?: Timers;
  log: Logger;
}

export interface Scheduler {
  /** Stops the timer and waits for a running sweep to finish. */
  stop(): Promise<void>;
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const timers = deps.timers ?? realTimers;
  let handle: unknown = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  // The next slot a full sweep is owed for.
  let nextFull = nextSlotAtOrAfter(
    new Date(deps.clock().getTime() + 1),
    deps.policy,
    deps.notificationPolicy,
  );

  const run = (kinds: ReadonlySet<NotificationKind> | undefined) => {
    running = deps
      .sweep(kinds)
      .then(() => undefined)
      .catch((e: unknown) => {
        deps.log.error('sweep failed', {
          error: e instanceof Error ? e.name : 'unknown',
          full: kinds === undefined,
        });
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    const now = deps.clock().getTime();
    const wait = Math.max(0, Math.min(deps.intervalMs, nextFull.getTime() - now));
    handle = timers.set(tick, wait);
  };

  const tick = () => {
    const now = deps.clock();
    let kinds: ReadonlySet<NotificationKind> | undefined = IMMEDIATE_KINDS;
    if (now.getTime() >= nextFull.getTime()) {
      kinds = undefined;
      nextFull = nextSlotAtOrAfter(new Date(now.getTime() + 1), deps.policy, deps.notificationPolicy);
    }
    void run(kinds).then(schedule);
  };

  void run(undefined).then(schedule);
  return {
    stop: async () => {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      await running;
    },
  };
}
