import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runLauncher } from '../support/processes.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const root = new URL('../..', import.meta.url).pathname;

/**
 * `npx tsx src/bin/main.ts …`: the source, run without a build. tsx keeps its cache and its IPC pipe in
 * `os.tmpdir()/tsx-<uid>`: the child's TMPDIR is a folder of the test's own, removed with it.
 */
function runSource(args: string[]) {
  const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
  return spawnSync(tsx, [`${root}src/bin/main.ts`, ...args], {
    cwd: samplesDir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TMPDIR: temporaryDirectory('vos-audit-tsx-') },
  });
}

it('runs from the source with tsx, with the version of package.json', () => {
  const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const result = runSource(['--version']);
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(`${version}\n`);
});

it('from the source, audits as the committed bundle does', () => {
  const source = runSource(['stock-posix']);
  const bundle = runLauncher(['stock-posix'], samplesDir);
  expect(source.status).toBe(1);
  expect(source.stdout).toBe(bundle.stdout);
});
