import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts'],
    setupFiles: ['test/unit/harness/setup.ts'],
    // The convergence harness runs 1,000 seeded scenarios in one test.
    testTimeout: 60_000,
    // Vitest leaves a core free by default, which on a 2-core CI machine is one worker: 96 s instead of 69 s.
    maxWorkers: Math.max(2, availableParallelism()),
    hookTimeout: 30_000,
  },
});
