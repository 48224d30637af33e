import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { temporaryDirectory } from '../support/temporary.ts';
// @ts-expect-error: a plain ES module without types, shared with `npm run build`
import { bundleOptions, launcherOptions } from '../../scripts/build.mjs';

const root = new URL('../..', import.meta.url).pathname;

async function fresh(options: { outfile: string }): Promise<{ outfile: string; text: string }> {
  const built = await build({ ...options, absWorkingDir: root, write: false });
  return { outfile: options.outfile, text: built.outputFiles[0]!.text };
}

it('the committed bundle and launcher are what `npm run build` makes from the sources', async () => {
  const bundle = await fresh(bundleOptions);
  for (const { outfile, text } of [bundle, await fresh(launcherOptions(bundle.text))]) {
    const committed = readFileSync(new URL(`../../${outfile}`, import.meta.url), 'utf8');
    expect(committed === text, `${outfile} is stale: run \`npm run build\` and commit it`).toBe(true);
  }
});

it('the committed launcher is executable, so a clone runs `npx vos-audit` without npm install setting it', () => {
  const ls = spawnSync('git', ['ls-files', '--stage', 'dist/vos-audit.js'], { cwd: root, encoding: 'utf8' });
  expect(ls.stdout).toMatch(/^100755 /);
});

it('loads crypto and child_process only when a run needs them (start-up time)', () => {
  const preload = join(temporaryDirectory(), 'list-modules.cjs');
  writeFileSync(preload, 'process.on("exit", () => process.stderr.write(process.moduleLoadList.join("\\n")));\n');
  const loaded = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--require', preload, 'dist/vos-audit.js', ...args], {
      cwd: root,
      encoding: 'utf8',
    });
    const modules = result.stderr.split('\n');
    expect(modules).toContain('NativeModule fs');
    return modules.filter((name) => /^NativeModule (crypto|child_process)$/.test(name));
  };
  expect(loaded(['samples/stock-posix'])).toEqual([]);
  expect(loaded(['--format', 'sarif', 'samples/stock-posix'])).toEqual(['NativeModule crypto']);
});
