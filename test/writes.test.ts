import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/io/errors.ts';
import { writeAtomically } from '../src/io/write.ts';
import { cli, temporaryDirectory } from './cli-helpers.ts';
import { samplesDir } from './fixtures.ts';

const stock = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'));
const isRoot = process.getuid?.() === 0;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function twoModules(): string {
  const dir = temporaryDirectory();
  for (const m of ['m1', 'm2']) {
    mkdirSync(join(dir, m));
    writeFileSync(join(dir, m, 'inetd.conf'), stock);
  }
  return dir;
}

function expectUntouched(dir: string, module: string): void {
  expect(readFileSync(join(dir, module, 'inetd.conf'))).toEqual(stock);
  expect(readdirSync(join(dir, module))).toEqual(['inetd.conf']);
}

describe('--fix when writing fails', () => {
  it('refuses a read-only file, writes the others, and says which is which', () => {
    const dir = twoModules();
    chmodSync(join(dir, 'm1', 'inetd.conf'), 0o444);
    const result = cli(['--fix', 'm1', 'm2'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('vos-audit: cannot write m1/inetd.conf: it is read-only; the file is unchanged\n');
    expect(result.stdout).not.toContain('fixed m1/inetd.conf');
    expect(result.stdout).toContain('fixed m2/inetd.conf (11 changes)');
    expectUntouched(dir, 'm1');
    expect(readFileSync(join(dir, 'm2', 'inetd.conf'), 'utf8')).toContain('\n#echo\tstream');
  });

  it('does not overwrite a file that changed on disk after it was read', () => {
    const dir = temporaryDirectory();
    const path = join(dir, 'inetd.conf');
    writeFileSync(path, stock);
    writeFileSync(path, 'changed by someone else\n');
    expect(() => writeAtomically(path, Buffer.from('fixed\n'), stock)).toThrow(
      new UserError(`cannot write ${path}: it changed on disk since vos-audit read it; the file is unchanged`),
    );
    expect(readFileSync(path, 'utf8')).toBe('changed by someone else\n');
  });

  it('refuses binary files and files over the size limit', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), '');
    truncateSync(join(dir, 'inetd.conf'), 33 * 1024 * 1024);
    const result = cli(['inetd.conf'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('vos-audit: inetd.conf is 33.0 MB, more than the 32 MB vos-audit reads; not read\n');
  });

  describe.skipIf(!isRoot)('with real file-system failures (needs root: chattr, mount)', () => {
    it('leaves the file as it was when its directory cannot be written', () => {
      const dir = twoModules();
      expect(spawnSync('chattr', ['+i', join(dir, 'm1')]).status).toBe(0);
      cleanups.push(() => spawnSync('chattr', ['-i', join(dir, 'm1')]));
      const result = cli(['--fix', 'm1', 'm2'], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('vos-audit: cannot write m1/inetd.conf: operation not permitted; the file is unchanged\n');
      expect(result.stdout).toContain('fixed m2/inetd.conf (11 changes)');
      spawnSync('chattr', ['-i', join(dir, 'm1')]);
      expectUntouched(dir, 'm1');
    });

    it('leaves the file as it was when the rename over it fails', () => {
      const dir = twoModules();
      expect(spawnSync('chattr', ['+i', join(dir, 'm1', 'inetd.conf')]).status).toBe(0);
      cleanups.push(() => spawnSync('chattr', ['-i', join(dir, 'm1', 'inetd.conf')]));
      const result = cli(['--fix', 'm1'], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('vos-audit: cannot write m1/inetd.conf: operation not permitted; the file is unchanged\n');
      spawnSync('chattr', ['-i', join(dir, 'm1', 'inetd.conf')]);
      expectUntouched(dir, 'm1');
    });

    it('leaves the file as it was, and no temporary file, when the disk is full', () => {
      const dir = temporaryDirectory();
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status).toBe(0);
      cleanups.push(() => spawnSync('umount', [dir]));
      mkdirSync(join(dir, 'm1'));
      // Most of the disk is the file itself, so its fixed copy cannot be written beside it.
      const big = Buffer.concat([stock, Buffer.from(`#${'x'.repeat(40 * 1024)}\n`)]);
      writeFileSync(join(dir, 'm1', 'inetd.conf'), big);
      const result = cli(['--fix', 'm1'], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('vos-audit: cannot write m1/inetd.conf: no space left on the device; the file is unchanged\n');
      expect(readFileSync(join(dir, 'm1', 'inetd.conf'))).toEqual(big);
      expect(readdirSync(join(dir, 'm1'))).toEqual(['inetd.conf']);
    });
  });
});

