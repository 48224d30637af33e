import { isIPv6 } from 'node:net';
import type { FirewallPolicy } from './rule.ts';

export type AddressFamily = 'IPv4' | 'IPv6';

/** The family of an address, or of a network written `address/length`. */
export function addressFamily(address: string): AddressFamily {
  return isIPv6(address.split('/')[0]!) ? 'IPv6' : 'IPv4';
}

/**
 * Why the policy cannot be written as firewall rules, which name addresses: modules without an address, NIO rules
 * without the NIO's, two modules at one address. Empty when every rule can be written. (Each address goes only
 * into the rules of its family: a format of one family leaves the others' addresses to the format of theirs.)
 */
export function addressProblems(policy: FirewallPolicy, format: string): string[] {
  const problems: string[] = [];
  const without = policy.modules.filter((module) => module.addresses.length === 0).map((module) => module.name);
  if (without.length > 0) {
    problems.push(
      `--format ${format} needs each module's ` +
        `address; ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} none: ` +
        `set "address" in the module's .vos-audit.json (or --address for one module); table, csv and json need none`,
    );
  }
  const named = new Set(
    policy.modules.flatMap((module) =>
      module.rules.flatMap((rule) => (rule.peer.kind === 'group' ? [rule.peer.group] : [])),
    ),
  );
  const nio = policy.groups
    .filter((group) => named.has(group.name) && group.nio && group.nio.addresses.length === 0)
    .map((group) => group.nio!.module);
  if (nio.length > 0) {
    problems.push(
      `--format ${format} needs the NIO's address for x25_cpc's ` +
        `rules; ${nio.join(', ')} ${nio.length === 1 ? 'has' : 'have'} none: ` +
        `set "nioAddress" in the module's .vos-audit.json (or --nio-address)`,
    );
  }
  const byAddress = new Map<string, string[]>();
  for (const module of policy.modules)
    for (const address of module.addresses) byAddress.set(address, [...(byAddress.get(address) ?? []), module.name]);
  for (const [address, names] of byAddress)
    if (names.length > 1)
      problems.push(`modules ${names.join(', ')} all have the address ${address}: each module needs its own`);
  return problems;
}
