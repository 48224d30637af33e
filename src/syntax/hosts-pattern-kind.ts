import { atoi, dottedQuad, ipv6Groups } from '../util/ip.ts';

/**
 * What a pattern is, in the order tcpd tries them: for a client's host (or a daemon's server host) `netgroup`
 * (`@name`), `file` (`/path`), `net` (`n.n.n.n/m.m.m.m`, `n.n.n.n/len`, `[ipv6]/len`), `ipv6` (`[addr]`), then the
 * string forms that daemons share: `glob` (`*`, `?`), `domain` (`.example.com`), `wildcard` (ALL, KNOWN, UNKNOWN,
 * LOCAL, PARANOID), `prefix` (`10.9.`), `address`, `name`; and in a daemon list `port` (a server port number).
 */
export type PatternKind =
  | 'except'
  | 'netgroup'
  | 'file'
  | 'net'
  | 'ipv6'
  | 'glob'
  | 'domain'
  | 'wildcard'
  | 'prefix'
  | 'address'
  | 'name'
  | 'port';

const wildcards = new Set(['all', 'known', 'unknown', 'local', 'paranoid']);

/** Whether tcpd sees a host pattern as an address rather than a name: only digits, dots and slashes. */
export function looksNumeric(pattern: string): boolean {
  return /^[0-9./]*$/.test(pattern);
}

/** A daemon pattern, or any host pattern tcpd compares as a string. */
function stringKind(pattern: string): PatternKind {
  if (/[*?]/.test(pattern)) return 'glob';
  if (pattern.startsWith('.')) return 'domain';
  if (wildcards.has(pattern.toLowerCase())) return 'wildcard';
  if (pattern.endsWith('.')) return 'prefix';
  return looksNumeric(pattern) ? 'address' : 'name';
}

export function hostKind(pattern: string): PatternKind {
  if (pattern.startsWith('@')) return 'netgroup';
  if (pattern.startsWith('/')) return 'file';
  if (pattern.toLowerCase() === 'known' || pattern.toLowerCase() === 'local') return 'wildcard';
  if (pattern.includes('/')) return 'net';
  if (pattern.startsWith('[') && pattern.endsWith(']')) return 'ipv6';
  return stringKind(pattern);
}

export function daemonKind(pattern: string): PatternKind {
  return /^\d+$/.test(pattern) ? 'port' : stringKind(pattern);
}

/** `daemon@host` or `user@host`: split at the first `@` after the first character, as tcpd does. */
export function splitQualified(value: string): [string, string | undefined] {
  const at = value.indexOf('@', 1);
  return at === -1 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

/** Why tcpd can never match a net pattern (`net/mask`, `net/len`, `[net]/len`), or undefined when it can. */
export function netProblem(pattern: string): string | undefined {
  const slash = pattern.indexOf('/');
  const net = pattern.slice(0, slash);
  const mask = pattern.slice(slash + 1);
  if (net.startsWith('[')) {
    const length = atoi(mask);
    if (!net.endsWith(']') || ipv6Groups(net.slice(1, -1)) === undefined)
      return `expected an IPv6 address in brackets before '/'`;
    return length >= 0 && length <= 128 && /^\d+$/.test(mask)
      ? undefined
      : `expected a prefix length from 0 to 128 after '/'`;
  }
  const address = dottedQuad(net);
  if (address === undefined) return 'expected a network address n.n.n.n before the mask';
  const bits = mask.includes('.') ? dottedQuad(mask) : atoi(mask) >= 1 && atoi(mask) <= 32 ? atoi(mask) : undefined;
  if (bits === undefined)
    return 'expected a mask m.m.m.m (not 255.255.255.255) or a length from 1 to 32 after the address';
  return undefined;
}
