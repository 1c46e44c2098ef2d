/**
 * The caller, as every operation sees it, however they signed in (dev header now, Teams SSO later).
 */
import type { Person } from '../domain/types';
import { type Permission, type Role, permissionsFor } from './roles';

export interface Principal {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /** The Entra tenant (`tid`) of a Teams sign-in; absent for the local demo's users. */
  tenantId?: string;
}

export function makePrincipal(p: {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  tenantId?: string;
}): Principal {
  return { ...p, permissions: permissionsFor(p.roles) };
}

export function asPerson(p: Principal): Person {
  return { id: p.id, name: p.name, email: p.email };
}

/** Turns an `Authorization` header into a principal, or throws `UnauthenticatedError`. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Principal>;
}
