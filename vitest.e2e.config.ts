import { defineConfig } from 'vitest/config';

// Browser tests: a real server on a free port, Debian's chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
