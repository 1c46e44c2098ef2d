/**
 * One card per planned notification. Cards show only what the notification carries, and the planner
 * gives them a case's ref, initials and year group, never more (SPEC data minimisation): no card can
 * print a name, a date of birth, an address or a category because it never receives one.
 *
 * Buttons are Universal Actions. Each `Action.Execute` carries the notification itself as `data.n`, so the
 * card can be rebuilt from the click alone (with who did what, or with an error) and refreshed for everyone.
 */
import { AGENDA_SECTION_LABELS, ESCALATION_TARGET_LABELS, LIST_CHECK_LIST_LABELS } from '../../domain/labels';
import type { ActionNotification, EscalationPrompt, PlannedNotification } from '../../domain/notifications';
import { AGENDA_SECTIONS, ESCALATION_TARGETS, LIST_CHECK_LISTS } from '../../domain/types';
import { formatDate, formatDateTime, plural } from '../format';
import { type LinkButton, type LinkSettings, caseLinks, listLinks, meetingLinks } from '../links';
import {
  type AdaptiveCard,
  type CardAction,
  type Element,
  card,
  execute,
  facts,
  heading,
  md,
  mentionList,
  openUrl,
  showCard,
  text,
} from './adaptive';

/** The verbs of the cards' buttons. */
export const VERBS = {
  complete: 'action.complete',
  extend: 'action.extend',
  escalate: 'case.escalate',
  notNow: 'case.notNow',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Input ids, unique across a card so one button's inputs never mix with another's. */
export const INPUTS = {
  note: 'completionNote',
  dueDate: 'newDueDate',
  extendReason: 'extendReason',
  to: 'escalateTo',
  toName: 'escalateToName',
  escalateReason: 'escalateReason',
  decision: 'decisionRequested',
  notNowReason: 'notNowReason',
} as const;

/** What happened since the card was posted: shown as a banner; `closed` removes the buttons. */
export interface CardState {
  banner?: { text: string; tone: 'good' | 'attention' };
  closed?: boolean;
}

function banner(state: CardState): Element[] {
  if (!state.banner) return [];
  return [
    {
      type: 'Container',
      style: state.banner.tone === 'good' ? 'good' : 'attention',
      items: [text(state.banner.text, { weight: 'Bolder' })],
    },
  ];
}

function buttons(links: LinkButton[]): CardAction[] {
  return links.map((l) => openUrl(l.title, l.url));
}

function caseButtons(links: LinkSettings, ref: string): CardAction[] {
  return buttons(caseLinks(links, ref));
}

function actionCard(n: ActionNotification, links: LinkSettings, state: CardState): AdaptiveCard {
  const people = mentionList(n.mentions);
  const due = formatDate(n.action.dueDate);
  const to = people.text ? md`${people.text}, ` : md``;
  const lead =
    n.kind === 'action-due-soon'
      ? md`${to}an action on **${n.case.label}** is due on ${due} ${
          n.workingDaysLeft === 0
            ? '(today).'
            : `(in ${plural(n.workingDaysLeft, 'working day', 'working days')}).`
        }`
      : md`${to}an action on **${n.case.label}** was due on ${due} and is overdue by ${plural(
          n.workingDaysOverdue,
          'working day',
          'working days',
        )}${n.reminder > 1 ? ` (reminder ${n.reminder}).` : '.'}`;
  const body: Element[] = [
    heading(n.kind === 'action-due-soon' ? 'Action due soon' : 'Action overdue'),
    text(lead),
    facts([
      ['Case', n.case.label],
      ['Due', due],
      ['Owner', n.owner ? n.owner.name : 'nobody yet: assign one in the tab'],
      ...(n.action.ownerService ? ([['Service', n.action.ownerService]] as [string, string][]) : []),
    ]),
    text('What the action is stays in the tab, behind sign-in.', { isSubtle: true, size: 'Small' }),
    ...banner(state),
  ];
  const data = { n };
  const buttons: CardAction[] = state.closed
    ? []
    : [
        showCard(
          'Mark done',
          [
            {
              type: 'Input.Text',
              id: INPUTS.note,
              label: 'What was done (kept in the tab, not shown here)',
              isMultiline: true,
              isRequired: true,
              errorMessage: 'Say what was done.',
              maxLength: 2000,
            },
          ],
          [execute('Mark done', VERBS.complete, data, 'positive')],
        ),
        showCard(
          'Extend',
          [
            {
              type: 'Input.Date',
              id: INPUTS.dueDate,
              label: 'New due date (a working day)',
              isRequired: true,
              errorMessage: 'Choose the new due date.',
              min: n.action.dueDate,
            },
            {
              type: 'Input.Text',
              id: INPUTS.extendReason,
              label: 'Why it needs longer (counted as a deferral)',
              isMultiline: true,
              isRequired: true,
              errorMessage: 'Give the reason.',
              maxLength: 1000,
            },
          ],
          [execute('Extend', VERBS.extend, data)],
        ),
      ];
  return card(body, [...buttons, ...caseButtons(links, n.case.ref)], people.entities);
}

function promptCard(n: EscalationPrompt, links: LinkSettings, state: CardState): AdaptiveCard {
  const people = mentionList(n.mentions);
  const to = people.text ? md`${people.text}, ` : md``;
  const body: Element[] = [
    heading('Stuck case: escalate?'),
    text(md`${to}**${n.case.label}** looks stuck: ${n.reasons.join('; ')}.`),
    text('Escalate it to senior managers, or say why not now.'),
    ...banner(state),
  ];
  const data = { n };
  const buttons: CardAction[] = state.closed
    ? []
    : [
        showCard(
          'Escalate',
          [
            {
              type: 'Input.ChoiceSet',
              id: INPUTS.to,
              label: 'Escalate to',
              value: 'head-of-service',
              isRequired: true,
              choices: ESCALATION_TARGETS.map((t) => ({ title: ESCALATION_TARGET_LABELS[t], value: t })),
            },
            { type: 'Input.Text', id: INPUTS.toName, label: 'Their name (optional)', maxLength: 200 },
            {
              type: 'Input.Text',
              id: INPUTS.escalateReason,
              label: 'Reason',
              isMultiline: true,
              isRequired: true,
              errorMessage: 'Give the reason.',
              maxLength: 4000,
              value: `Stuck: ${n.reasons.join('; ')}`,
            },
            {
              type: 'Input.Text',
              id: INPUTS.decision,
              label: 'Decision requested',
              isMultiline: true,
              isRequired: true,
              errorMessage: 'Say what decision you need.',
              maxLength: 4000,
            },
          ],
          [execute('Escalate', VERBS.escalate, data, 'positive')],
        ),
        showCard(
          'Not now',
          [
            {
              type: 'Input.Text',
              id: INPUTS.notNowReason,
              label: 'Why not now (recorded on the case timeline)',
              isMultiline: true,
              isRequired: true,
              errorMessage: 'Give the reason.',
              maxLength: 1000,
            },
          ],
          [execute('Not now', VERBS.notNow, data)],
        ),
      ];
  return card(body, [...buttons, ...caseButtons(links, n.case.ref)], people.entities);
}

/**
 * The card for a planned notification, in its state (as posted, or after a button was used).
 * `state` only matters for the kinds with buttons.
 */
export function notificationCard(
  n: PlannedNotification,
  links: LinkSettings,
  state: CardState = {},
): AdaptiveCard {
  switch (n.kind) {
    case 'meeting-reminder': {
      const counted = AGENDA_SECTIONS.filter((s) => n.counts[s] > 0).map(
        (s) => [AGENDA_SECTION_LABELS[s], String(n.counts[s])] as [string, string],
      );
      return card(
        [
          heading(`Group meeting: ${formatDateTime(n.meeting.startsAt)}`),
          text(
            n.total === 0
              ? 'No open cases are on the agenda yet.'
              : `The agenda has ${plural(n.total, 'case', 'cases')}:`,
          ),
          ...(counted.length > 0 ? [facts(counted)] : []),
        ],
        buttons(meetingLinks(links, n.meeting.id, 'Open the agenda')),
      );
    }
    case 'list-check-reminder': {
      const people = mentionList(n.mentions);
      const lists = LIST_CHECK_LISTS.map((l) => LIST_CHECK_LIST_LABELS[l]);
      const more = n.needingChecks - n.examples.length;
      return card(
        [
          heading('List checks before the meeting'),
          text(
            md`${people.text ? md`${people.text}, ` : ''}the group meets on ${formatDateTime(n.meeting.startsAt)}. Please check the list with the ${lists.slice(0, -1).join(', ')} and the ${lists.at(-1) ?? ''}.`,
          ),
          text(
            n.needingChecks === 0
              ? 'Every open case has been checked against all three lists since the last meeting.'
              : `${plural(n.needingChecks, 'open case has', 'open cases have')} not been checked against every list since the last meeting:`,
          ),
          ...n.examples.map((c) => text(md`- ${c.label}`, { spacing: 'Small' })),
          ...(more > 0 ? [text(`and ${more} more: see the list in the tab.`, { isSubtle: true })] : []),
        ],
        buttons(listLinks(links)),
        people.entities,
      );
    }
    case 'action-due-soon':
    case 'action-overdue':
      return actionCard(n, links, state);
    case 'escalation-prompt':
      return promptCard(n, links, state);
    case 'escalation-overdue': {
      const people = mentionList(n.mentions);
      return card(
        [
          heading('Escalation response overdue'),
          text(
            md`${people.text ? md`${people.text}, ` : ''}the response to the escalation of **${n.case.label}** to the ${ESCALATION_TARGET_LABELS[n.escalation.to].toLowerCase()} (raised on ${formatDate(n.escalation.raisedOn)}) was due on ${formatDate(n.escalation.responseDue)}. Chase it, or record the response in the tab.`,
          ),
        ],
        caseButtons(links, n.case.ref),
        people.entities,
      );
    }
    case 'minutes-published':
      return card(
        [
          heading('Minutes published'),
          text(
            `The minutes of the meeting on ${formatDate(n.meeting.date)} are published, for the group and for scrutiny by senior managers.`,
          ),
        ],
        buttons(meetingLinks(links, n.meeting.id, 'Open the minutes')),
      );
    case 'tor-review': {
      const people = mentionList(n.mentions);
      return card(
        [
          heading('Annual review of the terms of reference'),
          text(
            md`${people.text ? md`${people.text}, ` : ''}the group's terms of reference are due for their annual review by ${formatDate(n.anniversary)}. Please put the review on the agenda of a meeting before then.`,
          ),
        ],
        [],
        people.entities,
      );
    }
  }
}

/** The one-line summary Teams shows in notification feeds: kind and minimised label only. */
export function notificationSummary(n: PlannedNotification): string {
  switch (n.kind) {
    case 'meeting-reminder':
      return `Meeting on ${formatDate(n.meeting.date)}: ${plural(n.total, 'case', 'cases')} on the agenda`;
    case 'list-check-reminder':
      return `List checks before the meeting on ${formatDate(n.meeting.date)}`;
    case 'action-due-soon':
      return `Action due soon: ${n.case.label}`;
    case 'action-overdue':
      return `Action overdue: ${n.case.label}`;
    case 'escalation-prompt':
      return `Stuck case: ${n.case.label}`;
    case 'escalation-overdue':
      return `Escalation response overdue: ${n.case.label}`;
    case 'minutes-published':
      return `Minutes published: meeting on ${formatDate(n.meeting.date)}`;
    case 'tor-review':
      return 'Annual review of the terms of reference';
  }
}
