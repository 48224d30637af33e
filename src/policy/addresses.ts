import { isIPv6 } from 'node:net';
import type { FirewallPolicy } from './rule.ts';

export type AddressFamily = 'IPv4' | 'IPv6';

export function addressFamily(address: string): AddressFamily {
  return isIPv6(address) ? 'IPv6' : 'IPv4';
}

/** Names for a list: `a`, `a and b`, `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Why the policy cannot be written as firewall rules, which name addresses: modules without an address, NIO rules
 * without the NIO's, two modules at one address, or any address the format writes (a module's, a peer's, an NIO's)
 * of a family it cannot hold. Empty when every rule can be written.
 */
export function addressProblems(policy: FirewallPolicy, format: string, families: readonly AddressFamily[]): string[] {
  const problems: string[] = [];
  const without = policy.modules.filter((module) => module.address === undefined).map((module) => module.name);
  if (without.length > 0) {
    problems.push(
      `--format ${format} needs each module's address; ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} none: set "address" in the module's .vos-audit.json (or --address for one module); table, csv and json need none`,
    );
  }
  const named = new Set(
    policy.modules.flatMap((module) =>
      module.rules.flatMap((rule) => (rule.peer.kind === 'group' ? [rule.peer.group] : [])),
    ),
  );
  const used = policy.groups.filter((group) => named.has(group.name));
  const nio = used.filter((group) => group.nio && group.nio.addresses.length === 0).map((group) => group.nio!.module);
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
  const written = [
    ...policy.modules.flatMap((module) =>
      module.address ? [{ whose: `module ${module.name}`, address: module.address }] : [],
    ),
    ...used.flatMap((group) =>
      group.nio ? group.nio.addresses.map((address) => ({ whose: group.what, address })) : [],
    ),
  ];
  const foreign = written.filter(({ address }) => !families.includes(addressFamily(address)));
  if (foreign.length > 0)
    problems.push(
      `--format ${format} holds ${listed(families)} addresses only; ${listed(foreign.map(({ whose, address }) => `${whose} has ${address}`))}: use a format that holds ${addressFamily(foreign[0]!.address)} (nftables or capirca)`,
    );
  return problems;
}
