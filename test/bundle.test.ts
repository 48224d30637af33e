import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types, shared with `npm run build`
import { bundleOptions, launcherOptions } from '../scripts/build.mjs';

const root = new URL('..', import.meta.url).pathname;

it.each([
  ['the bundle', bundleOptions],
  ['the launcher', launcherOptions],
])('the committed %s is what `npm run build` makes from the sources', async (_, options) => {
  const fresh = await build({ ...options, absWorkingDir: root, write: false });
  const committed = readFileSync(new URL(`../${options.outfile}`, import.meta.url), 'utf8');
  expect(committed === fresh.outputFiles![0]!.text, `${options.outfile} is stale: run \`npm run build\` and commit it`).toBe(true);
});

it('the committed launcher is executable, so a clone runs `npx vos-audit` without npm install setting it', () => {
  const ls = spawnSync('git', ['ls-files', '--stage', launcherOptions.outfile], { cwd: root, encoding: 'utf8' });
  expect(ls.stdout).toMatch(/^100755 /);
});
