import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The CLI tests run the built `dataforge` binary: build once before any test.
    globalSetup: ['test/global-setup.ts'],
  },
});
