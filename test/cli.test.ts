import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, closeSync, cpSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, launcher, run, temporaryDirectory } from './cli-helpers.ts';
import { fixtureDir, samplesDir } from './fixtures.ts';

const stockPosix = join(samplesDir, 'stock-posix', 'inetd.conf');

function noStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('exit codes and messages', () => {
  it('exits 1 with findings on a stock module, grouped by file, with a summary', () => {
    const result = cli([stockPosix], samplesDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${stockPosix}:7:1   error    Unexpected active tiny service echo/tcp (port 7): a denial-of-service vector`);
    expect(result.stdout).toMatch(/inetd-dos-tiny-service\n/);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('13 problems (7 errors, 6 warnings, 0 infos) in 1 file; 11 fixable with --fix');
    expect(result.stderr).toBe('');
  });

  it('exits 0 on a hardened module, with the advice that is left', () => {
    const result = cli(['--products', 'S270', 'hardened'], samplesDir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'hardened/telnet_admin.txt:4:1  info  tcp/85 is telnetd for the RSN (rsn_incoming): block it at every firewall; it must never be reachable from a corporate network  rsn-telnet-port\n\n1 problem (0 errors, 0 warnings, 1 info) in 3 files\n',
    );
    expect(cli(['hardened/inetd.conf'], samplesDir).stdout).toBe('no problems in 1 file\n');
  });

  it('exits 0 when only warnings are left', () => {
    const result = cli(['--nio', 'nio-v-series'], samplesDir);
    expect(result.stdout).toContain('error');
    expect(result.status).toBe(1);
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), 'discard stream tcp nowait root internal\n');
    expect(cli([], dir).status).toBe(0);
  });

  it.each([
    [['no-such-file'], 'vos-audit: cannot read no-such-file: no such file or directory\n'],
    [['--release', 'fifteen', 'hardened'], "vos-audit: option '--release <X.Y[.Z]>' argument 'fifteen' is invalid. expected a VOS release such as 15.1, 17.1.0 or 15.1.0ar\n"],
    [['--fix', '--diff', 'hardened'], 'vos-audit: --fix and --diff do not go together: --fix writes the files, --diff only shows the changes\n'],
    [['--format', 'xml', 'hardened'], "vos-audit: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, gcc, github.\n"],
  ])('exits 2 for %j with one line on stderr', (args, stderr) => {
    const result = cli(args, samplesDir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe('');
  });

  it('suggests the nearest option for a misspelt one', () => {
    const result = cli(['--fixx', 'hardened'], samplesDir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--fixx'");
    expect(result.stderr).toContain('(Did you mean --fix?)');
  });

  it('exits 2 for a directory with no configuration files', () => {
    const dir = temporaryDirectory();
    const result = cli([dir], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`vos-audit: no configuration files found in ${dir} (looked for files named inetd.conf, *.cm, telnet_admin*, services, hosts.allow, hosts.deny)\n`);
  });

  it('exits 2 for an unreadable file but still reports the others', () => {
    const dir = temporaryDirectory();
    cpSync(join(samplesDir, 'stock-posix'), join(dir, 'm1'), { recursive: true });
    mkdirSync(join(dir, 'm2'));
    symlinkSync('missing-target', join(dir, 'm2', 'inetd.conf'));
    const result = cli(['.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('vos-audit: cannot read m2/inetd.conf: no such file or directory\n');
    expect(result.stdout).toContain('m1/inetd.conf:7:1');
    noStackTrace(result.stderr);
  });

  it('refuses a file it does not know, and a binary file', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'notes.txt'), 'hello\nworld\n');
    writeFileSync(join(dir, 'inetd.conf'), Buffer.from([0x65, 0x00, 0x0a]));
    const unknown = cli(['notes.txt'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      'vos-audit: notes.txt: not a file vos-audit knows by its name or content (it reads inetd.conf, *.cm, telnet_admin*, services, hosts.allow, hosts.deny); say which with --kind notes.txt=inetd|macro|telnet-admin|services|hosts-access\n',
    );
    // Nothing was audited: no "no problems in 0 files" summary that reads like a pass.
    expect(unknown.stdout).toBe('');
    const binary = cli(['inetd.conf'], dir);
    expect(binary.status).toBe(2);
    expect(binary.stderr).toBe('vos-audit: inetd.conf is a binary file (it has NUL bytes); not read\n');
    expect(binary.stdout).toBe('');
  });

  it('reads a file of another name when its content is inetd.conf', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf.orig'), 'echo stream tcp nowait root internal\n');
    expect(cli(['inetd.conf.orig'], dir).status).toBe(1);
  });

  it('audits the current directory when given no path', () => {
    const result = cli([], join(samplesDir, 'stock-pre-14.5'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('inetd.conf:9:1 ');
  });

  it('prints help with examples, exit 0', () => {
    const result = cli(['--help'], samplesDir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('--diff modules/ | git apply');
  });

  it('stops quietly, keeping its exit code, when the reader closes the pipe early (| head)', async () => {
    const dir = temporaryDirectory();
    // Thousands of findings: far more than a pipe holds, so writes are still pending when the reader goes.
    writeFileSync(join(dir, 'inetd.conf'), 'echo stream tcp nowait root internal\n'.repeat(5000));
    const child = spawn(process.execPath, [launcher, 'inetd.conf'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const [status] = (await once(child, 'close')) as [number];
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  it('exits 2 with one line when the report cannot be written (a full disk)', () => {
    const full = openSync('/dev/full', 'w');
    const result = spawnSync(process.execPath, [launcher, stockPosix], { stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    expect(result.status).toBe(2);
    expect(result.stderr.toString()).toBe('vos-audit: cannot write the report to standard output: ENOSPC: no space left on device, write\n');
  });
});

it('prints the version of package.json', () => {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(cli(['--version'], samplesDir).stdout).toBe(`${version}\n`);
});

describe('--release and --nio', () => {
  it('notes a pre-14.5 stream program only on releases whose inetd no longer runs it', () => {
    const newest = cli(['stock-pre-14.5'], samplesDir).stdout;
    const old = cli(['--release', '14.4', 'stock-pre-14.5'], samplesDir).stdout;
    expect(newest).toContain('run by echo_stream.pm (a pre-14.5 program: from 14.5 inetd serves echo itself)');
    expect(old).toContain('run by echo_stream.pm: a denial-of-service vector');
  });

  it('keeps tcp time and tftp for an NIO, with firewall advice', () => {
    const result = cli(['--nio', 'nio-v-series'], samplesDir);
    expect(result.stdout).not.toContain('time/tcp (port 37): an open port');
    expect(result.stdout).toContain('block tcp/37 at the site firewall  inetd-nio-firewall');
    expect(result.stdout).not.toContain('inetd-bootp-tftp-active');
    expect(result.stdout).toContain('inetd-unwrapped-service');
  });
});

describe('--format json', () => {
  it('gives files, messages with positions, rule ids, severities and fixes as edits', () => {
    const result = cli(['--format', 'json', 'stock-posix/inetd.conf'], samplesDir);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.version).toBe(1);
    expect(report.options).toEqual({ release: '19.3', nio: false, products: null });
    expect(report.files).toHaveLength(1);
    const [file] = report.files;
    const line = 'echo\tstream\ttcp\tnowait\troot\tinternal';
    const start = readFileSync(stockPosix, 'utf8').indexOf(`\n${line}\n`) + 1;
    expect(file).toMatchObject({ path: 'stock-posix/inetd.conf', kind: 'inetd', encoding: 'utf8', eol: 'lf', changed: false });
    expect(file.messages[0]).toEqual({
      ruleId: 'inetd-dos-tiny-service',
      severity: 'error',
      reason: 'Unexpected active tiny service echo/tcp (port 7): a denial-of-service vector; comment it out unless something needs it',
      place: { start: { line: 7, column: 1, offset: start }, end: { line: 7, column: line.length + 1, offset: start + line.length } },
      url: expect.stringMatching(/docs\/rules\/inetd-dos-tiny-service\.md$/),
      fix: { description: 'commented out line 7 (echo/tcp)', edits: [{ start, end: start, text: '#' }] },
    });
    expect(report.summary).toEqual({ files: 1, errors: 7, warnings: 6, infos: 0, fixable: 11, fixed: 0, suppressed: 0 });
  });
});

describe('--fix and --diff on real files', () => {
  let dir: string;
  beforeEach(() => {
    dir = temporaryDirectory();
    cpSync(samplesDir, join(dir, 'samples'), { recursive: true });
    cpSync(fixtureDir, join(dir, 'fixtures'), { recursive: true });
    run('git', ['init', '-q'], dir);
  });

  const targets = ['samples', ...['crlf', 'no-final-newline', 'bom', 'latin1', 'cr', 'blanks', 'vos-paths', 'bogus'].map((n) => `fixtures/${n}.conf`)];

  it('git apply and patch -p1 of --diff give exactly what --fix writes; a second --fix changes nothing', () => {
    const copy = () => {
      const target = temporaryDirectory();
      cpSync(dir, target, { recursive: true });
      return target;
    };
    const viaGit = copy();
    const viaPatch = copy();
    const diff = cli(['--diff', ...targets], dir);
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toMatch(/^--- a\/samples\/nio-v-series\/inetd.conf\n\+\+\+ b\/samples\/nio-v-series\/inetd.conf\n@@ /);
    const unchanged = readFileSync(join(dir, 'samples/stock-posix/inetd.conf'));

    const fixed = cli(['--fix', ...targets], dir);
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout).toContain('fixed samples/stock-posix/inetd.conf (11 changes):\n  commented out line 7 (echo/tcp)\n');
    expect(readFileSync(join(dir, 'samples/stock-posix/inetd.conf'))).not.toEqual(unchanged);

    const gitApply = run('git', ['apply', '--whitespace=nowarn', '-'], viaGit, diff.stdoutBytes);
    expect(gitApply.stderr).toBe('');
    expect(gitApply.status).toBe(0);
    const patch = run('patch', ['-p1', '--quiet'], viaPatch, diff.stdoutBytes);
    expect(patch.status).toBe(0);
    for (const target of ['samples/stock-posix/inetd.conf', 'samples/nio-v-series/inetd.conf', 'samples/stock-pre-14.5/inetd.conf', ...targets.slice(1)]) {
      const written = readFileSync(join(dir, target));
      expect(readFileSync(join(viaGit, target))).toEqual(written);
      expect(readFileSync(join(viaPatch, target))).toEqual(written);
    }

    const again = cli(['--fix', ...targets], dir);
    expect(again.stdout).not.toContain('fixed ');
    expect(cli(['--diff', ...targets], dir).stdout).toBe('');
  });

  it('keeps the bytes of the BOM, CRLF and latin1 files outside the fixed lines', () => {
    cli(['--fix', 'fixtures/bom.conf', 'fixtures/latin1.conf', 'fixtures/crlf.conf'], dir);
    expect(readFileSync(join(dir, 'fixtures/bom.conf'))).toEqual(Buffer.from('\xef\xbb\xbf#echo stream tcp nowait root internal\n# BOM above\n', 'latin1'));
    expect(readFileSync(join(dir, 'fixtures/latin1.conf'))).toEqual(Buffer.from('# latin1: caf\xe9\n#chargen stream tcp nowait root internal \xe9t\xe9\n', 'latin1'));
    expect(readFileSync(join(dir, 'fixtures/crlf.conf'), 'latin1')).toBe(
      '# CRLF line ends\r\n#echo stream tcp nowait root internal\r\n#time dgram udp wait root internal\r\nbroken line\r\n',
    );
  });

  it('keeps the file mode and writes through a symbolic link named on the command line to its target', () => {
    const target = join(dir, 'samples/stock-posix/inetd.conf');
    chmodSync(target, 0o640);
    mkdirSync(join(dir, 'link'));
    symlinkSync(target, join(dir, 'link', 'inetd.conf'));
    const result = cli(['--fix', 'link/inetd.conf'], dir);
    expect(result.stdout).toContain('fixed link/inetd.conf (11 changes)');
    expect(lstatSync(join(dir, 'link', 'inetd.conf')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link', 'inetd.conf'))).toBe(target);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toContain('\n#echo\tstream\ttcp');
  });
});
