/**
 * The rule of the bot's exactly-once ledger, shared by both stores (each keeps only its storage and its
 * way of making the claim atomic): what a claim must carry, when an id may be claimed, and what a claim
 * writes. An id is claimed when it has no record yet, when its last delivery failed, or when the sweep
 * holding it let its lease run out (crashed mid-send); a sent id is never claimed again.
 */
import { z } from 'zod';
import { instantSchema } from '../domain/types';
import type { Instant } from '../domain/types';
import type { NotificationRecord, NotificationState } from './ports';
import { validateRecord } from './records';

const claimSchema = z.object({
  id: z.string().min(1),
  owner: z.string().min(1),
  now: instantSchema,
  leaseMs: z.number().nonnegative(),
});
export type NotificationClaim = z.infer<typeof claimSchema>;

/** A claim as asked for, checked (`InvalidError` naming the fields when it is not valid). */
export function validClaim(id: string, owner: string, now: Instant, leaseMs: number): NotificationClaim {
  return validateRecord(claimSchema, 'Notification claim', { id, owner, now, leaseMs });
}

/** `lastError` is a short code; anything longer is cut so a careless caller cannot park a message here. */
export const MAX_ERROR_LENGTH = 200;

export function lastErrorOf(error: string): string {
  return error.slice(0, MAX_ERROR_LENGTH);
}

/** The lease rule: may a claim at `nowMs` take an id whose record is `current` (null: none yet)? */
export function mayClaim(
  current: { state: NotificationState; claimedAtMs: number } | null,
  nowMs: number,
  leaseMs: number,
): boolean {
  if (current === null || current.state === 'failed') return true;
  return current.state === 'claimed' && current.claimedAtMs < nowMs - leaseMs;
}

/** The record a claim writes over `current`, or null when the claim loses (see {@link mayClaim}). */
export function claimedRecord(
  current: NotificationRecord | null,
  claim: NotificationClaim,
  nowMs: number,
): NotificationRecord | null {
  const held = current && { state: current.state, claimedAtMs: Date.parse(current.claimedAt) };
  if (!mayClaim(held, nowMs, claim.leaseMs)) return null;
  if (current === null) {
    return {
      id: claim.id,
      state: 'claimed',
      claimedBy: claim.owner,
      claimedAt: claim.now,
      sentAt: null,
      attempts: 1,
      lastError: null,
    };
  }
  return {
    ...current,
    state: 'claimed',
    claimedBy: claim.owner,
    claimedAt: claim.now,
    attempts: current.attempts + 1,
  };
}
