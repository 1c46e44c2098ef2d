/**
 * A person's own choice of where their personal nudges go (issue 20): the channel post, their Teams
 * activity feed, or both. Anyone with a CMOE role may set their own, and only their own (the key is the
 * caller's id, never a parameter); someone the directory does not know gets nothing stored.
 */
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { FEED_PREFERENCES, type FeedPreference } from '../store/ports';
import type { Call, OperationDeps } from './context';

/** The input, validated at the edge (bot command today; a route can reuse it). */
export const feedPreferenceInputSchema = z.enum(FEED_PREFERENCES);

function assertMember(call: Call): void {
  if (call.caller.roles.length === 0)
    throw new ForbiddenError('Only members of the CMOE group can choose where their reminders go.');
}

export async function setMyFeedPreference(
  deps: OperationDeps,
  call: Call,
  input: unknown,
): Promise<FeedPreference> {
  assertMember(call);
  const preference = feedPreferenceInputSchema.parse(input);
  await deps.store.bot.setFeedPreference(call.caller.id, preference, call.now.toISOString());
  return preference;
}

/** The caller's preference; `both` when never set. */
export async function myFeedPreference(deps: OperationDeps, call: Call): Promise<FeedPreference> {
  assertMember(call);
  const prefs = await deps.store.bot.getFeedPreferences([call.caller.id]);
  return prefs.get(call.caller.id.toLowerCase()) ?? 'both';
}
