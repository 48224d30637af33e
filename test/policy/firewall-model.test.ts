import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certaintyOf } from '../../src/policy/certainty.ts';
import { vosAudit } from '../support/cli.ts';
import { firewall, type JsonRule } from '../support/firewall.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const root = new URL('../..', import.meta.url).pathname;

interface ModelRow {
  port?: number;
  protocol: string;
  daemon?: string;
  program?: string;
  kind?: string;
  state: string;
  condition?: string;
  lastPort?: number;
}

interface PortsModule {
  name: string;
  listeners: ModelRow[];
  connections: ModelRow[];
}

interface FirewallModule {
  name: string;
  rules: JsonRule[];
}

async function json<T>(command: string, args: string[]): Promise<T> {
  const result =
    command === 'firewall' ? await firewall(args) : await vosAudit([command, ...args], { cwd: root, env: {} });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** The model's state as a rule carries it: no condition when live, the model's own words when conditional. */
function sameState(row: ModelRow, rule: JsonRule): boolean {
  return rule.condition === undefined
    ? row.state === 'live'
    : row.state === 'conditional' && row.condition === rule.condition;
}

const isReply = (rule: JsonRule) => rule.reply === true;
const hasPorts = (rule: JsonRule) => rule.protocol === 'tcp' || rule.protocol === 'udp';
const active = (row: ModelRow) => row.state === 'live' || row.state === 'conditional';

/** Whatever `ports` and `firewall` say of one module, they say alike. */
function expectAgreement(ports: PortsModule, policy: FirewallModule): void {
  const inbound = policy.rules.filter((rule) => rule.direction === 'in' && hasPorts(rule) && !isReply(rule));
  for (const rule of inbound.filter((r) => r.action === 'allow')) {
    const rows = ports.listeners.filter(
      (l) => l.protocol === rule.protocol && l.port === rule.ports[0] && (l.lastPort ?? l.port) === rule.ports[1],
    );
    expect(
      rows.some((row) => sameState(row, rule)),
      `${policy.name}: ${JSON.stringify(rule)} against ${JSON.stringify(rows)}`,
    ).toBe(true);
  }
  for (const listener of ports.listeners.filter((l) => active(l) && !l.daemon!.startsWith('kernel'))) {
    const covered = inbound.some((rule) => rule.protocol === listener.protocol && rule.ports[0] === listener.port);
    expect(
      covered,
      `${policy.name}: ${listener.protocol}/${listener.port} (${listener.daemon}) has no inbound rule`,
    ).toBe(true);
  }
  const outbound = policy.rules.filter((rule) => rule.direction === 'out' && rule.action === 'allow' && !isReply(rule));
  // x25_cpc talks to the NIO only: a module without one gets no rule for it (its own test says so).
  const toNio = (row: ModelRow) => row.program === 'x25_cpc' && !policy.rules.some((r) => r.ports[0] === 48879);
  for (const connection of ports.connections.filter((c) => active(c) && c.kind !== 'varying port' && !toNio(c))) {
    const port = [connection.port, connection.port];
    const rules = outbound.filter(
      (rule) =>
        rule.protocol === connection.protocol &&
        (connection.kind === 'source port' ? rule.sourcePorts : rule.ports)?.join() === port.join(),
    );
    expect(rules.length, `${policy.name}: ${connection.program} has no outbound rule`).toBeGreaterThan(0);
    for (const rule of rules)
      expect(sameState(connection, rule), `${policy.name}: ${connection.program}: ${JSON.stringify(rule)}`).toBe(true);
  }
}

describe('the firewall reads the model that `ports` prints', () => {
  it.each([
    ['as configured', []],
    ['at 14.5, whose build the ephemeral ranges need', ['--release', '14.5']],
    ['at 19.3 with every product', ['--release', '19.3', '--products', 'S270,S266,S269,S135,S048,S049,S014,S268']],
  ])('on every sample module, %s: the same rows, states and conditions', async (_, options) => {
    const ports = await json<{ modules: PortsModule[] }>('ports', ['--format', 'json', ...options, 'samples']);
    const policy = await json<{ modules: FirewallModule[] }>('firewall', [
      '--format',
      'json',
      '--include-conditional',
      ...options,
      'samples',
    ]);
    expect(policy.modules.map((m) => m.name)).toEqual(ports.modules.map((m) => m.name));
    ports.modules.forEach((module, i) => expectAgreement(module, policy.modules[i]!));
  });

  it('without a release, the clients the macros start are conditional on it, in the model’s words', async () => {
    const dir = temporaryDirectory();
    cpSync('samples/start-arguments/module_start_up.cm', join(dir, 'module_start_up.cm'));
    const ports = await json<{ modules: PortsModule[] }>('ports', ['--format', 'json', dir]);
    const policy = await json<{ modules: FirewallModule[] }>('firewall', [
      '--format',
      'json',
      '--include-conditional',
      dir,
    ]);
    expectAgreement(ports.modules[0]!, policy.modules[0]!);
    const radius = policy.modules[0]!.rules.find((r) => r.direction === 'out' && r.ports[0] === 1812)!;
    // Table 3: 14.4+ with S268, 15.0+ as part of STCP.
    expect(radius.condition).toBe('VOS 14.4+ and (VOS 15.0+ or (software_purchased S268))');
  });

  it('a client of table 3 that the model does not hold gets the release condition in the model’s words', async () => {
    const ports = await json<{ modules: PortsModule[] }>('ports', ['--format', 'json', 'samples/stock-posix']);
    const policy = await json<{ modules: FirewallModule[] }>('firewall', [
      '--format',
      'json',
      '--include-conditional',
      'samples/stock-posix',
    ]);
    const sshd = ports.modules[0]!.listeners.find((l) => l.daemon === 'sshd')!;
    const ssh = policy.modules[0]!.rules.find((r) => r.direction === 'out' && r.ports[0] === 22)!;
    expect(ssh.condition).toBe(sshd.condition);
    expect(ssh.condition).toBe('(software_purchased S270) and (VOS 14.7 or 15.1+)');
  });

  it('the kernel ranges end where the model says, and OSN stays conditional in the model’s words', async () => {
    const policy = await json<{ modules: FirewallModule[] }>('firewall', [
      '--format',
      'json',
      '--include-conditional',
      '--max-open-server',
      '40',
      'samples/firewall-osl-system',
    ]);
    const osl = policy.modules[0]!.rules.find((r) => r.direction === 'in' && r.ports[0] === 3000)!;
    expect(osl.ports).toEqual([3000, 3080]);
    const stated = await firewall([
      '--format',
      'json',
      '--include-conditional',
      '--bridge',
      'samples/firewall-bridges',
    ]);
    expect(stated.stdout).toMatch(/"ports": \[\s*4000,\s*4025\s*\]/);
  });

  it('a server on a port the portmapper assigns gets no rule, and stderr says why in the article’s words', async () => {
    const result = await firewall(['samples/start-arguments']);
    expect(result.stderr).toMatch(
      /no rule for mountd, the NFS mount server: "mountd does not always bind to the same port": it cannot be opened statically through a firewall \(article\) \(samples\/start-arguments\/module_start_up\.cm:31\)/,
    );
  });

  it('a port the model took as a default, which a file it does not read may change, is said once on stderr', async () => {
    const dir = temporaryDirectory();
    const macro = [
      '&begin_parameters',
      '  port:string,req',
      '&end_parameters',
      "start_process 'telnet_msd -network_port &port&' -privileged",
      "start_process 'sshd.pm' -privileged",
      '',
    ];
    writeFileSync(join(dir, 'module_start_up.cm'), macro.join('\n'));
    const result = await firewall(['--release', '15.2', dir]);
    const notes = result.stderr.split('\n').filter((line) => !line.includes('left out'));
    expect(notes).toEqual([
      `vos-audit: ${dir}: telnet_msd: its port argument &port& is not a port vos-audit can resolve; 24 is only the default (${dir}/module_start_up.cm:4)`,
      expect.stringMatching(new RegExp(`^vos-audit: ${dir}: sshd: .+ \\(${dir}/module_start_up\\.cm:5\\)$`)),
      '',
    ]);
  });

  it('x25_cpc talks to the NIO only, whenever the model says it runs', async () => {
    const x25 = async (options: string[]) =>
      (
        await json<{ modules: FirewallModule[] }>('firewall', [
          '--format',
          'json',
          '--nio',
          ...options,
          'samples/start-arguments',
        ])
      ).modules[0]!.rules.filter((r) => r.ports[0] === 48879 || r.sourcePorts?.[0] === 48879).map(
        (r) => `${r.direction} ${r.peer}`,
      );
    expect(await x25([])).toEqual(['out NIO of samples/start-arguments']);
    expect(await x25(['--stateless'])).toEqual([
      'in NIO of samples/start-arguments',
      'out NIO of samples/start-arguments',
    ]);
    const old = await json<{ modules: FirewallModule[] }>('firewall', [
      '--format',
      'json',
      '--release',
      '14.7',
      'samples/start-arguments',
    ]);
    expect(old.modules[0]!.rules.some((r) => r.ports[0] === 48879 || r.sourcePorts?.[0] === 48879)).toBe(false);
  });
});

describe('what decides a condition left out', () => {
  it.each([
    ['(software_purchased S270) and (VOS 14.7 or 15.1+)', '--products and --release'],
    ['the module is its system’s bridge module', '"bridge" in .vos-audit.json, or --bridge'],
    ['(exists -file >system>site>flag)', '"facts" in .vos-audit.json (or --fact)'],
    ['the site uses the snmp* tools', 'nothing vos-audit reads'],
    ['the site uses the snmp* tools and VOS 15.0+', '--release, and facts vos-audit does not read'],
    ['(software_purchased S269) or (exists -file x)', '--products and "facts" in .vos-audit.json (or --fact)'],
  ])('%s: %s', (condition, decidedBy) => {
    expect(certaintyOf('conditional', condition)).toEqual({ state: 'conditional', condition, decidedBy });
  });

  it('live is certain; off and dead give no rule', () => {
    expect(certaintyOf('live', undefined)).toEqual({ state: 'live' });
    expect(certaintyOf('off', undefined)).toBeUndefined();
    expect(certaintyOf('dead', undefined)).toBeUndefined();
  });
});

describe('a finding denies the listener it is about', () => {
  it('on a start_stcp call, the telnet finding denies tcp/23 but not ftpd, snmpd or the RSN port it does not name', async () => {
    const dir = temporaryDirectory();
    // sshd runs too: on a module without it, telnet is the only way to log in and stays allowed.
    writeFileSync(
      join(dir, 'module_start_up.cm'),
      "!(master_disk)>system>stcp>start_stcp.cm\nstart_process 'sshd.pm' -privileged\n",
    );
    const policy = await json<{ modules: FirewallModule[] }>('firewall', [
      '--format',
      'json',
      '--release',
      '17.1',
      '--products',
      'S270',
      dir,
    ]);
    const inbound = policy.modules[0]!.rules.filter((rule) => rule.direction === 'in' && rule.peer === 'any');
    const actionOn = (protocol: string, port: number) =>
      inbound.find((rule) => rule.protocol === protocol && rule.ports[0] === port)?.action;
    expect(actionOn('tcp', 23)).toBe('deny');
    expect(actionOn('tcp', 21)).toBe('allow');
    expect(actionOn('udp', 161)).toBe('allow');
  });
});

describe('a finding about a start line denies every port that line opens', () => {
  it('telnet_msd on a port from a variable of two values: both ports are denied', async () => {
    const dir = temporaryDirectory();
    writeFileSync(
      join(dir, 'module_start_up.cm'),
      "&set_string msdport 24\n&if (software_purchased S270) &then &set_string msdport 2424\nstart_process 'telnet_msd -network_port &msdport&' -privileged\n",
    );
    const policy = await json<{ modules: FirewallModule[] }>('firewall', [
      '--format',
      'json',
      '--include-conditional',
      '--release',
      '17.1',
      dir,
    ]);
    const actions = policy.modules[0]!.rules.filter(
      (rule) => rule.direction === 'in' && rule.protocol === 'tcp' && [24, 2424].includes(rule.ports[0]),
    );
    expect(actions.map((rule) => [rule.ports[0], rule.action])).toEqual([
      [24, 'deny'],
      [2424, 'deny'],
    ]);
  });
});
