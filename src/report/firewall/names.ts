import { isIPv6 } from 'node:net';
import { lastComponent, type FirewallPolicy, type PolicyRule } from '../../policy/rule.ts';
import { asciiTypography } from '../typography.ts';

/**
 * A reason as a firewall comment: ASCII only, no double quote or backslash (no tool agrees on escaping them), and
 * at most `max` characters, since nftables keeps 128 bytes of a comment and iptables 256.
 */
export function commentText(text: string, max: number): string {
  const ascii = asciiTypography(text)
    .replace(/["\\]/g, "'")
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[^\u0000-\u007f]/g, '?');
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3)}...`;
}

/** A rule's reason as every format shows it: after its condition, when it stands on one (`--include-conditional`). */
export function reasonText(rule: Pick<PolicyRule, 'reason' | 'condition'>): string {
  return rule.condition ? `if ${rule.condition}: ${rule.reason}` : rule.reason;
}

/**
 * The names one output derives (sets, chains, networks, filters, files), unique across the run. They are compared
 * without case, since Capirca upper-cases its tokens and a file system may fold case: modules `a` and `A`, or a
 * module `x`'s NIO and a module `x_nio`, never get one name. The first to ask keeps the name, the next gets `_2`,
 * `_3` …, so the names depend only on the run's modules and their order.
 */
export class Names {
  private readonly taken = new Set<string>();

  /** @param max the longest name the format takes, suffixes included */
  constructor(private readonly max: number) {}

  /**
   * An identifier for `text` (letters, digits, `_`) that is free with every one of `suffixes` appended, all of them
   * then taken: a module's set and its chains `_in` and `_out` are claimed together.
   */
  claim(text: string, suffixes: readonly string[] = ['']): string {
    const longest = Math.max(...suffixes.map((suffix) => suffix.length));
    const base = text.replace(/[^A-Za-z0-9_]/g, '_').slice(0, this.max - longest - 6);
    const free = (name: string) => suffixes.every((suffix) => !this.taken.has(`${name}${suffix}`.toLowerCase()));
    let name = base;
    for (let n = 2; !free(name); n++) name = `${base}_${n}`;
    for (const suffix of suffixes) this.taken.add(`${name}${suffix}`.toLowerCase());
    return name;
  }
}

/** Each module's identifier, claimed with the suffixes the format derives from it. */
export function moduleIdentifiers(
  policy: FirewallPolicy,
  names: Names,
  suffixes: readonly string[],
): Map<string, string> {
  return new Map(policy.modules.map(({ name }) => [name, names.claim(`m_${lastComponent(name)}`, suffixes)]));
}

export function family(address: string): 'ip' | 'ip6' {
  return isIPv6(address.split('/')[0]!) ? 'ip6' : 'ip';
}

/** An address as a network (`/32`, `/128` added), or a network as written. */
export function asNetwork(address: string): string {
  return address.includes('/') ? address : `${address}/${family(address) === 'ip6' ? 128 : 32}`;
}
