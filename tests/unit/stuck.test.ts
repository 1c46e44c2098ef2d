import { describeStuckReason, stuckStatus, stuckWindowStart } from '../../src/domain/stuck';
import { deferrals, makeAction, makeCase, meeting, policyWith } from './fixtures';

const policy = policyWith();
const NOW = new Date('2026-03-10T12:00:00Z');
const MEETINGS = [
  meeting('jan', '2026-01-06T10:00:00.000Z'),
  meeting('feb', '2026-02-03T10:00:00.000Z'),
  meeting('mar', '2026-03-03T10:00:00.000Z'),
  meeting('apr', '2026-03-31T09:00:00.000Z', 'scheduled'),
];

/** An open case with no change since before the February meeting. */
const quiet = makeCase({ lastProgressAt: '2026-01-20T09:00:00.000Z' });

describe('the no-progress window', () => {
  it('starts at the earliest of the last 2 meetings held', () => {
    expect(stuckWindowStart(MEETINGS, NOW, policy)?.toISOString()).toBe('2026-02-03T10:00:00.000Z');
  });

  it('skips cancelled meetings and meetings not yet held', () => {
    const withCancelled = MEETINGS.map((m) => (m.id === 'mar' ? { ...m, status: 'cancelled' as const } : m));
    expect(stuckWindowStart(withCancelled, NOW, policy)?.toISOString()).toBe('2026-01-06T10:00:00.000Z');
    expect(stuckWindowStart(MEETINGS, new Date('2026-03-03T09:59:00Z'), policy)?.toISOString()).toBe(
      '2026-01-06T10:00:00.000Z',
    );
  });

  it('uses the number of meetings from the policy', () => {
    const three = policyWith({ stuckMeetings: 3 });
    expect(stuckWindowStart(MEETINGS, NOW, three)?.toISOString()).toBe('2026-01-06T10:00:00.000Z');
  });

  it('is null when fewer meetings than the setting have been held', () => {
    expect(stuckWindowStart(MEETINGS.slice(0, 1), NOW, policy)).toBeNull();
    expect(stuckWindowStart(MEETINGS, NOW, policyWith({ stuckMeetings: 4 }))).toBeNull();
  });
});

describe('stuck cases', () => {
  it('is stuck with no progress at the last 2 meetings', () => {
    expect(stuckStatus(quiet, [], MEETINGS, NOW, policy)).toEqual({
      stuck: true,
      reasons: [{ code: 'no-progress', meetings: 2, since: '2026-02-03' }],
    });
  });

  it('is not stuck when status, provision or concern changed within the window', () => {
    const moved = makeCase({ lastProgressAt: '2026-02-04T09:00:00.000Z' });
    expect(stuckStatus(moved, [], MEETINGS, NOW, policy).stuck).toBe(false);
    const onTheDay = makeCase({ lastProgressAt: '2026-02-03T10:00:00.000Z' });
    expect(stuckStatus(onTheDay, [], MEETINGS, NOW, policy).stuck).toBe(false);
  });

  it('is not stuck when an action was completed on or after the first day of the window', () => {
    const doneOnMeetingDay = makeAction({ status: 'done', completedOn: '2026-02-03' });
    expect(stuckStatus(quiet, [doneOnMeetingDay], MEETINGS, NOW, policy).stuck).toBe(false);
    const doneBefore = makeAction({ status: 'done', completedOn: '2026-02-02' });
    expect(stuckStatus(quiet, [doneBefore], MEETINGS, NOW, policy).stuck).toBe(true);
  });

  it('does not apply the no-progress rule before enough meetings have been held', () => {
    expect(stuckStatus(quiet, [], MEETINGS.slice(0, 1), NOW, policy)).toEqual({ stuck: false, reasons: [] });
  });

  it('is stuck when an open action was deferred as often as the setting', () => {
    const moved = makeCase({ lastProgressAt: '2026-03-05T09:00:00.000Z' });
    const twice = makeAction({ id: 'a-2', deferrals: deferrals(2) });
    expect(stuckStatus(moved, [twice], MEETINGS, NOW, policy)).toEqual({
      stuck: true,
      reasons: [{ code: 'deferred', actionId: 'a-2', deferrals: 2 }],
    });
  });

  it('ignores deferrals below the setting and on actions no longer open', () => {
    const moved = makeCase({ lastProgressAt: '2026-03-05T09:00:00.000Z' });
    const once = makeAction({ id: 'a-1', deferrals: deferrals(1) });
    const doneAfterThree = makeAction({
      id: 'a-3',
      status: 'done',
      completedOn: '2026-03-04',
      deferrals: deferrals(3),
    });
    expect(stuckStatus(moved, [once, doneAfterThree], MEETINGS, NOW, policy).stuck).toBe(false);
    expect(stuckStatus(moved, [once], MEETINGS, NOW, policyWith({ stuckDeferrals: 1 })).stuck).toBe(true);
  });

  it('is stuck when the chair flagged it, and lists every reason', () => {
    const flagged = makeCase({ stuckFlag: true, lastProgressAt: '2026-01-20T09:00:00.000Z' });
    const action = makeAction({ id: 'a-9', deferrals: deferrals(3) });
    expect(stuckStatus(flagged, [action], MEETINGS, NOW, policy).reasons).toEqual([
      { code: 'flagged' },
      { code: 'no-progress', meetings: 2, since: '2026-02-03' },
      { code: 'deferred', actionId: 'a-9', deferrals: 3 },
    ]);
  });

  it('never calls a closed case stuck', () => {
    const closed = makeCase({
      status: 'closed',
      stuckFlag: true,
      lastProgressAt: '2025-01-01T00:00:00.000Z',
    });
    expect(stuckStatus(closed, [makeAction({ deferrals: deferrals(5) })], MEETINGS, NOW, policy)).toEqual({
      stuck: false,
      reasons: [],
    });
  });

  it('uses a precomputed window instead of the meetings when one is given', () => {
    const windowStart = new Date('2026-01-06T10:00:00.000Z');
    expect(stuckStatus(quiet, [], [], NOW, policy, { windowStart }).reasons).toEqual([]);
    const older = makeCase({ lastProgressAt: '2025-12-01T09:00:00.000Z' });
    expect(stuckStatus(older, [], [], NOW, policy, { windowStart }).reasons).toEqual([
      { code: 'no-progress', meetings: 2, since: '2026-01-06' },
    ]);
    expect(stuckStatus(older, [], MEETINGS, NOW, policy, { windowStart: null }).stuck).toBe(false);
  });
});

describe('stuck reasons for people', () => {
  it('describes each reason without child data', () => {
    expect(describeStuckReason({ code: 'no-progress', meetings: 2, since: '2026-02-03' })).toBe(
      'no progress at the last 2 meetings',
    );
    expect(describeStuckReason({ code: 'no-progress', meetings: 1, since: '2026-02-03' })).toBe(
      'no progress at the last meeting',
    );
    expect(describeStuckReason({ code: 'deferred', actionId: 'a', deferrals: 3 })).toBe(
      'action deferred 3 times',
    );
    expect(describeStuckReason({ code: 'flagged' })).toBe('flagged stuck by the chair');
  });
});
