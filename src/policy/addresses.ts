import { isIPv6 } from 'node:net';
import type { FirewallPolicy } from './rule.ts';

/**
 * Why the policy cannot be written as firewall rules, which name addresses: modules without an address, NIO rules
 * without the NIO's, two modules at one address, or (for iptables) IPv6. Empty when every rule can be written.
 */
export function addressProblems(policy: FirewallPolicy, format: string, ipv4Only: boolean): string[] {
  const problems: string[] = [];
  const without = policy.modules.filter((module) => module.address === undefined).map((module) => module.name);
  if (without.length > 0) {
    problems.push(
      `--format ${format} needs each module's address; ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} none: set "address" in the module's .vos-audit.json (or --address for one module); table, csv and json need none`,
    );
  }
  const nio = policy.modules
    .filter((module) => module.rules.some((rule) => rule.peer.kind === 'nio' && rule.peer.address === undefined))
    .map((module) => module.name);
  if (nio.length > 0) {
    problems.push(
      `--format ${format} needs the NIO's address for x25_cpc's rules; ${nio.join(', ')} ${nio.length === 1 ? 'has' : 'have'} none: set "nioAddress" in the module's .vos-audit.json (or --nio-address)`,
    );
  }
  const byAddress = new Map<string, string[]>();
  for (const module of policy.modules)
    if (module.address) byAddress.set(module.address, [...(byAddress.get(module.address) ?? []), module.name]);
  for (const [address, names] of byAddress)
    if (names.length > 1)
      problems.push(`modules ${names.join(', ')} all have the address ${address}: each module needs its own`);
  if (ipv4Only) {
    const v6 = policy.modules
      .filter((module) => module.address !== undefined && isIPv6(module.address))
      .map((module) => module.name);
    if (v6.length > 0)
      problems.push(
        `--format ${format} writes IPv4 rules (iptables-restore); ${v6.join(', ')} ${v6.length === 1 ? 'has' : 'have'} an IPv6 address: use --format nftables or capirca`,
      );
  }
  return problems;
}
