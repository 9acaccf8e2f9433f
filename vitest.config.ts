import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // A first password set loads the strength estimator's dictionaries: a second, several on a busy machine.
    hookTimeout: 30_000,
  },
});
