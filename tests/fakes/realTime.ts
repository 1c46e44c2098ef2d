/**
 * The real time, for the few tests that must run on it, never for "today": msal-node stamps the tokens
 * it gets from the token endpoint fake with real expiry times, so a token cache's clock starts at the
 * real now and the test moves it on from there. tests/setup/clockGuard.ts allows reads from this file.
 */
export function realTimeMs(): number {
  // eslint-disable-next-line no-restricted-syntax -- real time: msal's token expiry is real time
  return Date.now();
}
