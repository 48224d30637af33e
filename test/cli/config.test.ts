import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { ignored, loadConfig } from '../../src/cli/config.ts';

function repoWith(config: unknown): string {
  const dir = temporaryDirectory();
  cpSync(join(samplesDir, 'stock-posix'), join(dir, 'modules', 'm1'), { recursive: true });
  cpSync(join(samplesDir, 'rsn-only-telnet'), join(dir, 'modules', 'm2'), { recursive: true });
  writeFileSync(join(dir, '.vos-audit.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('.vos-audit.json', () => {
  it('is found upward from each module and sets release, products and nio', async () => {
    const dir = repoWith({ release: '15.0', products: ['S270'] });
    const ports = JSON.parse((await runCli(['ports', '--format', 'json', 'modules/m1'], join(dir))).stdout).modules[0]
      .listeners;
    expect(ports.find((l: { port: number }) => l.port === 22)).toMatchObject({
      state: 'off',
      note: 'sshd on 22 exists in VOS 14.7 or 15.1+ (the article), not in 15.0',
    });
    const json = JSON.parse((await runCli(['--format', 'json', 'modules/m1'], dir)).stdout);
    expect(json.options).toEqual({
      release: '15.0',
      nio: false,
      products: ['S270'],
      maxOpenServer: null,
      bridge: null,
    });
  });

  it('loses to the command line', async () => {
    const dir = repoWith({ release: '15.0' });
    const json = JSON.parse((await runCli(['--format', 'json', '--release', '17.1', 'modules/m1'], dir)).stdout);
    expect(json.options.release).toBe('17.1');
  });

  it('sets rule severities and turns rules off', async () => {
    const dir = repoWith({ rules: { 'rsn-telnet-port': 'off', 'telnet-cleartext-login': 'error' } });
    const result = await runCli(['modules/m2'], dir);
    expect(result.stdout).toContain('modules/m2/telnet_admin.txt:4:1  error  telnetd accepts logins on tcp/23');
    expect(result.stdout).not.toContain('rsn-telnet-port');
    expect(result.status).toBe(1);
  });

  it('ignores the files its globs match', async () => {
    const dir = repoWith({ ignore: ['modules/m1/inetd.conf', '**/telnet_admin.txt'] });
    const result = await runCli(['--format', 'json', 'modules'], dir);
    const paths = JSON.parse(result.stdout).files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([
      'modules/m1/module_start_up.cm',
      'modules/m1/services',
      'modules/m2/system/module_start_up.cm',
      'modules/m2/system/stcp/inetd.conf',
      'modules/m2/system/stcp/services',
    ]);
  });

  it('is taken from --config instead when given', async () => {
    const dir = repoWith({ release: '15.0' });
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ release: '16.1' }));
    expect(
      JSON.parse((await runCli(['--format', 'json', '--config', 'other.json', 'modules/m1'], dir)).stdout).options
        .release,
    ).toBe('16.1');
  });

  it('decides a program declared with an empty list as listening on nothing, no longer undecided', async () => {
    const unresolvedOf = async (daemons?: unknown) => {
      const dir = repoWith(daemons === undefined ? {} : { daemons });
      mkdirSync(join(dir, 'modules', 'm3'));
      writeFileSync(
        join(dir, 'modules', 'm3', 'module_start_up.cm'),
        "start_process '>site>order_server.pm'\nstart_process '>site>sysmon.pm'\n",
      );
      const result = await runCli(['ports', '--format', 'json', 'modules/m3'], dir);
      expect(result.status).toBe(0);
      const [module] = JSON.parse(result.stdout).modules;
      const siteRows = module.listeners.filter((l: { product: string }) => l.product === 'site');
      return {
        rows: siteRows.map((l: { daemon: string; port: number }) => `${l.daemon} ${l.port}`),
        undecided: module.unresolved.map((u: { reason: string }) => u.reason.split(',')[0]),
      };
    };
    expect(await unresolvedOf()).toEqual({
      rows: [],
      undecided: ['starts >site>order_server.pm', 'starts >site>sysmon.pm'],
    });
    expect(await unresolvedOf({ order_server: ['9100/tcp'], sysmon: [] })).toEqual({
      rows: ['order_server 9100'],
      undecided: [],
    });
  });

  it.each([
    [{ relase: '15.0' }, "2:3: unknown key; did you mean 'release'?"],
    [
      { release: 'fifteen' },
      `2:14: 'release' must be a VOS release: X.Y, X.Y.Z or X.Y.Z with a build suffix in any case`,
    ],
    [{ release: '15.9' }, `2:14: 'release' must be a VOS release: X.Y, X.Y.Z`],
    [
      { daemons: { mysql_daemon: ['3306'] } },
      `4:7: a port in 'daemons' must be a port and protocol such as "3306/tcp" or "514/udp"`,
    ],
    [
      { daemons: { sysmon: '3306/tcp' } },
      `3:15: each program in 'daemons' must have a list of ports such as ["3306/tcp"] or []`,
    ],
    [
      { daemons: { sysmon: [], mysql_daemon: ['3306/tcp', 3306] } },
      `6:7: a port in 'daemons' must be a port and protocol such as "3306/tcp" or "514/udp"`,
    ],
    [{ daemons: { sysmon: ['70000/tcp'] } }, `4:7: a port in 'daemons' must be a port and protocol`],
    [{ maxOpenServer: 0 }, `2:20: 'maxOpenServer' must be a whole number from 1 to 499`],
    [{ rules: { 'inetd-swat': 'warn' } }, `3:19: 'rules.inetd-swat' must be off, info, warning or error`],
    [{ rules: { 'inetd-swot': 'off' } }, "3:5: unknown rule id in 'rules'; did you mean 'inetd-swat'?"],
    [{ products: 'S270' }, `2:15: 'products' must be a list of product codes such as ["S270", "S269"]`],
    [{ nio: 'yes' }, "2:10: 'nio' must be true or false"],
    [{ ignore: [''] }, `2:13: 'ignore' must be a list of globs such as ["old/**"]`],
    [{ firewall: { close: [] } }, "3:5: unknown key in 'firewall'; expected deny or allow"],
    [{ firewall: { deny: { protocol: 'tcp' } } }, `3:13: 'firewall.deny' must be a list of entries`],
    [{ firewall: { deny: [{ protocol: 'tcp', ports: 23 }] } }, `4:7: each entry of 'firewall.deny' needs a 'reason'`],
    [
      { firewall: { allow: [{ protocol: 'tcp', ports: 24, reason: ' ' }] } },
      `7:19: each entry of 'firewall.allow' needs a 'reason'`,
    ],
    [{ firewall: { deny: [{ protocol: 'icmp', ports: 0, reason: 'x' }] } }, `5:21: 'protocol' must be "tcp" or "udp"`],
    [
      { firewall: { deny: [{ protocol: 'tcp', ports: [90, 80], reason: 'x' }] } },
      `6:18: 'ports' must be a port from 0 to 65535, or a first and last port such as [8000, 8010]`,
    ],
    [
      { firewall: { allow: [{ protocol: 'udp', ports: 70000, reason: 'x' }] } },
      `6:18: 'ports' must be a port from 0 to 65535`,
    ],
    [
      { firewall: { allow: [{ protocol: 'tcp', ports: 24, from: ['192.0.2.0/24', '192.0.2.1/24'], reason: 'x' }] } },
      `9:11: 'from' must be a list of networks or addresses such as ["192.0.2.0/24", "2001:db8::/32"]`,
    ],
    [
      { firewall: { allow: [{ protocol: 'tcp', port: 24, reason: 'x' }] } },
      "6:9: unknown key in 'firewall.allow'; did you mean 'ports'?",
    ],
    [{ address: [] }, `2:14: 'address' must be the module's IPv4 or IPv6 address, or a list of them`],
    [{ address: ['192.0.2.7', 'm1.example'] }, `4:5: 'address' must be the module's IPv4 or IPv6 address, or a list`],
    [{ nioAddress: ['192.0.2.9', 3] }, `4:5: 'nioAddress' must be the NIO's address, or a list of them`],
    ['{"release": ', '1:13: not valid JSON: expected a value after the colon'],
  ])('rejects %j, saying where and what was expected', async (config, message) => {
    const dir = repoWith(typeof config === 'string' ? config : JSON.stringify(config, null, 2));
    const result = await runCli(['modules'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`vos-audit: ${join(dir, '.vos-audit.json')}:${message}`);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

// A repository someone else wrote: its .vos-audit.json must not read a file outside it into an error message, nor
// tell whether one exists.
describe('a .vos-audit.json from an untrusted repository', () => {
  const secret = 'SECRET_TOKEN=hunter2\n';

  const outside = temporaryDirectory();
  writeFileSync(join(outside, 'secret'), secret);

  function repoWithLinkedConfig(target: string): string {
    const dir = repoWith('{}');
    rmSync(join(dir, '.vos-audit.json'));
    symlinkSync(target, join(dir, '.vos-audit.json'));
    return dir;
  }

  it('is not followed out of its directory, whether the file it points to exists or not', async () => {
    const answers: string[] = [];
    for (const target of [join(outside, 'secret'), join(outside, 'missing')]) {
      const dir = repoWithLinkedConfig(target);
      const result = await runCli(['modules'], dir);
      expect(result.stderr).not.toContain('SECRET');
      expect(result.status).toBe(2);
      answers.push(result.stderr.replace(target, 'TARGET').replace(dir, 'DIR'));
    }
    expect(answers).toEqual([
      'vos-audit: DIR/.vos-audit.json is a symbolic link to TARGET, which leads to no file inside the directory it is in; not read\n',
      'vos-audit: DIR/.vos-audit.json is a symbolic link to TARGET, which leads to no file inside the directory it is in; not read\n',
    ]);
  });

  it('is read through a link that stays inside its directory', async () => {
    const dir = repoWithLinkedConfig('configs/common.json');
    mkdirSync(join(dir, 'configs'));
    writeFileSync(join(dir, 'configs', 'common.json'), JSON.stringify({ release: '16.1' }));
    const result = await runCli(['--format', 'json', 'modules/m1'], dir);
    expect(JSON.parse(result.stdout).options.release).toBe('16.1');
  });

  it('never shows its bytes when it is not JSON: only where, and what was expected', async () => {
    const dir = repoWith(`{\n  "release": "15.2",\n  ${secret}}`);
    const result = await runCli(['modules'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `vos-audit: ${join(dir, '.vos-audit.json')}:3:3: not valid JSON: expected a key in double quotes\n`,
    );
  });

  it('never shows a value it refuses, nor an unknown key', async () => {
    const dir = repoWith({ release: 'SECRET_TOKEN', SECRET_KEY: 1, address: 'SECRET_HOST' });
    const result = await runCli(['modules'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('SECRET');
  });

  it('named with --config, is followed wherever it is, as any file named on the command line', async () => {
    const dir = repoWith('{}');
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'vos.json'), JSON.stringify({ release: '16.1' }));
    symlinkSync(join(dir, 'shared', 'vos.json'), join(dir, 'modules', 'linked.json'));
    const result = await runCli(['--format', 'json', '--config', 'modules/linked.json', 'modules/m1'], dir);
    expect(JSON.parse(result.stdout).options.release).toBe('16.1');
  });
});

describe('ignore globs', () => {
  const dir = temporaryDirectory();
  const configWith = (ignore: string[]) => {
    const path = join(dir, '.vos-audit.json');
    writeFileSync(path, JSON.stringify({ ignore }));
    return loadConfig(path);
  };
  const isIgnored = (glob: string, path: string) => ignored(configWith([glob]), join(dir, path));

  it.each([
    ['**/telnet_admin.txt', 'telnet_admin.txt', true],
    ['**/telnet_admin.txt', 'a/b/telnet_admin.txt', true],
    ['archive/**', 'archive/m1/inetd.conf', true],
    ['archive', 'archive/m1/inetd.conf', true],
    ['archive', 'archived/inetd.conf', false],
    ['a/**/inetd.conf', 'a/inetd.conf', true],
    ['a/**/inetd.conf', 'a/x/y/inetd.conf', true],
    ['*.orig', 'inetd.conf.orig', true],
    ['*.orig', 'm1/inetd.conf.orig', false],
    ['*/*.orig', 'm1/inetd.conf.orig', true],
    ['*', '.hidden', true],
    ['m?', 'm1/inetd.conf', true],
    ['m?', 'm12/inetd.conf', false],
    ['m[1]', 'm[1]/inetd.conf', true],
    ['m[1]', 'm1/inetd.conf', false],
    ['{a,b}', 'a/inetd.conf', false],
    ['{a,b}', '{a,b}/inetd.conf', true],
    ['!x', '!x/inetd.conf', true],
    ['!x', 'y/inetd.conf', false],
    ['m.1', 'mx1/inetd.conf', false],
  ])('%s against %s: %s', (glob, path, expected) => {
    expect(isIgnored(glob, path)).toBe(expected);
  });

  it('match in linear time: 20 stars against a long directory name (was 108 s)', () => {
    const config = configWith([`${'*a'.repeat(20)}b`, `**/${'*a'.repeat(20)}b/**`]);
    const path = join(dir, 'a'.repeat(5000), 'a'.repeat(5000), 'inetd.conf');
    const started = performance.now();
    expect(ignored(config, path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
