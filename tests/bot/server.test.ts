/**
 * The composition root with the bot: POST /api/messages through Express and botbuilder's CloudAdapter
 * (no app id, as in local use), replies and proactive posts landing on the local fake Bot Connector.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { EMPTY_CALENDAR, addWorkingDays, londonInstant, toLondonDate } from '../../src/domain/calendar';
import { INPUTS, VERBS } from '../../src/bot/cards/notifications';
import { silentLogger } from '../../src/log';
import { type Running, start } from '../../src/server';
import { FakeBotConnector } from '../fakes/botConnector';
import { BOT, TEAM, botAddedToTeam, click, executeData, installationUpdate, message } from './harness';
import type { AdaptiveCard } from '../../src/bot/cards/adaptive';

/** The server's clock starts here (CLOCK_START): a Monday morning, 21 days before Easter Monday. */
const NOW = new Date('2027-03-08T09:00:00.000Z');

let dir: string;
let fake: FakeBotConnector;
let running: Running;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cmoe-bot-server-'));
  fake = await FakeBotConnector.start();
  const config = loadConfig({
    SQLITE_PATH: join(dir, 'cmoe.sqlite'),
    SEED_DEMO: 'false',
    SWEEP_ENABLED: 'false',
    CLOCK_START: NOW.toISOString(),
  });
  running = await start({ ...config, port: 0 }, silentLogger);
});

afterEach(async () => {
  await running.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (activity: object) =>
  fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: `in-${Math.random()}`, ...activity, serviceUrl: fake.url }),
  });

const api = (path: string, body: object) =>
  fetch(`${running.url}/api${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer dev:dev-chair' },
    body: JSON.stringify(body),
  });

describe('the server with the bot', () => {
  it('accepts activities without a token when no app id is set, and replies through the connector', async () => {
    expect(running.bot).not.toBeNull();
    expect((await post(botAddedToTeam())).status).toBe(200);
    const res = await post(installationUpdate('add'));
    expect(res.status).toBe(200);
    expect(await running.store.bot.listConversations()).toMatchObject([
      { conversationId: TEAM, active: true },
    ]);
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toMatchObject({ conversationId: TEAM, authorized: false });
    expect(JSON.stringify(fake.posted[0]?.activity)).toContain('my actions');
  });

  it('posts a sweep to the installed channel, and runs a card button through the operations', async () => {
    await post(botAddedToTeam());
    const referral = await api('/cases', {
      firstName: 'Testy',
      lastName: 'Specimen-Synthetic',
      dateOfBirth: '2013-05-14',
      categories: ['no-school-place'],
      provision: 'none',
      referralSource: 'ewo',
      referredBy: 'Demo Member (Bea Placeholder)',
      receivedOn: toLondonDate(NOW),
    });
    const ref = ((await referral.json()) as { case: { ref: string } }).case.ref;
    // Due in 10 working days (past Easter), swept the working day before at noon.
    const due = addWorkingDays(toLondonDate(NOW), 10, EMPTY_CALENDAR);
    const created = await api('/actions', {
      caseRef: ref,
      description: 'Offer a school place',
      successMeasure: 'Place offered',
      owner: {
        id: 'dev-member-ewo',
        name: 'Demo Member (Bea Placeholder)',
        email: 'bea.placeholder@example.org',
      },
      dueDate: due,
    });
    expect(created.status).toBe(201);

    const report = await running.bot!.sweep({
      now: londonInstant(addWorkingDays(due, -1, EMPTY_CALENDAR), '12:00'),
    });
    expect(report.counts.sent).toBeGreaterThanOrEqual(1);
    const card = fake.posted
      .map((p) => (p.activity.attachments as { content: AdaptiveCard }[] | undefined)?.[0]?.content)
      .find((c) => c && JSON.stringify(c).includes('Action due soon')) as AdaptiveCard;
    expect(card).toBeDefined();

    const data = { ...executeData(card, 'Mark done'), [INPUTS.note]: 'Place offered' };
    const res = await post(click(VERBS.complete, data, 'dev-member-ewo', 'activity-2'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; value: AdaptiveCard };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('Marked done by Demo Member (Bea Placeholder)');
    expect(fake.updated).toHaveLength(1);
    const actions = await running.store.actions.list({ caseRef: ref });
    expect(actions[0]?.status).toBe('done');
  });

  it('answers a command in a personal chat through the connector', async () => {
    const res = await post(message('help', 'dev-member-ewo', 'personal'));
    expect(res.status).toBe(200);
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]?.activity.recipient).toMatchObject({ id: '29:dev-member-ewo' });
    expect(fake.posted[0]?.activity.from).toMatchObject({ id: BOT.id });
  });
});
