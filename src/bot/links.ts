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

/** The meeting (its agenda before it starts, its minutes after), or the meetings list when not yet scheduled. */
export function meetingWebUrl(s: LinkSettings, meetingId: string | null): string {
  return meetingId === null
    ? `${origin(s)}/meetings`
    : `${origin(s)}/meetings/${encodeURIComponent(meetingId)}`;
}

export function listWebUrl(s: LinkSettings): string {
  return `${origin(s)}/`;
}

export function actionsWebUrl(s: LinkSettings): string {
  return `${origin(s)}/actions`;
}

/** The links a card offers for a case: in Teams when the app id is known, and on the web. */
export function caseLinks(s: LinkSettings, ref: string): { title: string; url: string }[] {
  const web = { title: 'Open the case', url: caseWebUrl(s, ref) };
  if (s.teamsAppId === null) return [web];
  return [
    { title: 'Open the case in Teams', url: caseTeamsDeepLink(s.teamsAppId, s.tabEntityId, ref) },
    { ...web, title: 'Open in the browser' },
  ];
}
