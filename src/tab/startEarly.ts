/**
 * Imported first by main.tsx, so it runs before React and Fluent UI evaluate: in the local demo with a
 * remembered user, the first screen's requests leave now rather than after the app's first renders
 * (client/early.ts says why). Inside Teams (or in the consent pop-up) it does nothing: the token comes later.
 */
import { startLocalDemo } from './client/early';
import { DEV_USER_KEY } from './app/devUser';
import { CONSENT_DONE_PATH } from './host/consent';
import { looksHosted } from './host/teams';

if (typeof window !== 'undefined' && window.location.pathname !== CONSENT_DONE_PATH && !looksHosted(window))
  startLocalDemo(window, DEV_USER_KEY);
