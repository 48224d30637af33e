import { cpSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, vosAudit } from '../support/cli.ts';
import { firewall, modulesSharingAddress } from '../support/firewall.ts';
import { samplesDir } from '../support/sources.ts';
import { moduleFiles, nmapFixture } from '../support/verify.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/*
 * The words of the messages a user reads on stderr, each checked here and nowhere else: the other tests check what a
 * run did (its exit code, the fields, ids, ports and paths of its output), so that rewording a message touches this
 * file, its rule's examples or a golden, and no other. A rule's findings are worded in its examples
 * (test/rules/examples.test.ts), a parse error in the goldens of test/fixtures/.
 */

describe('usage errors: exit 2, one line on stderr, nothing on stdout', () => {
  it.each([
    [['no-such-file'], 'vos-audit: cannot read no-such-file: no such file or directory\n'],
    [
      ['--release', 'fifteen', 'hardened'],
      "vos-audit: option '--release <X.Y[.Z]>' argument 'fifteen' is invalid. 'fifteen' is not a release vos-audit knows; expected X.Y, X.Y.Z or X.Y.Z with a build suffix in any case (15.1, 15.1.0, 15.1.0ar), where X.Y is a release line the catalog knows: 13.0, 14.0–14.7, 15.0–15.2, 16.0–16.2, 17.0–17.2, 18.0–18.1, 19.0–19.3\n",
    ],
    [
      ['--fix', '--diff', 'hardened'],
      'vos-audit: --fix and --diff do not go together: --fix writes the files, --diff only shows the changes\n',
    ],
    [
      ['--format', 'xml', 'hardened'],
      "vos-audit: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, gcc, github.\n",
    ],
    [['--suggestions', 'hardened'], 'vos-audit: --suggestions goes with --fix or --diff\n'],
    [
      ['explain', 'telnet-without-ssh'],
      "vos-audit: unknown rule 'telnet-without-ssh'; did you mean telnet-without-sshd?\n",
    ],
    [['explain', 'SWAT'], "vos-audit: unknown rule 'SWAT'; did you mean inetd-swat?\n"],
    [
      ['explain', 'tiny'],
      "vos-audit: unknown rule 'tiny'; did you mean inetd-dos-tiny-service or inetd-tiny-service?\n",
    ],
    [['explain', 'firewall-rules'], "vos-audit: unknown rule 'firewall-rules'; `vos-audit rules` lists them\n"],
    [
      ['ports', '--state', 'live,open', 'stock-posix'],
      "vos-audit: option '--state <states>' argument 'live,open' is invalid. 'open' is not a state; expected any of live, conditional, off, dead, separated by commas\n",
    ],
    [
      ['tcpdmatch', 'tftpd', '10.9.9.9', 'nio-tcpd', 'tcpd-open'],
      "vos-audit: tcpdmatch reads one module's policy; the paths given hold 2 (nio-tcpd, tcpd-open): name one\n",
    ],
    [
      ['tcpdmatch', 'tftpd', 'nio-tcpd'],
      'vos-audit: missing client: nio-tcpd is a path; expected vos-audit tcpdmatch tftpd [USER@]CLIENT nio-tcpd\n',
    ],
  ])('%j', async (args, stderr) => {
    const result = await runCli(args, samplesDir);
    expect(result).toMatchObject({ status: 2, stdout: '', stderr });
  });

  it('an option before a command that does not have it', async () => {
    expect((await runCli(['--fix', 'ports', 'stock-posix'], samplesDir)).stderr).toBe(
      "vos-audit: option '--fix' is not one of `vos-audit ports` (options go after the command's name); " +
        "it is the audit's: vos-audit --fix PATHS\n",
    );
  });

  it('a misspelt command, with the nearest one; a missing path like no command is only missing', async () => {
    expect(await runCli(['port', 'stock-posix'], samplesDir)).toMatchObject({
      status: 2,
      stdout: '',
      stderr: 'vos-audit: port is neither a file nor a command of vos-audit; did you mean `vos-audit ports`?\n',
    });
    expect((await runCli(['no-such-module'], samplesDir)).stderr).toBe(
      'vos-audit: cannot read no-such-module: no such file or directory\n',
    );
  });

  it('a misspelt option, with the nearest one', async () => {
    const result = await runCli(['--fixx', 'hardened'], samplesDir);
    expect(result.stderr).toBe("vos-audit: unknown option '--fixx'\n(Did you mean --fix?)\n");
  });

  it('--fix on standard input', async () => {
    const result = await runCli(['--fix', '-'], samplesDir, 'echo stream tcp nowait root internal\n');
    expect(result.stderr).toBe('vos-audit: --fix cannot rewrite standard input (-); --diff shows the changes\n');
  });

  it('--max-warnings that is not a number, and rules in a format it has not', async () => {
    expect((await runCli(['--max-warnings', 'many', 'rsn-only-telnet'], samplesDir)).stderr).toContain(
      'expected a whole number of warnings, 0 or more',
    );
    expect((await runCli(['rules', '--format', 'yaml'], samplesDir)).stderr).toContain("'yaml' is invalid");
  });

  it('verify without --scan', async () => {
    const result = await vosAudit(['verify', '.'], { cwd: temporaryDirectory() });
    expect(result.stderr).toContain("required option '--scan <file>' not specified");
  });

  it('an --nio-address without an NIO', async () => {
    const result = await vosAudit(['--nio-address', '192.0.2.5', 'hardened'], { cwd: samplesDir });
    expect(result.stderr).toBe(
      'vos-audit: hardened: warning: an NIO address is given (--nio-address or "nioAddress") but no NIO, so it is unused; add --nio or "nio": true\n',
    );
  });

  it('a product code the catalog does not know', async () => {
    const result = await vosAudit(['--products', 'S270,S999', 'hardened'], { cwd: samplesDir });
    expect(result.stderr).toBe(
      'vos-audit: hardened: warning: product S999 is not one the catalog knows (nearest: S049); it still decides software_purchased tests\n',
    );
  });

  it('a mistake in a .vos-audit.json found above a module, named from the current directory', async () => {
    const dir = temporaryDirectory();
    cpSync(join(samplesDir, 'hardened'), join(dir, 'modules', 'm1'), { recursive: true });
    writeFileSync(join(dir, 'modules', '.vos-audit.json'), '{"nio": 3}\n');
    expect((await vosAudit(['modules/m1'], { cwd: dir })).stderr).toBe(
      "vos-audit: modules/.vos-audit.json:1:9: 'nio' must be true or false\n",
    );
    expect((await vosAudit(['.'], { cwd: join(dir, 'modules', 'm1') })).stderr).toBe(
      "vos-audit: ../.vos-audit.json:1:9: 'nio' must be true or false\n",
    );
  });

  it('an --nio-address that is a name', async () => {
    const result = await vosAudit(['--nio-address', 'nio.example.com', 'nio-tcpd'], { cwd: samplesDir });
    expect(result.stderr).toMatch(/is not an address; expected the NIO's numeric address/);
  });
});

describe('files not read', () => {
  it('over the size limit, and binary', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'inetd.conf'), '');
    truncateSync(join(dir, 'inetd.conf'), 33 * 1024 * 1024);
    expect((await runCli(['inetd.conf'], dir)).stderr).toBe(
      'vos-audit: inetd.conf is 33.0 MB, more than the 32 MB vos-audit reads; not read\n',
    );
    writeFileSync(join(dir, 'inetd.conf'), 'echo stream tcp\0nowait root internal\n');
    expect((await runCli(['inetd.conf'], dir)).stderr).toBe(
      'vos-audit: inetd.conf is a binary file (it has NUL bytes); not read\n',
    );
  });
});

describe('vos-audit firewall', () => {
  it('a loadable format without the modules’ addresses', async () => {
    for (const format of ['nftables', 'iptables']) {
      const result = await firewall(['--format', format, 'samples/hardened', 'samples/firewall-nio']);
      expect(result.stderr).toMatch(
        new RegExp(`--format ${format} needs each module's address; samples/hardened has none: set "address"`),
      );
    }
  });

  it("x25_cpc without the NIO's address", async () => {
    const dir = temporaryDirectory();
    cpSync('samples/firewall-nio/module_start_up.cm', join(dir, 'module_start_up.cm'));
    const result = await firewall(['--format', 'nftables', '--nio', '--release', '15.2', '--address', '10.0.0.1', dir]);
    expect(result.stderr).toMatch(/needs the NIO's address for x25_cpc's rules; .* set "nioAddress"/);
  });

  it('x25_cpc on a module without an NIO: a note', async () => {
    const dir = temporaryDirectory();
    writeFileSync(
      join(dir, 'module_start_up.cm'),
      "start_process '(master_disk)>system>command_library>x25_cpc.pm' -privileged\n",
    );
    const result = await firewall(['--format', 'nftables', '--release', '15.2', '--address', '192.0.2.5', dir]);
    expect(result.stderr).toMatch(/no rule for x25_cpc, X\.25 to the NIO: the module has no NIO/);
  });

  it('two modules with one address', async () => {
    expect((await firewall(['--format', 'nftables', modulesSharingAddress('10.0.0.5')])).stderr).toMatch(
      /all have the address 10\.0\.0\.5: each module needs its own/,
    );
  });

  it('capirca without --output, and --output without capirca', async () => {
    expect((await firewall(['--format', 'capirca', 'samples/hardened'])).stderr).toMatch(
      /--format capirca writes a directory of files: give it with --output DIR/,
    );
    expect((await firewall(['--output', 'x', 'samples/hardened'])).stderr).toMatch(
      /--output goes with --format capirca/,
    );
  });

  it('a max_open_server over 499', async () => {
    expect((await firewall(['--max-open-server', '600', 'samples/hardened'])).stderr).toMatch(
      /expected a whole number from 1 to 499 \(max_open_server of new_modules\.tin/,
    );
  });
});

describe('verify and --address', () => {
  it('an --address that is not one, one --address for two modules, and two modules with one address', async () => {
    const dir = temporaryDirectory();
    for (const name of ['m1', 'm2']) {
      mkdirSync(join(dir, name));
      for (const [file, text] of Object.entries(moduleFiles)) writeFileSync(join(dir, name, file), text);
      writeFileSync(join(dir, name, '.vos-audit.json'), '{"address": "10.1.2.3"}');
    }
    const scan = nmapFixture('several-hosts.xml');
    expect((await vosAudit(['verify', '--scan', scan, '--address', '10.1.2', 'm1'], { cwd: dir })).stderr).toBe(
      "vos-audit: option '--address <ip>' argument '10.1.2' is invalid. expected the IPv4 or IPv6 address of the module, such as 10.1.2.3 or fd00::3\n",
    );
    expect(
      (await vosAudit(['verify', '--scan', scan, '--address', '10.1.2.3', 'm1', 'm2'], { cwd: dir })).stderr,
    ).toMatch(/^vos-audit: --address gives one module's address, but the paths hold 2 modules \(m1, m2\)/);
    expect((await vosAudit(['verify', '--scan', scan, 'm1', 'm2'], { cwd: dir })).stderr).toBe(
      'vos-audit: modules m1 and m2 have the same address 10.1.2.3: a module\'s "address" is its own (is it set in a .vos-audit.json above both?)\n',
    );
  });
});

describe('--kind against the content', () => {
  it('an inetd.conf read as a macro: a warning, the exit status as the findings make it', async () => {
    const dir = temporaryDirectory();
    cpSync(join(samplesDir, 'hardened', 'inetd.conf'), join(dir, 'services-list.txt'));
    const result = await vosAudit(['--kind', 'services-list.txt=macro', 'services-list.txt'], { cwd: dir });
    expect(result.status).toBeLessThan(2);
    expect(result.stderr).toBe(
      'vos-audit: .: warning: --kind reads services-list.txt as command macros (module_start_up.cm and the macros it runs), but its content looks like inetd.conf\n',
    );
  });
});

describe('tcpdmatch notes', () => {
  it('a module without hosts.allow or hosts.deny: the client is granted because neither has a rule', async () => {
    const note = (
      await vosAudit(['tcpdmatch', '--format', 'json', 'tftpd', '192.0.2.7', 'hardened'], { cwd: samplesDir })
    ).stdout;
    expect(JSON.parse(note).notes).toEqual([
      'the module has no hosts.allow and no hosts.deny: tcpd reads a file it cannot open as empty, so no rule decides and every client is granted',
    ]);
  });
});

describe('VOS_AUDIT_DOCS_URL', () => {
  it('a value that is not an address', async () => {
    const result = await vosAudit(['hardened'], { cwd: samplesDir, env: { VOS_AUDIT_DOCS_URL: 'not a url' } });
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr.split('\n')[0]).toBe(
      "vos-audit: VOS_AUDIT_DOCS_URL is 'not a url', which is not an address; expected where a copy of docs/ is published, such as https://example.com/vos-audit/docs/",
    );
  });
});
