import { isIPv6 } from 'node:net';
import type { FirewallPolicy, PolicyRule } from '../../policy/rule.ts';
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
 * Each module's name as an identifier that every format accepts (letters, digits, `_`), at most `max` characters:
 * the last component of its path, made unique with a number when two modules share it.
 */
export function moduleIdentifiers(policy: FirewallPolicy, max: number): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const { name } of policy.modules) {
    const last =
      name
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .at(-1) ?? '';
    const base = `m_${last.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, max - 3);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}

export function family(address: string): 'ip' | 'ip6' {
  return isIPv6(address) ? 'ip6' : 'ip';
}
