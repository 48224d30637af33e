import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UserError } from '../../src/io/errors.ts';
import { discoverModules } from '../../src/io/discover.ts';
import { runCli } from '../support/cli.ts';
import { samplesDir, stockModuleAt } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const stock = readFileSync(join(samplesDir, 'stock-posix', 'inetd.conf'));

describe('symbolic links found by walking a directory', () => {
  it('reads a link to a file outside the directory given nowhere, not even into the report', async () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    stockModuleAt(dir, 'm');
    symlinkSync(join(dir, 'outside', 'passwd'), join(dir, 'm', 'services'));
    for (const args of [
      ['-f', 'gcc', 'm'],
      ['--fix', 'm'],
    ]) {
      const result = await runCli(args, dir);
      expect(result.status).toBe(2);
      expect(result.stdout).not.toContain('root:x');
      expect(result.stderr).toBe(
        `vos-audit: m/services is a symbolic link to ${join(dir, 'outside', 'passwd')}, which leads to no file inside the directory given; not read\n`,
      );
    }
    expect(readFileSync(join(dir, 'outside', 'passwd'), 'utf8')).toBe('root:x:0:0:root:/root:/bin/bash\n');
  });

  it('does not tell whether a file outside the directory given exists', async () => {
    const dir = temporaryDirectory();
    stockModuleAt(dir, 'm');
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'exists'), 'secret\n');
    const answers: string[] = [];
    for (const target of [join(dir, 'outside', 'exists'), join(dir, 'outside', 'missing')]) {
      rmSync(join(dir, 'm', 'services'), { force: true });
      symlinkSync(target, join(dir, 'm', 'services'));
      const result = await runCli(['m'], dir);
      expect(result.status).toBe(2);
      answers.push(result.stderr.replace(target, 'TARGET'));
    }
    expect(answers[0]).toBe(
      'vos-audit: m/services is a symbolic link to TARGET, which leads to no file inside the directory given; not read\n',
    );
    expect(answers[1]).toBe(answers[0]);
  });

  it('reads a link that stays inside the directory given, and a link named on the command line', async () => {
    const dir = temporaryDirectory();
    stockModuleAt(dir, 'm');
    mkdirSync(join(dir, 'm', 'real'));
    writeFileSync(join(dir, 'm', 'real', 'conf'), stock);
    symlinkSync('real/conf', join(dir, 'm', 'inetd.conf.link'));
    rmSync(join(dir, 'm', 'inetd.conf'));
    symlinkSync('real/conf', join(dir, 'm', 'inetd.conf'));
    expect(await runCli(['m'], dir)).toMatchObject({ status: 1, stderr: '' });
    const outside = join(temporaryDirectory(), 'inetd.conf');
    symlinkSync(join(dir, 'm', 'real', 'conf'), outside);
    expect(await runCli([outside], dir)).toMatchObject({ status: 1, stderr: '' });
  });
});

describe('devices, FIFOs and sockets', () => {
  it('refuses a device, named or linked, and a configuration that is one', async () => {
    const dir = temporaryDirectory();
    stockModuleAt(dir, 'm');
    symlinkSync('/dev/zero', join(dir, 'zero.cm'));
    expect((await runCli(['/dev/zero'], dir)).stderr).toBe(
      'vos-audit: /dev/zero is a character device, not a regular file; not read\n',
    );
    expect((await runCli(['zero.cm'], dir)).stderr).toBe(
      'vos-audit: zero.cm is a character device, not a regular file; not read\n',
    );
    expect(await runCli(['--config', '/dev/zero', 'm'], dir)).toMatchObject({
      status: 2,
      stderr: 'vos-audit: /dev/zero is a character device, not a regular file; not read\n',
    });
  });

  it('names a socket for what it is', async () => {
    const dir = temporaryDirectory();
    const server: Server = createServer();
    await new Promise<void>((listening) => server.listen(join(dir, 'inetd.conf'), listening));
    onTestFinished(() => {
      server.close();
    });
    expect(await runCli(['inetd.conf'], dir)).toMatchObject({
      status: 2,
      stderr: 'vos-audit: inetd.conf is a socket, not a regular file; not read\n',
    });
  });
});

describe('the file limit and directories given twice', () => {
  function treeOf(dir: string, name: string, modules: number): void {
    mkdirSync(join(dir, name));
    for (let i = 0; i < modules; i++) stockModuleAt(join(dir, name), `m${i}`);
  }

  it('counts the files of every path given against one limit', () => {
    const dir = temporaryDirectory();
    treeOf(dir, 'a', 3);
    treeOf(dir, 'b', 3);
    expect(discoverModules(['a'], { cwd: dir, maxFiles: 5 })).toHaveLength(3);
    expect(() => discoverModules(['a', 'b'], { cwd: dir, maxFiles: 5 })).toThrow(UserError);
  });

  it('walks a directory given again through a symbolic link once, and counts it once', async () => {
    const dir = temporaryDirectory();
    treeOf(dir, 'a', 3);
    for (const link of ['l1', 'l2', 'l3']) symlinkSync('a', join(dir, link));
    expect(discoverModules(['a', 'l1', 'l2', 'l3'], { cwd: dir, maxFiles: 5 }).map((module) => module.name)).toEqual([
      'a/m0',
      'a/m1',
      'a/m2',
    ]);
    const fixed = await runCli(['--fix', 'a/m0', 'l1/m0'], dir);
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout).toContain('fixed a/m0/inetd.conf (11 changes)');
  });
});

describe('directories that cannot be read are named, and the rest is audited', () => {
  it('a path past PATH_MAX', async () => {
    const dir = temporaryDirectory();
    stockModuleAt(dir, 'm1');
    const long = 'd'.repeat(250);
    mkdirSync(join(dir, 'deep'));
    // One level at a time, each from the one before: no path the kernel is given is too long.
    expect(
      spawnSync(
        'bash',
        [
          '-c',
          `cd deep && for i in $(seq 17); do mkdir ${long} && cd ${long} || exit 1; done && printf 'echo stream tcp nowait root internal\\n' > inetd.conf`,
        ],
        { cwd: dir },
      ).status,
    ).toBe(0);
    onTestFinished(() => {
      spawnSync('rm', ['-rf', join(dir, 'deep')]);
    });
    const result = await runCli(['.'], dir);
    expect(result.stderr).toMatch(/^vos-audit: cannot read directory deep\/(d+\/)+d+: file name too long\n$/);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('m1/inetd.conf:');
  });

  it('directories and files whose names are not UTF-8 are read, and their names shown with \\x escapes', async () => {
    const dir = temporaryDirectory();
    stockModuleAt(dir, Buffer.from([0x6d, 0xff]));
    writeFileSync(Buffer.from(`${dir}/m\xff/start\xe9.cm`, 'latin1'), "start_process 'tftpd.pm'\n");
    const result = await runCli(['--fix', '.'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('fixed m\\xff/inetd.conf (11 changes)');
    expect(result.stdout).toContain('m\\xff/start\\xe9.cm');
    expect(readFileSync(Buffer.from(`${dir}/m\xff/inetd.conf`, 'latin1'), 'utf8')).toContain('\n#echo\tstream');
  });
});
