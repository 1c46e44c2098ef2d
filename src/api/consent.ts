/**
 * GET /auth/consent: the start of Teams' consent pop-up (the tab's "Give permission" button runs
 * `authentication.authenticate` on it). It sends the pop-up to Microsoft's authorise endpoint with
 * `prompt=consent` for the app's Graph permissions (`{graph}/.default`), back to /auth/consent-done
 * (the tab's page that reports to Teams). The authorisation code Microsoft returns is never redeemed:
 * the consent is the point, after which the server's on-behalf-of exchange succeeds.
 *
 * Served only with Teams sign-in and Graph on behalf of the user. The redirect URI must be registered
 * on the Entra app (web platform).
 */
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';

export interface ConsentSettings {
  authorityHost: string;
  clientId: string;
  /** The home tenant: used when the pop-up names none, or one not allowed. */
  tenantId: string;
  allowedTenantIds: readonly string[];
  graphBaseUrl: string;
  /** PUBLIC_BASE_URL: where Microsoft sends the pop-up back (`{base}/auth/consent-done`). */
  publicBaseUrl: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the tab may pass; anything else (or malformed) is left out, never echoed. */
const consentQuery = z.object({
  tenant: z.string().regex(GUID).optional().catch(undefined),
  loginHint: z
    .string()
    .regex(/^[^\s<>"'`]{1,320}$/)
    .optional()
    .catch(undefined),
});

export function consentRoutes(settings: ConsentSettings): Router {
  const r = Router();
  const allowed = new Set(settings.allowedTenantIds.map((t) => t.toLowerCase()));
  const authority = settings.authorityHost.replace(/\/+$/, '');
  const redirectUri = `${settings.publicBaseUrl.replace(/\/+$/, '')}/auth/consent-done`;
  r.get('/auth/consent', (req, res) => {
    const q = consentQuery.parse(req.query ?? {});
    const asked = q.tenant?.toLowerCase();
    const tenant = asked && allowed.has(asked) ? asked : settings.tenantId;
    const url = new URL(`${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/authorize`);
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('response_mode', 'query');
    url.searchParams.set('scope', `${new URL(settings.graphBaseUrl).origin}/.default openid`);
    url.searchParams.set('prompt', 'consent');
    url.searchParams.set('state', randomBytes(16).toString('base64url'));
    if (q.loginHint) url.searchParams.set('login_hint', q.loginHint);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url.toString());
  });
  return r;
}
