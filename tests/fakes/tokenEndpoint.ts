/**
 * A local Microsoft Entra token endpoint for msal-node, over HTTPS on a loopback port: the OpenID
 * configuration (`/{tenant}/v2.0/.well-known/openid-configuration`) and the v2 token endpoint
 * (`/{tenant}/oauth2/v2.0/token`) for the client credentials grant and the on-behalf-of grant
 * (`urn:ietf:params:oauth:grant-type:jwt-bearer`, `requested_token_use=on_behalf_of`). Clients prove
 * themselves with the secret or a certificate (a client assertion JWT, checked against the certificate).
 * It records every token request and remembers the tokens it issued, so the Graph fake can accept
 * exactly those.
 */
import { constants, createPublicKey, randomBytes, verify, X509Certificate } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { testTls } from './tls';

export interface TokenEndpointOptions {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** A PEM holding the client's certificate: assertions signed with its key are accepted. */
  clientCertificatePem?: string;
  /** Lifetime of the tokens issued (seconds). */
  expiresInSeconds?: number;
}

export interface TokenRequest {
  grantType: string;
  scope: string;
  /** How the client proved itself. */
  clientAuth: 'secret' | 'certificate' | 'none';
  /** For on-behalf-of: the user's assertion. */
  assertion: string | null;
  status: number;
}

export interface RunningTokenEndpoint {
  /** `https://127.0.0.1:{port}`: AUTHORITY_HOST. */
  url: string;
  requests: TokenRequest[];
  /** True for a token this endpoint issued (the Graph fake's token check). */
  isIssued(token: string): boolean;
  /** Whom a token was issued to: the app (client credentials) or a user (the assertion it was exchanged for). */
  issuedFor(token: string): { grant: 'app-only' } | { grant: 'on-behalf-of'; assertion: string } | null;
  /** User assertions to refuse with invalid_grant (an expired SSO token). */
  rejectAssertions: Set<string>;
  /**
   * User assertions whose user has not consented to the app's Graph permissions: refused as Entra does
   * (`invalid_grant`, AADSTS65001, sub-error `consent_required`) until taken out of the set.
   */
  consentMissing: Set<string>;
  /** User assertions refused with `interaction_required` (multi-factor or conditional access, AADSTS50079). */
  interactionRequired: Set<string>;
  close(): Promise<void>;
}

function b64urlJson(part: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Checks a client assertion JWT: signed by the certificate's key (PS256 or RS256), for this client. */
function assertionValid(jwt: string, certPem: string, clientId: string, audience: string): boolean {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || !s) return false;
  const header = b64urlJson(h);
  const payload = b64urlJson(p);
  if (!header || !payload) return false;
  const key = createPublicKey(new X509Certificate(certPem).publicKey.export({ format: 'pem', type: 'spki' }));
  const data = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, 'base64url');
  const ok =
    header.alg === 'PS256'
      ? verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)
      : header.alg === 'RS256'
        ? verify('sha256', data, key, sig)
        : false;
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  return (
    ok &&
    payload.iss === clientId &&
    payload.sub === clientId &&
    payload.aud === audience &&
    // eslint-disable-next-line no-restricted-syntax -- real time: issued tokens expire in real time, as Entra’s do
    exp * 1000 > Date.now()
  );
}

export async function startTokenEndpoint(options: TokenEndpointOptions): Promise<RunningTokenEndpoint> {
  const tls = testTls();
  const issued = new Map<string, number>();
  const issuedTo = new Map<string, { grant: 'app-only' } | { grant: 'on-behalf-of'; assertion: string }>();
  const requests: TokenRequest[] = [];
  const rejectAssertions = new Set<string>();
  const consentMissing = new Set<string>();
  const interactionRequired = new Set<string>();
  const expiresIn = options.expiresInSeconds ?? 3600;
  let origin = '';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const oauthError = (error: string, description: string, extra: Record<string, unknown> = {}) => ({
    error,
    error_description: description,
    error_codes: [Number(/^AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
    ...extra,
    // eslint-disable-next-line no-restricted-syntax -- real time: issued tokens expire in real time, as Entra’s do
    timestamp: new Date().toISOString(),
    trace_id: randomBytes(16).toString('hex'),
    correlation_id: randomBytes(16).toString('hex'),
  });

  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const tenantPrefix = `/${options.tenantId}`;
      if (req.method === 'GET' && url.pathname === `${tenantPrefix}/v2.0/.well-known/openid-configuration`) {
        send(res, 200, openIdConfiguration(origin, options.tenantId));
        return;
      }
      if (req.method !== 'POST' || url.pathname !== `${tenantPrefix}/oauth2/v2.0/token`) {
        send(res, 404, oauthError('not_found', 'AADSTS90002: Tenant or endpoint not found.'));
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const grantType = form.get('grant_type') ?? '';
      const scope = form.get('scope') ?? '';
      const record = (status: number, clientAuth: TokenRequest['clientAuth'], assertion: string | null) =>
        requests.push({ grantType, scope, clientAuth, assertion, status });

      let clientAuth: TokenRequest['clientAuth'] = 'none';
      if (form.get('client_id') !== options.clientId) {
        record(400, clientAuth, null);
        send(
          res,
          400,
          oauthError('unauthorized_client', 'AADSTS700016: Application not found in the directory.'),
        );
        return;
      }
      const secret = form.get('client_secret');
      const clientAssertion = form.get('client_assertion');
      if (secret !== null && options.clientSecret !== undefined && secret === options.clientSecret)
        clientAuth = 'secret';
      else if (
        clientAssertion !== null &&
        options.clientCertificatePem !== undefined &&
        form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' &&
        assertionValid(
          clientAssertion,
          options.clientCertificatePem,
          options.clientId,
          `${origin}${url.pathname}`,
        )
      ) {
        clientAuth = 'certificate';
      } else {
        record(401, clientAuth, null);
        send(res, 401, oauthError('invalid_client', 'AADSTS7000215: Invalid client secret provided.'));
        return;
      }
      if (!scope.split(' ').some((s) => s.endsWith('/.default'))) {
        record(400, clientAuth, null);
        send(
          res,
          400,
          oauthError('invalid_scope', 'AADSTS1002012: The provided value for scope is not valid.'),
        );
        return;
      }
      let assertion: string | null = null;
      if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        assertion = form.get('assertion');
        if (
          form.get('requested_token_use') !== 'on_behalf_of' ||
          !assertion ||
          rejectAssertions.has(assertion)
        ) {
          record(400, clientAuth, assertion);
          send(res, 400, oauthError('invalid_grant', 'AADSTS50013: Assertion failed signature validation.'));
          return;
        }
        if (consentMissing.has(assertion)) {
          record(400, clientAuth, assertion);
          send(
            res,
            400,
            oauthError(
              'invalid_grant',
              `AADSTS65001: The user or administrator has not consented to use the application with ID '${options.clientId}'. Send an interactive authorization request for this user and resource.`,
              { suberror: 'consent_required' },
            ),
          );
          return;
        }
        if (interactionRequired.has(assertion)) {
          record(400, clientAuth, assertion);
          send(
            res,
            400,
            oauthError(
              'interaction_required',
              'AADSTS50079: Due to a configuration change made by your administrator, you must enroll in multi-factor authentication.',
              {
                claims:
                  '{"access_token":{"capolids":{"essential":true,"values":["00000000-0000-0000-0000-000000000001"]}}}',
              },
            ),
          );
          return;
        }
      } else if (grantType !== 'client_credentials') {
        record(400, clientAuth, null);
        send(res, 400, oauthError('unsupported_grant_type', 'AADSTS70003: The grant type is not supported.'));
        return;
      }
      const token = `fake-graph-token.${randomBytes(24).toString('base64url')}`;
      // eslint-disable-next-line no-restricted-syntax -- real time: issued tokens expire in real time, as Entra’s do
      issued.set(token, Date.now() + expiresIn * 1000);
      issuedTo.set(token, assertion === null ? { grant: 'app-only' } : { grant: 'on-behalf-of', assertion });
      record(200, clientAuth, assertion);
      send(res, 200, {
        token_type: 'Bearer',
        expires_in: expiresIn,
        ext_expires_in: expiresIn,
        access_token: token,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    requests,
    rejectAssertions,
    consentMissing,
    interactionRequired,
    isIssued: (token) => issued.has(token),
    issuedFor: (token) => issuedTo.get(token) ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The OpenID configuration Entra publishes for a tenant (the fields msal reads). */
export function openIdConfiguration(origin: string, tenantId: string): Record<string, unknown> {
  return {
    token_endpoint: `${origin}/${tenantId}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${origin}/${tenantId}/v2.0`,
    authorization_endpoint: `${origin}/${tenantId}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${origin}/${tenantId}/oauth2/v2.0/logout`,
    tenant_region_scope: 'EU',
  };
}
