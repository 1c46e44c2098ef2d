/**
 * Values fixed when the tab is built (vite.config.ts `define`): the Teams app id (TEAMS_APP_ID, written
 * by provisioning) and the list tab's entity id (TEAMS_TAB_ENTITY_ID), for the Teams deep-link form of a
 * case's link. Inside Teams the app id comes from the Teams context first. Guarded, so tests (no Vite)
 * see the defaults.
 */
declare const __CMOE_TEAMS_APP_ID__: string | undefined;
declare const __CMOE_TEAMS_TAB_ENTITY_ID__: string | undefined;

export const BUILD_TEAMS_APP_ID: string | null =
  typeof __CMOE_TEAMS_APP_ID__ === 'string' && __CMOE_TEAMS_APP_ID__ !== '' ? __CMOE_TEAMS_APP_ID__ : null;

/** The CMOE list tab's entityId in appPackage/manifest.json (the server's TEAMS_TAB_ENTITY_ID). */
export const LIST_ENTITY_ID: string =
  typeof __CMOE_TEAMS_TAB_ENTITY_ID__ === 'string' && __CMOE_TEAMS_TAB_ENTITY_ID__ !== ''
    ? __CMOE_TEAMS_TAB_ENTITY_ID__
    : 'cmoe-list';
