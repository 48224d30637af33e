import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types, shared with `npm run build`
import { bundleOptions } from '../scripts/build.mjs';
import { bundle } from './cli-helpers.ts';

it('the committed bundle dist/vos-audit.js is what `npm run build` makes from the sources', async () => {
  const fresh = await build({ ...bundleOptions, absWorkingDir: new URL('..', import.meta.url).pathname, write: false, outfile: 'dist/vos-audit.js' });
  const committed = readFileSync(bundle, 'utf8');
  expect(committed === fresh.outputFiles![0]!.text, 'dist/vos-audit.js is stale: run `npm run build` and commit it').toBe(true);
});

it('the committed bundle is executable, so a clone runs `npx vos-audit` without npm install setting it', () => {
  const ls = spawnSync('git', ['ls-files', '--stage', 'dist/vos-audit.js'], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8' });
  expect(ls.stdout).toMatch(/^100755 /);
});
