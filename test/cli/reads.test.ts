import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/io/errors.ts';
import { discoverModules } from '../../src/io/discover.ts';
import { launcher, cli, cliAsNobody, scratchDirectory } from '../support/processes.ts';
import { samplesDir } from '../support/sources.ts';

const stock = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'));
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('reads.test.ts: not root, so the tests that act as another user are skipped');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function moduleAt(dir: string, name: string | Buffer): void {
  const path = typeof name === 'string' ? join(dir, name) : Buffer.concat([Buffer.from(`${dir}/`), name]);
  mkdirSync(path);
  writeFileSync(Buffer.concat([Buffer.from(path), Buffer.from('/inetd.conf')]), stock);
}

function mkfifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

describe('symbolic links found by walking a directory', () => {
  it('reads a link to a file outside the directory given nowhere, not even into the report', () => {
    const dir = scratchDirectory(cleanups);
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    moduleAt(dir, 'm');
    symlinkSync(join(dir, 'outside', 'passwd'), join(dir, 'm', 'services'));
    for (const args of [['-f', 'gcc', 'm'], ['--fix', 'm']]) {
      const result = cli(args, dir);
      expect(result.status).toBe(2);
      expect(result.stdout).not.toContain('root:x');
      expect(result.stderr).toBe(`vos-audit: m/services is a symbolic link to ${join(dir, 'outside', 'passwd')}, outside the directory given; not read\n`);
    }
    expect(readFileSync(join(dir, 'outside', 'passwd'), 'utf8')).toBe('root:x:0:0:root:/root:/bin/bash\n');
  });

  it('reads a link that stays inside the directory given, and a link named on the command line', () => {
    const dir = scratchDirectory(cleanups);
    moduleAt(dir, 'm');
    mkdirSync(join(dir, 'm', 'real'));
    writeFileSync(join(dir, 'm', 'real', 'conf'), stock);
    symlinkSync('real/conf', join(dir, 'm', 'inetd.conf.link'));
    rmSync(join(dir, 'm', 'inetd.conf'));
    symlinkSync('real/conf', join(dir, 'm', 'inetd.conf'));
    expect(cli(['m'], dir)).toMatchObject({ status: 1, stderr: '' });
    const outside = join(scratchDirectory(cleanups), 'inetd.conf');
    symlinkSync(join(dir, 'm', 'real', 'conf'), outside);
    expect(cli([outside], dir)).toMatchObject({ status: 1, stderr: '' });
  });
});

describe('devices, FIFOs and sockets', () => {
  it('refuses a FIFO found in a tree or named, without waiting for a writer, and audits the rest', () => {
    const dir = scratchDirectory(cleanups);
    moduleAt(dir, 'm1');
    mkdirSync(join(dir, 'm2'));
    mkfifo(join(dir, 'm2', 'inetd.conf'));
    const walked = spawnSync(process.execPath, [launcher, 'm1', 'm2'], { cwd: dir, timeout: 20_000, encoding: 'utf8' });
    expect(walked.status).toBe(2);
    expect(walked.stderr).toBe('vos-audit: m2/inetd.conf is a FIFO (named pipe), not a regular file; not read\n');
    expect(walked.stdout).toContain('m1/inetd.conf:');
    const named = spawnSync(process.execPath, [launcher, 'm2/inetd.conf'], { cwd: dir, timeout: 20_000, encoding: 'utf8' });
    expect(named.stderr).toBe('vos-audit: m2/inetd.conf is a FIFO (named pipe), not a regular file; not read\n');
  });

  it('refuses a device, named or linked, and a configuration that is one', () => {
    const dir = scratchDirectory(cleanups);
    moduleAt(dir, 'm');
    symlinkSync('/dev/zero', join(dir, 'zero.cm'));
    expect(cli(['/dev/zero'], dir).stderr).toBe('vos-audit: /dev/zero is a character device, not a regular file; not read\n');
    expect(cli(['zero.cm'], dir).stderr).toBe('vos-audit: zero.cm is a character device, not a regular file; not read\n');
    expect(cli(['--config', '/dev/zero', 'm'], dir)).toMatchObject({ status: 2, stderr: 'vos-audit: /dev/zero: is a character device, not a regular file\n' });
  });

  it('reads standard input up to the limit only', () => {
    const zero = openSync('/dev/zero', 'r');
    cleanups.push(() => closeSync(zero));
    const result = spawnSync(process.execPath, [launcher, '-'], { stdio: [zero, 'pipe', 'pipe'], timeout: 60_000, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('vos-audit: standard input is more than the 32 MB vos-audit reads; not read\n');
  });

  it('names a socket for what it is', async () => {
    const dir = scratchDirectory(cleanups);
    const server: Server = createServer();
    await new Promise<void>((listening) => server.listen(join(dir, 'inetd.conf'), listening));
    cleanups.push(() => server.close());
    expect(cli(['inetd.conf'], dir)).toMatchObject({ status: 2, stderr: 'vos-audit: inetd.conf is a socket, not a regular file; not read\n' });
  });
});

describe('the file limit and directories given twice', () => {
  function treeOf(dir: string, name: string, modules: number): void {
    mkdirSync(join(dir, name));
    for (let i = 0; i < modules; i++) moduleAt(join(dir, name), `m${i}`);
  }

  it('counts the files of every path given against one limit', () => {
    const dir = scratchDirectory(cleanups);
    treeOf(dir, 'a', 3);
    treeOf(dir, 'b', 3);
    expect(discoverModules(['a'], { cwd: dir, maxFiles: 5 })).toHaveLength(3);
    expect(() => discoverModules(['a', 'b'], { cwd: dir, maxFiles: 5 })).toThrow(UserError);
  });

  it('walks a directory given again through a symbolic link once, and counts it once', () => {
    const dir = scratchDirectory(cleanups);
    treeOf(dir, 'a', 3);
    for (const link of ['l1', 'l2', 'l3']) symlinkSync('a', join(dir, link));
    expect(discoverModules(['a', 'l1', 'l2', 'l3'], { cwd: dir, maxFiles: 5 }).map((module) => module.name)).toEqual(['a/m0', 'a/m1', 'a/m2']);
    const fixed = cli(['--fix', 'a/m0', 'l1/m0'], dir);
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout).toContain('fixed a/m0/inetd.conf (11 changes)');
  });
});

describe('directories that cannot be read are named, and the rest is audited', () => {
  it.skipIf(!isRoot)('a directory of mode 700 that belongs to another user (as root: run as nobody)', () => {
    const dir = scratchDirectory(cleanups);
    chmodSync(dir, 0o755);
    moduleAt(dir, 'm1');
    moduleAt(dir, 'private');
    chmodSync(join(dir, 'private'), 0o700);
    const result = cliAsNobody(['.'], dir);
    expect(result.stderr).toBe('vos-audit: cannot read directory private: permission denied\n');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('m1/inetd.conf:');
  });

  it('a path past PATH_MAX', () => {
    const dir = scratchDirectory(cleanups);
    moduleAt(dir, 'm1');
    const long = 'd'.repeat(250);
    mkdirSync(join(dir, 'deep'));
    // One level at a time, each from the one before: no path the kernel is given is too long.
    expect(spawnSync('bash', ['-c', `cd deep && for i in $(seq 17); do mkdir ${long} && cd ${long} || exit 1; done && printf 'echo stream tcp nowait root internal\\n' > inetd.conf`], { cwd: dir }).status).toBe(0);
    cleanups.push(() => spawnSync('rm', ['-rf', join(dir, 'deep')]));
    const result = cli(['.'], dir);
    expect(result.stderr).toMatch(/^vos-audit: cannot read directory deep\/(d+\/)+d+: file name too long\n$/);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('m1/inetd.conf:');
  });

  it('directories and files whose names are not UTF-8 are read, and their names shown with \\x escapes', () => {
    const dir = scratchDirectory(cleanups);
    moduleAt(dir, Buffer.from([0x6d, 0xff]));
    writeFileSync(Buffer.from(`${dir}/m\xff/start\xe9.cm`, 'latin1'), "start_process 'tftpd.pm'\n");
    const result = cli(['--fix', '.'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('fixed m\\xff/inetd.conf (11 changes)');
    expect(result.stdout).toContain('m\\xff/start\\xe9.cm');
    expect(readFileSync(Buffer.from(`${dir}/m\xff/inetd.conf`, 'latin1'), 'utf8')).toContain('\n#echo\tstream');
  });
});
