/**
 * Links from cards into the tab. The web form (`/cases/CMOE-0042`) works anywhere the tab's server
 * answers; the Teams form opens the tab inside Teams at the case (the tab reads `subEntityId` back from
 * the Teams context). Same formats as the tab's own `host/deepLinks.ts`, which the bot may not import.
 */
export interface LinkSettings {
  /** The tab's public origin, e.g. https://cmoe.example.gov.uk (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** The Teams app (manifest) id; without it cards carry web links only. */
  teamsAppId: string | null;
  /** The static tab's entity id in the manifest. */
  tabEntityId: string;
}

function origin(s: LinkSettings): string {
  return s.publicBaseUrl.replace(/\/+$/, '');
}

/** `https://cmoe.example/cases/CMOE-0042` */
export function caseWebUrl(s: LinkSettings, ref: string): string {
  return `${origin(s)}/cases/${encodeURIComponent(ref)}`;
}

/** `https://teams.microsoft.com/l/entity/<appId>/<entityId>?context={"subEntityId":"CMOE-0042"}` (encoded). */
export function caseTeamsDeepLink(appId: string, entityId: string, ref: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: ref }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${encodeURIComponent(entityId)}?context=${context}`;
}

function meetingPath(meetingId: string | null): string {
  // The meeting (its agenda before it starts, its minutes after), or the meetings list when not yet scheduled.
  return meetingId === null ? '/meetings' : `/meetings/${encodeURIComponent(meetingId)}`;
}

/**
 * The links a card offers for a place in the tab: in Teams when the app id is known (the web form alone
 * would open a browser, where a Teams deployment has no sign-in), and on the web. The Teams form carries
 * the tab's path as `subEntityId` (a case keeps its bare ref, the form links already shared use); the tab
 * opens that path on start (src/tab/host/deepLinks.ts, `routeOfSubPage`).
 */
function tabLinks(s: LinkSettings, title: string, path: string, subEntityId: string): LinkButton[] {
  const web = { title, url: `${origin(s)}${path}` };
  if (s.teamsAppId === null) return [web];
  return [
    { title: `${title} in Teams`, url: caseTeamsDeepLink(s.teamsAppId, s.tabEntityId, subEntityId) },
    { ...web, title: 'Open in the browser' },
  ];
}

export interface LinkButton {
  title: string;
  url: string;
}

/** The links a card offers for a case. */
export function caseLinks(s: LinkSettings, ref: string): LinkButton[] {
  return tabLinks(s, 'Open the case', `/cases/${encodeURIComponent(ref)}`, ref);
}

/** The links a card offers for a meeting (`title`: "Open the agenda", "Open the minutes"). */
export function meetingLinks(s: LinkSettings, meetingId: string | null, title: string): LinkButton[] {
  const path = meetingPath(meetingId);
  return tabLinks(s, title, path, path);
}

/** The links a card offers for the CMOE list. */
export function listLinks(s: LinkSettings): LinkButton[] {
  return tabLinks(s, 'Open the list', '/', '/');
}

/** The links a card offers for the user's actions. */
export function actionsLinks(s: LinkSettings): LinkButton[] {
  return tabLinks(s, 'Open actions in the tab', '/actions', '/actions');
}
