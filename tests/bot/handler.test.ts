import { INPUTS, VERBS, notificationCard } from '../../src/bot/cards/notifications';
import { CATEGORY_LABELS } from '../../src/domain/labels';
import type { ActionNotification, EscalationPrompt } from '../../src/domain/notifications';
import { updateCase } from '../../src/operations/cases';
import { FORBIDDEN_IN_CHANNEL } from './fixtures';
import {
  BOT,
  LINKS,
  TEAM,
  type World,
  botAddedToTeam,
  callAs,
  cardText,
  cardsOf,
  click,
  executeData,
  installationUpdate,
  invokeCard,
  makeWorld,
  message,
  planned,
  seedCaseWithAction,
  teamEvent,
} from './harness';

function expectMinimised(json: string) {
  for (const s of FORBIDDEN_IN_CHANNEL) expect(json).not.toContain(s);
  for (const label of Object.values(CATEGORY_LABELS)) expect(json).not.toContain(label);
}

const executeTitles = (json: string) =>
  [...json.matchAll(/"type":"Action\.Execute","title":"([^"]+)"/g)].map((m) => m[1]);

describe('installation', () => {
  let world: World;
  beforeEach(() => {
    world = makeWorld();
  });

  it('registers the team channel durably when the bot is added, and introduces itself once', async () => {
    // Teams sends a members-added update and an installation update: both register, one says hello.
    const silent = await world.send(botAddedToTeam());
    expect(silent).toEqual([]);
    const replies = await world.send(installationUpdate('add'));
    const regs = await world.store.bot.listConversations();
    expect(regs).toHaveLength(1);
    expect(regs[0]).toMatchObject({
      conversationId: TEAM,
      kind: 'channel',
      teamId: TEAM,
      tenantId: 'tenant-1',
      active: true,
      reference: {
        channelId: 'msteams',
        serviceUrl: 'https://smba.example.net/emea/',
        bot: { id: BOT.id },
        conversation: { id: TEAM },
      },
    });
    expect(cardText(cardsOf(replies))).toContain('my actions');
  });

  it('marks the registration inactive on uninstall and active again when it sees the team again', async () => {
    await world.send(installationUpdate('add'));
    await world.send(installationUpdate('remove'));
    expect((await world.store.bot.listConversations())[0]?.active).toBe(false);
    // A message in a thread of the channel: the conversation id carries ";messageid=", the channel is the same.
    await world.send(message('help', 'dev-member-ewo'));
    expect((await world.store.bot.listConversations())[0]).toMatchObject({
      conversationId: TEAM,
      active: true,
    });
  });

  it('marks the team inactive when the team is deleted and active when it is restored', async () => {
    await world.send(botAddedToTeam());
    await world.send(teamEvent('teamDeleted'));
    expect((await world.store.bot.listConversations())[0]?.active).toBe(false);
    await world.send(teamEvent('teamRestored'));
    expect((await world.store.bot.listConversations())[0]?.active).toBe(true);
  });

  it('registers a personal chat on first contact but never a channel the bot was not installed in', async () => {
    await world.send(message('help', 'dev-member-ewo', 'personal'));
    await world.send(message('help', 'dev-member-ewo', 'channel'));
    const regs = await world.store.bot.listConversations();
    expect(regs.map((r) => [r.kind, r.userId])).toEqual([['personal', 'dev-member-ewo']]);
    expect(JSON.stringify(regs[0]?.reference)).not.toContain('Someone');
  });
});

describe('commands', () => {
  let world: World;
  beforeEach(async () => {
    world = makeWorld();
    await seedCaseWithAction(world.deps);
  });

  it.each(['help', 'what can you do', ''])(
    'answers %j with help, in the channel and in a personal chat',
    async (text) => {
      for (const where of ['channel', 'personal'] as const) {
        const json = cardText(cardsOf(await world.send(message(text, 'dev-member-ewo', where))));
        expect(json).toContain('case CMOE-0042');
        expect(json).toContain('my actions');
      }
    },
  );

  it('keeps where my own reminders go, for me only, and refuses someone without a CMOE role', async () => {
    const ask = async (text: string, user: string) =>
      cardText(cardsOf(await world.send(message(text, user, 'personal'))));
    expect(await ask('notify', 'dev-member-ewo')).toContain('to the channel and to your Teams activity feed');
    expect(await ask('notify feed', 'dev-member-ewo')).toContain('activity feed only');
    expect(await ask('notify', 'dev-member-ewo')).toContain('activity feed only');
    expect(await world.store.bot.getFeedPreferences(['dev-member-ewo', 'dev-chair'])).toEqual(
      new Map([['dev-member-ewo', 'feed']]),
    );
    expect(await ask('notify channel', 'dev-norole')).toContain('Only members of the CMOE group');
    expect(await world.store.bot.getFeedPreferences(['dev-norole'])).toEqual(new Map());
  });

  it('lists my actions in the channel by case label only, and with the description in a personal chat', async () => {
    const channel = cardText(cardsOf(await world.send(message('my actions', 'dev-member-ewo'))));
    expect(channel).toContain('CMOE-0001 (Z.Q., Year 8): due Friday 27 March 2026');
    expectMinimised(channel);
    const personal = cardText(cardsOf(await world.send(message('My actions', 'dev-member-ewo', 'personal'))));
    expect(personal).toContain('Visit Zebediah Quillfeather-Marchbanks');
  });

  it('shows the next agenda with minimised labels and the reasons', async () => {
    const json = cardText(cardsOf(await world.send(message('agenda', 'dev-senior'))));
    expect(json).toContain('Agenda: Tuesday 7 April 2026 at 10:00');
    expect(json).toContain('CMOE-0001 (Z.Q., Year 8): new referral since the last meeting');
    expectMinimised(json);
  });

  it('summarises a case in the channel by ref, initials and year group, and in full in a personal chat', async () => {
    const channel = cardText(cardsOf(await world.send(message('case CMOE-0001', 'dev-member-send'))));
    expect(channel).toContain('CMOE-0001 (Z.Q., Year 8)');
    expect(channel).toContain('https://cmoe.example.org/cases/CMOE-0001');
    expect(channel).toContain(
      'https://teams.microsoft.com/l/entity/11111111-2222-3333-4444-555555555555/cmoe-list?context=%7B%22subEntityId%22%3A%22CMOE-0001%22%7D',
    );
    expectMinimised(channel);
    const personal = cardText(cardsOf(await world.send(message('case 1', 'dev-senior', 'personal'))));
    expect(personal).toContain('CMOE-0001: Zebediah Quillfeather-Marchbanks');
    expect(personal).toContain(CATEGORY_LABELS['permanently-excluded']);
  });

  it('refuses a user without a CMOE role, with a friendly card and an audited refusal', async () => {
    const json = cardText(cardsOf(await world.send(message('case CMOE-0001', 'dev-norole'))));
    expect(json).toContain('Not allowed');
    expectMinimised(json);
    const refusals = await world.store.audit.query({ action: 'access.refused' });
    expect(refusals.map((r) => [r.userId, r.target])).toEqual([['dev-norole', 'CMOE-0001']]);
  });

  it('says a missing case is not found, without guessing', async () => {
    const json = cardText(cardsOf(await world.send(message('case CMOE-0999', 'dev-chair'))));
    expect(json).toContain('Case CMOE-0999 was not found.');
  });
});

describe('card actions', () => {
  let world: World;
  let dueSoon: ActionNotification;

  beforeEach(async () => {
    world = makeWorld();
    await seedCaseWithAction(world.deps);
    const n = (await planned(world)).find((x) => x.kind === 'action-due-soon');
    if (!n || n.kind !== 'action-due-soon') throw new Error('expected an action-due-soon notification');
    dueSoon = n;
  });

  const done = (note = 'Visited; notes in the tab') => ({ n: dueSoon, [INPUTS.note]: note });

  it('lets the owner mark their action done: the store changes and the card shows who did it, for everyone', async () => {
    const replies = await world.send(click(VERBS.complete, done(), 'dev-member-ewo'));
    const { status, card } = invokeCard(replies);
    expect(status).toBe(200);
    const json = cardText(card);
    expect(json).toContain('Marked done by Demo Member (Bea Placeholder) on Wednesday 25 March 2026.');
    expect(executeTitles(json)).toEqual([]);
    expectMinimised(json);
    const action = await world.store.actions.get(dueSoon.action.id);
    expect(action).toMatchObject({
      status: 'done',
      completionNote: 'Visited; notes in the tab',
      completedOn: '2026-03-25',
    });
    expect(world.adapter.updated).toHaveLength(1);
    expect(world.adapter.updated[0]).toMatchObject({ id: 'posted-1', type: 'message' });
    expect(JSON.stringify(world.adapter.updated[0])).toContain('Marked done by Demo Member');
  });

  it('refuses a member who does not own the action, and changes nothing', async () => {
    const { card } = invokeCard(await world.send(click(VERBS.complete, done(), 'dev-member-send')));
    const json = cardText(card);
    expect(json).toContain('Not allowed: You can change only the actions you own.');
    expect(executeTitles(json)).toEqual(['Mark done', 'Extend']);
    expect((await world.store.actions.get(dueSoon.action.id))?.status).toBe('open');
    expect(world.adapter.updated).toEqual([]);
  });

  it('refuses a user without any CMOE role', async () => {
    const { card } = invokeCard(await world.send(click(VERBS.complete, done(), 'dev-norole')));
    expect(cardText(card)).toContain('Not allowed');
    expect((await world.store.actions.get(dueSoon.action.id))?.status).toBe('open');
  });

  it('validates the inputs with the operation schema: an empty note is refused', async () => {
    const { card } = invokeCard(await world.send(click(VERBS.complete, done(''), 'dev-member-ewo')));
    expect(cardText(card)).toContain('Please check: note is required.');
    expect((await world.store.actions.get(dueSoon.action.id))?.status).toBe('open');
  });

  it('extends the due date with a reason, recorded as a deferral, and keeps the buttons', async () => {
    const data = { n: dueSoon, [INPUTS.dueDate]: '2026-04-09', [INPUTS.extendReason]: 'Family away' };
    const { card } = invokeCard(await world.send(click(VERBS.extend, data, 'dev-chair')));
    const json = cardText(card);
    expect(json).toContain('Due date moved to Thursday 9 April 2026 by Demo Chair (Alex Sample)');
    expect(json).toContain('(deferral 1)');
    expect(executeTitles(json)).toEqual(['Mark done', 'Extend']);
    expectMinimised(json);
    const action = await world.store.actions.get(dueSoon.action.id);
    expect(action?.dueDate).toBe('2026-04-09');
    expect(action?.deferrals).toMatchObject([
      { from: '2026-03-27', to: '2026-04-09', reason: 'Family away' },
    ]);
    // The refreshed card carries the new version: marking done from it works.
    const next = executeData(card, 'Mark done')?.n as ActionNotification | undefined;
    expect(next?.action.version).toBe(action?.version);
  });

  it('refuses an extension to a bank holiday with the rule in words', async () => {
    const data = { n: dueSoon, [INPUTS.dueDate]: '2026-04-06', [INPUTS.extendReason]: 'Later' };
    const { card } = invokeCard(await world.send(click(VERBS.extend, data, 'dev-member-ewo')));
    expect(cardText(card)).toContain('The new due date must be a future working day.');
  });

  it('shows the current state when the action changed since the card was posted, and the next click works', async () => {
    await world.send(
      click(
        VERBS.extend,
        { n: dueSoon, [INPUTS.dueDate]: '2026-04-09', [INPUTS.extendReason]: 'Away' },
        'dev-chair',
      ),
    );
    const { card } = invokeCard(await world.send(click(VERBS.complete, done(), 'dev-member-ewo')));
    const json = cardText(card);
    expect(json).toContain('Someone changed this since the card was posted');
    expect(json).toContain('Thursday 9 April 2026');
    const fresh = executeData(card, 'Mark done')?.n as ActionNotification | undefined;
    const again = invokeCard(
      await world.send(click(VERBS.complete, { n: fresh, [INPUTS.note]: 'Done' }, 'dev-member-ewo')),
    );
    expect(cardText(again.card)).toContain('Marked done by');
  });

  it('answers a card that is not ours with a message, not an error', async () => {
    const { status, card } = invokeCard(
      await world.send(click(VERBS.complete, { n: { id: 'forged' } }, 'dev-chair')),
    );
    expect(status).toBe(200);
    expect(cardText(card)).toContain('This card is out of date');
  });
});

describe('escalation prompt buttons', () => {
  let world: World;
  let prompt: EscalationPrompt;

  beforeEach(async () => {
    world = makeWorld();
    const { case: c } = await seedCaseWithAction(world.deps);
    await updateCase(world.deps, callAs('dev-chair'), c.ref, c.version, { stuckFlag: true });
    const n = (await planned(world)).find((x) => x.kind === 'escalation-prompt');
    if (!n || n.kind !== 'escalation-prompt') throw new Error('expected an escalation prompt');
    prompt = n;
  });

  const escalation = () => ({
    n: prompt,
    [INPUTS.to]: 'director',
    [INPUTS.toName]: '',
    [INPUTS.escalateReason]: 'Stuck: flagged stuck by the chair',
    [INPUTS.decision]: 'Fund a tutor',
  });

  it('lets the chair escalate: the case is escalated with the decision requested, and the card says so', async () => {
    const { card } = invokeCard(await world.send(click(VERBS.escalate, escalation(), 'dev-chair')));
    const json = cardText(card);
    expect(json).toContain('Escalated to the director by Demo Chair (Alex Sample); a response is due by');
    expect(executeTitles(json)).toEqual([]);
    expectMinimised(json);
    expect((await world.store.cases.get(prompt.case.ref))?.status).toBe('escalated');
    const [e] = await world.store.escalations.list({ caseRef: prompt.case.ref });
    expect(e).toMatchObject({ to: 'director', toName: null, decisionRequested: 'Fund a tutor' });
  });

  it('refuses a member: only the chair escalates', async () => {
    const { card } = invokeCard(await world.send(click(VERBS.escalate, escalation(), 'dev-member-ewo')));
    expect(cardText(card)).toContain('Not allowed');
    expect((await world.store.cases.get(prompt.case.ref))?.status).toBe('referred');
  });

  it('records "not now" with its reason on the case timeline', async () => {
    const data = { n: prompt, [INPUTS.notNowReason]: 'Place offered, starts Monday' };
    const { card } = invokeCard(await world.send(click(VERBS.notNow, data, 'dev-chair')));
    expect(cardText(card)).toContain(
      "Not now, said Demo Chair (Alex Sample): the reason is on the case's timeline.",
    );
    const updates = await world.store.updates.list(prompt.case.ref);
    expect(updates.map((u) => u.text)).toEqual(['Escalation prompt: not now: Place offered, starts Monday']);
  });

  it('does not run a prompt button on an action card', async () => {
    const act = (await planned(world)).find((x) => x.kind === 'action-due-soon');
    const { card } = invokeCard(await world.send(click(VERBS.escalate, { n: act }, 'dev-chair')));
    expect(cardText(card)).toContain('Not a button of this card');
  });
});

describe('every card the bot posts in a channel', () => {
  it('carries mention entities whose text appears in the card', async () => {
    const world = makeWorld();
    const { case: c } = await seedCaseWithAction(world.deps);
    await updateCase(world.deps, callAs('dev-chair'), c.ref, c.version, { stuckFlag: true });
    for (const n of await planned(world)) {
      const card = notificationCard(n, LINKS);
      const json = cardText(card.body);
      for (const e of card.msteams?.entities ?? []) {
        expect(json).toContain(e.text);
        expect(e.text).toBe(`<at>${e.mentioned.name}</at>`);
      }
      expect((card.msteams?.entities ?? []).map((e) => e.mentioned.id)).toEqual(n.mentions.map((p) => p.id));
      expectMinimised(JSON.stringify(card));
    }
  });
});
