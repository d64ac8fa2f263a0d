import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // PGlite instances are memory-hungry; a few forks keep the 2-core machine busy without swapping.
    pool: 'forks',
    maxWorkers: 3,
  },
});
