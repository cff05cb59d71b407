// ESLint (flat config) for the whole repository, run by `npm run lint` and by `npm test`.
// Three jobs: TypeScript and JavaScript hygiene (typescript-eslint's recommended set), React's
// rules of hooks and accessibility for the renderer, and the walls between layers
// (docs/architecture.md, "Boundaries"): each wall says why it stands, in the message a violation gets.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import mamori from './scripts/eslint-import-boundaries.mjs';

const root = import.meta.dirname;

/** Tests and their helpers run in Node beside the code they test; the walls are for shipped code. */
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**'];

/** The desktop layer: main-side modules shared by the app's hosts and the CLI, never importing Electron. */
const DESKTOP = ['electron/node', 'desktop'];

/** Folders that are hosts or front-ends: they use the desktop layer, never the other way round. */
const HOSTS = ['electron/main', 'electron/preload', 'electron/preview'];

const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB', 'self', 'alert', 'atob', 'btoa', 'fetch', 'XMLHttpRequest', 'WebSocket'];

/** One wall: `files` (tests aside) may import nothing that `options` forbids. */
function wall(files, options) {
  return { files, ignores: TESTS, rules: { 'mamori/import-boundaries': ['error', { root, ...options }] } };
}

export default defineConfig(
  // scripts/planted/ holds deliberately broken tests for the summary line's own test: they stay as they are.
  globalIgnores(['**/node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'reports/', '.data/', 'scripts/planted/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  { plugins: { mamori } },
  // The plain JavaScript files are Node scripts and configs (TypeScript checks names in the rest).
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      // Names starting with _ are deliberately unused (a handler's ignored first argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },

  // A sandboxed preload is CommonJS (preload.cts). Under verbatimModuleSyntax and erasableSyntaxOnly
  // a .cts file has no ESM import and no `import x = require()`: values come in through require(),
  // typed with `typeof import()`. Only these two modules, as the wall below says.
  {
    files: ['electron/preload/preload.cts'],
    rules: {
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^electron$', '^\\./bridge\\.js$'] }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  // Playwright reads a fixture's first parameter to find its dependencies: a fixture that needs none
  // must still destructure it (`async ({}, use) => ...`).
  {
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },

  // React: the rules of hooks (and the React Compiler's checks that come with them), and accessibility.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    // The set warns on a few (exhaustive-deps among them); here every finding fails the run.
    rules: Object.fromEntries(Object.keys(reactHooks.configs.flat['recommended-latest'].rules).map((rule) => [rule, 'error'])),
  },
  {
    files: ['renderer/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },

  // ---- The walls between layers ----
  wall(['core/**'], {
    forbid: [
      { modules: ['electron'], because: 'core/ is pure TypeScript that runs anywhere; Electron belongs to electron/main and the preload.' },
      { builtins: true, because: 'core/ is pure: no Node built-ins. Time, randomness and crypto are parameters (see node-hmac.ts and node-vip-crypto.ts beside the callers).' },
    ],
    allowOnly: { paths: ['core'], because: 'core/ is the bottom layer: it imports nothing of the repository outside core/ (not electron/, desktop/, renderer/, service/ or cli/).' },
  }),
  {
    files: ['core/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-globals': [
        'error',
        ...[...BROWSER_GLOBALS, 'crypto', 'performance'].map((name) => ({ name, message: 'core/ is pure: no DOM or host globals; pass what is needed in as a parameter.' })),
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({ name, message: 'core/ is pure: no Node globals; pass what is needed in as a parameter.' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core/ never reads the clock: take `nowMs` as a parameter.' },
        { object: 'Math', property: 'random', message: 'core/ never draws randomness itself: take random bytes as a parameter.' },
      ],
    },
  },
  wall(['node-shared/**'], {
    forbid: [{ modules: ['electron'], because: 'node-shared/ holds the Node helpers every program shares (service, bank, desktop layer, CLI): plain Node, never Electron.' }],
    allowOnly: {
      paths: ['core', 'node-shared'],
      because: 'node-shared/ sits just above core/: every program imports it, so it imports only core/ (never a program of its own).',
    },
  }),
  wall(DESKTOP.map((folder) => `${folder}/**`), {
    forbid: [
      { modules: ['electron'], because: 'the desktop layer is shared by the app and the CLI and runs in plain Node: Electron glue goes in electron/main (or a host beside it).' },
      { paths: ['renderer'], because: 'the desktop layer never imports the renderer: the window talks to it only through the preload bridge.' },
      { paths: HOSTS, because: 'the desktop layer never imports a host (electron/main, the preload, the browser preview): hosts build on it, not the reverse.' },
      { paths: ['cli'], because: 'the desktop layer never imports the CLI: the CLI builds on it.' },
      { paths: ['service'], because: 'the desktop layer talks to the token service over HTTP only, never by importing its code.' },
    ],
  }),
  {
    files: DESKTOP.map((folder) => `${folder}/**`),
    ignores: TESTS,
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS.filter((name) => name !== 'fetch').map((name) => ({ name, message: 'the desktop layer runs in Node (main process and CLI): there is no window or DOM here.' }))],
    },
  },
  wall(['renderer/src/**'], {
    forbid: [
      { modules: ['electron'], because: 'the renderer is a sandboxed web page: it reaches main only through window.mamori (the preload bridge).' },
      { builtins: true, because: 'the renderer is a sandboxed web page without Node: it reaches main only through window.mamori (the preload bridge).' },
    ],
    allowOnly: {
      paths: ['renderer', 'core', 'electron/shared/contract'],
      because:
        "the renderer reaches main only through window.mamori (the preload bridge): from outside renderer/ it may import only core/ and electron/shared/contract (types and schemas), never the desktop layer, a host, the service or the CLI.",
    },
  }),
  // global.d.ts declares window.mamori (and the preview's window.mamoriPreview) with the bridge's own
  // types, so the window type cannot drift from the preload: type-only imports, gone at build time.
  wall(['renderer/src/global.d.ts'], {
    forbid: [{ modules: ['electron'], because: 'the renderer never imports Electron, not even its types.' }],
    allowOnly: { paths: ['renderer', 'core', 'electron/shared/contract'], because: 'global.d.ts may take only types from the bridges (import type).' },
    allowTypesFrom: ['electron/preload/bridge', 'electron/preview/preview-info'],
  }),
  wall(['electron/preload/preload.cts'], {
    forbid: [{ builtins: true, because: 'a sandboxed preload has no Node modules: it only exposes the bridge with contextBridge.' }],
    allowOnly: { paths: ['electron/preload/bridge'], because: 'preload.cts only exposes bridge.ts through contextBridge; everything else belongs in the bridge or in main.' },
  }),
  wall(['electron/preload/bridge.ts'], {
    forbid: [
      { modules: ['electron'], because: 'bridge.ts is pure so the same module runs in the preload, the browser harness and the preview: only preload.cts touches electron.' },
      { builtins: true, because: 'bridge.ts runs in a sandboxed preload and in the browser: no Node built-ins.' },
    ],
    allowOnly: { paths: ['electron/shared/contract'], because: 'bridge.ts is a task-level API over a transport: it imports only the IPC contract.' },
  }),
  wall(['electron/preview/**'], {
    forbid: [
      { modules: ['electron'], because: 'the browser preview is a host for plain Node and the browser: it runs where Electron cannot.' },
      { paths: ['electron/main'], because: 'the browser preview is a host beside electron/main, built on the desktop layer, not on the other host.' },
    ],
  }),
  wall(['cli/**'], {
    forbid: [
      { modules: ['electron'], because: 'the CLI runs in plain Node: it uses the desktop layer, never Electron.' },
      { paths: [...HOSTS, 'renderer'], because: "the CLI is a front-end beside the app's hosts: it builds on the desktop layer and core/, never on electron/main, the preload, the preview or the renderer." },
    ],
  }),
  wall(['service/src/**'], {
    forbid: [
      { modules: ['electron'], because: 'the token service is a server program: no Electron.' },
      { paths: ['electron', ...DESKTOP, 'renderer', 'cli'], because: 'the token service is its own program: it shares core/ with the app, nothing else.' },
      { paths: ['service/bank'], because: 'the token service never depends on the demo bank, its client.' },
    ],
  }),
  // The bank's tests and test-support (bank-world.ts) start a real token service in-process; the
  // bank itself only talks to it over HTTP (token-client.ts).
  wall(['service/bank/**'], {
    forbid: [
      { modules: ['electron'], because: 'the demo bank is a server program: no Electron.' },
      { paths: ['service/src'], because: 'the demo bank is a client of the token service: it talks to it over HTTP only (token-client.ts), never by importing its code.' },
      { paths: ['electron', ...DESKTOP, 'renderer', 'cli'], because: 'the demo bank is its own program: it shares core/ with the app, nothing else.' },
    ],
  }),
);
