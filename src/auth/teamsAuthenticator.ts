/**
 * `AUTH_MODE=teams`: validates the Teams SSO access token (`getAuthToken()` in the tab) that the tab sends
 * as `Authorization: Bearer <jwt>`, and turns its claims into a Principal.
 *
 * Checked, in this order: the compact form and size; `alg` is RS256 (so `none` and HS256 "signed" with
 * the public key never reach a verifier); the key from the tenant's JWKS by `kid`; the signature;
 * `exp` / `nbf` with a small clock skew; `tid` in the allowed tenants; `iss` in the v1 or v2 form for that
 * tenant; `aud` is our client id or App ID URI; `scp` contains `access_as_user` (so an app-only token,
 * which has no `scp`, never passes as a user). Every refusal is the same generic 401 to the caller (no
 * oracle for an attacker) and one log line with a reason code, the `tid` and the `kid`: never the token.
 */
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { z } from 'zod';
import { BusyError, UnauthenticatedError } from '../domain/errors';
import type { Logger } from '../log';
import { type JwksKeySource, KeyLookupError } from './jwks';
import { type Authenticator, type Principal, makePrincipal } from './principal';
import { type Role, isRole } from './roles';

/** The Entra app registration this server trusts. */
export interface TeamsAuthSettings {
  /** The home tenant (GUID): its JWKS signs the tokens. */
  tenantId: string;
  /** The app registration's client id (GUID): the token audience in v2 tokens. */
  clientId: string;
  /** Tenants whose users may sign in (`tid`); the home tenant unless more are listed. */
  allowedTenantIds: readonly string[];
  /** Sign-in authority origin, e.g. `https://login.microsoftonline.com` (national clouds differ). */
  authorityHost: string;
  /** The App ID URI (`api://host/{clientId}`), the audience in v1 tokens; any `api://…/{clientId}` if unset. */
  appIdUri?: string | undefined;
}

/** Why a token was refused: logged as `code`, never shown to the caller. */
export type RefusalReason =
  | 'missing'
  | 'malformed'
  | 'alg'
  | 'kid-missing'
  | 'kid-unknown'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'claims'
  | 'tenant'
  | 'issuer'
  | 'audience'
  | 'scope';

class TokenRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

/** The JWKS URL of a tenant at an authority. */
export function jwksUrlFor(authorityHost: string, tenantId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${tenantId}/discovery/v2.0/keys`;
}

/** Tokens are a few KB; a bigger header is not a token and is not worth parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Only values of these shapes are logged: a forged token must not be able to write into the log. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_KID = /^[A-Za-z0-9_.=-]{1,100}$/;
const SCOPE = 'access_as_user';

/** The claims we use, checked after the signature: anything else in the token is ignored. */
const claimsSchema = z.object({
  tid: z.string().regex(GUID),
  oid: z.string().min(1).max(100),
  iss: z.string(),
  aud: z.string(),
  scp: z.string().optional(),
  roles: z.array(z.string()).optional(),
  name: z.string().max(200).optional(),
  preferred_username: z.string().max(320).optional(),
  upn: z.string().max(320).optional(),
  email: z.string().max(320).optional(),
});

export interface TeamsAuthenticatorDeps {
  keys: JwksKeySource;
  log: Logger;
  /** The clock for `exp` / `nbf` (injectable for tests). */
  clock: () => Date;
  /** Allowed difference between our clock and the issuer's, in seconds. Default 120. */
  clockSkewSeconds?: number;
}

export class TeamsAuthenticator implements Authenticator {
  private readonly allowedTenants: ReadonlySet<string>;
  private readonly authority: string;

  constructor(
    private readonly settings: TeamsAuthSettings,
    private readonly deps: TeamsAuthenticatorDeps,
  ) {
    this.allowedTenants = new Set(settings.allowedTenantIds.map((t) => t.toLowerCase()));
    this.authority = settings.authorityHost.replace(/\/+$/, '');
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const logged: { tid?: string; kid?: string } = {};
    try {
      return await this.verify(authorization, logged);
    } catch (e) {
      if (e instanceof TokenRefused) {
        this.deps.log.warn('sign-in refused', { code: e.reason, tid: logged.tid, kid: logged.kid });
        throw new UnauthenticatedError('Your sign-in could not be verified. Please sign in again.');
      }
      if (e instanceof KeyLookupError && e.reason === 'jwks-unavailable') {
        // Not the caller's fault: the authority's keys could not be fetched. 503, so the tab retries
        // instead of sending the user round a sign-in loop.
        this.deps.log.error('sign-in keys unavailable', { code: e.reason, kid: logged.kid });
        throw new BusyError('Sign-in cannot be checked just now. Please try again shortly.', 30);
      }
      throw e;
    }
  }

  private async verify(
    authorization: string | undefined,
    logged: { tid?: string; kid?: string },
  ): Promise<Principal> {
    const m = /^Bearer ([^\s]+)$/i.exec(authorization ?? '');
    if (!m) throw new TokenRefused(authorization ? 'malformed' : 'missing');
    const token = m[1] as string;
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw new TokenRefused('malformed');

    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new TokenRefused('malformed');
    }
    if (typeof header.kid === 'string' && SAFE_KID.test(header.kid)) logged.kid = header.kid;
    try {
      // Unverified, for the log line only: which tenant a refused token claimed to be from.
      const tid = decodeJwt(token).tid;
      if (typeof tid === 'string' && GUID.test(tid)) logged.tid = tid;
    } catch {
      throw new TokenRefused('malformed');
    }
    if (header.alg !== 'RS256') throw new TokenRefused('alg');
    if (typeof header.kid !== 'string' || header.kid === '') throw new TokenRefused('kid-missing');

    let key: Awaited<ReturnType<JwksKeySource['keyFor']>>;
    try {
      key = await this.deps.keys.keyFor(header.kid);
    } catch (e) {
      if (e instanceof KeyLookupError && e.reason === 'kid-unknown') throw new TokenRefused('kid-unknown');
      throw e;
    }

    let payload: unknown;
    try {
      payload = (
        await jwtVerify(token, key, {
          algorithms: ['RS256'],
          clockTolerance: this.deps.clockSkewSeconds ?? 120,
          currentDate: this.deps.clock(),
          requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
        })
      ).payload;
    } catch (e) {
      throw new TokenRefused(reasonOf(e));
    }

    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) throw new TokenRefused('claims');
    const c = parsed.data;
    const tid = c.tid.toLowerCase();
    if (!this.allowedTenants.has(tid)) throw new TokenRefused('tenant');
    if (c.iss !== `https://sts.windows.net/${tid}/` && c.iss !== `${this.authority}/${tid}/v2.0`) {
      throw new TokenRefused('issuer');
    }
    if (!this.audienceOk(c.aud)) throw new TokenRefused('audience');
    if (!(c.scp ?? '').split(' ').includes(SCOPE)) throw new TokenRefused('scope');

    const roles: Role[] = [...new Set((c.roles ?? []).filter(isRole))];
    const email = c.preferred_username ?? c.upn ?? c.email ?? '';
    return makePrincipal({ id: c.oid, name: c.name ?? (email || c.oid), email, roles, tenantId: tid });
  }

  /** v2 tokens carry the client id; v1 tokens the App ID URI (`api://host/{clientId}` or `api://{clientId}`). */
  private audienceOk(aud: string): boolean {
    const { clientId, appIdUri } = this.settings;
    if (aud === clientId) return true;
    if (appIdUri !== undefined) return aud === appIdUri;
    return aud === `api://${clientId}` || (aud.startsWith('api://') && aud.endsWith(`/${clientId}`));
  }
}

/** jose's stable error codes to our reasons. */
function reasonOf(e: unknown): RefusalReason {
  const err = e as { code?: unknown; claim?: unknown; reason?: unknown } | null;
  switch (err?.code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (err.reason === 'missing') return 'claims';
      return err.claim === 'nbf' || err.claim === 'iat' ? 'not-yet-valid' : 'claims';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'alg';
    default:
      return 'malformed';
  }
}
