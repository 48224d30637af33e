import { defineConfig } from 'vitest/config';

/** What every suite shares: `npm test` here, `npm run test:e2e` in vitest.e2e.config.ts. */
export const common = {
  setupFiles: ['test/support/setup.ts'],
  // Each test file in a child process of its own: test/support/cli.ts changes the working directory, which worker threads cannot.
  pool: 'forks',
  // Two workers even on two cores (vitest's default is one fewer than the cores): the end-to-end tests mostly wait
  // on npm, .NET and the processes they start, and the other worker runs the rest meanwhile.
  maxWorkers: 2,
  // test/dist starts real processes; a shared machine can be slow, and these are not timings.
  testTimeout: 60_000,
} as const;

/** The test files that replace modules or their functions (vi.mock, vi.spyOn): each needs modules of its own. */
const replacingModules = [
  'test/cli/fix-swapped-path.test.ts',
  'test/cli/internal-error.test.ts',
  'test/cli/write-race.test.ts',
  'test/model/tcpd-pattern-file.test.ts',
];

// What starts real processes and tools runs with `npm run test:e2e` (vitest.e2e.config.ts), so that `npm test`
// needs nothing but Node.js and stays fast.
const exclude = ['**/node_modules/**', 'test/**/*.e2e.test.ts'];

// No build-time define of the version: the tests run the source as `npx tsx src/bin/main.ts` does, which reads it
// from package.json (src/cli/version.ts).
export default defineConfig({
  test: {
    ...common,
    projects: [
      // Most test files share the modules of their worker (isolate: false), so that the source is imported and
      // transformed once a worker, not once a file: that import was most of the suite's time.
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...exclude, ...replacingModules],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: replacingModules } },
    ],
  },
});
