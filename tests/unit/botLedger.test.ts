import { claimedRecord, lastErrorOf, mayClaim, validClaim } from '../../src/store/botLedger';
import type { NotificationRecord } from '../../src/store/ports';

const T0 = Date.parse('2027-03-08T09:00:00.000Z');
const LEASE = 10 * 60_000;

describe('the bot ledger’s claim and lease rule (both stores)', () => {
  test('an id with no record or a failed delivery may be claimed; a sent one never', () => {
    expect(mayClaim(null, T0, LEASE)).toBe(true);
    expect(mayClaim({ state: 'failed', claimedAtMs: T0 }, T0, LEASE)).toBe(true);
    expect(mayClaim({ state: 'sent', claimedAtMs: T0 - 10 * LEASE }, T0, LEASE)).toBe(false);
  });

  test('a claim is taken over only once its lease has run out, not at the last moment of it', () => {
    expect(mayClaim({ state: 'claimed', claimedAtMs: T0 - LEASE }, T0, LEASE)).toBe(false);
    expect(mayClaim({ state: 'claimed', claimedAtMs: T0 - LEASE - 1 }, T0, LEASE)).toBe(true);
  });

  test('a re-claim keeps the record, names the new owner and counts the attempt; a losing claim writes nothing', () => {
    const now = new Date(T0).toISOString();
    const claim = validClaim('n-1', 'sweep-b', now, LEASE);
    const failed: NotificationRecord = {
      id: 'n-1',
      state: 'failed',
      claimedBy: 'sweep-a',
      claimedAt: new Date(T0 - 1000).toISOString(),
      sentAt: null,
      attempts: 2,
      lastError: 'http-429',
    };
    expect(claimedRecord(failed, claim, T0)).toEqual({
      ...failed,
      state: 'claimed',
      claimedBy: 'sweep-b',
      claimedAt: now,
      attempts: 3,
    });
    expect(claimedRecord({ ...failed, state: 'claimed' }, claim, T0)).toBeNull();
    expect(claimedRecord(null, claim, T0)).toMatchObject({
      state: 'claimed',
      attempts: 1,
      claimedBy: 'sweep-b',
    });
  });

  test('a claim without an owner or with a negative lease is refused; a long error is cut to a code', () => {
    expect(() => validClaim('n-1', '', new Date(T0).toISOString(), LEASE)).toThrow(/owner/);
    expect(() => validClaim('n-1', 'sweep-a', new Date(T0).toISOString(), -1)).toThrow(/leaseMs/);
    expect(lastErrorOf('x'.repeat(500))).toHaveLength(200);
  });
});
