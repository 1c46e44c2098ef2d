/**
 * Security headers on every response (the tab's pages, its assets and the API).
 *
 * The tab runs inside Teams (and Outlook / the Microsoft 365 app) in an iframe, so framing must be allowed
 * for exactly those hosts and nobody else: that is CSP `frame-ancestors`, not `X-Frame-Options` (which
 * cannot list several origins and, set to DENY or SAMEORIGIN, would stop Teams showing the tab at all).
 * `'self'` is there for local runs, where the tab is opened directly.
 */
import type { RequestHandler } from 'express';

/**
 * The hosts Microsoft lists for Teams tabs ("Tab requirements", learn.microsoft.com, the
 * frame-ancestors table): all Microsoft 365 hosts on cloud.microsoft, Teams, the Microsoft 365 app and
 * Outlook. https only. Legacy `*.skype.com` (Teams classic) is no longer in that list and is left out.
 */
export const TEAMS_FRAME_ANCESTORS: readonly string[] = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

/**
 * The tab is built by Vite into hashed files served from this origin, and talks only to this origin's
 * API, so scripts and connections are `'self'` only. Styles need `'unsafe-inline'`: Fluent UI (Griffel)
 * inserts `<style>` elements at run time. Inline styles cannot run code, so scripts stay locked down.
 */
export function contentSecurityPolicy(https: boolean): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

export interface SecurityHeaderOptions {
  /** The app is served over https (PUBLIC_BASE_URL): send HSTS so browsers never use plain http. */
  https: boolean;
}

export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const csp = contentSecurityPolicy(options.https);
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // URLs carry case refs; no other site needs to learn them from a Referer header.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // One year; no includeSubDomains, which would bind the council's other hosts to this app's choice.
    if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
