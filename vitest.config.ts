import { defineConfig } from 'vitest/config';

// Unit, query and HTTP tests. Browser tests live in test/e2e and run with vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/conformance/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
