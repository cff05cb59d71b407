import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/chromium.js';

// Two projects. `node`: core, the renderer's pure helpers, the app's electron-free main-side
// modules, the token service and the CLI. `browser`: React components in Chromium, under Vite's
// development build, where StrictMode really runs effects twice. Pages with the real main side
// run under Playwright (playwright.config.ts), not here.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['core/**/*.test.ts', 'node-shared/**/*.test.ts', 'renderer/**/*.test.ts', 'desktop/**/*.test.ts', 'electron/**/*.test.ts', 'service/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'browser',
          include: ['renderer/**/*.browser.test.tsx'],
          // A failing test's screenshot and attachments go with the other test output, never into the sources.
          attachmentsDir: 'test-results/vitest-attachments',
          browser: {
            enabled: true,
            headless: true,
            screenshotDirectory: 'test-results/vitest-screenshots',
            provider: playwright({ launchOptions: { args: CHROMIUM_ARGS, ...(chromiumPath() === undefined ? {} : { executablePath: chromiumPath() }) } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
