/*
 * Who tcpd admits to a daemon, as the networks a firewall can match: exact where every pattern that could decide is
 * numeric. The numeric patterns cut each family's address space into intervals on which every pattern either
 * matches or not, so tcpd's verdict for one address of an interval is its verdict for all of them; the admitted
 * intervals, merged, are written as CIDR networks.
 */
import { readRules, type HostsPattern, type HostsRule } from '../syntax/hosts-access.ts';
import { canonicalAddress } from '../util/address.ts';
import { dottedQuad, ipv6Groups } from '../util/ip.ts';
import { ipv4Net } from './tcpd-pattern-list.ts';
import { daemonPatternMatches } from './tcpd-match.ts';
import { dependsOnName, evaluate, type Policy } from './tcpd-policy.ts';

/**
 * The admitted clients as networks of either family, or the patterns a firewall cannot match (names, netgroups);
 * `evidence`, the rules that may decide (`file:line`).
 */
export type FirewallClients = ({ networks: string[] } | { unwritable: string[] }) & { evidence: string[] };

type Family = { bits: number; text: (value: bigint) => string };

const v4: Family = {
  bits: 32,
  text: (value) => [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.'),
};
const v6: Family = {
  bits: 128,
  text: (value) =>
    canonicalAddress(
      Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':'),
    )!,
};

/** More boundaries than this and the clients are left to tcpd: a firewall rule per interval would not be read. */
const maxBoundaries = 4096;

interface Span {
  family: Family;
  first: bigint;
  last: bigint;
}

const ofGroups = (groups: readonly number[]) => groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);

/** The addresses a numeric pattern matches, as one interval; `unwritable` for one a firewall cannot match. */
function spanOf(pattern: HostsPattern): Span | 'none' | 'unwritable' {
  // `user@host` asks tcpd's RFC 931 lookup about the user, which no firewall can.
  if (pattern.qualifier !== undefined) return 'unwritable';
  const text = pattern.pattern;
  switch (pattern.kind) {
    case 'address': {
      const value = dottedQuad(text);
      return value === undefined ? 'none' : { family: v4, first: BigInt(value), last: BigInt(value) };
    }
    case 'prefix': {
      const parts = text.split('.').slice(0, -1);
      if (parts.length > 3 || parts.some((part) => !/^(?:0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255))
        return 'none';
      const shift = BigInt(8 * (4 - parts.length));
      const first = parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n) << shift;
      return { family: v4, first, last: first | ((1n << shift) - 1n) };
    }
    case 'net': {
      if (text.startsWith('[')) {
        const match = /^\[([^\]]*)\]\/(\d+)$/.exec(text);
        const groups = match && ipv6Groups(match[1]!);
        const bits = Number(match?.[2]);
        if (!groups || !(bits <= 128)) return 'none';
        const host = (1n << BigInt(128 - bits)) - 1n;
        const first = ofGroups(groups) & ~host;
        return { family: v6, first, last: first | host };
      }
      const net = ipv4Net(text);
      if (net === undefined) return 'none';
      const host = ~net.bits >>> 0;
      if ((host & (host + 1)) !== 0) return 'unwritable';
      const first = BigInt((net.network & net.bits) >>> 0);
      return { family: v4, first, last: first | BigInt(host) };
    }
    case 'ipv6': {
      const groups = ipv6Groups(text.slice(1, -1));
      return groups ? { family: v6, first: ofGroups(groups), last: ofGroups(groups) } : 'none';
    }
    case 'wildcard':
      return text.toLowerCase() === 'all' ? 'none' : 'unwritable';
    default:
      return 'unwritable';
  }
}

/** Whether a rule's daemon list may name one of the daemon's forms (EXCEPT in it taken as not narrowing it). */
function mayName(rule: HostsRule, daemons: readonly string[], port: number): boolean {
  return rule.daemons.some((daemon) => {
    const name = daemon.pattern.split('@')[0]!;
    return name.toLowerCase() === 'all' || daemons.some((form) => daemonPatternMatches(name, form, port));
  });
}

/** The smallest list of CIDR networks that covers first–last exactly. */
function networks(family: Family, first: bigint, last: bigint): string[] {
  const found: string[] = [];
  for (let at = first; at <= last;) {
    let size = 0;
    while (
      size < family.bits &&
      (at & ((1n << BigInt(size + 1)) - 1n)) === 0n &&
      at + (1n << BigInt(size + 1)) - 1n <= last
    )
      size++;
    found.push(`${family.text(at)}/${family.bits - size}`);
    at += 1n << BigInt(size);
  }
  return found;
}

/** The networks tcpd admits to a daemon run under any of `daemons` on `port`, for a client with no name. */
export function admittedNetworks(policy: Policy, daemons: readonly string[], port: number): FirewallClients {
  const rules = [policy.allow, policy.deny].flatMap((file) =>
    file
      ? readRules(file.tree)
          .filter((rule) => mayName(rule, daemons, port))
          .map((rule) => ({ rule, place: `${file.source.path}:${rule.position.start.line}` }))
      : [],
  );
  const evidence = rules.map(({ place }) => place);
  const patterns = rules.flatMap(({ rule }) => rule.clients).filter((pattern) => pattern.kind !== 'except');
  const unwritable = patterns.filter((pattern) => dependsOnName(pattern) || spanOf(pattern) === 'unwritable');
  if (unwritable.length > 0) return { unwritable: [...new Set(unwritable.map((pattern) => pattern.value))], evidence };
  const spans = patterns.map(spanOf).filter((span): span is Span => typeof span === 'object');
  if (spans.length > maxBoundaries) return { unwritable: [`${spans.length} numeric patterns`], evidence };
  const admitted: string[] = [];
  for (const family of [v4, v6]) {
    const end = (1n << BigInt(family.bits)) - 1n;
    const cuts = new Set<bigint>([0n]);
    for (const span of spans.filter((s) => s.family === family)) {
      cuts.add(span.first);
      if (span.last < end) cuts.add(span.last + 1n);
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let open: bigint | undefined;
    starts.forEach((start, i) => {
      const client = { address: family.text(start) };
      const granted = daemons.some(
        (daemon) => evaluate(policy, { daemon, port, server: {}, client }).access === 'granted',
      );
      if (granted && open === undefined) open = start;
      if (!granted && open !== undefined) {
        admitted.push(...networks(family, open, start - 1n));
        open = undefined;
      }
      if (i === starts.length - 1 && open !== undefined) admitted.push(...networks(family, open, end));
    });
  }
  return { networks: admitted, evidence };
}
