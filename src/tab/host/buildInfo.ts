/**
 * Values fixed when the tab is built (vite.config.ts `define`): the Teams app id from the environment
 * (TEAMS_APP_ID, written by provisioning), for the Teams deep-link form of a case's link outside Teams.
 * Inside Teams the app id comes from the Teams context instead. Guarded, so tests (no Vite) see null.
 */
declare const __CMOE_TEAMS_APP_ID__: string | undefined;

export const BUILD_TEAMS_APP_ID: string | null =
  typeof __CMOE_TEAMS_APP_ID__ === 'string' && __CMOE_TEAMS_APP_ID__ !== '' ? __CMOE_TEAMS_APP_ID__ : null;

/** The CMOE list tab's entityId in appPackage/manifest.json. */
export const LIST_ENTITY_ID = 'cmoe-list';
