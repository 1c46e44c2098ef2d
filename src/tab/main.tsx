/** Entry point: mounts the tab. (startEarly.ts, the first screen's requests, is an entry of its own: vite.config.ts.) */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { CONSENT_DONE_PATH, finishConsent } from './host/consent';

const root = document.getElementById('root');
// Teams' consent pop-up lands here: it reports back and closes, the app never starts in it.
if (window.location.pathname === CONSENT_DONE_PATH) {
  void finishConsent();
} else if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
