/**
 * What the import tests share: a real in-memory SQLite store, the operations' dependencies, callers by
 * role at a fixed time, the fixture files, and a snapshot of everything stored (to prove nothing changed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_USERS } from '../../src/auth/devUsers';
import { makePrincipal } from '../../src/auth/principal';
import type { Call, OperationDeps } from '../../src/operations/context';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite';
import { TEST_NOW, TEST_POLICY } from '../helpers/api';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export function makeDeps(store: Store = openSqliteStore(':memory:')): OperationDeps {
  return { store, policy: TEST_POLICY };
}

/** A call by one of the dev users (dev-admin, dev-chair, dev-member-ewo, dev-senior...). */
export function callAs(userId: string, now: Date = TEST_NOW): Call {
  const u = DEV_USERS.find((x) => x.id === userId);
  if (!u) throw new Error(`no dev user ${userId}`);
  return { caller: makePrincipal(u), now };
}

export const ADMIN_CALL = callAs('dev-admin');
export const CHAIR_CALL = callAs('dev-chair');

/** Everything the store holds that an import could change, for "nothing was written" checks. */
export async function snapshot(store: Store) {
  const cases = await store.cases.list();
  const updates = await Promise.all(cases.map((c) => store.updates.list(c.ref)));
  return {
    cases,
    actions: await store.actions.list(),
    updates: updates.flat(),
    audit: (await store.audit.query({ limit: 5000 })).filter((e) => e.action !== 'access.refused'),
  };
}
