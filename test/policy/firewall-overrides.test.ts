import { describe, expect, it } from 'vitest';
import { canonicalNetwork } from '../../src/util/address.ts';
import { firewall, jsonPolicy, samples } from '../support/firewall.ts';
import { vosAudit } from '../support/cli.ts';

// test/firewall-packets/site-overrides.json, as written there: where each entry begins, and what it says.
const config = 'test/firewall-packets/site-overrides.json';
const written = [
  { at: `${config}:11:7`, action: 'deny', protocol: 'tcp', ports: [21, 21], reason: 'file transfer is sftp only' },
  {
    at: `${config}:16:7`,
    action: 'deny',
    protocol: 'udp',
    ports: [161, 162],
    reason: 'SNMP is polled from the console only',
  },
  {
    at: `${config}:26:7`,
    action: 'allow',
    protocol: 'tcp',
    ports: [7, 7],
    reason: "the monitoring network's echo probes",
  },
];

describe('"firewall" overrides in .vos-audit.json', () => {
  it('come first, denies before allows, each naming its entry in its reason and evidence', async () => {
    const policy = await jsonPolicy(samples['site-overrides']!);
    const rules = policy.modules[0]!.rules;
    expect(rules.slice(0, 3)).toEqual(
      written.map(({ at, action, protocol, ports, reason }) =>
        expect.objectContaining({
          direction: 'in',
          action,
          protocol,
          ports,
          reason: `the site's firewall.${action} (${at}): ${reason}`,
          evidence: [at],
        }),
      ),
    );
    // The allow names the networks it was given, of both families, as a group; the denies are about anyone.
    const group = policy.groups.find((g) => g.name === (rules[2] as { peer: string }).peer);
    expect(group?.addresses).toEqual(['198.51.100.16/28', '2001:db8:100::20/123']);
    expect(rules.slice(0, 2).map((rule) => (rule as { peer: string }).peer)).toEqual(['any', 'any']);
    // What the model derives is still there, after them: the audit's deny of echo, ftpd's allow.
    expect(rules.slice(3).some((rule) => rule.action === 'deny' && rule.ports[0] === 7)).toBe(true);
  });

  it('are named in the table and in the HTML report', async () => {
    const table = await firewall(samples['site-overrides']!);
    const page = await vosAudit(['report', '-o', '-', ...samples['site-overrides']!], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: {},
    });
    for (const { at } of written) {
      expect(table.stdout).toContain(at);
      expect(page.stdout).toContain(at);
    }
  });
});

describe('networks as a firewall names them', () => {
  it.each([
    ['192.0.2.0/24', '192.0.2.0/24'],
    ['192.0.2.7', '192.0.2.7/32'],
    ['2001:DB8:0::/32', '2001:db8::/32'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['::/0', '::/0'],
    ['192.0.2.1/24', undefined],
    ['2001:db8::1/32', undefined],
    ['192.0.2.0/33', undefined],
    ['192.0.2.0/024', undefined],
    ['192.0.2.0/24/8', undefined],
    ['fe80::1%eth0', undefined],
    ['host.example', undefined],
  ])('%s: %s', (text, expected) => {
    expect(canonicalNetwork(text)).toBe(expected);
  });
});
