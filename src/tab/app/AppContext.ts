/** What every screen needs once someone is signed in: the API, who they are, and what they may do. */
import { createContext, useContext } from 'react';
import type { Permission } from '../../auth/roles';
import type { Person } from '../../domain/types';
import type { CmoeApi, DevUser, Me } from '../client/client';
import type { Host } from '../host/teams';

export interface AppServices {
  api: CmoeApi;
  me: Me;
  host: Host;
  /** The local demo's users (people to pick as action owners); empty inside Teams. */
  devUsers: DevUser[];
}

export interface AppContextValue extends AppServices {
  can(permission: Permission): boolean;
  /** People the tab knows (for owner pickers): the user first, then the demo users who can own work. */
  people: (Person & { service?: string })[];
}

export const AppContext = createContext<AppContextValue | null>(null);

export function makeAppContext(s: AppServices): AppContextValue {
  const perms = new Set(s.me.permissions);
  const people: AppContextValue['people'] = [{ id: s.me.id, name: s.me.name, email: s.me.email }];
  for (const u of s.devUsers) {
    if (u.id === s.me.id) {
      (people[0] as { service?: string }).service = u.service;
      continue;
    }
    if (u.roles.some((r) => r === 'CMOE.Member' || r === 'CMOE.Chair'))
      people.push({ id: u.id, name: u.name, email: u.email, service: u.service });
  }
  return { ...s, can: (p) => perms.has(p), people };
}

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp() outside <AppContext.Provider>');
  return ctx;
}
