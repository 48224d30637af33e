import { describe, expect, it } from 'vitest';
import { comparePolicies } from '../../src/policy/policy-change.ts';
import type { FirewallPolicy, PolicyRule } from '../../src/policy/rule.ts';

const rule = (over: Partial<PolicyRule>): PolicyRule => ({
  direction: 'in',
  action: 'allow',
  protocol: 'tcp',
  ports: [22, 22],
  peer: { kind: 'any' },
  reason: 'ssh',
  evidence: ['m1/module_start_up.cm:14'],
  ...over,
});

const policy = (modules: Record<string, PolicyRule[]>): FirewallPolicy => ({
  stateful: true,
  modules: Object.entries(modules).map(([name, rules]) => ({ name, addresses: [], rules })),
  groups: [],
  leftOut: [],
  notes: [],
});

const ports = (rules: PolicyRule[]) => rules.map((r) => `${r.action} ${r.direction} ${r.protocol}/${r.ports[0]}`);

describe('the change of a firewall policy', () => {
  it('a rule whose evidence or reason changed is the same rule; one of other ports or action is not', () => {
    const [change] = comparePolicies(
      policy({ m1: [rule({}), rule({ ports: [69, 69], protocol: 'udp' })] }),
      policy({
        m1: [
          rule({ evidence: ['m1/module_start_up.cm:20'], reason: 'sshd' }),
          rule({ ports: [23, 23], action: 'deny' }),
        ],
      }),
      new Map(),
    );
    expect(ports(change!.added)).toEqual(['deny in tcp/23']);
    expect(ports(change!.removed)).toEqual(['allow in udp/69']);
  });

  it('counts equal rules one for one, follows a renamed module, and lists a removed module with all its rules', () => {
    const changes = comparePolicies(
      policy({ old: [rule({})], gone: [rule({ ports: [7, 7] })] }),
      policy({ renamed: [rule({}), rule({})] }),
      new Map([['old', 'renamed']]),
    );
    expect(changes.map((c) => [c.name, c.from ?? null, ports(c.added), ports(c.removed)])).toEqual([
      ['renamed', 'old', ['allow in tcp/22'], []],
      ['gone', null, [], ['allow in tcp/7']],
    ]);
  });
});
