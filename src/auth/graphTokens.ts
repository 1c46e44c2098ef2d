/**
 * Microsoft Graph access tokens through msal-node: app-only (client credentials: provisioning and the
 * bot's scheduled sweeps, limited to the one site by Sites.Selected) and on behalf of a signed-in user
 * (the tab's requests, so SharePoint's own permissions apply as well).
 *
 * Each token is requested once and reused until shortly before it expires: one per app, one per user
 * assertion. The cache is ours (with an injectable clock, so expiry is testable without waiting), msal's
 * own cache is bypassed, and concurrent callers of one identity share one request.
 *
 * Errors name the identity and msal's error code only: never a token, an assertion or a secret.
 */
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { AuthError, ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { UnauthenticatedError } from '../domain/errors';
import { ConsentRequiredError } from './consent';

/** What the Graph client asks for a token (the Graph client's AuthenticationProvider). */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
}

export type GraphCredential = { clientSecret: string } | { certificatePem: string };

export interface GraphIdentityOptions {
  tenantId: string;
  clientId: string;
  credential: GraphCredential;
  /** AUTHORITY_HOST: `https://login.microsoftonline.com` or a national cloud's sign-in host. */
  authorityHost: string;
  /** GRAPH_BASE_URL: the resource the tokens are for (`{origin}/.default`). */
  graphBaseUrl: string;
  /** msal's `authorityMetadata` (the OpenID configuration as JSON), to skip discovering it. */
  authorityMetadata?: string;
  /** msal's `cloudDiscoveryMetadata` (an instance discovery response as JSON). */
  cloudDiscoveryMetadata?: string;
  /** Epoch milliseconds now; tests move it to pass expiry. */
  clock?: () => number;
}

export class GraphTokenError extends Error {
  constructor(
    readonly identity: 'app-only' | 'on behalf of a user',
    readonly errorCode: string,
  ) {
    super(`Could not get a Microsoft Graph token (${identity}): ${errorCode}.`);
    this.name = 'GraphTokenError';
  }
}

/** Sign-in hosts msal knows (it has their metadata built in); any other host is trusted as configured. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** Renew this long before a token expires, so a request never leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** Users whose tokens are kept at most (expired ones go first). */
const MAX_USERS = 1000;

/** msal's certificate credential from a PEM holding the private key and the certificate. */
export function certificateCredential(pem: string): {
  thumbprintSha256: string;
  privateKey: string;
  x5c: string;
} {
  const cert = new X509Certificate(pem);
  const privateKey = createPrivateKey(pem).export({ format: 'pem', type: 'pkcs8' }).toString();
  return { thumbprintSha256: cert.fingerprint256.replace(/:/g, ''), privateKey, x5c: cert.toString() };
}

interface Cached {
  token: string;
  renewAt: number;
}

export class GraphTokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly obo: ConfidentialClientApplication;
  private readonly scopes: string[];
  private readonly clock: () => number;
  private readonly cache = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(options: GraphIdentityOptions) {
    const host = new URL(options.authorityHost);
    if (host.protocol !== 'https:') throw new Error('AUTHORITY_HOST must be an https URL.');
    const graph = new URL(options.graphBaseUrl);
    this.scopes = [`${graph.origin}/.default`];
    this.clock = options.clock ?? Date.now;
    const credential =
      'clientSecret' in options.credential
        ? { clientSecret: options.credential.clientSecret }
        : { clientCertificate: certificateCredential(options.credential.certificatePem) };
    const config: Configuration = {
      auth: {
        clientId: options.clientId,
        authority: `${host.origin}/${encodeURIComponent(options.tenantId)}`,
        ...credential,
        ...(MICROSOFT_AUTHORITY_HOSTS.has(host.hostname) ? {} : { knownAuthorities: [host.host] }),
        ...(options.authorityMetadata ? { authorityMetadata: options.authorityMetadata } : {}),
        ...(options.cloudDiscoveryMetadata ? { cloudDiscoveryMetadata: options.cloudDiscoveryMetadata } : {}),
      },
      system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
    };
    this.app = new ConfidentialClientApplication(config);
    // A separate instance for users, whose msal cache is emptied after each request (ours is the cache).
    this.obo = new ConfidentialClientApplication(config);
  }

  /** App-only tokens (client credentials). */
  appOnly(): AccessTokenSource {
    return { getAccessToken: () => this.token('app', 'app-only', () => this.requestAppToken()) };
  }

  /**
   * Tokens on behalf of the user whose token (`userAssertion`, the tab's SSO token) is given. With `user`
   * (the tenant and object id from the validated assertion) the token is kept per user, so it outlives
   * one SSO token: Teams hands the tab a fresh SSO token now and then, and the user's Graph token is still
   * good. Without it, per assertion.
   */
  onBehalfOf(userAssertion: string, user?: { tenantId: string; userId: string }): AccessTokenSource {
    const key = user
      ? `obo-user:${user.tenantId.toLowerCase()}:${user.userId.toLowerCase()}`
      : `obo:${createHash('sha256').update(userAssertion).digest('hex')}`;
    return {
      getAccessToken: () => this.token(key, 'on behalf of a user', () => this.requestOboToken(userAssertion)),
    };
  }

  private async token(
    key: string,
    identity: GraphTokenError['identity'],
    request: () => Promise<{ token: string; expiresAt: number }>,
  ): Promise<string> {
    const hit = this.cache.get(key);
    if (hit && this.clock() < hit.renewAt) return hit.token;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const p = (async () => {
      try {
        const { token, expiresAt } = await request();
        this.store(key, { token, renewAt: expiresAt - RENEW_BEFORE_MS });
        return token;
      } catch (error) {
        throw this.mapError(identity, error);
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, p);
    return p;
  }

  private store(key: string, entry: Cached): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size <= MAX_USERS) return;
    const now = this.clock();
    for (const [k, v] of this.cache) if (v.renewAt <= now) this.cache.delete(k);
    // Still too many: drop the least recently stored.
    for (const k of this.cache.keys()) {
      if (this.cache.size <= MAX_USERS) break;
      this.cache.delete(k);
    }
  }

  /** msal gives `expiresOn` by its clock; the token lives that long from now by ours. */
  private expiresAt(expiresOn: Date | null): number {
    const lifetime = expiresOn ? expiresOn.getTime() - Date.now() : 0;
    return this.clock() + Math.max(0, lifetime);
  }

  private async requestAppToken(): Promise<{ token: string; expiresAt: number }> {
    const result = await this.app.acquireTokenByClientCredential({ scopes: this.scopes, skipCache: true });
    if (!result?.accessToken) throw new GraphTokenError('app-only', 'no_token');
    return { token: result.accessToken, expiresAt: this.expiresAt(result.expiresOn) };
  }

  private async requestOboToken(assertion: string): Promise<{ token: string; expiresAt: number }> {
    try {
      const result = await this.obo.acquireTokenOnBehalfOf({
        oboAssertion: assertion,
        scopes: this.scopes,
        skipCache: true,
      });
      if (!result?.accessToken) throw new GraphTokenError('on behalf of a user', 'no_token');
      return { token: result.accessToken, expiresAt: this.expiresAt(result.expiresOn) };
    } finally {
      this.obo.clearCache();
    }
  }

  private mapError(identity: GraphTokenError['identity'], error: unknown): Error {
    if (error instanceof GraphTokenError) return error;
    const code = error instanceof AuthError ? error.errorCode || 'auth_error' : 'network_error';
    if (identity === 'on behalf of a user' && error instanceof AuthError) {
      const consent = consentReason(error);
      if (consent) return new ConsentRequiredError(consent);
      // The user's own token was refused (expired, revoked, wrong audience): they need to sign in again.
      if (code === 'invalid_grant' || code === 'interaction_required')
        return new UnauthenticatedError('Your sign-in has expired. Please sign in again.');
    }
    return new GraphTokenError(identity, code);
  }
}

/** msal's sub-errors that a prompt resolves (its list, less `bad_token` and `consent_required`). */
const INTERACTIVE_SUB_ERRORS = new Set([
  'message_only',
  'basic_action',
  'additional_action',
  'user_password_expired',
]);

/**
 * Whether Entra's refusal of an on-behalf-of request needs the user in a pop-up. AADSTS65001 (no consent
 * to the app's Graph permissions) comes as `invalid_grant` with the sub-error `consent_required`;
 * multi-factor or a conditional-access policy as `interaction_required` (or sub-errors msal classes as
 * interactive). A token that is bad or expired (`bad_token`, AADSTS50013 and the like) is not: signing in
 * again fixes those.
 */
export function consentReason(error: AuthError): ConsentRequiredError['reason'] | null {
  const sub = error.subError;
  if (sub === 'consent_required' || error.errorCode === 'consent_required') return 'consent_required';
  if (/\bAADSTS65001\b/.test(error.errorMessage)) return 'consent_required';
  if (error.errorCode === 'interaction_required' || INTERACTIVE_SUB_ERRORS.has(sub))
    return 'interaction_required';
  return null;
}
