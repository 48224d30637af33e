import { rangeText as range, type FirewallPolicy, type PolicyRule } from '../../policy/rule.ts';
import { commentText, family, moduleIdentifiers, reasonText } from './names.ts';

/** nftables keeps 128 bytes of a comment. */
const commentBytes = 128;

/** Rules need every address: the caller checks that with `addressProblems` first. */
function address(value: string | undefined): string {
  if (value === undefined) throw new Error('a module or NIO without an address reached the nftables renderer');
  return value;
}

interface AddressSet {
  name: string;
  address: string;
  comment: string;
}

function ruleLine(rule: PolicyRule, sets: (rule: PolicyRule) => AddressSet | undefined): string {
  const parts: string[] = [];
  const peer = sets(rule);
  if (peer) parts.push(`${family(peer.address)} ${rule.direction === 'in' ? 'saddr' : 'daddr'} @${peer.name}`);
  if (rule.protocol !== 'any') {
    if (rule.sourcePorts) parts.push(`${rule.protocol} sport ${range(rule.sourcePorts)}`);
    parts.push(`${rule.protocol} dport ${range(rule.ports)}`);
  }
  parts.push(rule.action === 'allow' ? 'accept' : 'drop');
  parts.push(`comment "${commentText(reasonText(rule), commentBytes)}"`);
  return `    ${parts.join(' ')}`;
}

/**
 * One file for `nft -f`: a table of its own, a named set for each module's address and each NIO's, a chain per
 * module and direction, and a forward chain that sends each module's traffic to its chains.
 */
export function formatNftables(policy: FirewallPolicy): string {
  const ids = moduleIdentifiers(policy, 28);
  const sets = new Map<string, AddressSet>();
  const setOf = (name: string, value: string, comment: string) => {
    if (!sets.has(name)) sets.set(name, { name, address: value, comment });
    return sets.get(name)!;
  };
  for (const module of policy.modules) setOf(ids.get(module.name)!, address(module.address), `module ${module.name}`);
  const peerSet = (module: string) => (rule: PolicyRule) => {
    if (rule.peer.kind === 'module') return sets.get(ids.get(rule.peer.name)!);
    if (rule.peer.kind === 'nio')
      return setOf(`${ids.get(module)}_nio`, address(rule.peer.address), `the NIO of module ${module}`);
    return undefined;
  };
  const chains = policy.modules.flatMap((module) => {
    const id = ids.get(module.name)!;
    return (['in', 'out'] as const).map((direction) => [
      `  chain ${id}_${direction} {`,
      `    comment "${commentText(`${direction === 'in' ? 'to' : 'from'} module ${module.name}`, commentBytes)}"`,
      ...module.rules
        .filter((rule) => rule.direction === direction)
        .map((rule) => ruleLine(rule, peerSet(module.name))),
      '  }',
    ]);
  });
  const dispatch = policy.modules.flatMap((module) => {
    const set = sets.get(ids.get(module.name)!)!;
    return [
      `    ${family(set.address)} daddr @${set.name} jump ${set.name}_in`,
      `    ${family(set.address)} saddr @${set.name} jump ${set.name}_out`,
    ];
  });
  return [
    '#!/usr/sbin/nft -f',
    "# The firewall policy vos-audit derived from the modules' configuration: every rule says why in its comment.",
    '# Check with nft -c -f FILE; load with nft -f FILE (it replaces the table vos_audit and nothing else).',
    'table inet vos_audit',
    'flush table inet vos_audit',
    'table inet vos_audit {',
    ...[...sets.values()].map(
      (set) =>
        `  set ${set.name} { type ${family(set.address) === 'ip6' ? 'ipv6_addr' : 'ipv4_addr'}; comment "${commentText(set.comment, commentBytes)}"; elements = { ${set.address} } }`,
    ),
    ...chains.flat(),
    '  chain forward {',
    '    type filter hook forward priority filter; policy accept;',
    ...dispatch,
    '  }',
    '}',
    '',
  ].join('\n');
}
