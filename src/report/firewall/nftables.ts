import {
  groupAddresses,
  rangeText as range,
  type FirewallPolicy,
  type IcmpType,
  type PolicyRule,
} from '../../policy/rule.ts';
import { forwardHeader } from './header.ts';
import { commentText, family, moduleIdentifiers, Names, reasonText } from './names.ts';

/** nftables keeps 128 bytes of a comment. */
const commentBytes = 128;

type Family = 'ip' | 'ip6';

/** A named set of addresses of one family: a module's, a group's. */
interface AddressSet {
  name: string;
  family: Family;
  addresses: readonly string[];
  comment: string;
}

const families = [
  { family: 'ip', suffix: '_4', type: 'ipv4_addr', icmp: 'icmp' },
  { family: 'ip6', suffix: '_6', type: 'ipv6_addr', icmp: 'icmpv6' },
] as const;

/** ICMP's messages by family: IPv4 has no "packet too big" of its own (it is destination unreachable, code 4). */
function icmpMatch(icmpFamily: Family, types: readonly IcmpType[]): string | undefined {
  const own = icmpFamily === 'ip' ? types.filter((type) => type !== 'packet-too-big') : types;
  if (own.length === 0) return undefined;
  const keyword = families.find((f) => f.family === icmpFamily)!.icmp;
  return `${keyword} type ${own.length === 1 ? own[0] : `{ ${own.join(', ')} }`}`;
}

/** The sets of `addresses`, one a family that has any, named `<id>_4` and `<id>_6`. */
function addressSets(id: string, addresses: readonly string[], comment: string): AddressSet[] {
  return families.flatMap(({ family: name, suffix }) => {
    const of = addresses.filter((address) => family(address) === name);
    return of.length === 0 ? [] : [{ name: `${id}${suffix}`, family: name, addresses: of, comment }];
  });
}

function setLine(set: AddressSet): string {
  const type = families.find((f) => f.family === set.family)!.type;
  // A network among the elements needs an interval set.
  const interval = set.addresses.some((address) => address.includes('/')) ? ' flags interval;' : '';
  return `  set ${set.name} { type ${type};${interval} comment "${commentText(set.comment, commentBytes)}"; elements = { ${set.addresses.join(', ')} } }`;
}

/**
 * A rule, once for each family it must name: its peer's sets, or ICMP's two protocols. In a module's chain an
 * allow returns, so that the other end of the connection (a module's chain too) decides as well; a deny drops.
 */
function ruleLines(rule: PolicyRule, peers: AddressSet[] | undefined): string[] {
  const line = (peer: AddressSet | undefined, icmpFamily: Family | undefined): string | undefined => {
    const parts: string[] = [];
    if (peer) parts.push(`${peer.family} ${rule.direction === 'in' ? 'saddr' : 'daddr'} @${peer.name}`);
    if (rule.protocol === 'icmp') {
      const match = icmpMatch(icmpFamily!, rule.icmpTypes ?? []);
      if (match === undefined) return undefined;
      parts.push(match);
    } else if (rule.protocol === 'esp') parts.push('meta l4proto esp');
    else if (rule.protocol !== 'any') {
      if (rule.sourcePorts) parts.push(`${rule.protocol} sport ${range(rule.sourcePorts)}`);
      parts.push(`${rule.protocol} dport ${range(rule.ports)}`);
    }
    parts.push(rule.action === 'allow' ? 'return' : 'drop');
    parts.push(`comment "${commentText(reasonText(rule), commentBytes)}"`);
    return `    ${parts.join(' ')}`;
  };
  const forms: Array<[AddressSet | undefined, Family | undefined]> =
    peers !== undefined
      ? peers.map((peer) => [peer, peer.family])
      : rule.protocol === 'icmp'
        ? [
            [undefined, 'ip'],
            [undefined, 'ip6'],
          ]
        : [[undefined, undefined]];
  return forms.flatMap(([peer, icmpFamily]) => line(peer, icmpFamily) ?? []);
}

/**
 * One file for `nft -f`: a table of its own (inet: IPv4 and IPv6 at once), named sets of each module's addresses, of
 * each group of peers and of all the modules, one a family, a chain per module and direction, and a forward chain.
 * A packet from a module goes through the module's `out` chain, a packet to a module through its `in` chain, both
 * when it goes from one module to another: each chain returns what it allows and drops the rest. What comes through
 * is accepted; what is to or from no module's address is dropped. Stateful, packets of a tracked connection are
 * accepted first. A group's addresses are written once, so the file grows with the modules. Rules need every
 * address: the caller checks that with `addressProblems` first.
 */
export function formatNftables(policy: FirewallPolicy): string {
  const names = new Names(64);
  const ids = moduleIdentifiers(policy, names, ['_4', '_6', '_in', '_out']);
  const everyModule = names.claim('modules', ['_4', '_6']);
  const moduleSets = policy.modules.map((module) => ({
    id: ids.get(module.name)!,
    sets: addressSets(ids.get(module.name)!, module.addresses, `module ${module.name}`),
  }));
  const byName = new Map(policy.groups.map((group) => [group.name, group]));
  const groupSets = new Map<string, AddressSet[]>();
  const peerSets = (rule: PolicyRule) => {
    if (rule.peer.kind === 'any') return undefined;
    let sets = groupSets.get(rule.peer.group);
    if (sets === undefined) {
      const group = byName.get(rule.peer.group)!;
      sets = addressSets(names.claim(group.stem, ['_4', '_6']), groupAddresses(policy, group), group.what);
      groupSets.set(group.name, sets);
    }
    return sets;
  };
  const chains = policy.modules.flatMap((module) => {
    const id = ids.get(module.name)!;
    return (['in', 'out'] as const).flatMap((direction) => [
      `  chain ${id}_${direction} {`,
      `    comment "${commentText(`${direction === 'in' ? 'to' : 'from'} module ${module.name}`, commentBytes)}"`,
      ...module.rules.filter((rule) => rule.direction === direction).flatMap((rule) => ruleLines(rule, peerSets(rule))),
      '  }',
    ]);
  });
  const allSets = addressSets(
    everyModule,
    policy.modules.flatMap((module) => module.addresses),
    'every module',
  );
  const dispatch = (side: 'saddr' | 'daddr', direction: 'in' | 'out') =>
    moduleSets.flatMap(({ id, sets }) =>
      sets.map((set) => `    ${set.family} ${side} @${set.name} jump ${id}_${direction}`),
    );
  const tracked = policy.stateful ? ['    ct state established,related accept', '    ct state invalid drop'] : [];
  return [
    '#!/usr/sbin/nft -f',
    ...forwardHeader(policy, {
      what: 'nftables ruleset (table inet vos_audit, IPv4 and IPv6)',
      check: 'nft -c -f FILE',
      load: 'nft -f FILE (replaces the table vos_audit and nothing else; nft delete table inet vos_audit removes it)',
    }),
    'table inet vos_audit',
    'flush table inet vos_audit',
    'table inet vos_audit {',
    ...moduleSets.flatMap(({ sets }) => sets.map(setLine)),
    ...allSets.map(setLine),
    ...[...groupSets.values()].flat().map(setLine),
    ...chains,
    '  chain forward {',
    '    type filter hook forward priority filter; policy drop;',
    ...tracked,
    ...dispatch('saddr', 'out'),
    ...dispatch('daddr', 'in'),
    ...allSets.flatMap((set) => [
      `    ${set.family} saddr @${set.name} accept`,
      `    ${set.family} daddr @${set.name} accept`,
    ]),
    '  }',
    '}',
    '',
  ].join('\n');
}
