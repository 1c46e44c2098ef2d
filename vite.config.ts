/**
 * Vite builds the Teams tab from src/tab into dist/tab, beside the compiled server (dist/src), which
 * serves it with an index.html fallback for deep links. `npm run bench` builds a minimal Fluent UI +
 * teams-js page with this same file (overriding only root and outDir) to compare bundle sizes fairly.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/tab'),
  base: '/',
  plugins: [react()],
  // The tab reads two values from the build's environment, the same the server uses for the bot's
  // cards: the Teams app id and the list tab's entity id, for the Teams deep-link form of a case's link
  // (src/tab/host/buildInfo.ts). Nothing else, and no secret, reaches the bundle.
  define: {
    __CMOE_TEAMS_APP_ID__: JSON.stringify(process.env.TEAMS_APP_ID ?? ''),
    __CMOE_TEAMS_TAB_ENTITY_ID__: JSON.stringify(process.env.TEAMS_TAB_ENTITY_ID ?? ''),
  },
  build: {
    outDir: here('./dist/tab'),
    emptyOutDir: true,
    target: 'es2022',
    // Fluent UI and teams-js are large; the bench compares the size with a minimal page instead.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite` against `npm start`'s API for hot reload while working on the tab.
    proxy: { '/api': 'http://127.0.0.1:3978', '/healthz': 'http://127.0.0.1:3978' },
  },
});
