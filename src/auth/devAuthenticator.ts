import { UnauthenticatedError } from '../domain/errors';
import { findDevUser } from './devUsers';
import { type Authenticator, type Principal, makePrincipal } from './principal';

/**
 * `AUTH_MODE=dev`: `Authorization: Bearer dev:<userId>` picks a synthetic user. It rides the same path as
 * a real token so the tab and tests exercise the real role checks; config refuses it outside localhost
 * and in production.
 */
export class DevAuthenticator implements Authenticator {
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const m = /^Bearer dev:([A-Za-z0-9_-]{1,64})$/.exec(authorization ?? '');
    if (!m) throw new UnauthenticatedError('Sign-in is required: send Authorization: Bearer dev:<userId>.');
    const user = findDevUser(m[1] as string);
    if (!user) throw new UnauthenticatedError('Unknown demo user.');
    return makePrincipal(user);
  }
}
