import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firewall, jsonPolicy, samples } from '../support/firewall.ts';
import { temporaryDirectory } from '../support/temporary.ts';

// What the policy does to packets, as its rules say it: stateful by default, both ends of a connection between
// modules, a denied listener winning its port, ICMP and ESP, and each output saying where it is loaded.

function module(files: Record<string, string>): string {
  const dir = temporaryDirectory();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('stateful by default', () => {
  it.each(Object.entries(samples))('%s: no rule admits a packet by its source port alone', async (_, args) => {
    const policy = await jsonPolicy(args);
    expect(policy.stateful).toBe(true);
    const bySourcePort = policy.modules.flatMap((m) =>
      m.rules.filter((rule) => rule.direction === 'in' && (rule.sourcePorts !== undefined || rule.reply)),
    );
    expect(bySourcePort).toEqual([]);
  });

  it('nftables and iptables accept tracked connections and drop invalid ones before any rule', async () => {
    const args = samples['osl-system']!;
    const nft = (await firewall(['--format', 'nftables', ...args])).stdout;
    const forward = nft.slice(nft.indexOf('  chain forward {'));
    expect(forward.split('\n').slice(1, 4)).toEqual([
      '    type filter hook forward priority filter; policy drop;',
      '    ct state established,related accept',
      '    ct state invalid drop',
    ]);
    for (const format of ['iptables', 'ip6tables']) {
      const rules = (await firewall(['--format', format, ...args])).stdout;
      const first = rules.split('\n').filter((line) => line.startsWith('-A '));
      expect(first.slice(0, 2)).toEqual([
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -m conntrack --ctstate INVALID -j DROP',
      ]);
      expect(rules).toMatch(/^:FORWARD DROP \[0:0\]$/m);
    }
  });

  it('--stateless keeps the reply rules, and every loadable output says what they expose', async () => {
    const args = ['--stateless', ...samples['osl-system']!];
    const policy = await jsonPolicy(args);
    expect(policy.stateful).toBe(false);
    const replies = policy.modules[0]!.rules.filter((rule) => rule.reply);
    expect(replies.map((rule) => `${rule.direction} ${rule.protocol} ${rule.sourcePorts?.join('-') ?? ''}`)).toContain(
      'in udp 53-53',
    );
    for (const format of ['nftables', 'iptables', 'ip6tables']) {
      const header = (await firewall(['--format', format, ...args])).stdout;
      expect(header).toMatch(
        /^# Stateless \(--stateless\): replies are admitted by rules that match the peer's source port/m,
      );
      expect(header).not.toMatch(/ct state|conntrack/);
    }
  });
});

describe('both ends of every connection between modules', () => {
  const [m1, m2] = ['samples/firewall-osl-system/m1', 'samples/firewall-osl-system/m2'];

  it('OSL is allowed out of the source and into the destination, whatever order the paths are given in', async () => {
    const forward = await jsonPolicy([m1, m2]);
    const backward = await jsonPolicy([m2, m1]);
    for (const policy of [forward, backward]) {
      const ledger = policy.groups.find((group) => group.name === 'modules of system ledger')!;
      expect([...ledger.addresses].sort()).toEqual(['10.30.0.1', '10.30.0.2']);
      for (const name of [m1, m2]) {
        const osl = policy.modules
          .find((m) => m.name === name)!
          .rules.filter((rule) => rule.protocol === 'tcp' && rule.ports[0] === 3000);
        expect(osl.map((rule) => [rule.direction, rule.action, rule.peer, rule.ports])).toEqual([
          ['in', 'allow', ledger.name, [3000, 3200]],
          ['out', 'allow', ledger.name, [3000, 3200]],
        ]);
      }
    }
    const rulesOf = (policy: typeof forward, name: string) => policy.modules.find((m) => m.name === name)!.rules;
    expect(rulesOf(backward, m1)).toEqual(rulesOf(forward, m1));
  });

  it("nftables sends a packet through the source's out chain, then the destination's in chain; each returns what it allows", async () => {
    const nft = (await firewall(['--format', 'nftables', m1, m2])).stdout;
    const forward = nft.slice(nft.indexOf('  chain forward {')).split('\n');
    const jumps = forward.filter((line) => line.includes(' jump '));
    expect(jumps).toEqual([
      '    ip saddr @m_m1_4 jump m_m1_out',
      '    ip saddr @m_m2_4 jump m_m2_out',
      '    ip daddr @m_m1_4 jump m_m1_in',
      '    ip daddr @m_m2_4 jump m_m2_in',
    ]);
    expect(nft).not.toMatch(/^ {4}(?!ct state|ip6? [sd]addr @modules_[46] ).* accept( comment.*)?$/m);
  });
});

describe('the policy agrees with the model', () => {
  it('a port with any denied listener is denied: inetd echo and sshd -p 7 on one port', async () => {
    const dir = module({
      'inetd.conf': 'echo stream tcp nowait root internal\n',
      'module_start_up.cm': "!(master_disk)>system>stcp>start_stcp.cm\nstart_process 'sshd.pm -p 7' -privileged\n",
    });
    const policy = await jsonPolicy(['--release', '17.1', '--products', 'S270', dir]);
    const port7 = policy.modules[0]!.rules.filter(
      (r) => r.direction === 'in' && r.protocol === 'tcp' && r.ports[0] === 7,
    );
    expect(port7.map((rule) => rule.action)).toEqual(['deny']);
  });

  it('a deny that stands on an undecided condition is kept, marked with it', async () => {
    const dir = module({
      'module_start_up.cm': "&if (exists -file >system>site>legacy) &then start_process 'telnet_msd' -privileged\n",
    });
    const policy = await jsonPolicy(['--release', '17.1', dir]);
    const msd = policy.modules[0]!.rules.find((r) => r.direction === 'in' && r.ports[0] === 24)!;
    expect(msd).toMatchObject({ action: 'deny', condition: '(exists -file >system>site>legacy)' });
  });
});

describe('ICMP and ESP', () => {
  it('ping is allowed both ways by choice; stateless, the errors a working network needs too', async () => {
    const icmp = async (options: string[]) =>
      (await jsonPolicy([...options, 'samples/hardened'])).modules[0]!.rules.filter(
        (rule) => rule.protocol === 'icmp',
      ).map((rule) => `${rule.direction} ${rule.icmpTypes!.join(',')}`);
    expect(await icmp([])).toEqual(['in echo-request', 'out echo-request']);
    const errors = 'echo-reply,destination-unreachable,packet-too-big,time-exceeded,parameter-problem';
    expect(await icmp(['--stateless'])).toEqual([
      'in echo-request',
      `in ${errors}`,
      'out echo-request',
      `out ${errors}`,
    ]);
  });

  it('ESP is allowed in and out where IKE is', async () => {
    const dir = module({
      'module_start_up.cm': "start_process '(master_disk)>system>stcp>command_library>iked.pm' -privileged\n",
    });
    const rules = (await jsonPolicy(['--release', '17.1', '--products', 'S049', dir])).modules[0]!.rules;
    expect(rules.filter((rule) => rule.protocol === 'esp').map((rule) => `${rule.direction} ${rule.action}`)).toEqual([
      'in allow',
      'out allow',
    ]);
    const without = (await jsonPolicy(['--release', '17.1', 'samples/hardened'])).modules[0]!.rules;
    expect(without.some((rule) => rule.protocol === 'esp')).toBe(false);
  });
});

describe('each loadable output says where it is loaded, and how', () => {
  it.each([
    ['nftables', 'nft -f FILE'],
    ['iptables', 'iptables-restore < FILE'],
    ['ip6tables', 'ip6tables-restore < FILE'],
  ])('%s', async (format, load) => {
    const text = (await firewall(['--format', format, ...samples['osl-system']!])).stdout;
    const header = text.split('\n').filter((line) => line.startsWith('# '));
    expect(header.join('\n')).toMatch(/^# Where: the forward path of the firewall in front of the modules/m);
    expect(header.some((line) => line.startsWith(`# Load: ${load}`))).toBe(true);
  });

  it('capirca, in each policy file', async () => {
    const out = temporaryDirectory();
    mkdirSync(out, { recursive: true });
    expect((await firewall(['--format', 'capirca', '--output', out, 'samples/firewall-nio'])).status).toBe(0);
    const policy = readFileSync(join(out, 'pol', 'm_firewall_nio.pol'), 'utf8');
    expect(policy).toMatch(/^# Where: the forward path of the firewall in front of the modules/m);
    expect(policy).toMatch(/^# Stateless/m);
  });
});
