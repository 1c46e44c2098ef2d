/**
 * A local stand-in for the Entra ID tenant: its own RSA signing keys (generated at test time), a JWKS
 * endpoint over HTTP on 127.0.0.1 at the same path as the real authority
 * (`/{tenant}/discovery/v2.0/keys`), and a signer for Teams SSO access tokens in the v1 and v2 forms.
 * It also forges the bad tokens an attacker would try (alg none, HS256 with the public key, a tampered
 * payload), so the validator is tested against the real shapes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  type JWK,
  type JWTPayload,
  SignJWT,
  base64url,
  exportJWK,
  exportSPKI,
  generateKeyPair,
} from 'jose';

export const TENANT = '7d1c0a4e-2b3f-4c5d-8e9f-0a1b2c3d4e5f';
export const OTHER_TENANT = 'f0e1d2c3-b4a5-4968-8776-655443322110';
export const CLIENT_ID = '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
export const APP_ID_URI = `api://cmoe.example.org/${CLIENT_ID}`;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  return { kid, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

export interface TokenOptions {
  /** `v1` (sts.windows.net issuer, App ID URI audience) or `v2` (authority issuer, client id audience). */
  version?: 'v1' | 'v2';
  /** Claims to add or override; `undefined` removes a claim. */
  claims?: Record<string, unknown>;
  /** Sign with this published key (default: the first). */
  kid?: string;
  /** Seconds since the epoch the token is issued at; default the issuer's `now`. */
  issuedAt?: number;
  lifetimeSeconds?: number;
}

export class FakeTokenIssuer {
  private keys: SigningKey[] = [];
  /** Keys that sign but are not (yet) published in the JWKS. */
  private unpublished: SigningKey[] = [];
  private server: Server | null = null;
  private port = 0;
  /** JWKS requests served: proves caching and the refresh rate limit. */
  jwksRequests = 0;
  /** Seconds since the epoch used for `iat` / `nbf` / `exp` when a token does not say. */
  now = Math.floor(Date.parse('2026-03-25T10:00:00Z') / 1000);

  static async start(): Promise<FakeTokenIssuer> {
    const issuer = new FakeTokenIssuer();
    issuer.keys.push(await newKey('fake-key-1'));
    await issuer.listen();
    return issuer;
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const m = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(req.url ?? '');
      if (req.method !== 'GET' || !m) {
        res.writeHead(404).end();
        return;
      }
      this.jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ keys: this.keys.map((k) => ({ ...k.publicJwk, issuer: this.v2Issuer(TENANT) })) }),
      );
    });
    return new Promise((resolve) =>
      this.server!.listen(0, '127.0.0.1', () => {
        this.port = (this.server!.address() as AddressInfo).port;
        resolve();
      }),
    );
  }

  /** The authority origin to configure (`AUTHORITY_HOST`). */
  get authorityHost(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get jwksUrl(): string {
    return `${this.authorityHost}/${TENANT}/discovery/v2.0/keys`;
  }

  v1Issuer(tid: string): string {
    return `https://sts.windows.net/${tid}/`;
  }

  v2Issuer(tid: string): string {
    return `${this.authorityHost}/${tid}/v2.0`;
  }

  /** A new key that signs tokens but is not in the JWKS until `publish`. */
  async addUnpublishedKey(kid: string): Promise<void> {
    if ([...this.keys, ...this.unpublished].some((k) => k.kid === kid)) return;
    this.unpublished.push(await newKey(kid));
  }

  /** Key rollover: the new key appears in the JWKS. */
  publish(kid: string): void {
    const k = this.unpublished.find((u) => u.kid === kid);
    if (!k) throw new Error(`no unpublished key ${kid}`);
    this.unpublished = this.unpublished.filter((u) => u !== k);
    this.keys.push(k);
  }

  /** The claims of a valid token for a user, before options. */
  claimsFor(user: { oid: string; name: string; email: string; roles: string[] }, version: 'v1' | 'v2') {
    return {
      aud: version === 'v1' ? APP_ID_URI : CLIENT_ID,
      iss: version === 'v1' ? this.v1Issuer(TENANT) : this.v2Issuer(TENANT),
      tid: TENANT,
      oid: user.oid,
      name: user.name,
      ...(version === 'v1' ? { upn: user.email } : { preferred_username: user.email }),
      scp: 'access_as_user',
      roles: user.roles,
      ver: version === 'v1' ? '1.0' : '2.0',
      azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    };
  }

  /** A signed access token as Teams SSO would send it. */
  async token(
    user: { oid: string; name: string; email: string; roles: string[] },
    options: TokenOptions = {},
  ): Promise<string> {
    const version = options.version ?? 'v2';
    const all = [...this.keys, ...this.unpublished];
    const key = options.kid ? all.find((k) => k.kid === options.kid) : this.keys[0];
    if (!key) throw new Error(`no key ${options.kid}`);
    const iat = options.issuedAt ?? this.now;
    const payload: Record<string, unknown> = {
      ...this.claimsFor(user, version),
      iat,
      nbf: iat,
      exp: iat + (options.lifetimeSeconds ?? 3600),
      ...options.claims,
    };
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
    return new SignJWT(payload as JWTPayload)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);
  }

  /** `alg: none`: the valid token's header and payload with no signature. */
  async unsignedToken(user: Parameters<FakeTokenIssuer['token']>[0]): Promise<string> {
    const valid = await this.token(user);
    const payload = valid.split('.')[1];
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid: this.keys[0]!.kid }));
    return `${header}.${payload}.`;
  }

  /** The classic key-confusion attack: HS256 with the published RSA public key as the HMAC secret. */
  async hs256WithPublicKey(user: Parameters<FakeTokenIssuer['token']>[0]): Promise<string> {
    const key = this.keys[0]!;
    const secret = new TextEncoder().encode(key.publicPem);
    const payload = this.claimsFor(user, 'v2');
    return new SignJWT({ ...payload, iat: this.now, nbf: this.now, exp: this.now + 3600 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
      .sign(secret);
  }

  /** A validly signed token whose payload was then edited (here: a role added). */
  async tamperedToken(user: Parameters<FakeTokenIssuer['token']>[0]): Promise<string> {
    const [header, payload, signature] = (await this.token(user)).split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<
      string,
      unknown
    >;
    claims.roles = ['CMOE.Chair', 'CMOE.Admin'];
    return `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
