import { defineConfig } from '@playwright/test';

// Only for scripts/test-tally.test.ts: the planted specs need no browser.
export default defineConfig({
  testDir: '.',
  testMatch: '*.planted-spec.ts',
  retries: 0,
  reporter: [['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'planted-playwright.json' }]],
  outputDir: '../../test-results/planted',
});
