import { defineConfig } from 'vitest/config';

// Only for scripts/test-tally.test.ts: runs the planted files, one per invocation.
export default defineConfig({
  test: { include: ['*.planted.ts'], environment: 'node', pool: 'forks' },
});
