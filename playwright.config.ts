/**
 * Three projects: `harness` (the built renderer in Debian's Chromium, the real preload bridge, a
 * transport into the real main-side handlers), `preview` (`npm run demo` started as a child
 * process, its browser preview and the demo bank, driven only by what the demo prints) and
 * `electron` (the built app via _electron.launch, skipped where the Electron binary is not
 * installed). Build first: see the README.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/chromium.js';

/** Debian's Chromium (or the override) with the flags this machine needs; one window the app's size. */
const chromium = {
  browserName: 'chromium' as const,
  viewport: { width: 380, height: 470 },
  launchOptions: {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  },
};

export default defineConfig({
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'reports/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'harness',
      testDir: 'e2e/harness',
      use: chromium,
    },
    {
      // `npm run demo` as a person runs it: the printed story, the browser preview, the bank. It
      // builds as the demo does, so it runs after the projects that read dist/.
      name: 'preview',
      testDir: 'e2e/preview',
      use: chromium,
      dependencies: ['harness', 'electron'],
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
