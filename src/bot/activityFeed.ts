/**
 * Personal nudges in a person's own Teams activity feed (issue 20), beside the channel post.
 *
 * Graph: `POST /teams/{team-id}/sendActivityNotification` with the app-only token (application permission
 * `TeamsActivity.Send`); the activity types are declared in the app manifest (`activities.activityTypes`),
 * each template reading only `{case}` (ref, initials, year group: `channelLabel`, the same minimisation as
 * the channel). Nothing typed about the child (descriptions, notes, reasons) is ever sent: the message is
 * built from the planner's data-minimised notification and a fixed text per kind.
 *
 * Graph's refusals are classified so the sweep can fall back to the channel: 403 (the app lacks the
 * permission: a council that has not granted it) and 404 (the recipient is not in the team) are final for
 * that notification; throttling is ridden out by the transport (Retry-After) and otherwise left for the next
 * sweep.
 */
import { BusyError, ForbiddenError } from '../domain/errors';
import type { NotificationKind, PlannedNotification } from '../domain/notifications';
import type { Person } from '../domain/types';
import type { FeedPreference } from '../store/ports';
import type { GraphTransport } from '../store/sharepoint/graph';
import { type LinkSettings, caseTeamsDeepLink, caseWebUrl } from './links';

export { FEED_PREFERENCES, type FeedPreference } from '../store/ports';
/** Who wants which: the channel post only, the activity feed only, or both (the default). */
export const DEFAULT_FEED_PREFERENCE: FeedPreference = 'both';

/** One notification for one person's activity feed: staff id, a case label, a link. Never child data. */
export interface FeedMessage {
  /** Entra object id of the recipient (staff). */
  userId: string;
  /** Declared in the manifest's `activities.activityTypes`. */
  activityType: FeedActivityType;
  /** The case's ref, shown as the topic. */
  caseRef: string;
  /** `channelLabel`: ref, initials, year group. */
  caseLabel: string;
  /** Opens the tab at the case (a Teams deep link, or the web form without a Teams app id). */
  webUrl: string;
  /** The preview line (fixed text per kind + the case label). */
  preview: string;
}

export type FeedOutcome =
  | { status: 'sent' }
  /** Graph said no for good: the sweep falls back to the channel. */
  | { status: 'refused'; reason: 'permission-missing' | 'not-in-team' | 'rejected' }
  /** Try again in a later sweep (throttled past the retry budget, a server error, the network). */
  | { status: 'failed'; code: string };

/** The port: sends one activity feed notification. */
export interface ActivityFeed {
  notify(message: FeedMessage): Promise<FeedOutcome>;
}

/** The activity types the app declares (appPackage/manifest.json `activities.activityTypes`). */
export const FEED_ACTIVITY_TYPES = {
  'action-due-soon': 'actionDueSoon',
  'action-overdue': 'actionOverdue',
  'escalation-prompt': 'stuckCasePrompt',
  'escalation-overdue': 'escalationOverdue',
} as const satisfies Partial<Record<NotificationKind, string>>;
export type FeedKind = keyof typeof FEED_ACTIVITY_TYPES;
export type FeedActivityType = (typeof FEED_ACTIVITY_TYPES)[FeedKind];

/** The manifest's template text per activity type (kept here so the test can compare the two). */
export const FEED_TEMPLATES: Record<FeedActivityType, string> = {
  actionDueSoon: 'An action of yours on {case} is due soon',
  actionOverdue: 'An action of yours on {case} is overdue',
  stuckCasePrompt: '{case} looks stuck: consider escalating',
  escalationOverdue: 'An escalation on {case} is waiting for a response',
};

function isFeedKind(kind: NotificationKind): kind is FeedKind {
  return kind in FEED_ACTIVITY_TYPES;
}

/**
 * The people a notification nudges personally: the action's owner (due soon, overdue), the chairs for a
 * stuck-case prompt and for an escalation left unanswered (the planner mentions them: the chair chases the
 * service the escalation waits on). Other kinds are for the whole group: channel only.
 */
export function feedRecipients(n: PlannedNotification): Person[] {
  switch (n.kind) {
    case 'action-due-soon':
    case 'action-overdue':
      return n.owner ? [n.owner] : [];
    case 'escalation-prompt':
    case 'escalation-overdue':
      return [...new Map(n.mentions.map((p) => [p.id.toLowerCase(), p] as const)).values()];
    default:
      return [];
  }
}

/** The feed message for `userId`, or null for a kind that is channel-only. */
export function feedMessage(n: PlannedNotification, userId: string, links: LinkSettings): FeedMessage | null {
  if (!isFeedKind(n.kind) || !('case' in n)) return null;
  const activityType = FEED_ACTIVITY_TYPES[n.kind];
  const { ref, label } = n.case;
  return {
    userId,
    activityType,
    caseRef: ref,
    caseLabel: label,
    webUrl:
      links.teamsAppId === null
        ? caseWebUrl(links, ref)
        : caseTeamsDeepLink(links.teamsAppId, links.tabEntityId, ref),
    preview: FEED_TEMPLATES[activityType].replace('{case}', label),
  };
}

/** Graph's request body for one message (documented shape; see the Graph fake). */
export function feedRequestBody(m: FeedMessage): Record<string, unknown> {
  return {
    topic: { source: 'text', value: m.caseRef, webUrl: m.webUrl },
    activityType: m.activityType,
    previewText: { content: m.preview },
    recipient: { '@odata.type': '#microsoft.graph.aadUserNotificationRecipient', userId: m.userId },
    templateParameters: [{ name: 'case', value: m.caseLabel }],
  };
}

/** The Graph adapter: the app-only transport (its token must carry TeamsActivity.Send) and the group's team. */
export class GraphActivityFeed implements ActivityFeed {
  constructor(
    private readonly graph: GraphTransport,
    /** The group's team: its Microsoft 365 group id (what Graph calls the team id). */
    private readonly teamGroupId: string,
  ) {}

  async notify(message: FeedMessage): Promise<FeedOutcome> {
    try {
      const res = await this.graph.send(
        'send an activity feed notification',
        'POST',
        `/teams/${encodeURIComponent(this.teamGroupId)}/sendActivityNotification`,
        { body: feedRequestBody(message) },
      );
      if (res.status === 204 || res.status === 200) return { status: 'sent' };
      if (res.status === 404) return { status: 'refused', reason: 'not-in-team' };
      if (res.status === 400) return { status: 'refused', reason: 'rejected' };
      return { status: 'failed', code: `http-${res.status}` };
    } catch (e) {
      if (e instanceof ForbiddenError) return { status: 'refused', reason: 'permission-missing' };
      if (e instanceof BusyError) return { status: 'failed', code: 'busy' };
      return { status: 'failed', code: e instanceof Error ? e.name : 'unknown' };
    }
  }
}
