/**
 * Cards answering the bot's commands. `audience` decides how much a card may show: in a channel or a
 * group chat everyone present reads it, so a case is its ref, initials and year group only and no free
 * text typed about a child is shown; in a personal chat the signed-in member sees what the tab would
 * show them (the operation has already checked their role).
 */
import {
  AGENDA_SECTION_LABELS,
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CONCERN_LABELS,
  PROVISION_LABELS,
  YEAR_GROUP_LABELS,
} from '../../domain/labels';
import { channelLabel } from '../../domain/minimise';
import { AGENDA_SECTIONS } from '../../domain/types';
import type { CaseDetail } from '../../domain/views';
import type { AgendaSummary, LabelledAction } from '../../operations/summaries';
import { formatDate, formatDateTime, plural } from '../format';
import { type LinkSettings, actionsLinks, caseLinks, meetingLinks } from '../links';
import { type AdaptiveCard, type Element, card, facts, heading, md, openUrl, text } from './adaptive';

export type Audience = 'channel' | 'personal';

/** How many items a list card shows before pointing to the tab. */
const LIST_LIMIT = 25;

export function helpCard(audience: Audience): AdaptiveCard {
  const how =
    audience === 'channel' ? 'Mention me (@CMOE Tracker) with one of these:' : 'Send me one of these:';
  return card([
    heading('CMOE Tracker'),
    text('I post meeting reminders, action deadlines and escalation prompts for the group. ' + how),
    facts([
      ['help', 'this message'],
      ['my actions', 'your open actions, soonest first'],
      ['agenda', "the next meeting's agenda"],
      ['case CMOE-0042', 'a summary of one case'],
      ['notify feed | channel | both', 'where your own reminders go (default both)'],
    ]),
    text(
      audience === 'channel'
        ? 'In a channel I name children by case reference, initials and year group only. Ask me in a personal chat for more.'
        : 'Children are named in full only here, in our personal chat.',
      { isSubtle: true, size: 'Small' },
    ),
  ]);
}

export function messageCard(
  title: string,
  message: string,
  tone: 'attention' | 'default' = 'default',
): AdaptiveCard {
  return card([heading(title), text(message, tone === 'attention' ? { color: 'Attention' } : {})]);
}

export function myActionsCard(
  items: readonly LabelledAction[],
  audience: Audience,
  links: LinkSettings,
): AdaptiveCard {
  if (items.length === 0) {
    return card(
      [heading('Your open actions'), text('You have no open actions.')],
      actionsLinks(links).map((l) => openUrl(l.title, l.url)),
    );
  }
  const shown = items.slice(0, LIST_LIMIT);
  const body: Element[] = [
    heading('Your open actions'),
    text(`${plural(items.length, 'open action', 'open actions')}, soonest first:`),
  ];
  for (const { action, caseLabel, overdue } of shown) {
    const due = `due ${formatDate(action.dueDate)}${overdue ? ' (overdue)' : ''}`;
    if (audience === 'channel') {
      body.push(
        text(md`- ${caseLabel}: ${due}`, { spacing: 'Small', ...(overdue ? { color: 'Attention' } : {}) }),
      );
    } else {
      body.push(
        text(md`**${caseLabel}**: ${due}`, { spacing: 'Medium', ...(overdue ? { color: 'Attention' } : {}) }),
      );
      body.push(text(action.description, { spacing: 'Small' }));
      if (action.successMeasure)
        body.push(text(`Done when: ${action.successMeasure}`, { isSubtle: true, spacing: 'Small' }));
    }
  }
  if (items.length > shown.length)
    body.push(text(`and ${items.length - shown.length} more in the tab.`, { isSubtle: true }));
  return card(
    body,
    actionsLinks(links).map((l) => openUrl(l.title, l.url)),
  );
}

export function agendaCard(summary: AgendaSummary, links: LinkSettings): AdaptiveCard {
  const { meeting, items } = summary;
  const body: Element[] = [
    heading(`Agenda: ${formatDateTime(meeting.startsAt)}`),
    text(
      items.length === 0
        ? 'No open cases are on the agenda.'
        : `${plural(items.length, 'case', 'cases')} on the agenda${summary.frozen ? ' (fixed when the meeting started)' : ''}${
            meeting.id === null ? '; the meeting is not scheduled in the tab yet' : ''
          }.`,
    ),
  ];
  let shown = 0;
  for (const section of AGENDA_SECTIONS) {
    const inSection = items.filter((i) => i.section === section);
    if (inSection.length === 0) continue;
    body.push(text(md`**${AGENDA_SECTION_LABELS[section]}** (${inSection.length})`, { spacing: 'Medium' }));
    for (const item of inSection) {
      if (shown >= LIST_LIMIT) break;
      shown++;
      // Reasons are the rules' own words ("no progress at the last 2 meetings"): no child data.
      body.push(text(md`- ${item.caseLabel}: ${item.reasons.join('; ')}`, { spacing: 'Small' }));
    }
  }
  if (items.length > shown)
    body.push(text(`and ${items.length - shown} more in the tab.`, { isSubtle: true }));
  return card(
    body,
    meetingLinks(links, meeting.id, 'Open the agenda').map((l) => openUrl(l.title, l.url)),
  );
}

export function caseCard(detail: CaseDetail, audience: Audience, links: LinkSettings): AdaptiveCard {
  const c = detail.case;
  const i = detail.insights;
  const open = detail.actions.filter((a) => a.status === 'open');
  const awaiting = detail.escalations.filter((e) => e.response === null);
  const common: [string, string][] = [
    ['Status', CASE_STATUS_LABELS[c.status]],
    ['Concern', CONCERN_LABELS[c.concern]],
    ['Stuck', i.stuck ? 'yes' : 'no'],
    ['Open actions', `${open.length}${i.overdueActions > 0 ? ` (${i.overdueActions} overdue)` : ''}`],
    ['Next action due', i.nextActionDue ? formatDate(i.nextActionDue) : 'none'],
    ['Escalations awaiting a response', String(awaiting.length)],
  ];
  const buttons = caseLinks(links, c.ref).map((l) => openUrl(l.title, l.url));
  if (audience === 'channel') {
    return card(
      [
        heading(channelLabel(c)),
        facts(common),
        text('The full record is in the tab, behind sign-in. Ask me in a personal chat for more.', {
          isSubtle: true,
          size: 'Small',
        }),
      ],
      buttons,
    );
  }
  const body: Element[] = [
    heading(`${c.ref}: ${c.firstName} ${c.lastName}`),
    facts([
      ['Year group', YEAR_GROUP_LABELS[c.yearGroup]],
      ...common,
      ['Categories', c.categories.map((k) => CATEGORY_LABELS[k]).join('; ')],
      [
        'Provision',
        `${PROVISION_LABELS[c.provision]}${c.hoursPerWeek !== null ? `, ${c.hoursPerWeek} hours a week` : ''}`,
      ],
      ['Weeks out of education', i.weeksOut === null ? 'n/a' : String(i.weeksOut)],
      ['Lead professional', c.lead?.name ?? 'none'],
    ]),
  ];
  if (i.stuckReasons.length > 0) body.push(text(`Stuck: ${i.stuckReasons.map((r) => r.text).join('; ')}.`));
  for (const p of i.prompts) body.push(text(p.text, { color: 'Attention' }));
  for (const a of open.slice(0, LIST_LIMIT)) {
    body.push(
      text(md`**Due ${formatDate(a.dueDate)}** (${a.owner?.name ?? 'no owner'}): ${a.description}`, {
        spacing: 'Small',
      }),
    );
  }
  return card(body, buttons);
}
