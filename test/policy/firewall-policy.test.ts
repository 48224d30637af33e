import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRelease } from '../../src/catalog/releases.ts';
import { loadConfig } from '../../src/cli/config.ts';
import { derivePolicy } from '../../src/policy/derive.ts';
import type { FirewallPolicy } from '../../src/policy/rule.ts';
import { formatCapirca } from '../../src/report/firewall/capirca.ts';
import { formatIptables } from '../../src/report/firewall/iptables.ts';
import { formatNftables } from '../../src/report/firewall/nftables.ts';
import { formatFirewallJson, formatFirewallTable } from '../../src/report/firewall/tables.ts';
import type { ModuleFacts } from '../../src/policy/facts.ts';
import { ephemeralPorts } from '../../src/policy/clients.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { expectUserError } from '../support/cli.ts';
import { firewall, modulesSharingAddress } from '../support/firewall.ts';

describe('the ephemeral ports of table 3, per release line', () => {
  const ports = (release: string | undefined, transport: 'tcp' | 'udp') =>
    ephemeralPorts(release === undefined ? undefined : parseRelease(release)!, transport);
  it.each([
    ['14.4', 'tcp', [10000, 65535]],
    ['14.5.0as', 'tcp', [10000, 65535]],
    ['14.5.0at', 'tcp', [49152, 65535]],
    ['14.6.0ai', 'tcp', [10000, 65535]],
    ['14.6.0aj', 'tcp', [49152, 65535]],
    ['14.7', 'tcp', [49152, 65535]],
    ['15.0', 'tcp', [49152, 65535]],
    ['15.0', 'udp', [1024, 65535]],
    ['15.1.0aq', 'udp', [1024, 65535]],
    ['15.1.0ar', 'udp', [49152, 65535]],
    ['15.1.1', 'udp', [49152, 65535]],
    ['16.0', 'udp', [49152, 65535]],
  ] as const)('%s %s: %j', (release, transport, expected) => {
    expect(ephemeralPorts(parseRelease(release), transport)).toEqual({ ports: expected });
  });

  it('a release line that the boundary falls inside, without its build, keeps the wider range and says what would narrow it', () => {
    expect(ports('14.5', 'tcp')).toEqual({
      ports: [10000, 65535],
      undecided: expect.stringContaining('10000-65535 (before 14.5.0at or 14.6.0aj) or 49152-65535 (14.5.0at+'),
    });
    expect(ports('15.1', 'udp')).toEqual({
      ports: [1024, 65535],
      undecided: expect.stringContaining('release 15.1 does not give its build'),
    });
    expect(ports(undefined, 'udp').undecided).toMatch(/release is not given/);
  });
});

function facts(name: string, more: Partial<ModuleFacts> = {}): ModuleFacts {
  return {
    name,
    nio: false,
    addresses: [],
    services: [],
    clients: [],
    ephemeral: { tcp: [49152, 65535], udp: [49152, 65535] },
    undecided: [],
    overrides: [],
    ...more,
  };
}

const osl = {
  protocol: 'tcp' as const,
  ports: [3000, 3020] as const,
  daemon: 'kernel (OSL)',
  kernel: 'OSL' as const,
  certainty: { state: 'live' as const },
  evidence: [],
};
const osn = { ...osl, ports: [4000, 4010] as const, daemon: 'kernel (OSN)', kernel: 'OSN' as const };

describe('derivePolicy', () => {
  it('OSL only from the other modules of the same system; OSN only between bridge modules of different systems', () => {
    const run = [
      facts('a1', { addresses: ['10.0.0.1'], system: 'a', bridge: true, services: [osl, osn] }),
      facts('a2', { addresses: ['10.0.0.2'], system: 'a', services: [osl] }),
      facts('b1', { addresses: ['10.0.1.1'], system: 'b', bridge: true, services: [osl, osn] }),
    ];
    const policy = derivePolicy(run, { includeConditional: false, stateful: true });
    const members = (group: string) => policy.groups.find((g) => g.name === group)!.modules.join(' ');
    const allowsIn = (name: string) =>
      policy.modules
        .find((m) => m.name === name)!
        .rules.filter((r) => r.direction === 'in' && r.action === 'allow' && r.protocol === 'tcp')
        .map((r) => `${r.ports.join('-')} ${r.peer.kind === 'group' ? members(r.peer.group) : r.peer.kind}`);
    // A system's modules are one group, the module itself included: its own traffic never crosses the firewall.
    expect(allowsIn('a1')).toEqual(['3000-3020 a1 a2', '4000-4010 b1']);
    expect(allowsIn('a2')).toEqual(['3000-3020 a1 a2']);
    expect(allowsIn('b1')).toEqual(['4000-4010 a1']);
    expect(policy.groups.map((g) => g.name)).toEqual([
      'modules of system a',
      'bridges outside system a',
      'bridges outside system b',
    ]);
  });

  it('the article denies come first, a risky listener is denied with its finding, and each direction ends denying the rest', () => {
    const service = {
      protocol: 'udp' as const,
      ports: [7, 7] as const,
      daemon: 'inetd',
      certainty: { state: 'live' as const },
      evidence: ['m/inetd.conf:3'],
    };
    const risky = {
      ...service,
      finding: {
        reason: 'echo is a denial-of-service vector',
        ruleId: 'inetd-dos-tiny-service',
        evidence: 'm/inetd.conf:3',
        severity: 'error' as const,
      },
    };
    const { modules } = derivePolicy([facts('m', { nio: true, services: [risky] })], {
      includeConditional: false,
      stateful: true,
    });
    expect(modules[0]!.rules.map((r) => `${r.direction} ${r.action} ${r.protocol}/${r.ports.join('-')}`)).toEqual([
      'in deny tcp/85-85',
      'in deny udp/29000-29000',
      'in deny tcp/37-37',
      'in deny udp/69-69',
      'in deny udp/7-7',
      'in allow icmp/0-65535',
      'in deny any/0-65535',
      'out allow icmp/0-65535',
      'out deny any/0-65535',
    ]);
    expect(modules[0]!.rules[4]!.reason).toMatch(/^echo .*\(inetd-dos-tiny-service\)$/);
  });

  it('a conditional allow is left out with what decides it, or included and marked with --include-conditional', () => {
    const sshd = {
      protocol: 'tcp' as const,
      ports: [22, 22] as const,
      daemon: 'sshd',
      certainty: { state: 'conditional' as const, condition: '(software_purchased S270)', decidedBy: '--products' },
      evidence: [],
    };
    const without = derivePolicy([facts('m', { services: [sshd] })], { includeConditional: false, stateful: true });
    expect(without.modules[0]!.rules.some((r) => r.ports[0] === 22)).toBe(false);
    expect(without.leftOut).toEqual([
      {
        module: 'm',
        what: 'allow in tcp/22 (sshd listens on tcp/22)',
        because: 'if (software_purchased S270)',
        decidedBy: '--products',
        conditional: true,
      },
    ]);
    const withIt = derivePolicy([facts('m', { services: [sshd] })], { includeConditional: true, stateful: true });
    expect(
      withIt.modules[0]!.rules.filter((r) => r.ports[0] === 22 || r.sourcePorts?.[0] === 22).map((r) => r.condition),
    ).toEqual(['(software_purchased S270)']);
    expect(withIt.leftOut).toEqual([]);
  });

  describe('a service behind tcpd is open at the firewall to the clients tcpd admits', () => {
    const tftp = {
      protocol: 'udp' as const,
      ports: [69, 69] as const,
      daemon: 'tftpd',
      certainty: { state: 'live' as const },
      evidence: ['m/inetd.conf:3'],
    };
    const warned = {
      reason: 'tftp is active',
      ruleId: 'inetd-bootp-tftp-active',
      evidence: 'm/inetd.conf:3',
      severity: 'warning' as const,
    };
    const tcpd = (clients: { networks: string[] } | { unwritable: string[] }) => ({
      ...clients,
      text: 'some',
      evidence: ['m/hosts.allow:2'],
    });
    const inbound69 = (service: ModuleFacts['services'][number]) => {
      const policy = derivePolicy([facts('m', { services: [service] })], { includeConditional: false, stateful: true });
      const rule = policy.modules[0]!.rules.find((r) => r.direction === 'in' && r.ports[0] === 69)!;
      const peer = rule.peer;
      const group = peer.kind === 'group' ? policy.groups.find((g) => g.name === peer.group) : undefined;
      return { action: rule.action, networks: group?.networks ?? rule.peer.kind, notes: policy.notes.length };
    };

    it('networks: allowed from them alone, a warning about the service notwithstanding', () => {
      const networks = ['198.51.100.16/28', '2001:db8:100::/120'];
      expect(inbound69({ ...tftp, tcpd: tcpd({ networks }) })).toEqual({ action: 'allow', networks, notes: 0 });
      expect(inbound69({ ...tftp, finding: warned, tcpd: tcpd({ networks }) })).toEqual({
        action: 'allow',
        networks,
        notes: 0,
      });
    });

    it('an error about the service denies it whatever tcpd admits', () => {
      const finding = { ...warned, severity: 'error' as const };
      expect(inbound69({ ...tftp, finding, tcpd: tcpd({ networks: ['198.51.100.16/28'] }) }).action).toBe('deny');
    });

    it('nobody: denied; everybody: open to any, as without tcpd', () => {
      expect(inbound69({ ...tftp, tcpd: tcpd({ networks: [] }) }).action).toBe('deny');
      expect(inbound69({ ...tftp, tcpd: tcpd({ networks: ['0.0.0.0/0', '::/0'] }) })).toEqual({
        action: 'allow',
        networks: 'any',
        notes: 0,
      });
      expect(inbound69({ ...tftp, finding: warned, tcpd: tcpd({ networks: ['0.0.0.0/0', '::/0'] }) }).action).toBe(
        'deny',
      );
    });

    it('patterns a firewall cannot match (names): open to any, tcpd deciding, with a note', () => {
      expect(inbound69({ ...tftp, finding: warned, tcpd: tcpd({ unwritable: ['.example.com'] }) })).toEqual({
        action: 'allow',
        networks: 'any',
        notes: 1,
      });
    });
  });
});

describe('the size of the policy', () => {
  const system = (n: number) =>
    derivePolicy(
      Array.from({ length: n }, (_, i) =>
        facts(`m${i}`, {
          addresses: [`10.0.${i >> 8}.${i & 255}`],
          system: 'big',
          bridge: i === 0,
          services: [osl, osn],
        }),
      ),
      { includeConditional: false, stateful: true },
    );
  const formats: Record<string, (policy: FirewallPolicy) => number> = {
    nftables: (policy) => formatNftables(policy).length,
    iptables: (policy) => formatIptables(policy, 'IPv4').length,
    capirca: (policy) => [...formatCapirca(policy).values()].reduce((sum, text) => sum + text.length, 0),
    json: (policy) => formatFirewallJson(policy).length,
    table: (policy) => formatFirewallTable(policy).length,
  };

  it.each(Object.keys(formats))('%s grows linearly with the modules of one system', (format) => {
    const size = formats[format]!;
    // Twice the modules: twice the output, not four times (each module naming each other by address).
    expect(size(system(80)) / size(system(40))).toBeLessThan(2.1);
  });

  it("a system's OSL peers are one rule each way, naming one group", () => {
    const policy = system(40);
    for (const module of policy.modules)
      expect(module.rules.filter((rule) => rule.ports[0] === 3000).map((rule) => [rule.direction, rule.peer])).toEqual([
        ['in', { kind: 'group', group: 'modules of system big' }],
        ['out', { kind: 'group', group: 'modules of system big' }],
      ]);
    expect(policy.groups.map((group) => group.name)).toEqual(['modules of system big']);
  });
});

describe('the configuration keys of the firewall', () => {
  function config(text: string): string {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, '.vos-audit.json'), text);
    return join(dir, '.vos-audit.json');
  }

  it('reads address, system, bridge, maxOpenServer and nioAddress', () => {
    const loaded = loadConfig(
      config(
        '{"address": "10.1.2.3", "system": "sys1", "bridge": true, "maxOpenServer": 64, "nioAddress": "FD00::0:3"}',
      ),
    );
    expect(loaded).toMatchObject({
      addresses: ['10.1.2.3'],
      system: 'sys1',
      bridge: true,
      maxOpenServer: 64,
      nioAddresses: ['fd00::3'],
    });
  });

  it('reads address as a list, of either family, each address once', () => {
    const loaded = loadConfig(config('{"address": ["192.0.2.7", "2001:DB8::7", "192.0.2.7"]}'));
    expect(loaded.addresses).toEqual(['192.0.2.7', '2001:db8::7']);
  });

  it.each([
    ['{"address": "host.example"}', /'address' must be the module's IPv4 or IPv6 address/],
    ['{"address": "fe80::1%eth0"}', /'address' must be/],
    ['{"nioAddress": 3}', /'nioAddress' must be the NIO's address, or a list of them/],
    ['{"system": ""}', /'system' must be the VOS system's name/],
    ['{"bridge": "yes"}', /'bridge' must be true or false/],
    ['{"maxOpenServer": 0}', /'maxOpenServer' must be a whole number from 1 to 499/],
    ['{"maxOpenServer": 12.5}', /'maxOpenServer' must be a whole number/],
  ])('refuses %s', (text, message) => {
    expect(() => loadConfig(config(text))).toThrow(message);
  });
});

describe('vos-audit firewall on the command line', () => {
  it('formats that load into a firewall exit 2 naming the modules without an address and the key to set', async () => {
    for (const format of ['nftables', 'iptables']) {
      const result = await firewall(['--format', format, 'samples/hardened', 'samples/firewall-nio']);
      expectUserError(result, `--format ${format}`, 'samples/hardened', '"address"');
    }
  });

  it('table, csv and json need no address: the peer is the module', async () => {
    const result = await firewall(['--format', 'csv', 'samples/hardened']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\r\n')[0]).toBe(
      'module,address,direction,action,protocol,ports,source_ports,peer,reason,evidence,condition',
    );
  });

  it("x25_cpc needs the NIO's address in a loadable format", async () => {
    const dir = temporaryDirectory();
    cpSync('samples/firewall-nio/module_start_up.cm', join(dir, 'module_start_up.cm'));
    const result = await firewall(['--format', 'nftables', '--nio', '--release', '15.2', '--address', '10.0.0.1', dir]);
    expectUserError(result, 'x25_cpc', '"nioAddress"');
  });

  it('--address names one module: with several it exits 2', async () => {
    const result = await firewall(['--address', '10.0.0.1', 'samples/hardened', 'samples/stock-posix']);
    // The same check as verify's (test/cli/verify-address.test.ts).
    expectUserError(result, '--address');
  });

  it("each address goes only into the rules of its family: an IPv6 module's chains are in ip6tables, not iptables", async () => {
    const args = ['--address', 'fd00::7', 'samples/hardened'];
    const iptables = await firewall(['--format', 'iptables', ...args]);
    expect(iptables.status).toBe(0);
    expect(iptables.stdout).not.toMatch(/fd00::7|m_hardened/);
    // Nothing of IPv4 reaches the module: FORWARD drops what no module's chain lets through.
    expect(iptables.stdout).toMatch(/^:FORWARD DROP \[0:0\]$/m);
    const ip6tables = await firewall(['--format', 'ip6tables', ...args]);
    expect(ip6tables.stdout).toMatch(/^-A FORWARD -d fd00::7\/128 -j m_hardened-in$/m);
    const nft = await firewall(['--format', 'nftables', ...args]);
    expect(nft.status).toBe(0);
    expect(nft.stdout).toMatch(/type ipv6_addr;.*elements = \{ fd00::7 \}/);
  });

  it("every address a format writes is of its family: an NIO's IPv6 address is never written as IPv4", async () => {
    const args = ['--nio-address', 'fd00::9', 'samples/firewall-nio'];
    const iptables = await firewall(['--format', 'iptables', ...args]);
    expect(iptables.status).toBe(0);
    expect(iptables.stdout).not.toMatch(/fd00::9|48879/);
    const ip6tables = await firewall(['--format', 'ip6tables', ...args]);
    expect(ip6tables.stdout).not.toMatch(/^-A FORWARD .*10\.20\.0\.11/m);
    const nft = await firewall(['--format', 'nftables', ...args]);
    expect(nft.status).toBe(0);
    expect(nft.stdout).toMatch(
      /set \S+ \{ type ipv6_addr; comment "the NIO of module samples\/firewall-nio"; elements = \{ fd00::9 \} \}/,
    );
    expect(nft.stdout).toMatch(/ip6 daddr @\S+ tcp sport 49152-65535 tcp dport 48879 return/);
  });

  it('capirca needs --output, and --output goes only with capirca', async () => {
    expectUserError(await firewall(['--format', 'capirca', 'samples/hardened']), '--format capirca', '--output');
    expectUserError(await firewall(['--output', 'x', 'samples/hardened']), '--output', '--format capirca');
  });

  it('two modules at one address are refused', async () => {
    const result = await firewall(['--format', 'nftables', modulesSharingAddress('10.0.0.5')]);
    expectUserError(result, '10.0.0.5', 'm1', 'm2');
  });
});
