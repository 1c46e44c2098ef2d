// ESLint flat config. Two fences matter more than style:
//  - `import/no-cycle` keeps the layers of docs/architecture.md acyclic;
//  - `no-restricted-imports` keeps src/domain pure (no IO, no SDKs) and keeps api/ and bot/ apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';

const ioAndSdks = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
  'express',
  'better-sqlite3',
  'botbuilder',
  'botbuilder-*',
  '@microsoft/*',
  '@azure/*',
  'react',
  'react-dom',
  'jose',
  'undici',
];

/** Reads of the real clock for "now", which no test may make unfixed (exported for its own test). */
const fixTheClock =
  'A test never reads the real clock: pass a clock or `now` in, or jest.useFakeTimers({ now }) (README: dates in tests).';
export const testClockRules = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: fixTheClock },
  { selector: "CallExpression[callee.name='Date']", message: fixTheClock },
  // Date.now called or passed as a clock (`clock = Date.now`).
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: fixTheClock },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'appPackage/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: ['tsconfig.json'] }, node: true },
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioAndSdks, message: 'src/domain is pure: no IO, no SDKs. Pass data (and `now`) in.' },
            {
              group: ['../store/*', '../api/*', '../bot/*', '../operations/*', '../auth/*', '../config'],
              message: 'src/domain depends on nothing else in src.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'src/domain is pure: no IO.' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in; the domain never reads the clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` in; the domain never reads the clock.',
        },
      ],
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../bot/*', '../bot'],
              message: 'api and bot never import each other: share through operations.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../api/*', '../api'],
              message: 'api and bot never import each other: share through operations.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The tab (docs/architecture.md): its only IO is its API client; from the rest of src it takes
    // domain types, the pure label and calendar helpers, and role names, nothing else.
    files: ['src/tab/**/*.ts', 'src/tab/**/*.tsx', 'tests/tab/**/*.tsx', 'bench/minimal-tab/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/tab',
              from: [
                './src/store',
                './src/operations',
                './src/api',
                './src/bot',
                './src/demo',
                './src/documents',
                './src/cli',
                './src/config.ts',
                './src/server.ts',
                './src/log.ts',
              ],
              message: 'The tab talks to the server only through src/tab/client/client.ts.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/domain/(?!labels$|calendar$|caseStatus$|caseFilter$|oversightTables$|ukDates$)',
              allowTypeImports: true,
              message:
                'The tab imports domain types only (plus the pure labels, calendar, case status lists, the case filter, ukDates and oversight table helpers); rules such as due soon come computed from the server.',
            },
            { regex: '/auth/', allowTypeImports: true, message: 'The tab imports role types only.' },
            {
              // The contract's schemas are zod: the tab takes its types only, and endpoints.ts (no zod).
              regex: '/contract/(?!endpoints$)',
              allowTypeImports: true,
              message:
                "The tab imports the contract's types only (zod stays out of its bundle), and endpoints.",
            },
          ],
        },
      ],
    },
  },
  {
    // teams-js only through src/tab/host/teamsSdk.ts: importing the package itself (dynamically too)
    // bundles all of it, about 30 KB gzipped more than the parts the tab uses.
    files: ['src/tab/**/*.ts', 'src/tab/**/*.tsx'],
    ignores: ['src/tab/host/teamsSdk.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.value='@microsoft/teams-js']",
          message: "Import teams-js through './teamsSdk' (named re-exports), never the whole package.",
        },
        {
          selector: "ImportDeclaration[source.value='@microsoft/teams-js'][importKind!='type']",
          message: "Import teams-js through './teamsSdk' (named re-exports), never the whole package.",
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx', 'src/**/*.test.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // A test never depends on the day it runs (tests/setup/clockGuard.ts fails one that reads the real
    // clock at run time; this catches it in the editor). A real-time use that is right (a timeout, a
    // fake's token expiry) says so: `// eslint-disable-next-line no-restricted-syntax -- real time: why`.
    files: ['tests/**/*.ts', 'tests/**/*.tsx', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...testClockRules],
    },
  },
);
