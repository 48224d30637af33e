import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));

export default defineConfig({
  define: { VOS_AUDIT_VERSION: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file in a child process of its own: test/support/cli.ts changes the working directory, which worker threads cannot.
    pool: 'forks',
    // Two workers even on two cores (vitest's default is one fewer than the cores): pre-commit and the SARIF
    // Multitool mostly wait on npm and .NET, and the other worker runs the rest meanwhile.
    maxWorkers: 2,
    // test/dist starts real processes; a shared machine can be slow, and these are not timings.
    testTimeout: 60_000,
  },
});
