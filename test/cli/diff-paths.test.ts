import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** The `--- a/…` header paths of a patch. */
function patchedPaths(patch: string): string[] {
  return [...patch.matchAll(/^--- a\/(.*)$/gm)].map((match) => match[1]!);
}

/** `top/configs/m1`, the stock module (its inetd.conf has fixes), and an empty `top/configs/other`. */
function configs(): string {
  const top = temporaryDirectory();
  cpSync(join(samplesDir, 'stock-posix'), join(top, 'configs', 'm1'), { recursive: true });
  mkdirSync(join(top, 'configs', 'other'));
  return top;
}

describe('--diff outside a git work tree', () => {
  it('names a file below the current directory relative to it, however the path was given', async () => {
    const top = configs();
    const absolute = await vosAudit(['--diff', join(top, 'configs', 'm1')], { cwd: top });
    const dotted = await vosAudit(['--diff', 'configs/other/../m1'], { cwd: top });
    for (const result of [absolute, dotted]) {
      expect(result.stderr).toBe('');
      expect(patchedPaths(result.stdout)).toEqual(['configs/m1/inetd.conf']);
    }
    expect(dotted.stdout).toBe(absolute.stdout);
  });

  it('refuses a file above the current directory, with one line and exit 2', async () => {
    const top = configs();
    for (const path of ['../m1', join(top, 'configs', 'm1')]) {
      const result = await vosAudit(['--diff', path], { cwd: join(top, 'configs', 'other') });
      expect(result).toEqual({
        status: 2,
        stdout: '',
        stderr:
          `vos-audit: --diff: ${path}/inetd.conf is not below the current directory, and the changed files are not ` +
          'all in one git work tree, so no path in a patch would find it; run --diff from a directory that holds ' +
          'every file to fix\n',
      });
    }
  });
});
