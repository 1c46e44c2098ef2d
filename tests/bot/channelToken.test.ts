/**
 * Issue 14 item 4, production: with an app id, botbuilder validates the Bot Connector's JWT on every
 * activity, and an activity whose token names another service URL (the `serviceurl` claim) than the
 * activity's own is refused, so a captured token cannot steer the bot's replies to another address.
 * The channel's signing keys come from a local OpenID document (the public cloud's is replaced only
 * here), and the activities are signed with a local key endorsed for `msteams`, as the real service's are.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { type CryptoKey, SignJWT, exportJWK, generateKeyPair } from 'jose';
import request from 'supertest';
import { createBotRuntime } from '../../src/bot';
import { DEFAULT_NOTIFICATION_POLICY } from '../../src/domain/notifications';
import { silentLogger } from '../../src/log';
import { openSqliteStore } from '../../src/store/sqlite';
import { TEST_POLICY } from '../helpers/api';
import { LINKS, TEAM, installationUpdate } from './harness';

const APP_ID = '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const TENANT = '7d1c0a4e-2b3f-4c5d-8e9f-0a1b2c3d4e5f';
const ISSUER = 'https://api.botframework.test';
const SERVICE_URL = 'https://smba.example.net/emea/';
const KID = 'channel-key-1';

let server: Server;
let metadataUrl: string;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, use: 'sig', endorsements: ['msteams'] };
  server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  metadataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function channelToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setIssuer(ISSUER)
    .setAudience(APP_ID)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);
}

async function botApp() {
  const store = openSqliteStore(':memory:');
  const runtime = createBotRuntime({
    store,
    policy: TEST_POLICY,
    notificationPolicy: DEFAULT_NOTIFICATION_POLICY,
    log: silentLogger,
    // A fixed moment: a test never depends on the day it runs.
    clock: () => new Date('2027-03-08T09:00:00Z'),
    settings: {
      credentials: {
        appId: APP_ID,
        appPassword: 'not-used-no-reply-is-sent',
        appType: 'SingleTenant',
        tenantId: TENANT,
        channelAuthority: { openIdMetadataUrl: metadataUrl, tokenIssuer: ISSUER },
      },
      teamId: TEAM,
      links: LINKS,
      sweepEnabled: false,
      sweepIntervalMinutes: 5,
      directory: { kind: 'dev' },
    },
  });
  const app = express();
  runtime.mount(app);
  // The bot is in the team; removing it (no reply is sent) shows whether an activity was processed.
  await store.bot.upsertConversation({
    conversationId: TEAM,
    kind: 'channel',
    tenantId: TENANT,
    teamId: TEAM,
    userId: null,
    reference: {
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      bot: { id: '28:cmoe-bot' },
      conversation: { id: TEAM },
    },
    active: true,
    updatedAt: '2026-03-25T10:00:00.000Z',
  });
  return { app, store };
}

const removal = { ...installationUpdate('remove'), id: 'in-1', serviceUrl: SERVICE_URL };
const isActive = async (store: Awaited<ReturnType<typeof botApp>>['store']) =>
  (await store.bot.listConversations()).find((c) => c.conversationId === TEAM)?.active;

test('an activity whose token names another service URL is refused with 401 and changes nothing', async () => {
  // botbuilder reports each refusal on the console; the tests keep their output quiet.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const { app, store } = await botApp();
  const forged = await channelToken({ serviceurl: 'https://attacker.example.net/' });
  const res = await request(app).post('/api/messages').set('Authorization', `Bearer ${forged}`).send(removal);
  expect(res.status).toBe(401);
  expect(await isActive(store)).toBe(true);
});

test('an activity without a token, or with one signed by another key, is refused', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const { app, store } = await botApp();
  expect((await request(app).post('/api/messages').send(removal)).status).toBe(401);
  const other = await generateKeyPair('RS256');
  const wrongKey = await new SignJWT({ serviceurl: SERVICE_URL })
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setIssuer(ISSUER)
    .setAudience(APP_ID)
    .setExpirationTime('10m')
    .sign(other.privateKey);
  // botbuilder alone answered a signature it cannot verify with 500 (and an error on the console): the
  // endpoint checks the token first, so it is a 401 like any other invalid token.
  expect(
    (await request(app).post('/api/messages').set('Authorization', `Bearer ${wrongKey}`).send(removal))
      .status,
  ).toBe(401);
  expect(await isActive(store)).toBe(true);
});

test('the same activity with a token for its own service URL is processed', async () => {
  const { app, store } = await botApp();
  const token = await channelToken({ serviceurl: SERVICE_URL });
  const res = await request(app).post('/api/messages').set('Authorization', `Bearer ${token}`).send(removal);
  expect(res.status).toBeLessThan(300);
  expect(await isActive(store)).toBe(false);
});
