import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests start the real bundle many times; a shared machine can be slow, and these are not timings.
    testTimeout: 60_000,
  },
});
