/**
 * Jest runs TypeScript through SWC: it strips types without type-checking (that is `npm run typecheck`),
 * which keeps a full run fast on two cores.
 *
 * - ESM-only packages (jose; strip-bom under @microsoft/app-manifest) are transformed to CommonJS too:
 *   everything else in node_modules is not. Node itself loads them natively (require of ESM, Node >= 20.19).
 * - `.tsx` uses React's automatic runtime, as Vite does for the tab. A component test opts into the DOM
 *   with a `@jest-environment jsdom` docblock; the default is node.
 * @type {import('jest').Config}
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  // strip-bom sits nested under @microsoft/app-manifest, so the exception looks through that folder too.
  transformIgnorePatterns: ['/node_modules/(?!(@microsoft/app-manifest/node_modules/)?(jose|strip-bom)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // The test CA of the local HTTPS fakes, for workers of a jest started without `npm test`.
  globalSetup: '<rootDir>/tests/setup/testTls.cjs',
  // A test that reads the real clock for "now" fails (tests/setup/clockGuard.ts).
  setupFilesAfterEnv: ['<rootDir>/tests/setup/clockGuard.ts'],
  maxWorkers: 2,
  testTimeout: 20000,
};
