/**
 * Every card the bot sends, built with hostile text in every free-text input it can carry (staff names,
 * action descriptions and services, rule texts, error messages, and what a forged card click could put in
 * a notification), walked as JSON. Each card is built a second time with harmless words in the same places:
 * the markup of the two (emphasis, links, list markers, mentions, angle brackets) must be the same, so
 * nothing typed ever adds markup; and the links must be ones `links.ts` builds.
 */
import type { Principal } from '../../src/auth/principal';
import { handleCardAction, friendlyMessage } from '../../src/bot/cardActions';
import type { AdaptiveCard, CardAction, Element, MentionEntity } from '../../src/bot/cards/adaptive';
import { agendaCard, caseCard, helpCard, messageCard, myActionsCard } from '../../src/bot/cards/commands';
import { INPUTS, VERBS, notificationCard } from '../../src/bot/cards/notifications';
import { actionsLinks, caseLinks, listLinks, meetingLinks } from '../../src/bot/links';
import { ForbiddenError, InvalidError, NotFoundError } from '../../src/domain/errors';
import {
  NOTIFICATION_KINDS,
  type PlannedNotification,
  notificationSchema,
  planNotifications,
} from '../../src/domain/notifications';
import type { Person } from '../../src/domain/types';
import type { CaseDetail } from '../../src/domain/views';
import { updateCase } from '../../src/operations/cases';
import { NP, POLICY, distinctiveCase, makeAction, makeEscalation, makeMeeting } from './fixtures';
import { LINKS, callAs, makeWorld, planned, seedCaseWithAction } from './harness';

const PAYLOADS = [
  '[click](https://evil.example)',
  '**bold** and _it_ and ~~gone~~ and `code`',
  '<at>Someone</at>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'Line one\n- item\n1. first\n# heading\n> quote',
  'x](https://evil.example) ![i](https://evil.example/i.png)',
  '\\*\\[still text\\]\\(https://evil.example)',
];
const HARMLESS = 'Plain words';

function person(id: string, name: string): Person {
  return { id, name, email: `${id}@example.org` };
}

/** Every kind of notification, planned from records whose staff names and services are `t`. */
function plannedWith(t: string): PlannedNotification[] {
  const owner = person('owner-x', t);
  const chair = person('chair-x', t);
  const child = distinctiveCase({ ref: 'CMOE-0042', stuckFlag: true, status: 'escalated' });
  const other = distinctiveCase({ ref: 'CMOE-0043', stuckFlag: true });
  return planNotifications(
    {
      cases: [child, other],
      actions: [
        makeAction({
          id: 'a-soon',
          caseRef: 'CMOE-0042',
          dueDate: '2026-04-02',
          description: t,
          owner,
          ownerService: t,
        }),
        makeAction({
          id: 'a-late',
          caseRef: 'CMOE-0043',
          dueDate: '2026-03-13',
          description: t,
          owner,
          ownerService: t,
        }),
      ],
      meetings: [
        makeMeeting({
          id: 'm-march',
          status: 'completed',
          startsAt: '2026-03-09T10:00:00.000Z',
          minutesPublishedAt: '2026-03-31T15:00:00.000Z',
        }),
      ],
      escalations: [
        makeEscalation({ caseRef: 'CMOE-0042', responseDue: '2026-03-20', reason: t, decisionRequested: t }),
      ],
      chairs: [chair],
    },
    POLICY,
    { ...NP, torAnniversary: '2025-05-01' },
    new Date('2026-04-01T08:00:00Z'),
  );
}

/** What a forged click could carry: the same notification with `t` in every string the schema lets through. */
function forged(n: PlannedNotification, t: string): PlannedNotification {
  const label = t.slice(0, 120);
  const x = structuredClone(n) as Record<string, unknown>;
  if ('case' in n) x.case = { ...n.case, label };
  if ('reasons' in n) x.reasons = [t, t];
  if ('examples' in n) x.examples = n.examples.map((c) => ({ ...c, label }));
  if ('meeting' in n) x.meeting = { ...n.meeting, id: t };
  if ('action' in n) x.action = { ...n.action, ownerService: t };
  if ('owner' in n && n.owner) x.owner = person(n.owner.id, t);
  x.mentions = n.mentions.map((p) => person(p.id, t));
  return notificationSchema.parse(x);
}

function caseDetail(t: string): CaseDetail {
  const c = distinctiveCase({ ref: 'CMOE-0042', firstName: t, lastName: t, lead: person('lead-x', t) });
  return {
    case: c,
    insights: {
      weeksOut: 12,
      derivedYearGroup: '8',
      warnings: [{ code: 'w', text: t }],
      eligible: true,
      stuck: true,
      stuckReasons: [{ code: 'flag', text: t }],
      prompts: [{ code: 'p', text: t, dueOn: null }],
      overdueActions: 1,
      nextActionDue: '2026-03-27',
      defaultResponseDue: '2026-04-10',
    },
    actions: [
      {
        ...makeAction({
          caseRef: c.ref,
          description: t,
          successMeasure: t,
          owner: person('owner-x', t),
          ownerService: t,
        }),
        timing: 'overdue',
      },
      { ...makeAction({ id: 'act-2', caseRef: c.ref, description: t, owner: null }), timing: 'on-track' },
    ],
    updates: [],
    escalations: [makeEscalation({ caseRef: c.ref, reason: t, decisionRequested: t, toName: t })],
  };
}

/** The command answers and refusals, with `t` wherever free text reaches them. */
function commandCards(t: string): [string, AdaptiveCard][] {
  const items = [true, false].map((overdue) => ({
    action: makeAction({ description: t, successMeasure: t, owner: person('owner-x', t), ownerService: t }),
    caseLabel: t,
    overdue,
  }));
  const agenda = {
    meeting: { id: t, date: '2026-04-07', startsAt: '2026-04-07T09:00:00.000Z' },
    frozen: false,
    items: [
      { caseRef: 'CMOE-0042', section: 'stuck' as const, reasons: [t, t], caseLabel: t },
      { caseRef: 'CMOE-0043', section: 'new-referral' as const, reasons: [t], caseLabel: t },
    ],
  };
  return [
    ['help (channel)', helpCard('channel')],
    ['help (personal)', helpCard('personal')],
    ['my actions (channel)', myActionsCard(items, 'channel', LINKS)],
    ['my actions (personal)', myActionsCard(items, 'personal', LINKS)],
    ['my actions (none)', myActionsCard([], 'personal', LINKS)],
    ['agenda', agendaCard(agenda, LINKS)],
    ['case (channel)', caseCard(caseDetail(t), 'channel', LINKS)],
    ['case (personal)', caseCard(caseDetail(t), 'personal', LINKS)],
    ['refusal: forbidden', messageCard('Sorry', friendlyMessage(new ForbiddenError(t)), 'attention')],
    ['refusal: not found', messageCard('Sorry', friendlyMessage(new NotFoundError(t)), 'attention')],
    ['refusal: invalid', messageCard('Sorry', friendlyMessage(new InvalidError(t)), 'attention')],
  ];
}

function notificationCards(t: string): [string, AdaptiveCard][] {
  const out: [string, AdaptiveCard][] = [];
  for (const n of plannedWith(t)) {
    out.push([`${n.kind} (planned)`, notificationCard(n, LINKS)]);
    const f = forged(n, t);
    out.push([`${n.kind} (forged click)`, notificationCard(f, LINKS)]);
    out.push([
      `${n.kind} (banner)`,
      notificationCard(f, LINKS, { banner: { text: `Marked done by ${t}.`, tone: 'good' }, closed: true }),
    ]);
  }
  return out;
}

/** The cards after each button, clicked by a user whose display name is `t`, on a card carrying `t`. */
async function actionResultCards(t: string): Promise<[string, AdaptiveCard][]> {
  const out: [string, AdaptiveCard][] = [];
  const as = (userId: string): Principal => ({ ...callAs(userId).caller, name: t });
  const now = new Date('2026-03-25T10:00:00.000Z');
  const click = async (name: string, userId: string, verb: string | undefined, data: unknown) => {
    const world = makeWorld();
    const { case: c } = await seedCaseWithAction(world.deps);
    await updateCase(world.deps, callAs('dev-chair'), c.ref, c.version, { stuckFlag: true });
    const all = await planned(world);
    const action = all.find((n) => n.kind === 'action-due-soon');
    const prompt = all.find((n) => n.kind === 'escalation-prompt');
    if (!action || !prompt) throw new Error('expected an action and a prompt');
    const n = forged(verb === VERBS.escalate || verb === VERBS.notNow ? prompt : action, t);
    const payload = typeof data === 'function' ? (data as (n: PlannedNotification) => unknown)(n) : data;
    const result = await handleCardAction(world.deps, LINKS, as(userId), now, verb, payload);
    out.push([name, result.card]);
  };
  await click('marked done', 'dev-member-ewo', VERBS.complete, (n: PlannedNotification) => ({
    n,
    [INPUTS.note]: t,
  }));
  await click('extended', 'dev-chair', VERBS.extend, (n: PlannedNotification) => ({
    n,
    [INPUTS.dueDate]: '2026-04-09',
    [INPUTS.extendReason]: t,
  }));
  await click('refused (not the owner)', 'dev-member-send', VERBS.complete, (n: PlannedNotification) => ({
    n,
    [INPUTS.note]: t,
  }));
  await click('invalid input', 'dev-member-ewo', VERBS.complete, (n: PlannedNotification) => ({
    n,
    [INPUTS.note]: '',
  }));
  await click('conflict', 'dev-member-ewo', VERBS.complete, (n: PlannedNotification) => ({
    n: n.kind === 'action-due-soon' ? { ...n, action: { ...n.action, version: n.action.version + 5 } } : n,
    [INPUTS.note]: t,
  }));
  await click('escalated', 'dev-chair', VERBS.escalate, (n: PlannedNotification) => ({
    n,
    [INPUTS.to]: 'director',
    [INPUTS.toName]: t,
    [INPUTS.escalateReason]: t,
    [INPUTS.decision]: t,
  }));
  await click('not now', 'dev-chair', VERBS.notNow, (n: PlannedNotification) => ({
    n,
    [INPUTS.notNowReason]: t,
  }));
  await click('wrong button', 'dev-chair', VERBS.escalate, (n: PlannedNotification) => ({
    n: { ...n, kind: 'action-due-soon' },
  }));
  await click('out of date card', 'dev-chair', VERBS.complete, { n: { id: t, kind: t } });
  return out;
}

async function everyCard(t: string): Promise<[string, AdaptiveCard][]> {
  return [...notificationCards(t), ...commandCards(t), ...(await actionResultCards(t))];
}

/** Cards that show a free-text input as it is (a name, a description, a service, a label from a click). */
const CARRY_FREE_TEXT = [
  ...NOTIFICATION_KINDS.filter((k) => k !== 'meeting-reminder' && k !== 'minutes-published').map(
    (k) => `${k} (planned)`,
  ),
  'action-due-soon (forged click)',
  'escalation-prompt (forged click)',
  'list-check-reminder (forged click)',
  'action-overdue (banner)',
  'my actions (channel)',
  'my actions (personal)',
  'agenda',
  'case (personal)',
  'refusal: forbidden',
  'refusal: not found',
  'refusal: invalid',
  'marked done',
  'extended',
  'refused (not the owner)',
  'conflict',
  'escalated',
  'not now',
];

/** What a CommonMark reader shows: a backslash before ASCII punctuation shows that character. */
function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The text with the substitutions `plain` makes on purpose: line ends and angle-bracket lookalikes. */
function asTyped(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/</g, '\uFF1C').replace(/>/g, '\uFF1E');
}

interface Walked {
  /** TextBlock texts, Fact titles and values: what Teams reads as markdown. */
  texts: string[];
  urls: string[];
}

function walk(card: AdaptiveCard, out: Walked = { texts: [], urls: [] }): Walked {
  const element = (e: Element) => {
    if (e.type === 'TextBlock') out.texts.push(e.text);
    else if (e.type === 'FactSet') for (const f of e.facts) out.texts.push(f.title, f.value);
    else if (e.type === 'Container') e.items.forEach(element);
  };
  const action = (a: CardAction) => {
    if (a.type === 'Action.OpenUrl') out.urls.push(a.url);
    else if (a.type === 'Action.ShowCard') walk(a.card, out);
  };
  card.body.forEach(element);
  (card.actions ?? []).forEach(action);
  return out;
}

/**
 * The markup in one markdown string, in order: mentions, unescaped emphasis, link and angle-bracket
 * characters, and block markers at line starts. Escaped characters are text and are left out.
 */
function markup(s: string, entities: readonly MentionEntity[]): string[] {
  let t = s;
  for (const e of entities) t = t.split(e.text).join('\u0001');
  t = t.replace(/\\[\s\S]/g, '');
  const tokens: string[] = [];
  for (const line of t.split('\n')) {
    const start = /^[ \t]*([-+=#>*]|\d+[.)])/.exec(line);
    if (start) tokens.push(`line starts with ${start[1]}`);
    for (const ch of line) if ('\u0001*_~`[]<>'.includes(ch)) tokens.push(ch === '\u0001' ? 'mention' : ch);
  }
  return tokens;
}

/** Every URL links.ts builds for the refs and meeting ids a card could name (including a forged id). */
function allowedUrls(t: string): Set<string> {
  const refs = ['CMOE-0001', 'CMOE-0042', 'CMOE-0043'];
  const meetings = [null, 'm-march', t];
  return new Set([
    ...refs.flatMap((r) => caseLinks(LINKS, r).map((l) => l.url)),
    ...meetings.flatMap((m) => meetingLinks(LINKS, m, 'Open').map((l) => l.url)),
    ...listLinks(LINKS).map((l) => l.url),
    ...actionsLinks(LINKS).map((l) => l.url),
  ]);
}

describe('every card the bot sends, with hostile free text', () => {
  let harmless: [string, AdaptiveCard][];
  beforeAll(async () => {
    harmless = await everyCard(HARMLESS);
  });

  it('covers every notification kind, every command answer, the button results and the refusals', () => {
    const names = harmless.map(([name]) => name);
    for (const kind of NOTIFICATION_KINDS) expect(names).toContain(`${kind} (planned)`);
    expect(names).toEqual(
      expect.arrayContaining(['help (channel)', 'agenda', 'case (personal)', 'extended', 'not now']),
    );
    // The harmless build itself has the markup the bot means: bold labels, lists and mentions.
    const all = harmless.flatMap(([, c]) =>
      walk(c).texts.flatMap((s) => markup(s, c.msteams?.entities ?? [])),
    );
    expect(all).toEqual(expect.arrayContaining(['*', 'mention', 'line starts with -']));
  });

  describe.each(PAYLOADS)('with %j', (payload) => {
    let hostile: [string, AdaptiveCard][];
    beforeAll(async () => {
      hostile = await everyCard(payload);
    });

    it('reaches every card that shows free text, where it reads back as typed', () => {
      const reached = hostile
        .filter(([, card]) => walk(card).texts.some((s) => shown(s).includes(asTyped(payload))))
        .map(([name]) => name);
      expect(reached).toEqual(expect.arrayContaining(CARRY_FREE_TEXT));
    });

    it('adds no markup: emphasis, links, lists, mentions and angle brackets are the same as with harmless words', () => {
      expect(hostile.map(([name]) => name)).toEqual(harmless.map(([name]) => name));
      hostile.forEach(([name, card], i) => {
        const [, plainCard] = harmless[i] as [string, AdaptiveCard];
        const h = walk(card).texts.map((s) => markup(s, card.msteams?.entities ?? []));
        const p = walk(plainCard).texts.map((s) => markup(s, plainCard.msteams?.entities ?? []));
        expect({ name, markup: h }).toEqual({ name, markup: p });
      });
    });

    it('never sends a raw angle bracket outside a mention, nor "](" that a mobile renderer reads as a link', () => {
      for (const [name, card] of hostile) {
        const entities = card.msteams?.entities ?? [];
        for (const s of walk(card).texts) {
          let rest = s;
          for (const e of entities) rest = rest.split(e.text).join('');
          expect({ name, s, angle: /[<>]/.test(rest), link: s.includes('](') }).toEqual({
            name,
            s,
            angle: false,
            link: false,
          });
        }
      }
    });

    it('keeps each mention matching its entity, one tag pair with no link inside', () => {
      for (const [name, card] of hostile) {
        const body = JSON.stringify(card.body);
        for (const e of card.msteams?.entities ?? []) {
          expect({ name, found: body.includes(JSON.stringify(e.text).slice(1, -1)) }).toEqual({
            name,
            found: true,
          });
          expect(e.text).toMatch(/^<at>[^<>]*<\/at>$/);
          expect(e.text).not.toContain('](');
        }
      }
    });

    it('opens only https links that links.ts builds, never one taken from free text', () => {
      const allowed = allowedUrls(payload);
      for (const [name, card] of hostile) {
        for (const url of walk(card).urls) {
          expect({ name, url, https: url.startsWith('https://'), built: allowed.has(url) }).toEqual({
            name,
            url,
            https: true,
            built: true,
          });
          expect(['cmoe.example.org', 'teams.microsoft.com']).toContain(new URL(url).hostname);
        }
      }
    });
  });
});
