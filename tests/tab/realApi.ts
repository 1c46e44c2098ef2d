/**
 * The real API (createApp over in-memory SQLite) listening on a loopback port for one test file, and the
 * tab's own client signed in as a demo user: for the client tests that check paths, bodies, If-Match and
 * problems against the server itself rather than the fake.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, type CmoeApi, createApiClient } from '../../src/tab/client/client';
import { makeTestApp } from '../helpers/api';

/** Starts the server before the file's tests and stops it after; call at the top of a test file. */
export function serveRealApi(): { base(): string; as(user: string): CmoeApi } {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const { app } = makeTestApp();
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return {
    base: () => base,
    as: (user) => createApiClient({ baseUrl: base, getToken: async () => `dev:${user}` }),
  };
}

/** The ApiError a call is expected to fail with. */
export async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
