/**
 * Zod stays out of the tab's bundle: the tab takes the contract's request and response types by
 * `import type` only (src/contract/types.ts) and its method/path table from src/contract/endpoints.ts,
 * which holds no zod (the lint fence in eslint.config.mjs says so too). This reads the built tab
 * (dist/tab, rebuilt when stale as for the browser tests) and looks for zod's own markers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PREPARE_TIMEOUT_MS, ROOT, prepareE2E } from './harness';

/** Strings every zod 4 build carries: its internals' property and its error's class name. */
const ZOD_MARKERS = /\b_zod\b|\bZodError\b/;

const jsIn = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));

beforeAll(prepareE2E, PREPARE_TIMEOUT_MS);

describe("the tab's bundle", () => {
  test('the markers this test looks for are in zod itself, so their absence below means something', () => {
    const zod = jsIn(join(ROOT, 'node_modules', 'zod', 'v4', 'core')).map((f) => readFileSync(f, 'utf8'));
    expect(zod.some((code) => ZOD_MARKERS.test(code))).toBe(true);
  });

  test('no chunk of the built tab holds zod, while the contract’s routes are in it', () => {
    const chunks = jsIn(join(ROOT, 'dist', 'tab', 'assets'));
    expect(chunks.length).toBeGreaterThan(0);
    const code = chunks.map((f) => [f, readFileSync(f, 'utf8')] as const);
    expect(code.filter(([, c]) => ZOD_MARKERS.test(c)).map(([f]) => f)).toEqual([]);
    // The client builds its requests from the contract's endpoints: the paths are in the bundle.
    expect(code.some(([, c]) => c.includes('/api/meetings/:id/cases/:ref/record'))).toBe(true);
  });
});
