/**
 * Links to a case. The web form (`/cases/CMOE-0042`) is served by the API server (index.html fallback)
 * and opens the case after sign-in. The Teams form opens the tab in Teams at the case: the bot's cards
 * and "copy link" use it, and the tab reads `subPageId` back from the Teams context on start.
 */
import { type Route, parseRoute } from '../lib/router';

const REF = /^CMOE-\d{4,}$/;

export function isCaseRef(s: string | null | undefined): s is string {
  return typeof s === 'string' && REF.test(s);
}

/** `https://tracker.example/cases/CMOE-0042` */
export function caseWebUrl(origin: string, ref: string): string {
  return `${origin.replace(/\/+$/, '')}/cases/${encodeURIComponent(ref)}`;
}

/**
 * `https://teams.microsoft.com/l/entity/<appId>/<entityId>?context={"subEntityId":"CMOE-0042"}` with
 * the context URL-encoded, as Teams documents for deep links to a tab's sub-page.
 */
export function caseTeamsDeepLink(appId: string, entityId: string, ref: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: ref }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${encodeURIComponent(entityId)}?context=${context}`;
}

/**
 * Where a Teams deep link's `subEntityId` (the tab's `subPageId`) opens the tab: a bare case ref (the
 * form case links carry), or one of the tab's own paths (`/meetings/<id>`, `/actions`, `/`), which the
 * bot's cards use for meetings, the list and actions. Anything else: null (the tab opens as usual).
 */
export function routeOfSubPage(subPageId: string | null | undefined): Route | null {
  if (typeof subPageId !== 'string') return null;
  if (REF.test(subPageId)) return { name: 'case', ref: subPageId };
  if (!subPageId.startsWith('/')) return null;
  const route = parseRoute(subPageId);
  return route.name === 'not-found' || route.name === 'config' ? null : route;
}
