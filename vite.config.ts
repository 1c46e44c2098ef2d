/**
 * Vite builds the Teams tab from src/tab into dist/tab, beside the compiled server (dist/src), which
 * serves it with an index.html fallback for deep links. `npm run bench` builds a minimal Fluent UI +
 * teams-js page with this same file (overriding only root and outDir) to compare bundle sizes fairly.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const TAB_ROOT = here('./src/tab');

/**
 * The tab's first requests leave before its main script has downloaded (issue 15: first rows under
 * 1.5 s on a throttled laptop): src/tab/startEarly.ts is built as an entry of its own and loaded by an
 * `async` module script at the top of index.html, so it runs as soon as it (a few hundred bytes) and the
 * small chunk it shares with the app have arrived, while the app's main chunk is still downloading. Vite
 * would merge a second `<script>` written into index.html into the main entry, hence this plugin. Only
 * the tab's build: the bench's minimal page (another root) is left alone.
 */
function earlyEntry(): Plugin {
  let active = false;
  return {
    name: 'cmoe-early-entry',
    apply: 'build',
    config(c) {
      active = c.root === TAB_ROOT;
      if (!active) return;
      return {
        build: {
          rollupOptions: {
            input: { index: here('./src/tab/index.html'), early: here('./src/tab/startEarly.ts') },
          },
        },
      };
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!active || !ctx.bundle) return;
        const chunk = Object.values(ctx.bundle).find(
          (c) => c.type === 'chunk' && c.isEntry && c.name === 'early',
        );
        if (!chunk || chunk.type !== 'chunk') return;
        return [
          {
            tag: 'script',
            attrs: { type: 'module', async: true, crossorigin: true, src: `/${chunk.fileName}` },
            injectTo: 'head-prepend',
          },
          ...chunk.imports.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
            injectTo: 'head-prepend' as const,
          })),
        ];
      },
    },
  };
}

export default defineConfig({
  root: TAB_ROOT,
  base: '/',
  plugins: [react(), earlyEntry()],
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
