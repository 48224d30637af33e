import { atoi, dottedQuad, ipv6Groups, samePrefix } from '../util/ip.ts';
import { globExpression } from './tcpd-glob-index.ts';
import { ipv4Net } from './tcpd-pattern-list.ts';

/* tcpd's comparisons of one pattern with one string or address, as hosts_access(5) describes them. */

/** What tcpd calls a host or user it has no name for. */
export const unknown = 'unknown';

export function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Each glob's expression, made once: a policy asks a glob about many clients. */
const globs = new Map<string, (text: string) => boolean>();

/** `*` and `?`, matched case-insensitively. */
function globMatch(text: string, pattern: string): boolean {
  let glob = globs.get(pattern);
  if (glob === undefined) {
    if (globs.size > 100_000) globs.clear();
    globs.set(pattern, (glob = globExpression(pattern)));
  }
  return glob(text);
}

/** tcpd's string_match: a daemon, a user, or a host's address or name against one pattern. */
export function stringMatch(pattern: string, text: string): boolean {
  if (/[*?]/.test(pattern)) return globMatch(text, pattern);
  if (pattern.startsWith('.')) return text.length > pattern.length && same(text.slice(-pattern.length), pattern);
  if (same(pattern, 'ALL')) return true;
  if (same(pattern, 'KNOWN')) return !same(text, unknown);
  if (pattern.endsWith('.')) return same(text.slice(0, pattern.length), pattern);
  return same(pattern, text);
}

export function knownName(name: string | undefined): name is string {
  return name !== undefined && !same(name, unknown) && !same(name, 'paranoid');
}

/** `net/mask`, `net/len`, `[net]/len` against an address. */
export function netMatch(pattern: string, address: string | undefined): boolean {
  if (address === undefined) return false;
  const slash = pattern.indexOf('/');
  const net = pattern.slice(0, slash);
  const mask = pattern.slice(slash + 1);
  if (net.startsWith('[')) {
    const network = net.endsWith(']') ? ipv6Groups(net.slice(1, -1)) : undefined;
    const client = address.includes(':') ? ipv6Groups(address) : undefined;
    const length = atoi(mask);
    return (
      network !== undefined &&
      client !== undefined &&
      /^\d+$/.test(mask) &&
      length <= 128 &&
      samePrefix(network, client, length)
    );
  }
  const client = dottedQuad(address);
  const net4 = ipv4Net(pattern);
  return client !== undefined && net4 !== undefined && (client & net4.bits) >>> 0 === net4.network;
}

/** `[addr]` against an address: the same IPv6 address. */
export function ipv6Match(pattern: string, address: string | undefined): boolean {
  const wanted = ipv6Groups(pattern.slice(1, -1));
  const client = address?.includes(':') ? ipv6Groups(address) : undefined;
  return wanted !== undefined && client !== undefined && wanted.every((group, i) => group === client[i]);
}

/** Whether a daemon pattern (without `@host`) matches a daemon name or, numeric, its port. */
export function daemonPatternMatches(pattern: string, daemon: string, port?: number): boolean {
  return /^\d+$/.test(pattern) ? port !== undefined && Number(pattern) === port : stringMatch(pattern, daemon);
}
