import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts'],
    // The convergence harness runs 1,000 seeded scenarios in one test.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
