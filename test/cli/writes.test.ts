import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UserError } from '../../src/io/errors.ts';
import { writeAtomically } from '../../src/io/write.ts';
import { expectUserError, runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const stock = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'));
const isRoot = process.getuid?.() === 0;
const hasSetfattr =
  spawnSync('setfattr', ['--version']).status === 0 && spawnSync('setfacl', ['--version']).status === 0;
if (!isRoot) console.warn('writes.test.ts: not root, so the tests of owners, chattr and a full disk are skipped');
if (!hasSetfattr)
  console.warn(
    'writes.test.ts: setfattr or setfacl missing (apt-get install attr acl), so the tests of extended attributes are skipped',
  );

function twoModules(): string {
  const dir = temporaryDirectory();
  for (const m of ['m1', 'm2']) {
    mkdirSync(join(dir, m));
    writeFileSync(join(dir, m, 'inetd.conf'), stock);
  }
  return dir;
}

/** The error line of a file that was not written, then one line for each of its stock fixes not written. */
function expectNotWritten(stderr: string, path: string, why: string): void {
  const [first, ...rest] = stderr.trimEnd().split('\n');
  expect(first).toBe(`vos-audit: cannot write ${path}: ${why}; the file is unchanged`);
  expect(rest).toHaveLength(11);
  expect(rest[0]).toBe(`vos-audit: not written to ${path}: commented out line 7 (echo/tcp)`);
}

function expectUntouched(dir: string, module: string): void {
  expect(readFileSync(join(dir, module, 'inetd.conf'))).toEqual(stock);
  expect(readdirSync(join(dir, module))).toEqual(['inetd.conf']);
}

describe('--fix when writing fails', () => {
  it('refuses a read-only file, writes the others, and says which is which', async () => {
    const dir = twoModules();
    chmodSync(join(dir, 'm1', 'inetd.conf'), 0o444);
    const result = await runCli(['--fix', 'm1', 'm2'], dir);
    expect(result.status).toBe(2);
    expectNotWritten(result.stderr, 'm1/inetd.conf', 'it is read-only');
    expect(result.stdout).not.toContain('fixed m1/inetd.conf');
    expect(result.stdout).toContain('fixed m2/inetd.conf (11 changes)');
    expectUntouched(dir, 'm1');
    expect(readFileSync(join(dir, 'm2', 'inetd.conf'), 'utf8')).toContain('\n#echo\tstream');
  });

  it('does not overwrite a file that changed on disk after it was read', async () => {
    const dir = temporaryDirectory();
    const path = join(dir, 'inetd.conf');
    writeFileSync(path, stock);
    writeFileSync(path, 'changed by someone else\n');
    await expect(writeAtomically(path, Buffer.from('fixed\n'), stock)).rejects.toThrow(
      new UserError(`cannot write ${path}: it changed on disk since vos-audit read it; the file is unchanged`),
    );
    expect(readFileSync(path, 'utf8')).toBe('changed by someone else\n');
  });

  it('refuses binary files and files over the size limit', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), '');
    truncateSync(join(dir, 'inetd.conf'), 33 * 1024 * 1024);
    const result = await runCli(['inetd.conf'], dir);
    expectUserError(result, 'inetd.conf', '32 MB');
  });

  describe.skipIf(!isRoot)('with real file-system failures (needs root: chattr, mount)', () => {
    it('leaves the file as it was when its directory cannot be written', async () => {
      const dir = twoModules();
      expect(spawnSync('chattr', ['+i', join(dir, 'm1')]).status).toBe(0);
      onTestFinished(() => {
        spawnSync('chattr', ['-i', join(dir, 'm1')]);
      });
      const result = await runCli(['--fix', 'm1', 'm2'], dir);
      expect(result.status).toBe(2);
      expectNotWritten(result.stderr, 'm1/inetd.conf', 'operation not permitted');
      expect(result.stdout).toContain('fixed m2/inetd.conf (11 changes)');
      spawnSync('chattr', ['-i', join(dir, 'm1')]);
      expectUntouched(dir, 'm1');
    });

    it('leaves the file as it was when the rename over it fails', async () => {
      const dir = twoModules();
      expect(spawnSync('chattr', ['+i', join(dir, 'm1', 'inetd.conf')]).status).toBe(0);
      onTestFinished(() => {
        spawnSync('chattr', ['-i', join(dir, 'm1', 'inetd.conf')]);
      });
      const result = await runCli(['--fix', 'm1'], dir);
      expect(result.status).toBe(2);
      expectNotWritten(result.stderr, 'm1/inetd.conf', 'operation not permitted');
      spawnSync('chattr', ['-i', join(dir, 'm1', 'inetd.conf')]);
      expectUntouched(dir, 'm1');
    });

    it('leaves the file as it was, and no temporary file, when the disk is full', async () => {
      const dir = temporaryDirectory();
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status).toBe(0);
      onTestFinished(() => {
        spawnSync('umount', [dir]);
      });
      mkdirSync(join(dir, 'm1'));
      // Most of the disk is the file itself, so its fixed copy cannot be written beside it.
      const big = Buffer.concat([stock, Buffer.from(`#${'x'.repeat(40 * 1024)}\n`)]);
      writeFileSync(join(dir, 'm1', 'inetd.conf'), big);
      const result = await runCli(['--fix', 'm1'], dir);
      expect(result.status).toBe(2);
      expectNotWritten(result.stderr, 'm1/inetd.conf', 'no space left on the device');
      expect(readFileSync(join(dir, 'm1', 'inetd.conf'))).toEqual(big);
      expect(readdirSync(join(dir, 'm1'))).toEqual(['inetd.conf']);
    });
  });
});

describe('after a failed write, the report describes the file on disk', () => {
  it('reports the findings of the unchanged file, at their lines, and fails', async () => {
    const dir = twoModules();
    chmodSync(join(dir, 'm1', 'inetd.conf'), 0o444);
    const text = await runCli(['--fix', 'm1'], dir);
    expect(text.status).toBe(2);
    expect(text.stdout).toMatch(/^m1\/inetd\.conf:7:1 +error +/m);
    expect(text.stdout).not.toContain('no problems');
    const json = JSON.parse((await runCli(['--fix', '--format', 'json', 'm1'], dir)).stdout);
    expect(json.files[0].applied).toEqual([]);
    expect(json.summary.errors).toBeGreaterThan(0);
    expect(json.summary.fixed).toBe(0);
  });
});

describe('vos-audit writers take turns, and a change made meanwhile is never overwritten', () => {
  const lockOf = (dir: string) => join(dir, '.inetd.conf.vos-audit.lock');

  it('waits for the lock of another run, then finds the file changed and leaves it', async () => {
    const dir = temporaryDirectory();
    const path = join(dir, 'inetd.conf');
    writeFileSync(path, stock);
    writeFileSync(lockOf(dir), `${process.pid} ${hostname()}\n`);
    const writing = writeAtomically(path, Buffer.from('fixed\n'), stock);
    // What the other run, holding the lock, writes; then it is done.
    appendFileSync(path, 'ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd\n');
    rmSync(lockOf(dir));
    await expect(writing).rejects.toThrow(
      new UserError(`cannot write ${path}: it changed on disk since vos-audit read it; the file is unchanged`),
    );
    expect(readFileSync(path, 'utf8')).toContain('in.ftpd');
    expect(readdirSync(dir)).toEqual(['inetd.conf']);
  });

  it('names a lock left by a run that has ended, and leaves it', async () => {
    const dir = temporaryDirectory();
    const path = join(dir, 'inetd.conf');
    writeFileSync(path, stock);
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(lockOf(dir), `${ended} ${hostname()}\n`);
    await expect(writeAtomically(path, Buffer.from('fixed\n'), stock)).rejects.toThrow(
      `cannot write ${path}: a lock left by a vos-audit run that has ended (process ${ended}): remove ${lockOf(dir)} if no vos-audit is writing it; the file is unchanged`,
    );
    expect(readFileSync(path)).toEqual(stock);
    expect(readdirSync(dir).sort()).toEqual(['.inetd.conf.vos-audit.lock', 'inetd.conf']);
  });
});

describe('the metadata of a file written', () => {
  it.skipIf(!isRoot)('keeps its owner, group and mode', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), stock);
    chownSync(join(dir, 'inetd.conf'), 65534, 65534);
    chmodSync(join(dir, 'inetd.conf'), 0o620);
    expect((await runCli(['--fix', 'inetd.conf'], dir)).stderr).toBe('');
    const after = statSync(join(dir, 'inetd.conf'));
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([65534, 65534, 0o620]);
    expect(readFileSync(join(dir, 'inetd.conf'), 'utf8')).toContain('\n#echo\tstream');
  });

  it('refuses a file with several hard links, naming it', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), stock);
    linkSync(join(dir, 'inetd.conf'), join(dir, 'inetd.conf.saved'));
    const result = await runCli(['--fix', 'inetd.conf'], dir);
    expect(result.status).toBe(2);
    expectNotWritten(
      result.stderr,
      'inetd.conf',
      'it has 2 hard links, and replacing it would leave the other names with the old text',
    );
    expect(readFileSync(join(dir, 'inetd.conf'))).toEqual(stock);
    expect(statSync(join(dir, 'inetd.conf')).nlink).toBe(2);
  });

  it.skipIf(!hasSetfattr)('refuses a file with extended attributes or an ACL, naming them', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), stock);
    expect(spawnSync('setfattr', ['-n', 'user.origin', '-v', 'cmdb', join(dir, 'inetd.conf')]).status).toBe(0);
    expect(spawnSync('setfacl', ['-m', 'u:nobody:r', join(dir, 'inetd.conf')]).status).toBe(0);
    const result = await runCli(['--fix', 'inetd.conf'], dir);
    expect(result.status).toBe(2);
    expectNotWritten(
      result.stderr,
      'inetd.conf',
      'it has extended attributes or an ACL (system.posix_acl_access, user.origin), which the rewritten file would not keep',
    );
    expect(readFileSync(join(dir, 'inetd.conf'))).toEqual(stock);
    expect(
      spawnSync('getfattr', ['-n', 'user.origin', '--only-values', join(dir, 'inetd.conf')], { encoding: 'utf8' })
        .stdout,
    ).toBe('cmdb');
  });

  it('refuses a file that became a FIFO since it was read, at once', async () => {
    const dir = temporaryDirectory();
    const path = join(dir, 'inetd.conf');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    await expect(writeAtomically(path, Buffer.from('fixed\n'), stock)).rejects.toThrow(
      `cannot write ${path}: it is a FIFO (named pipe), not a regular file; the file is unchanged`,
    );
    expect(readdirSync(dir)).toEqual(['inetd.conf']);
  });
});
