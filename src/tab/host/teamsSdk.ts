/**
 * The parts of `@microsoft/teams-js` the tab uses. teams.ts imports this module on demand rather than
 * `import('@microsoft/teams-js')`: a namespace import of the package keeps all of it (about 200 KB
 * minified). Re-exporting the `app`, `authentication` and `pages` namespaces whole still kept every
 * function in them (and pages' five other sub-namespaces); picking the members here, with the same
 * shape, lets the bundler drop the rest.
 */
import { app as teamsApp, authentication as teamsAuth, pages as teamsPages } from '@microsoft/teams-js';

export const app = {
  initialize: teamsApp.initialize,
  getContext: teamsApp.getContext,
  registerOnThemeChangeHandler: teamsApp.registerOnThemeChangeHandler,
  notifyAppLoaded: teamsApp.notifyAppLoaded,
  notifySuccess: teamsApp.notifySuccess,
  notifyFailure: teamsApp.notifyFailure,
  FailedReason: teamsApp.FailedReason,
};

export const authentication = {
  getAuthToken: teamsAuth.getAuthToken,
  authenticate: teamsAuth.authenticate,
  notifySuccess: teamsAuth.notifySuccess,
  notifyFailure: teamsAuth.notifyFailure,
};

export const pages = {
  config: {
    registerOnSaveHandler: teamsPages.config.registerOnSaveHandler,
    setConfig: teamsPages.config.setConfig,
    setValidityState: teamsPages.config.setValidityState,
  },
};
