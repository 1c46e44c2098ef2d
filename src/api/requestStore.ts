/**
 * One store per API request, without threading it through every route: routes and operations keep the
 * `store` they were built with, whose ports answer with the current request's store (kept in
 * AsyncLocalStorage for the rest of the request) or, outside a request that has one, with the app's.
 *
 * server.ts decides what a request's store is (with the SharePoint store and Teams SSO: case data on
 * behalf of the signed-in user, the audit log and bot state as the app). SQLite and the local demo have
 * none, and every request uses the app's store as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConsentRequiredError } from '../auth/consent';
import type { Principal } from '../auth/principal';
import { ForbiddenError } from '../domain/errors';
import type { Store } from '../store/ports';

/** The store for one signed-in caller's request, or null to use the app's. */
export type StoreForRequest = (request: {
  /** The caller's `Authorization` header, already validated (the Teams SSO token). */
  authorization: string;
  caller: Principal;
}) => Promise<Store | null>;

export class RequestStores {
  private readonly current = new AsyncLocalStorage<Store>();

  constructor(private readonly base: Store) {}

  /** A store whose ports are the current request's (see `run`), or the app's outside one. */
  scoped(): Store {
    const port = <K extends Exclude<keyof Store, 'close'>>(key: K): Store[K] =>
      (this.current.getStore() ?? this.base)[key];
    return {
      get cases() {
        return port('cases');
      },
      get actions() {
        return port('actions');
      },
      get updates() {
        return port('updates');
      },
      get meetings() {
        return port('meetings');
      },
      get minutes() {
        return port('minutes');
      },
      get escalations() {
        return port('escalations');
      },
      get disclosures() {
        return port('disclosures');
      },
      get audit() {
        return port('audit');
      },
      get bot() {
        return port('bot');
      },
      get importBatches() {
        return port('importBatches');
      },
      get importMappings() {
        return port('importMappings');
      },
      // The app's store is closed by whoever opened it; a request's store holds nothing to release.
      close: () => this.base.close(),
    };
  }

  /** Runs `next` (the rest of the request) with `store` as the request's store. */
  run(store: Store, next: () => void): void {
    this.current.run(store, next);
  }
}

/** Data ports whose refusals (SharePoint's 403 for this user) are reported; the audit and bot are not. */
const DATA_PORTS = [
  'cases',
  'actions',
  'updates',
  'meetings',
  'minutes',
  'escalations',
  'importBatches',
] as const;

/**
 * The store with `onRefused` called when SharePoint refuses one of the user's calls (a `ForbiddenError`
 * from a data port), before the error goes on its way. Consent still to be given is not a refusal.
 */
export function reportingRefusals(store: Store, onRefused: () => Promise<void>): Store {
  const out: Store = { ...store };
  for (const key of DATA_PORTS) {
    (out as unknown as Record<string, object>)[key] = watched(store[key], onRefused);
  }
  return out;
}

function watched<T extends object>(port: T, onRefused: () => Promise<void>): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      // Every port method returns a promise (src/store/ports.ts), so awaiting keeps its contract.
      return async (...args: unknown[]) => {
        try {
          return (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        } catch (e) {
          if (e instanceof ForbiddenError && !(e instanceof ConsentRequiredError)) await onRefused();
          throw e;
        }
      };
    },
  });
}
