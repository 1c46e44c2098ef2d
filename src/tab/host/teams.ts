/**
 * Everything the tab asks of Microsoft Teams, behind one small interface so the rest of the tab (and its
 * tests) never touch `@microsoft/teams-js` directly. teams-js is loaded only when the page looks hosted
 * (in a frame, or with `?host=teams` in the tab's content URL), so the local demo never downloads it.
 *
 * `app.initialize()` only rejects after about 60 seconds outside Teams, so detection races it against a
 * short timeout of our own and falls back to the local sign-in.
 */
import type { TabSettings, TabSurface } from './tabConfig';
import type * as TeamsSdk from './teamsSdk';

export type TeamsThemeName = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  kind: 'teams';
  theme: TeamsThemeName;
  /** `subPageId` (formerly subEntityId) from a deep link: a case ref to open. */
  subPageId: string | null;
  /** The app id and the tab's entity id, for building deep links to a case. */
  appId: string | null;
  entityId: string | null;
  /** A Teams SSO token for the API (Teams caches and refreshes it). */
  getToken(): Promise<string>;
  /**
   * Opens Teams' authentication pop-up on the consent page (/auth/consent), where Microsoft asks the user
   * to allow CMOE Tracker to reach SharePoint for them. Resolves once they have; rejects if they close it
   * or Microsoft refuses (the reason in the error's text).
   */
  requestConsent(): Promise<void>;
  onThemeChange(handler: (theme: TeamsThemeName) => void): void;
  /** Tells Teams the tab has loaded (hides its loading indicator). */
  notifyLoaded(): void;
  notifyFailure(message: string): void;
  /** Present when Teams opened the page in its set-up frame (adding the tab to a channel or meeting). */
  config?: TabConfigHost;
}

/** The configurable tab's set-up frame (teams-js `pages.config`). */
export interface TabConfigHost {
  /** Where the tab is being added: a meeting's chat, details or side panel; a channel; a group chat. */
  surface: TabSurface;
  /** What Teams saves when the user selects Save (asked for at that moment). */
  onSave(settings: () => TabSettings): void;
  /** Enables Teams' Save button. */
  setValid(valid: boolean): void;
}

export interface LocalHost {
  kind: 'local';
}

export type Host = TeamsHost | LocalHost;

/** How long to wait for Teams to answer before deciding the page runs outside Teams. */
export const TEAMS_DETECT_TIMEOUT_MS = 1500;

export function normaliseTheme(theme: string | undefined): TeamsThemeName {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/** True when the page could be inside a Teams client: a frame, a mobile webview, or an explicit hint. */
export function looksHosted(win: Window): boolean {
  const params = new URLSearchParams(win.location.search);
  if (params.get('host') === 'local') return false;
  if (params.get('host') === 'teams') return true;
  let framed = false;
  try {
    framed = win.self !== win.top;
  } catch {
    framed = true; // a cross-origin parent: certainly framed
  }
  const w = win as unknown as { nativeInterface?: unknown; webkit?: { messageHandlers?: unknown } };
  return framed || w.nativeInterface !== undefined || w.webkit?.messageHandlers !== undefined;
}

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
}

/**
 * Detects the host. Outside a frame and without a hint it answers at once; otherwise it gives Teams
 * {@link TEAMS_DETECT_TIMEOUT_MS} to answer `app.initialize()`.
 */
export async function detectHost(win: Window = window, timeoutMs = TEAMS_DETECT_TIMEOUT_MS): Promise<Host> {
  if (!looksHosted(win)) return { kind: 'local' };
  let teams: typeof TeamsSdk;
  try {
    teams = await import('./teamsSdk');
  } catch {
    return { kind: 'local' };
  }
  const outcome = await Promise.race([
    teams.app.initialize().then(
      () => 'ok' as const,
      () => 'failed' as const,
    ),
    timeout(timeoutMs),
  ]);
  if (outcome !== 'ok') return { kind: 'local' };
  const context = await teams.app.getContext();
  const appId = context.app.appId?.toString() ?? null;
  return {
    kind: 'teams',
    theme: normaliseTheme(context.app.theme),
    subPageId: context.page.subPageId ?? null,
    appId,
    entityId: context.page.id ?? null,
    getToken: () => teams.authentication.getAuthToken(),
    requestConsent: async () => {
      await teams.authentication.authenticate({
        url: consentUrl(win.location.origin, context.user?.tenant?.id, context.user?.loginHint),
        width: 600,
        height: 535,
      });
    },
    onThemeChange: (handler) => teams.app.registerOnThemeChangeHandler((t) => handler(normaliseTheme(t))),
    notifyLoaded: () => {
      teams.app.notifyAppLoaded();
      void teams.app.notifySuccess();
    },
    notifyFailure: (message) =>
      teams.app.notifyFailure({ reason: teams.app.FailedReason.AuthFailed, message }),
    ...(context.page.frameContext === 'settings' && {
      config: {
        surface: context.meeting?.id ? 'meeting' : context.channel?.id ? 'channel' : 'chat',
        onSave: (settings) =>
          teams.pages.config.registerOnSaveHandler((event) => {
            teams.pages.config.setConfig(settings()).then(
              () => event.notifySuccess(),
              () => event.notifyFailure('Teams could not save the CMOE tab. Try again.'),
            );
          }),
        setValid: (valid) => teams.pages.config.setValidityState(valid),
      },
    }),
  };
}

/** The consent page's URL: the tenant and the user's sign-in name let Microsoft skip asking who they are. */
export function consentUrl(origin: string, tenantId?: string, loginHint?: string): string {
  const q = new URLSearchParams();
  if (tenantId) q.set('tenant', tenantId);
  if (loginHint) q.set('loginHint', loginHint);
  const query = q.toString();
  return `${origin}/auth/consent${query ? `?${query}` : ''}`;
}

/**
 * Words for a failed Teams sign-in. teams-js rejects with a string or an Error whose text names the
 * cause (consent, interaction required, a token the server refused); none of it is shown raw.
 */
export function describeSignInFailure(error: unknown): { title: string; message: string } {
  const text = (error instanceof Error ? error.message : String(error ?? '')).toLowerCase();
  if (/consent|interaction_required|resourcerequiresconsent|invalid_grant/.test(text)) {
    return {
      title: 'Permission needed',
      message:
        'CMOE Tracker needs your permission (or your administrator’s consent) to sign you in. ' +
        'Ask your Teams administrator to grant consent for the app, then try again.',
    };
  }
  if (/cancel|closed|user_cancel/.test(text)) {
    return { title: 'Sign-in was cancelled', message: 'Sign in again to see the CMOE list.' };
  }
  return {
    title: 'We could not sign you in',
    message:
      'Teams did not give CMOE Tracker a sign-in token. Try again; if it keeps failing, ' +
      'sign out of Teams and back in, or contact the system owner.',
  };
}
