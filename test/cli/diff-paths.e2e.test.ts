import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { runCommand } from '../support/processes.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** Three copies of one git work tree holding `configs/m1` (the stock module) and an empty `configs/other`. */
function workTrees(): [string, string, string] {
  const make = () => {
    const top = temporaryDirectory();
    cpSync(join(samplesDir, 'stock-posix'), join(top, 'configs', 'm1'), { recursive: true });
    mkdirSync(join(top, 'configs', 'other'));
    expect(runCommand('git', ['init', '-q'], top).status).toBe(0);
    return top;
  };
  return [make(), make(), make()];
}

const inetd = join('configs', 'm1', 'inetd.conf');

describe('--diff of files outside the current directory, in a git work tree', () => {
  it.each(['../m1', 'absolute'])(
    'given as %s: git apply and patch -p1 from the work tree root give what --fix writes',
    async (how) => {
      const [fixed, viaGit, viaPatch] = workTrees();
      const cwd = join(fixed, 'configs', 'other');
      const path = how === 'absolute' ? join(fixed, 'configs', 'm1') : '../m1';
      const diff = await runCli(['--diff', path], cwd);
      expect(diff.stdout).toMatch(/^--- a\/configs\/m1\/inetd.conf\n\+\+\+ b\/configs\/m1\/inetd.conf\n@@ /);
      expect(diff.stderr).toBe(
        `vos-audit: --diff: the paths are relative to the git work tree ${fixed}: apply the patch there\n`,
      );
      await runCli(['--fix', path], cwd);

      const gitApply = runCommand('git', ['apply', '-'], viaGit, diff.stdoutBytes);
      expect(gitApply).toMatchObject({ status: 0, stderr: '' });
      expect(runCommand('patch', ['-p1', '--quiet'], viaPatch, diff.stdoutBytes).status).toBe(0);
      const written = readFileSync(join(fixed, inetd));
      expect(written).not.toEqual(readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf')));
      expect(readFileSync(join(viaGit, inetd))).toEqual(written);
      expect(readFileSync(join(viaPatch, inetd))).toEqual(written);
    },
  );

  it('below the current directory, git apply and patch -p1 take it from there, as the README runs them', async () => {
    const [fixed, viaGit, viaPatch] = workTrees();
    const diff = await runCli(['--diff', 'm1'], join(fixed, 'configs'));
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toMatch(/^--- a\/m1\/inetd.conf\n/);
    await runCli(['--fix', 'm1'], join(fixed, 'configs'));
    expect(runCommand('git', ['apply', '-'], join(viaGit, 'configs'), diff.stdoutBytes).status).toBe(0);
    expect(runCommand('patch', ['-p1', '--quiet'], join(viaPatch, 'configs'), diff.stdoutBytes).status).toBe(0);
    expect(readFileSync(join(viaGit, inetd))).toEqual(readFileSync(join(fixed, inetd)));
    expect(readFileSync(join(viaPatch, inetd))).toEqual(readFileSync(join(fixed, inetd)));
  });
});
