import { hostKind, looksNumeric } from '../syntax/hosts-pattern-kind.ts';
import { atoi, dottedQuad, prefixMask } from '../util/ip.ts';
import { GlobIndex } from './tcpd-glob-index.ts';

/** A host as tcpd knows it; what is not known is `unknown` to its patterns. */
export interface Endpoint {
  address?: string;
  name?: string;
}

/** An IPv4 `net/mask` or `net/len` pattern as numbers; undefined when tcpd cannot match it with any address. */
export function ipv4Net(pattern: string): { network: number; bits: number } | undefined {
  const slash = pattern.indexOf('/');
  const mask = pattern.slice(slash + 1);
  const network = dottedQuad(pattern.slice(0, slash));
  const bits = mask.includes('.')
    ? dottedQuad(mask)
    : atoi(mask) >= 1 && atoi(mask) <= 32
      ? prefixMask(atoi(mask))
      : undefined;
  return network === undefined || bits === undefined ? undefined : { network, bits };
}

/** Which of the host's texts a looked-up pattern is compared with: numeric patterns never match a name. */
type Table = 'address' | 'name';

/**
 * A list of host patterns that matches when any of them does, in tcpd's order: the first that matches decides (what
 * comes after it, such as another pattern file, is never read). Plain names and addresses, `.domain` suffixes,
 * `prefix.` patterns and IPv4 nets are looked up in tables of the position of their first occurrence, and globs in
 * an index by their literal prefix and suffix, so that asking about a host costs the length of its address, not the
 * length of the list; only the other patterns (wildcards, IPv6, pattern files, `user@host`) are tried one by one,
 * each distinct one once, and only those before the first hit in a table.
 */
export class PatternList {
  private readonly exact = new Map<string, number>();
  private readonly suffixes = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  /** By mask: the networks, and the position of each. */
  private readonly nets = new Map<number, Map<number, number>>();
  private longestSuffix = 0;
  private longestPrefix = 0;
  private readonly globs = new GlobIndex();
  /** Positions of the patterns tried one by one, in order. */
  private readonly tried: number[] = [];

  /** `lookedUp(position)`: whether the pattern there may go in a table (a `user@host` pattern may not). */
  constructor(
    readonly patterns: readonly string[],
    lookedUp: (position: number) => boolean = () => true,
  ) {
    const seen = new Set<string>();
    patterns.forEach((pattern, position) => {
      if (!lookedUp(position) || !this.index(pattern, position)) {
        if (!seen.has(pattern)) this.tried.push(position);
        seen.add(pattern);
      }
    });
  }

  /** Puts a pattern in its table; false for a pattern to try one by one. */
  private index(pattern: string, position: number): boolean {
    const kind = hostKind(pattern);
    if (kind === 'netgroup') return true; // No NIS here: it matches nothing.
    if (kind === 'glob') {
      this.globs.add(pattern, position);
      return true;
    }
    if (kind === 'net' && !pattern.startsWith('[')) {
      const net = ipv4Net(pattern);
      if (net === undefined) return true; // It matches nothing.
      const networks = this.nets.get(net.bits) ?? new Map<number, number>();
      this.nets.set(net.bits, networks);
      if (!networks.has(net.network)) networks.set(net.network, position);
      return true;
    }
    const map =
      kind === 'address' || kind === 'name'
        ? this.exact
        : kind === 'domain'
          ? this.suffixes
          : kind === 'prefix'
            ? this.prefixes
            : undefined;
    if (map === undefined) return false;
    const key = pattern.toLowerCase();
    for (const table of looksNumeric(pattern) ? ['address'] : ['address', 'name'])
      if (!map.has(`${table}:${key}`)) map.set(`${table}:${key}`, position);
    if (kind === 'domain') this.longestSuffix = Math.max(this.longestSuffix, key.length);
    if (kind === 'prefix') this.longestPrefix = Math.max(this.longestPrefix, key.length);
    return true;
  }

  /** The position of the first pattern in the tables that matches the host, or Infinity. */
  private firstInTables(host: Endpoint): number {
    let first = Infinity;
    const at = (position: number | undefined) => {
      if (position !== undefined && position < first) first = position;
    };
    const texts: Array<[Table, string]> = [
      ['address', (host.address ?? 'unknown').toLowerCase()],
      ['name', (host.name ?? 'unknown').toLowerCase()],
    ];
    for (const [table, text] of texts) {
      at(this.exact.get(`${table}:${text}`));
      // `.domain` matches a longer text ending with it; `prefix.` a text starting with it (tcpd's string_match).
      const fromSuffix = Math.max(1, text.length - this.longestSuffix);
      for (let i = text.indexOf('.', fromSuffix); i !== -1; i = text.indexOf('.', i + 1))
        at(this.suffixes.get(`${table}:${text.slice(i)}`));
      for (let i = text.indexOf('.'); i !== -1 && i < this.longestPrefix; i = text.indexOf('.', i + 1))
        at(this.prefixes.get(`${table}:${text.slice(0, i + 1)}`));
    }
    const address = host.address === undefined ? undefined : dottedQuad(host.address);
    if (address !== undefined) for (const [bits, networks] of this.nets) at(networks.get((address & bits) >>> 0));
    // A glob is never numeric: it is compared with the address and the name, as they are (it ignores case itself).
    at(this.globs.first([host.address ?? 'unknown', host.name ?? 'unknown'], first));
    return first;
  }

  /**
   * Whether any pattern matches the host; `tries(position)` tries a pattern that is not in the tables, as the
   * list's owner matches one pattern (it may read a pattern file, and throw).
   */
  matches(host: Endpoint, tries: (position: number) => boolean): boolean {
    const first = this.firstInTables(host);
    for (const position of this.tried) {
      if (position > first) break;
      if (tries(position)) return true;
    }
    return first !== Infinity;
  }
}
