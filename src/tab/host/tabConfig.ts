/**
 * What the configurable tab's set-up page (/config) asks Teams to save: the page the tab shows, its
 * browser twin, its entity id and a suggested name. Pure, so tests and the local preview share it.
 *
 * A channel (or group chat) gets the CMOE list under the list tab's entity id, the id the bot's cards
 * and "Link to this case" put in their Teams deep links. A meeting gets the meeting page (the agenda
 * of the next meeting), which also serves the meeting's side panel.
 */
import { LIST_ENTITY_ID } from './buildInfo';

/** Where Teams is adding the tab. */
export type TabSurface = 'channel' | 'chat' | 'meeting';

export interface TabSettings {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/** The meeting tab's entity id: its own, so deep links to a case never land on the meeting page. */
export const MEETING_ENTITY_ID = 'cmoe-meeting';

export function tabSettingsFor(origin: string, surface: TabSurface): TabSettings {
  const base = origin.replace(/\/+$/, '');
  if (surface === 'meeting')
    return {
      contentUrl: `${base}/meetings/next?host=teams`,
      websiteUrl: `${base}/meetings/next`,
      entityId: MEETING_ENTITY_ID,
      suggestedDisplayName: 'CMOE meeting',
    };
  return {
    contentUrl: `${base}/?host=teams`,
    websiteUrl: `${base}/`,
    entityId: LIST_ENTITY_ID,
    suggestedDisplayName: 'CMOE Tracker',
  };
}
