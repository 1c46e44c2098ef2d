import { startScheduler, type Timers } from '../../src/bot/scheduler';
import { IMMEDIATE_KINDS, type NotificationKind } from '../../src/domain/notifications';
import { silentLogger } from '../../src/log';
import { NP, POLICY } from './fixtures';

/** Timers that fire only when the test says so, on a clock the test moves. */
class ManualTimers implements Timers {
  pending: { fn: () => void; due: number; handle: number }[] = [];
  private next = 1;

  constructor(private readonly clock: { now: Date }) {}

  set(fn: () => void, ms: number): unknown {
    const handle = this.next++;
    this.pending.push({ fn, due: this.clock.now.getTime() + ms, handle });
    return handle;
  }

  clear(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.handle !== handle);
  }

  /** Moves the clock to the next timer and fires it. */
  fireNext(): number {
    const t = this.pending.sort((a, b) => a.due - b.due).shift();
    if (!t) throw new Error('no timer pending');
    this.clock.now = new Date(t.due);
    t.fn();
    return t.due;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the scheduler', () => {
  it('sweeps fully at start, quickly between slots, and fully again at 08:30 London', async () => {
    const clock = { now: new Date('2026-03-25T08:10:00.000Z') };
    const timers = new ManualTimers(clock);
    const runs: { at: string; kinds: ReadonlySet<NotificationKind> | undefined }[] = [];
    const scheduler = startScheduler({
      sweep: async (kinds) => {
        runs.push({ at: clock.now.toISOString(), kinds });
      },
      policy: POLICY,
      notificationPolicy: NP,
      intervalMs: 5 * 60_000,
      clock: () => clock.now,
      timers,
      log: silentLogger,
    });
    await flush();
    for (let i = 0; i < 4; i++) {
      timers.fireNext();
      await flush();
    }
    expect(runs.map((r) => [r.at, r.kinds === undefined ? 'full' : 'quick'])).toEqual([
      ['2026-03-25T08:10:00.000Z', 'full'],
      ['2026-03-25T08:15:00.000Z', 'quick'],
      ['2026-03-25T08:20:00.000Z', 'quick'],
      ['2026-03-25T08:25:00.000Z', 'quick'],
      ['2026-03-25T08:30:00.000Z', 'full'],
    ]);
    expect(runs[1]?.kinds).toBe(IMMEDIATE_KINDS);
    await scheduler.stop();
    expect(timers.pending).toEqual([]);
  });

  it('waits through the weekend for the next full sweep and keeps the quick ones going', async () => {
    const clock = { now: new Date('2026-03-27T09:00:00.000Z') };
    const timers = new ManualTimers(clock);
    const full: string[] = [];
    const scheduler = startScheduler({
      sweep: async (kinds) => {
        if (kinds === undefined) full.push(clock.now.toISOString());
      },
      policy: POLICY,
      notificationPolicy: NP,
      intervalMs: 24 * 3_600_000,
      clock: () => clock.now,
      timers,
      log: silentLogger,
    });
    await flush();
    for (let i = 0; i < 3; i++) {
      timers.fireNext();
      await flush();
    }
    // Friday at start; Saturday and Sunday quick; Monday 30 March is summer time: 07:30Z.
    expect(full).toEqual(['2026-03-27T09:00:00.000Z', '2026-03-30T07:30:00.000Z']);
    await scheduler.stop();
  });

  it('keeps going after a failed sweep', async () => {
    const clock = { now: new Date('2026-03-25T08:10:00.000Z') };
    const timers = new ManualTimers(clock);
    let calls = 0;
    const scheduler = startScheduler({
      sweep: async () => {
        calls++;
        if (calls === 1) throw new Error('store unavailable');
      },
      policy: POLICY,
      notificationPolicy: NP,
      intervalMs: 60_000,
      clock: () => clock.now,
      timers,
      log: silentLogger,
    });
    await flush();
    timers.fireNext();
    await flush();
    expect(calls).toBe(2);
    await scheduler.stop();
  });
});
