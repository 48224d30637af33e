import { groupAddresses, rangeText as range, type FirewallPolicy, type PolicyRule } from '../../policy/rule.ts';
import { commentText, family, moduleIdentifiers, Names, reasonText } from './names.ts';

/** nftables keeps 128 bytes of a comment. */
const commentBytes = 128;

/** A named set of addresses of one family: a module's, a group's. */
interface AddressSet {
  name: string;
  family: 'ip' | 'ip6';
  addresses: string[];
  comment: string;
}

const families = [
  { family: 'ip', suffix: '_4', type: 'ipv4_addr' },
  { family: 'ip6', suffix: '_6', type: 'ipv6_addr' },
] as const;

/** The sets of `addresses`, one a family that has any, named `<id>_4` and `<id>_6`. */
function addressSets(id: string, addresses: readonly string[], comment: string): AddressSet[] {
  return families.flatMap(({ family: name, suffix }) => {
    const of = addresses.filter((address) => family(address) === name);
    return of.length === 0 ? [] : [{ name: `${id}${suffix}`, family: name, addresses: of, comment }];
  });
}

function setLine(set: AddressSet): string {
  const type = families.find((f) => f.family === set.family)!.type;
  return `  set ${set.name} { type ${type}; comment "${commentText(set.comment, commentBytes)}"; elements = { ${set.addresses.join(', ')} } }`;
}

/** A rule, once for each family of its peer's addresses (once for a rule whose peer is anyone). */
function ruleLines(rule: PolicyRule, peers: AddressSet[] | undefined): string[] {
  const line = (peer: AddressSet | undefined) => {
    const parts: string[] = [];
    if (peer) parts.push(`${peer.family} ${rule.direction === 'in' ? 'saddr' : 'daddr'} @${peer.name}`);
    if (rule.protocol !== 'any') {
      if (rule.sourcePorts) parts.push(`${rule.protocol} sport ${range(rule.sourcePorts)}`);
      parts.push(`${rule.protocol} dport ${range(rule.ports)}`);
    }
    parts.push(rule.action === 'allow' ? 'accept' : 'drop');
    parts.push(`comment "${commentText(reasonText(rule), commentBytes)}"`);
    return `    ${parts.join(' ')}`;
  };
  return peers === undefined ? [line(undefined)] : peers.map(line);
}

/**
 * One file for `nft -f`: a table of its own, named sets of each module's addresses and of each group of peers (a
 * system's modules, an NIO's addresses), one a family, a chain per module and direction, and a forward chain that
 * sends each module's traffic to its chains. A group's addresses are written once, so the file grows with the
 * modules. Rules need every address: the caller checks that with `addressProblems` first.
 */
export function formatNftables(policy: FirewallPolicy): string {
  const names = new Names(64);
  const ids = moduleIdentifiers(policy, names, ['_4', '_6', '_in', '_out']);
  const moduleSets = policy.modules.map((module) => ({
    id: ids.get(module.name)!,
    sets: addressSets(ids.get(module.name)!, module.address ? [module.address] : [], `module ${module.name}`),
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
  const dispatch = moduleSets.flatMap(({ id, sets }) =>
    sets.flatMap((set) => [
      `    ${set.family} daddr @${set.name} jump ${id}_in`,
      `    ${set.family} saddr @${set.name} jump ${id}_out`,
    ]),
  );
  return [
    '#!/usr/sbin/nft -f',
    "# The firewall policy vos-audit derived from the modules' configuration: every rule says why in its comment.",
    '# Check with nft -c -f FILE; load with nft -f FILE (it replaces the table vos_audit and nothing else).',
    'table inet vos_audit',
    'flush table inet vos_audit',
    'table inet vos_audit {',
    ...moduleSets.flatMap(({ sets }) => sets.map(setLine)),
    ...[...groupSets.values()].flat().map(setLine),
    ...chains,
    '  chain forward {',
    '    type filter hook forward priority filter; policy accept;',
    ...dispatch,
    '  }',
    '}',
    '',
  ].join('\n');
}
