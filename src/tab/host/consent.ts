/**
 * The end of Teams' consent pop-up. /auth/consent (server) sends the pop-up to Microsoft's sign-in with
 * `prompt=consent`; Microsoft sends it back here, to /auth/consent-done, with either an `error` or an
 * authorisation code. The code is never redeemed (the consent itself is what was wanted: from now on the
 * server's on-behalf-of exchange succeeds), and it is taken out of the address bar at once.
 */
export const CONSENT_DONE_PATH = '/auth/consent-done';

/** Errors Microsoft sends back that are worth telling apart; anything else is `consent_failed`. */
const KNOWN_ERRORS = new Set(['access_denied', 'consent_required', 'interaction_required']);

/** What the pop-up reports to the tab: null for success, or a short reason (never Microsoft's text). */
export function consentOutcome(search: string): string | null {
  const error = new URLSearchParams(search).get('error');
  if (error === null) return null;
  return KNOWN_ERRORS.has(error) ? error : 'consent_failed';
}

/** Runs in the pop-up: tells Teams how it went, and Teams closes the window. */
export async function finishConsent(win: Window = window): Promise<void> {
  const outcome = consentOutcome(win.location.search);
  win.history.replaceState(null, '', win.location.pathname);
  // Through teamsSdk, never the package itself: a namespace import would bundle all of teams-js.
  const teams = await import('./teamsSdk');
  await teams.app.initialize();
  if (outcome === null) teams.authentication.notifySuccess();
  else teams.authentication.notifyFailure(outcome);
}
