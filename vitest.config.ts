import { defineConfig } from 'vitest/config';

// Node-side tests: core, the renderer's pure helpers, the app's electron-free main-side modules, the token service and the CLI.
// Browser tests run under Playwright (playwright.config.ts), not here.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts', 'service/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
