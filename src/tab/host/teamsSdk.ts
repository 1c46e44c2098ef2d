/**
 * The parts of `@microsoft/teams-js` the tab uses. teams.ts imports this module on demand rather than
 * `import('@microsoft/teams-js')`: a namespace import of the package keeps all of it (about 200 KB
 * minified), while named re-exports let the bundler drop the capabilities the tab never calls.
 */
export { app, authentication, pages } from '@microsoft/teams-js';
