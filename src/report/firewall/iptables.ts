import { groupAddresses, type FirewallPolicy, type PolicyRule, type PortRange } from '../../policy/rule.ts';
import { commentText, moduleIdentifiers, Names, reasonText } from './names.ts';

/** The comment match keeps 256 bytes. */
const commentBytes = 256;
/** iptables takes chain names of at most 28 characters. */
const chainLength = 28;

function range([first, last]: PortRange): string {
  return first === last ? String(first) : `${first}:${last}`;
}

function comment(text: string): string {
  return `-m comment --comment "${commentText(text, commentBytes)}"`;
}

function verdict(rule: PolicyRule): string {
  return `-j ${rule.action === 'allow' ? 'ACCEPT' : 'DROP'}`;
}

/**
 * A rule whose peer is a group jumps to a chain of the group's addresses, one rule each, that decides for a
 * member and returns otherwise: each group's addresses are written once for a side and verdict, however many
 * modules' rules name it, so the file grows with the modules.
 */
class GroupChains {
  readonly declared: string[] = [];
  readonly lines: string[] = [];
  private readonly chains = new Map<string, string>();

  constructor(
    private readonly policy: FirewallPolicy,
    private readonly names: Names,
  ) {}

  of(rule: PolicyRule, group: string): string {
    const side = rule.direction === 'in' ? 's' : 'd';
    const key = `${group}\u0000${side}\u0000${rule.action}`;
    let chain = this.chains.get(key);
    if (chain === undefined) {
      const found = this.policy.groups.find((g) => g.name === group)!;
      chain = this.names.claim(`${found.stem}_${side}${rule.action === 'allow' ? '' : '_drop'}`);
      this.chains.set(key, chain);
      this.declared.push(chain);
      const addresses = groupAddresses(this.policy, found);
      if (addresses.length === 0) throw new Error('a group without an address reached the iptables renderer');
      for (const address of addresses)
        this.lines.push(`-A ${chain} -${side} ${address}/32 ${comment(found.what)} ${verdict(rule)}`);
    }
    return chain;
  }
}

function ruleLine(chain: string, rule: PolicyRule, groups: GroupChains): string {
  const parts = [`-A ${chain}`];
  if (rule.protocol !== 'any') {
    parts.push(`-p ${rule.protocol} -m ${rule.protocol}`);
    if (rule.sourcePorts) parts.push(`--sport ${range(rule.sourcePorts)}`);
    parts.push(`--dport ${range(rule.ports)}`);
  }
  parts.push(comment(reasonText(rule)));
  parts.push(rule.peer.kind === 'group' ? `-j ${groups.of(rule, rule.peer.group)}` : verdict(rule));
  return parts.join(' ');
}

/**
 * Input for `iptables-restore` (IPv4): the filter table, a chain per module and direction, a chain per group of
 * peers, and FORWARD rules that send each module's traffic to its chains. Without --noflush, iptables-restore
 * replaces the whole filter table. Rules need every address: the caller checks that with `addressProblems` first.
 */
export function formatIptables(policy: FirewallPolicy): string {
  const names = new Names(chainLength);
  const ids = moduleIdentifiers(policy, names, ['-in', '-out']);
  const groups = new GroupChains(policy, names);
  const chains = policy.modules.flatMap((module) => {
    const id = ids.get(module.name)!;
    return (['in', 'out'] as const).map((direction) => ({ module, direction, chain: `${id}-${direction}` }));
  });
  const rules = chains.flatMap(({ module, direction, chain }) =>
    module.rules.filter((rule) => rule.direction === direction).map((rule) => ruleLine(chain, rule, groups)),
  );
  return [
    "# The firewall policy vos-audit derived from the modules' configuration: every rule says why in its comment.",
    '# Check with iptables-restore --test < FILE.',
    '*filter',
    ...chains.map(({ chain }) => `:${chain} - [0:0]`),
    ...groups.declared.map((chain) => `:${chain} - [0:0]`),
    ...policy.modules.flatMap((module) => {
      const id = ids.get(module.name)!;
      return [`-A FORWARD -d ${module.address}/32 -j ${id}-in`, `-A FORWARD -s ${module.address}/32 -j ${id}-out`];
    }),
    ...groups.lines,
    ...rules,
    'COMMIT',
    '',
  ].join('\n');
}
