import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../support/temporary.ts';

const root = new URL('../..', import.meta.url).pathname;

/** Every script a person runs: bench/*.mjs, bench/*.ts (not the inputs bench/lib/ makes for them) and the files of scripts/ (not its lib/ or type declarations). */
const scripts = [
  ...readdirSync(join(root, 'bench'))
    .filter((name) => /\.(mjs|ts)$/.test(name))
    .map((name) => `bench/${name}`),
  ...readdirSync(join(root, 'scripts'))
    .filter((name) => statSync(join(root, 'scripts', name)).isFile() && !name.endsWith('.d.mts'))
    .map((name) => `scripts/${name}`),
];

/** Runs a script from an empty directory (TypeScript through tsx), so that anything it wrote there would show. */
function runScript(script: string, args: string[]) {
  const scratch = temporaryDirectory('vos-audit-scripts-');
  // tsx is resolved from the repository, since the script runs in an empty directory.
  const loader = script.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const result = spawnSync(process.execPath, [...loader, join(root, script), ...args], {
    cwd: scratch,
    encoding: 'utf8',
    // tsx's folder (os.tmpdir()/tsx-<uid>) and anything a script puts in TMPDIR go to a folder the test removes.
    env: { ...process.env, NODE_OPTIONS: '', TSX_DISABLE_CACHE: '1', TMPDIR: temporaryDirectory('vos-audit-tmp-') },
  });
  return { ...result, left: readdirSync(scratch) };
}

describe('every bench and script answers --help and refuses what it does not know', () => {
  it('finds the scripts', () => {
    expect(scripts).toEqual(
      expect.arrayContaining([
        'bench/generate-modules.mjs',
        'bench/run.mjs',
        'bench/robustness.ts',
        'scripts/build.mjs',
        'scripts/generate-docs.ts',
      ]),
    );
  });

  it.each(scripts)('%s --help prints its usage, exits 0 and does nothing else', (script) => {
    const result = runScript(script, ['--help']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: (node|npx tsx) ${script.replace('.', '\\.')}`));
    expect(result.stderr).toBe('');
    expect(result.left).toEqual([]);
  });

  it.each(scripts)(
    '%s --bogus names the option, prints the usage on stderr, exits 2 and does nothing else',
    (script) => {
      const result = runScript(script, ['--bogus']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("'--bogus'");
      expect(result.stderr).toContain(`usage: `);
      expect(result.stdout).toBe('');
      expect(result.left).toEqual([]);
    },
  );

  it('refuses a missing, extra or malformed argument', () => {
    expect(runScript('bench/generate-modules.mjs', []).status).toBe(2);
    expect(runScript('bench/generate-inetd.mjs', ['many']).stderr).toContain(
      "LINES must be a whole number, 1 or more; got 'many'",
    );
    expect(runScript('bench/generate-macro.mjs', ['10', '20']).status).toBe(2);
    expect(runScript('scripts/generate-docs.ts', ['docs']).stderr).toContain("unexpected argument 'docs'");
  });
});
