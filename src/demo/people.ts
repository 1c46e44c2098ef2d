/** The people of the demo: the dev sign-in's members and chair, who own, chair and record everything. */
import { DEV_USERS } from '../auth/devUsers';
import type { DevUser } from '../auth/devUsers';
import type { Person } from '../domain/types';

export const MEMBERS: readonly DevUser[] = DEV_USERS.filter((u) => u.roles.includes('CMOE.Member'));
export const CHAIR_USER: DevUser = (() => {
  const chair = DEV_USERS.find((u) => u.roles.includes('CMOE.Chair'));
  if (chair === undefined) throw new Error('DEV_USERS has no chair');
  return chair;
})();

export function person(u: DevUser): Person {
  return { id: u.id, name: u.name, email: u.email };
}
