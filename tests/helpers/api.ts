/**
 * Builds the real app (createApp) over a real in-memory SQLite store with a fixed clock, for supertest.
 * Log lines are captured so tests can prove no child data reaches them.
 */
import type { Express } from 'express';
import { createApp } from '../../src/api/app';
import { DevAuthenticator } from '../../src/auth/devAuthenticator';
import type { Authenticator } from '../../src/auth/principal';
import type { NotificationPolicy } from '../../src/domain/notifications';
import { type Policy, policySchema } from '../../src/domain/policy';
import { type Logger, createLogger } from '../../src/log';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite';
import type { ReferralInput } from '../../src/contract/inputs';

/**
 * Meetings every 4 weeks on Mondays from 2026-01-12: 02-09, 03-09, then 04-06, which is Easter Monday
 * 2026, so that meeting moves to Tuesday 04-07.
 */
export const TEST_POLICY: Policy = policySchema.parse({
  cadence: { anchorDate: '2026-01-12', everyWeeks: 4, time: '10:00' },
});

/** Wednesday 25 March 2026, 10:00 London (GMT). */
export const TEST_NOW = new Date('2026-03-25T10:00:00.000Z');

export interface TestApp {
  app: Express;
  store: Store;
  logs: string[];
  clock: { now: Date };
}

export interface TestAppOptions {
  policy?: Policy;
  /** The bot's timings, which the API's action timings read ("due soon"). */
  notificationPolicy?: NotificationPolicy;
  now?: Date;
  bodyLimit?: string;
  /** Another sign-in (e.g. Teams SSO against the fake issuer); it logs into the same captured lines. */
  authenticator?: (log: Logger, clock: () => Date) => Authenticator;
  rateLimitPerMinute?: number;
  anonymousRateLimitPerMinute?: number;
  allowedHosts?: readonly string[];
  https?: boolean;
  /** Extra routers (e.g. the built tab's files), as server.ts mounts them. */
  mount?: (app: Express) => void;
  /** Another store (e.g. the SharePoint store on the Graph fake) instead of a new in-memory SQLite one. */
  store?: Store;
}

export function makeTestApp(opts: TestAppOptions = {}): TestApp {
  const store = opts.store ?? openSqliteStore(':memory:');
  const logs: string[] = [];
  const clock = { now: opts.now ?? TEST_NOW };
  const log = createLogger('debug', (l) => logs.push(l));
  const now = () => clock.now;
  const app = createApp({
    store,
    policy: opts.policy ?? TEST_POLICY,
    ...(opts.notificationPolicy ? { notificationPolicy: opts.notificationPolicy } : {}),
    authenticator: opts.authenticator ? opts.authenticator(log, now) : new DevAuthenticator(),
    clock: now,
    log,
    bodyLimit: opts.bodyLimit ?? '100kb',
    devSignIn: !opts.authenticator,
    ...(opts.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: opts.rateLimitPerMinute } : {}),
    ...(opts.https !== undefined ? { https: opts.https } : {}),
    ...(opts.anonymousRateLimitPerMinute !== undefined
      ? { anonymousRateLimitPerMinute: opts.anonymousRateLimitPerMinute }
      : {}),
    ...(opts.mount ? { mount: opts.mount } : {}),
    ...(opts.allowedHosts ? { allowedHosts: opts.allowedHosts } : {}),
  });
  return { app, store, logs, clock };
}

export const as = (userId: string) => ({ Authorization: `Bearer dev:${userId}` });
export const CHAIR = as('dev-chair');
export const MEMBER = as('dev-member-ewo');
export const OTHER_MEMBER = as('dev-member-send');
export const SENIOR = as('dev-senior');
export const ADMIN = as('dev-admin');
export const NO_ROLE = as('dev-norole');

/** A valid referral of an obviously synthetic child (Year 8 on TEST_NOW). */
export function referral(overrides: Partial<ReferralInput> = {}): Record<string, unknown> {
  return {
    firstName: 'Testy',
    lastName: 'Specimen-Synthetic',
    dateOfBirth: '2013-05-14',
    lastSchool: 'Demo Academy (synthetic)',
    categories: ['permanently-excluded'],
    provision: 'none',
    outOfEducationSince: '2026-01-05',
    referralSource: 'ewo',
    referredBy: 'Demo Member (Bea Placeholder)',
    receivedOn: '2026-03-20',
    ...overrides,
  };
}

export const OWNER = {
  id: 'dev-member-ewo',
  name: 'Demo Member (Bea Placeholder)',
  email: 'bea.placeholder@example.org',
};

/** A valid body for POST /api/cases/:ref/disclosures (issue 18), with overrides laid over it. */
export function disclosureBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    disclosedOn: '2026-03-24',
    recipient: { agency: 'Demo Police (synthetic)', role: 'Missing persons coordinator' },
    categories: ['identity', 'whereabouts'],
    details: 'Name, date of birth and the last known address',
    reason: 'Missing for two weeks; believed at risk of exploitation',
    article6: 'art6-1e',
    specialCategory: 'none',
    authorisedBy: { name: 'Demo Chair (Ada Placeholder)', role: 'Chair, CMOE group' },
    ...overrides,
  };
}
