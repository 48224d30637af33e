import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fileKinds, languages } from '../../src/languages/registry.ts';
import { expectUserError, runCli } from '../support/cli.ts';
import { runCommand } from '../support/processes.ts';
import { fixtureDir, samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const stockPosix = join(samplesDir, 'stock-posix', 'inetd.conf');

function noStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('exit codes and messages', () => {
  it('exits 1 with findings on a stock module, grouped by file, with a summary', async () => {
    const result = await runCli(['--wide', stockPosix], samplesDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `${stockPosix}:7:1   error    echo/tcp (port 7) is active: a denial-of-service vector`,
    );
    expect(result.stdout).toMatch(/inetd-dos-tiny-service\n/);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe(
      '12 problems (7 errors, 5 warnings, 0 infos) in 1 file; 11 fixable with --fix',
    );
    expect(result.stderr).toBe('');
  });

  it('exits 0 on a hardened module, with the advice that is left', async () => {
    const result = await runCli(['--wide', '--products', 'S270', '--release', '19.3', 'hardened'], samplesDir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'assumed: VOS 19.3; products S270; no NIO\n\nhardened/telnet_admin.txt:4:1  info  tcp/85 is telnetd for the RSN (rsn_incoming): block it at every firewall; it must never be reachable from a corporate network  rsn-telnet-port\n\n1 problem (0 errors, 0 warnings, 1 info) in 3 files\n',
    );
    expect((await runCli(['--wide', 'hardened/inetd.conf'], samplesDir)).stdout).toBe(
      'assumed: release not stated (ports of some releases only are conditional on them); products not stated (software_purchased conditions stay open); no NIO\n\nno problems in 1 file\n',
    );
  });

  it('exits 0 when only warnings are left', async () => {
    const result = await runCli(['--nio', 'nio-v-series'], samplesDir);
    expect(result.stdout).toContain('error');
    expect(result.status).toBe(1);
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), 'discard stream tcp nowait root internal\n');
    expect((await runCli([], dir)).status).toBe(0);
  });

  it('suggests the nearest option for a misspelt one', async () => {
    const result = await runCli(['--fixx', 'hardened'], samplesDir);
    expectUserError(result, '--fixx');
    expect(result.stderr.split('\n')[1]).toMatch(/--fix\b(?!x)/);
  });

  it('exits 2 for a directory with no configuration files', async () => {
    const dir = temporaryDirectory();
    const result = await runCli([dir], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `vos-audit: no configuration files found in ${dir} (looked for files named ${languages.map((l) => l.names).join(', ')})\n`,
    );
  });

  it('exits 2 for an unreadable file but still reports the others', async () => {
    const dir = temporaryDirectory();
    cpSync(join(samplesDir, 'stock-posix'), join(dir, 'm1'), { recursive: true });
    mkdirSync(join(dir, 'm2'));
    symlinkSync('missing-target', join(dir, 'm2', 'inetd.conf'));
    const result = await runCli(['.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'vos-audit: m2/inetd.conf is a symbolic link to missing-target, which leads to no file inside the directory given; not read\n',
    );
    expect(result.stdout).toContain('m1/inetd.conf:7:1');
    noStackTrace(result.stderr);
  });

  it('refuses a file it does not know, and a binary file', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'notes.txt'), 'hello\nworld\n');
    writeFileSync(join(dir, 'inetd.conf'), Buffer.from([0x65, 0x00, 0x0a]));
    const unknown = await runCli(['notes.txt'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      `vos-audit: notes.txt: not a file vos-audit knows by its name or content (it reads ${languages.map((l) => l.names).join(', ')}); say which with --kind notes.txt=${fileKinds.join('|')}\n`,
    );
    // Nothing was audited: no "no problems in 0 files" summary that reads like a pass.
    expect(unknown.stdout).toBe('');
    const binary = await runCli(['inetd.conf'], dir);
    expectUserError(binary, 'inetd.conf');
  });

  it('reads a file of another name when its content is inetd.conf', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf.orig'), 'echo stream tcp nowait root internal\n');
    expect((await runCli(['inetd.conf.orig'], dir)).status).toBe(1);
  });

  it('audits the current directory when given no path', async () => {
    const result = await runCli([], join(samplesDir, 'stock-pre-14.5'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('inetd.conf:9:1 ');
  });

  it('prints help with examples, exit 0', async () => {
    const result = await runCli(['--help'], samplesDir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('--diff modules/ | git apply');
  });
});

it('prints the version of package.json', async () => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  expect((await runCli(['--version'], samplesDir)).stdout).toBe(`${version}\n`);
});

describe('--release and --nio', () => {
  it('notes a pre-14.5 stream program only on releases whose inetd no longer runs it', async () => {
    const newest = (await runCli(['--wide', 'stock-pre-14.5'], samplesDir)).stdout;
    const old = (await runCli(['--wide', '--release', '14.4', 'stock-pre-14.5'], samplesDir)).stdout;
    expect(newest).toContain('run by echo_stream.pm (a pre-14.5 program: from 14.5 inetd serves echo itself)');
    expect(old).toContain('run by echo_stream.pm: a denial-of-service vector');
  });

  it('keeps tcp time and tftp for an NIO, with firewall advice', async () => {
    const result = await runCli(['--wide', '--nio', 'nio-v-series'], samplesDir);
    expect(result.stdout).not.toContain('time/tcp (port 37): an open port');
    expect(result.stdout).toMatch(/tcp\/37.* inetd-nio-firewall$/m);
    expect(result.stdout).not.toContain('inetd-bootp-tftp-active');
    expect(result.stdout).toContain('inetd-unwrapped-service');
  });
});

describe('--format json', () => {
  it('gives files, messages with positions, rule ids, severities and fixes as edits', async () => {
    const result = await runCli(['--format', 'json', 'stock-posix/inetd.conf'], samplesDir);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.version).toBe(1);
    expect(report.options).toEqual({ release: null, nio: false, products: null, maxOpenServer: null, bridge: null });
    expect(report.files).toHaveLength(1);
    const [file] = report.files;
    const line = 'echo\tstream\ttcp\tnowait\troot\tinternal';
    const start = readFileSync(stockPosix, 'utf8').indexOf(`\n${line}\n`) + 1;
    expect(file).toMatchObject({
      path: 'stock-posix/inetd.conf',
      kind: 'inetd',
      encoding: 'utf8',
      eol: 'lf',
      changed: false,
    });
    expect(file.messages[0]).toEqual({
      ruleId: 'inetd-dos-tiny-service',
      severity: 'error',
      reason: 'echo/tcp (port 7) is active: a denial-of-service vector; comment it out unless something needs it',
      place: {
        start: { line: 7, column: 1, offset: start },
        end: { line: 7, column: line.length + 1, offset: start + line.length },
      },
      fix: { description: 'commented out line 7 (echo/tcp)', edits: [{ start, end: start, text: '#' }] },
    });
    expect(report.summary).toEqual({
      files: 1,
      errors: 7,
      warnings: 5,
      infos: 0,
      fixable: 11,
      fixed: 0,
      suppressed: 0,
    });
  });
});

describe('--fix and --diff on real files', () => {
  let dir: string;
  beforeEach(() => {
    dir = temporaryDirectory();
    cpSync(samplesDir, join(dir, 'samples'), { recursive: true });
    cpSync(fixtureDir, join(dir, 'fixtures'), { recursive: true });
    runCommand('git', ['init', '-q'], dir);
  });

  const targets = [
    'samples',
    ...['crlf', 'no-final-newline', 'bom', 'latin1', 'cr', 'blanks', 'vos-paths', 'bogus'].map(
      (n) => `fixtures/${n}.conf`,
    ),
  ];

  it('git apply and patch -p1 of --diff give exactly what --fix writes; a second --fix changes nothing', async () => {
    const copy = () => {
      const target = temporaryDirectory();
      cpSync(dir, target, { recursive: true });
      return target;
    };
    const viaGit = copy();
    const viaPatch = copy();
    const diff = await runCli(['--diff', ...targets], dir);
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toMatch(
      /^--- a\/samples\/bsd-verdicts\/inetd.conf\n\+\+\+ b\/samples\/bsd-verdicts\/inetd.conf\n@@ /,
    );
    const unchanged = readFileSync(join(dir, 'samples/stock-posix/inetd.conf'));

    const fixed = await runCli(['--fix', ...targets], dir);
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout).toContain(
      'fixed samples/stock-posix/inetd.conf (11 changes):\n  commented out line 7 (echo/tcp)\n',
    );
    expect(readFileSync(join(dir, 'samples/stock-posix/inetd.conf'))).not.toEqual(unchanged);

    const gitApply = runCommand('git', ['apply', '--whitespace=nowarn', '-'], viaGit, diff.stdoutBytes);
    expect(gitApply.stderr).toBe('');
    expect(gitApply.status).toBe(0);
    const patch = runCommand('patch', ['-p1', '--quiet'], viaPatch, diff.stdoutBytes);
    expect(patch.status).toBe(0);
    for (const target of [
      'samples/stock-posix/inetd.conf',
      'samples/nio-v-series/inetd.conf',
      'samples/stock-pre-14.5/inetd.conf',
      ...targets.slice(1),
    ]) {
      const written = readFileSync(join(dir, target));
      expect(readFileSync(join(viaGit, target))).toEqual(written);
      expect(readFileSync(join(viaPatch, target))).toEqual(written);
    }

    const again = await runCli(['--fix', ...targets], dir);
    expect(again.stdout).not.toContain('fixed ');
    expect((await runCli(['--diff', ...targets], dir)).stdout).toBe('');
  });

  it('keeps the bytes of the BOM, CRLF and latin1 files outside the fixed lines', async () => {
    await runCli(['--fix', 'fixtures/bom.conf', 'fixtures/latin1.conf', 'fixtures/crlf.conf'], dir);
    expect(readFileSync(join(dir, 'fixtures/bom.conf'))).toEqual(
      Buffer.from('\xef\xbb\xbf#echo stream tcp nowait root internal\n# BOM above\n', 'latin1'),
    );
    expect(readFileSync(join(dir, 'fixtures/latin1.conf'))).toEqual(
      Buffer.from('# latin1: caf\xe9\n#chargen stream tcp nowait root internal \xe9t\xe9\n', 'latin1'),
    );
    expect(readFileSync(join(dir, 'fixtures/crlf.conf'), 'latin1')).toBe(
      '# CRLF line ends\r\n#echo stream tcp nowait root internal\r\n#time dgram udp wait root internal\r\nbroken line\r\n',
    );
  });

  it('keeps the file mode and writes through a symbolic link named on the command line to its target', async () => {
    const target = join(dir, 'samples/stock-posix/inetd.conf');
    chmodSync(target, 0o640);
    mkdirSync(join(dir, 'link'));
    symlinkSync(target, join(dir, 'link', 'inetd.conf'));
    const result = await runCli(['--fix', 'link/inetd.conf'], dir);
    expect(result.stdout).toContain('fixed link/inetd.conf (11 changes)');
    expect(lstatSync(join(dir, 'link', 'inetd.conf')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link', 'inetd.conf'))).toBe(target);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toContain('\n#echo\tstream\ttcp');
  });
});
