/**
 * The tenant's token-signing keys (JWKS), fetched from the sign-in authority and cached. A token whose
 * `kid` is unknown triggers one refresh (Entra rolls keys over by publishing the new one first), but at
 * most once per cooldown: otherwise anyone could make the server hammer the authority by sending
 * tokens with made-up key ids.
 */
import { type CryptoKey, type JWK, importJWK } from 'jose';
import { z } from 'zod';

/** Why a key could not be had; the authenticator turns these into refusal reasons. */
export class KeyLookupError extends Error {
  constructor(readonly reason: 'kid-unknown' | 'jwks-unavailable') {
    super(reason);
    this.name = 'KeyLookupError';
  }
}

/** Fetches the JWKS document (parsed JSON, not yet trusted). */
export type JwksFetcher = () => Promise<unknown>;

/**
 * Only what a signing key needs is read: RSA keys meant for signatures. Entra adds `x5c`, `x5t` and
 * `issuer`; they are ignored, since the modulus and exponent are what the signature is checked against.
 */
const jwksSchema = z.object({
  keys: z
    .array(
      z.looseObject({
        kty: z.string(),
        kid: z.string().min(1).max(200).optional(),
        use: z.string().optional(),
        alg: z.string().optional(),
        n: z.string().optional(),
        e: z.string().optional(),
      }),
    )
    .max(200),
});

export interface JwksOptions {
  fetch: JwksFetcher;
  /** The clock (injectable so tests move time instead of waiting). */
  clock: () => Date;
  /** Keys older than this are refetched on the next use. Default 12 hours. */
  maxAgeMs?: number;
  /** The least time between two fetches, however many unknown `kid`s arrive. Default 60 seconds. */
  cooldownMs?: number;
}

export class JwksKeySource {
  private keys = new Map<string, CryptoKey | Uint8Array>();
  private fetchedAt: number | null = null;
  private lastAttemptAt: number | null = null;
  private inflight: Promise<void> | null = null;
  private fetches = 0;
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;

  constructor(private readonly options: JwksOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 12 * 60 * 60 * 1000;
    this.cooldownMs = options.cooldownMs ?? 60 * 1000;
  }

  /** How many times the JWKS was fetched (for tests and diagnostics). */
  get fetchCount(): number {
    return this.fetches;
  }

  /**
   * The verification key for `kid`. Throws `KeyLookupError('kid-unknown')` when the key is not published
   * (after at most one rate-limited refresh), `KeyLookupError('jwks-unavailable')` when no keys could be
   * fetched at all.
   */
  async keyFor(kid: string): Promise<CryptoKey | Uint8Array> {
    const now = this.options.clock().getTime();
    const stale = this.fetchedAt === null || now - this.fetchedAt >= this.maxAgeMs;
    if (stale && this.mayFetch(now)) await this.refresh(now);
    const known = this.keys.get(kid);
    if (known) return known;
    if (this.mayFetch(now)) {
      await this.refresh(now);
      const fresh = this.keys.get(kid);
      if (fresh) return fresh;
    }
    if (this.fetchedAt === null) throw new KeyLookupError('jwks-unavailable');
    throw new KeyLookupError('kid-unknown');
  }

  /** A fetch is under way (join it) or the cooldown since the last one has passed. */
  private mayFetch(now: number): boolean {
    return (
      this.inflight !== null || this.lastAttemptAt === null || now - this.lastAttemptAt >= this.cooldownMs
    );
  }

  /** One fetch at a time: concurrent requests with a new `kid` share it. A failed fetch keeps the old keys. */
  private refresh(now: number): Promise<void> {
    if (this.inflight) return this.inflight;
    this.lastAttemptAt = now;
    this.inflight = (async () => {
      try {
        this.fetches++;
        const parsed = jwksSchema.safeParse(await this.options.fetch());
        if (!parsed.success) return;
        const next = new Map<string, CryptoKey | Uint8Array>();
        for (const k of parsed.data.keys) {
          if (k.kty !== 'RSA' || !k.kid || !k.n || !k.e) continue;
          if (k.use !== undefined && k.use !== 'sig') continue;
          if (k.alg !== undefined && k.alg !== 'RS256') continue;
          try {
            const jwk: JWK = { kty: 'RSA', n: k.n, e: k.e };
            next.set(k.kid, await importJWK(jwk, 'RS256'));
          } catch {
            // A malformed key is skipped; the others still work.
          }
        }
        this.keys = next;
        this.fetchedAt = now;
      } catch {
        // Network or HTTP failure: keep what we had; the cooldown limits the retries.
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }
}

/**
 * Fetches a JWKS over HTTP(S): no redirects, a timeout, and a size cap, so a slow or hostile endpoint
 * cannot hold requests or memory.
 */
export function httpJwksFetcher(url: string, timeoutMs = 5000): JwksFetcher {
  return async () => {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
    const text = await res.text();
    if (text.length > 512 * 1024) throw new Error('JWKS too large');
    return JSON.parse(text) as unknown;
  };
}
