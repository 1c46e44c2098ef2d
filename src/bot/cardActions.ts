/**
 * The cards' buttons (Universal Actions): validate what the card sent with the operations' own input
 * schemas, call the same operation the API calls (which checks the clicking user's role), and rebuild
 * the card showing who did what, or why not.
 */
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import { toLondonDate, workingDaysBetween } from '../domain/calendar';
import { AppError, ConflictError, InvalidError } from '../domain/errors';
import { ESCALATION_TARGET_LABELS } from '../domain/labels';
import {
  type ActionNotification,
  type EscalationPrompt,
  type PlannedNotification,
  notificationSchema,
} from '../domain/notifications';
import { completeAction, extendAction, getAction } from '../operations/actions';
import { getCase } from '../operations/cases';
import type { Call, OperationDeps } from '../operations/context';
import { escalateCase } from '../operations/escalations';
import { dismissEscalationPrompt } from '../operations/escalationPrompts';
import {
  completeActionSchema,
  dismissEscalationPromptSchema,
  escalateInputSchema,
  extendActionSchema,
} from '../contract/inputs';
import type { AdaptiveCard } from './cards/adaptive';
import { messageCard } from './cards/commands';
import { INPUTS, VERBS, notificationCard } from './cards/notifications';
import { formatDate } from './format';
import type { LinkSettings } from './links';

export interface CardActionResult {
  card: AdaptiveCard;
  /** True when the change should show for everyone (the posted message is updated too). */
  refreshForAll: boolean;
  /** For the log: what happened, as a code. */
  outcome: string;
  /** For the log: a ref or an id, never child data. */
  target: string;
}

/**
 * Card inputs arrive as strings. A required input that is missing is read as "" so the operation's schema
 * says "is required"; an empty optional one means "not given".
 */
function input(data: Record<string, unknown>, key: string): unknown {
  return data[key] ?? '';
}

function optionalInput(data: Record<string, unknown>, key: string): unknown {
  const v = data[key];
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
}

function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
  throw new InvalidError(`Please check: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`, issues);
}

/** A friendly sentence for an error with a stable code; other errors get a generic one. */
export function friendlyMessage(e: unknown): string {
  if (!(e instanceof AppError)) return 'Something went wrong on our side. Please try again, or use the tab.';
  switch (e.code) {
    case 'Forbidden':
      return `Not allowed: ${e.message}`;
    case 'Conflict':
      return 'Someone changed this since the card was posted. The card now shows it as it is: check and try again.';
    case 'NotFound':
      return e.message;
    case 'Invalid':
      return e.message;
    case 'Busy':
      return 'The tracker is busy. Please try again in a moment.';
    case 'Unauthenticated':
      return 'Sign-in is required.';
    case 'AlreadyDone':
      return e.message;
  }
}

function requireKind<K extends PlannedNotification['kind']>(
  n: PlannedNotification,
  kinds: readonly K[],
): Extract<PlannedNotification, { kind: K }> {
  if (!(kinds as readonly string[]).includes(n.kind)) {
    throw new InvalidError('This button does not belong to this card.', [
      { path: 'verb', message: 'is not for this card' },
    ]);
  }
  return n as Extract<PlannedNotification, { kind: K }>;
}

/** The action card as of now (after a change or a conflict): a fresh "due" or "overdue" view. */
async function currentActionView(
  deps: OperationDeps,
  call: Call,
  n: ActionNotification,
): Promise<{ n: ActionNotification; open: boolean }> {
  const a = await getAction(deps, call, n.action.id);
  const today = toLondonDate(call.now);
  const action = { ...n.action, version: a.version, dueDate: a.dueDate };
  const view: ActionNotification =
    a.dueDate >= today
      ? {
          id: n.id,
          kind: 'action-due-soon',
          dueAt: n.dueAt,
          mentions: n.mentions,
          action,
          case: n.case,
          owner: a.owner,
          workingDaysLeft: workingDaysBetween(today, a.dueDate, deps.policy.calendar),
        }
      : {
          id: n.id,
          kind: 'action-overdue',
          dueAt: n.dueAt,
          mentions: n.mentions,
          action,
          case: n.case,
          owner: a.owner,
          workingDaysOverdue: workingDaysBetween(a.dueDate, today, deps.policy.calendar),
          reminder: n.kind === 'action-overdue' ? n.reminder : 1,
        };
  return { n: view, open: a.status === 'open' };
}

async function onAction(
  deps: OperationDeps,
  call: Call,
  links: LinkSettings,
  verb: string,
  n: ActionNotification,
  data: Record<string, unknown>,
): Promise<CardActionResult> {
  const who = call.caller.name;
  const on = formatDate(toLondonDate(call.now));
  if (verb === VERBS.complete) {
    const body = parseInput(completeActionSchema, { note: input(data, INPUTS.note) });
    await completeAction(deps, call, n.action.id, n.action.version, body);
    return {
      card: notificationCard(n, links, {
        banner: { text: `Marked done by ${who} on ${on}.`, tone: 'good' },
        closed: true,
      }),
      refreshForAll: true,
      outcome: 'action.completed',
      target: n.action.id,
    };
  }
  const body = parseInput(extendActionSchema, {
    dueDate: input(data, INPUTS.dueDate),
    reason: input(data, INPUTS.extendReason),
  });
  const updated = await extendAction(deps, call, n.action.id, n.action.version, body);
  const view = await currentActionView(deps, call, n);
  const deferrals = updated.deferrals.length;
  return {
    card: notificationCard(view.n, links, {
      banner: {
        text: `Due date moved to ${formatDate(updated.dueDate)} by ${who} on ${on} (deferral ${deferrals}).`,
        tone: 'good',
      },
    }),
    refreshForAll: true,
    outcome: 'action.extended',
    target: n.action.id,
  };
}

async function onPrompt(
  deps: OperationDeps,
  call: Call,
  links: LinkSettings,
  verb: string,
  n: EscalationPrompt,
  data: Record<string, unknown>,
): Promise<CardActionResult> {
  const who = call.caller.name;
  if (verb === VERBS.escalate) {
    const body = parseInput(escalateInputSchema, {
      to: input(data, INPUTS.to),
      toName: optionalInput(data, INPUTS.toName),
      reason: input(data, INPUTS.escalateReason),
      decisionRequested: input(data, INPUTS.decision),
    });
    const { escalation } = await escalateCase(deps, call, n.case.ref, n.case.version, body);
    const to = ESCALATION_TARGET_LABELS[escalation.to].toLowerCase();
    return {
      card: notificationCard(n, links, {
        banner: {
          text: `Escalated to the ${to} by ${who}; a response is due by ${formatDate(escalation.responseDue)}.`,
          tone: 'good',
        },
        closed: true,
      }),
      refreshForAll: true,
      outcome: 'case.escalated',
      target: n.case.ref,
    };
  }
  const body = parseInput(dismissEscalationPromptSchema, { reason: input(data, INPUTS.notNowReason) });
  await dismissEscalationPrompt(deps, call, n.case.ref, body);
  return {
    card: notificationCard(n, links, {
      banner: { text: `Not now, said ${who}: the reason is on the case's timeline.`, tone: 'good' },
      closed: true,
    }),
    refreshForAll: true,
    outcome: 'case.not-now',
    target: n.case.ref,
  };
}

/** The card after a conflict: the record as it is now, buttons only if there is still something to do. */
async function afterConflict(
  deps: OperationDeps,
  call: Call,
  links: LinkSettings,
  n: ActionNotification | EscalationPrompt,
  message: string,
): Promise<AdaptiveCard> {
  const banner = { text: message, tone: 'attention' as const };
  if (n.kind === 'escalation-prompt') {
    const detail = await getCase(deps, call, n.case.ref);
    const current: EscalationPrompt = { ...n, case: { ...n.case, version: detail.case.version } };
    const closed = detail.case.status === 'escalated' || detail.case.status === 'closed';
    return notificationCard(current, links, { banner, closed });
  }
  const view = await currentActionView(deps, call, n);
  return notificationCard(view.n, links, { banner, closed: !view.open });
}

/**
 * Handles one button click by `caller` at `now`. Never throws for a user's mistake or a refusal: those
 * come back as the card with a message; only unexpected errors are thrown (the caller logs them by name).
 */
export async function handleCardAction(
  deps: OperationDeps,
  links: LinkSettings,
  caller: Principal,
  now: Date,
  verb: string | undefined,
  rawData: unknown,
): Promise<CardActionResult> {
  const data = (rawData !== null && typeof rawData === 'object' ? rawData : {}) as Record<string, unknown>;
  const parsed = notificationSchema.safeParse(data.n);
  if (!parsed.success) {
    return {
      card: messageCard(
        'This card is out of date',
        'Open the tab to see the case as it is now.',
        'attention',
      ),
      refreshForAll: false,
      outcome: 'invalid-card',
      target: 'card',
    };
  }
  const call: Call = { caller, now };
  let n: ActionNotification | EscalationPrompt;
  try {
    n =
      verb === VERBS.complete || verb === VERBS.extend
        ? requireKind(parsed.data, ['action-due-soon', 'action-overdue'])
        : requireKind(parsed.data, ['escalation-prompt']);
  } catch (e) {
    return {
      card: messageCard('Not a button of this card', friendlyMessage(e), 'attention'),
      refreshForAll: false,
      outcome: 'invalid-verb',
      target: 'card',
    };
  }
  const target = n.kind === 'escalation-prompt' ? n.case.ref : n.action.id;
  try {
    if (n.kind === 'escalation-prompt') {
      if (verb !== VERBS.escalate && verb !== VERBS.notNow) throw new InvalidError('Unknown button.');
      return await onPrompt(deps, call, links, verb, n, data);
    }
    return await onAction(deps, call, links, verb as string, n, data);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const message = friendlyMessage(e);
    const fallback = () => notificationCard(n, links, { banner: { text: message, tone: 'attention' } });
    let card = fallback();
    if (e instanceof ConflictError) {
      // A conflict shows the record as it is now, so the next click carries the current version.
      try {
        card = await afterConflict(deps, call, links, n, message);
      } catch (inner) {
        if (!(inner instanceof AppError)) throw inner;
      }
    }
    return { card, refreshForAll: false, outcome: `refused:${e.code}`, target };
  }
}
