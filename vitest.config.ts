import { defineConfig } from 'vitest/config';

// No build-time define of the version: the tests run the source as `npx tsx src/bin/main.ts` does, which reads it
// from package.json (src/cli/version.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // What starts real processes and tools runs with `npm run test:e2e` (vitest.e2e.config.ts), so that `npm test`
    // needs nothing but Node.js and stays fast.
    exclude: ['**/node_modules/**', 'test/**/*.e2e.test.ts'],
    // Each test file in a child process of its own: test/support/cli.ts changes the working directory, which worker threads cannot.
    pool: 'forks',
    // Two workers even on two cores (vitest's default is one fewer than the cores): the end-to-end tests mostly wait
    // on npm, .NET and the processes they start, and the other worker runs the rest meanwhile.
    maxWorkers: 2,
    // test/dist starts real processes; a shared machine can be slow, and these are not timings.
    testTimeout: 60_000,
  },
});
