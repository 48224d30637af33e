import { addressFamily, type AddressFamily } from '../../policy/addresses.ts';
import {
  groupAddresses,
  type FirewallPolicy,
  type IcmpType,
  type PolicyRule,
  type PortRange,
} from '../../policy/rule.ts';
import { forwardHeader } from './header.ts';
import { asNetwork, commentText, moduleIdentifiers, Names, reasonText } from './names.ts';

/** The comment match keeps 256 bytes. */
const commentBytes = 256;
/** iptables takes chain names of at most 28 characters. */
const chainLength = 28;

const tools = {
  IPv4: { tool: 'iptables', prefix: 32, icmp: '-p icmp -m icmp --icmp-type', other: 'IPv6', otherFile: 'rules.v6' },
  IPv6: {
    tool: 'ip6tables',
    prefix: 128,
    icmp: '-p ipv6-icmp -m icmp6 --icmpv6-type',
    other: 'IPv4',
    otherFile: 'rules.v4',
  },
} as const;

function range([first, last]: PortRange): string {
  return first === last ? String(first) : `${first}:${last}`;
}

function comment(text: string): string {
  return `-m comment --comment "${commentText(text, commentBytes)}"`;
}

/** In a module's chain an allow returns, so that the other end of the connection decides as well; a deny drops. */
function verdict(rule: PolicyRule): string {
  return `-j ${rule.action === 'allow' ? 'RETURN' : 'DROP'}`;
}

/** Whether some packet matches both rules, by protocol and ports. */
function overlaps(a: PolicyRule, b: PolicyRule): boolean {
  if (a.protocol !== b.protocol && a.protocol !== 'any' && b.protocol !== 'any') return false;
  const meet = (x: PortRange | undefined, y: PortRange | undefined) => !x || !y || (x[0] <= y[1] && y[0] <= x[1]);
  return meet(a.ports, b.ports) && meet(a.sourcePorts, b.sourcePorts);
}

/**
 * A rule whose peer is a group names a chain of the group's addresses, one rule each, so that each group's
 * addresses are written once for a side and verdict, however many modules' rules name it, and the file grows with
 * the modules. An allow goes (`-g`) to the chain, which returns to FORWARD for a member and drops the rest: right
 * when no later allow of the module's chain could match what it drops, which `ruleLines` checks. A deny jumps to a
 * chain that drops a member and returns the rest to the module's chain.
 */
class GroupChains {
  readonly declared: string[] = [];
  readonly lines: string[] = [];
  private readonly chains = new Map<string, string>();

  constructor(
    private readonly policy: FirewallPolicy,
    private readonly names: Names,
    private readonly family: AddressFamily,
  ) {}

  addresses(group: string): string[] {
    const found = this.policy.groups.find((g) => g.name === group)!;
    return groupAddresses(this.policy, found).filter((address) => addressFamily(address) === this.family);
  }

  of(rule: PolicyRule, group: string): string {
    const side = rule.direction === 'in' ? 's' : 'd';
    const key = `${group}\u0000${side}\u0000${rule.action}`;
    let chain = this.chains.get(key);
    if (chain === undefined) {
      const found = this.policy.groups.find((g) => g.name === group)!;
      chain = this.names.claim(`${found.stem}_${side}${rule.action === 'allow' ? '' : '_drop'}`);
      this.chains.set(key, chain);
      this.declared.push(chain);
      const member = rule.action === 'allow' ? '-j RETURN' : '-j DROP';
      for (const address of this.addresses(group))
        this.lines.push(`-A ${chain} -${side} ${asNetwork(address)} ${comment(found.what)} ${member}`);
      if (rule.action === 'allow') this.lines.push(`-A ${chain} ${comment(`not ${found.what}`)} -j DROP`);
    }
    return chain;
  }
}

function matches(rule: PolicyRule, family: AddressFamily): string[] {
  if (rule.protocol === 'icmp') {
    const types = (rule.icmpTypes ?? []).filter((type: IcmpType) => family === 'IPv6' || type !== 'packet-too-big');
    return types.map((type) => `${tools[family].icmp} ${type}`);
  }
  if (rule.protocol === 'esp') return ['-p esp'];
  if (rule.protocol === 'any') return [''];
  const ports = rule.sourcePorts ? `--sport ${range(rule.sourcePorts)} ` : '';
  return [`-p ${rule.protocol} -m ${rule.protocol} ${ports}--dport ${range(rule.ports)}`];
}

/** A module chain's rules, each written once for each ICMP message it names, none when its group has no address here. */
function ruleLines(chain: string, rules: readonly PolicyRule[], groups: GroupChains, family: AddressFamily): string[] {
  return rules.flatMap((rule, n) => {
    let target = verdict(rule);
    const peers = rule.peer.kind === 'group' ? groups.addresses(rule.peer.group) : [];
    if (rule.peer.kind === 'group') {
      if (peers.length === 0) return [];
      const later = rules.slice(n + 1).some((next) => next.action === 'allow' && overlaps(rule, next));
      // A later allow could match what the group's chain drops: name the addresses here instead.
      if (rule.action === 'allow' && later) {
        const side = rule.direction === 'in' ? '-s' : '-d';
        return peers.flatMap((address) =>
          matches(rule, family).map((match) =>
            [`-A ${chain} ${side} ${asNetwork(address)}`, match, comment(reasonText(rule)), target]
              .filter(Boolean)
              .join(' '),
          ),
        );
      }
      target =
        rule.action === 'allow' ? `-g ${groups.of(rule, rule.peer.group)}` : `-j ${groups.of(rule, rule.peer.group)}`;
    }
    return matches(rule, family).map((match) =>
      [`-A ${chain}`, match, comment(reasonText(rule)), target].filter(Boolean).join(' '),
    );
  });
}

/**
 * Input for `iptables-restore` (IPv4) or `ip6tables-restore` (IPv6): the filter table, a chain per module and
 * direction, a chain per group of peers, and FORWARD: stateful, tracked connections first; then each module's
 * traffic through its chains (the source's `out`, then the destination's `in`), which return what they allow and
 * drop the rest; what came through is accepted, and FORWARD's policy drops what is to or from no module. Only the
 * addresses of the file's family are written; a module without one has no chains here. Without --noflush,
 * iptables-restore replaces the whole filter table. Rules need every address: the caller checks that with
 * `addressProblems` first.
 */
export function formatIptables(policy: FirewallPolicy, family: AddressFamily): string {
  const names = new Names(chainLength);
  const { tool, prefix, other, otherFile } = tools[family];
  const ids = moduleIdentifiers(policy, names, ['-in', '-out']);
  const groups = new GroupChains(policy, names, family);
  const present = policy.modules
    .map((module) => ({
      module,
      id: ids.get(module.name)!,
      addresses: module.addresses.filter((address) => addressFamily(address) === family),
    }))
    .filter(({ addresses }) => addresses.length > 0);
  const rules = present.flatMap(({ module, id }) =>
    (['in', 'out'] as const).flatMap((direction) =>
      ruleLines(
        `${id}-${direction}`,
        module.rules.filter((rule) => rule.direction === direction),
        groups,
        family,
      ),
    ),
  );
  const forward = (side: '-s' | '-d', target: (id: string) => string) =>
    present.flatMap(({ id, addresses }) => addresses.map((a) => `-A FORWARD ${side} ${a}/${prefix} -j ${target(id)}`));
  const tracked = policy.stateful
    ? [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -m conntrack --ctstate INVALID -j DROP',
      ]
    : [];
  return [
    ...forwardHeader(policy, {
      what: `${tool}-restore input (${family} only)`,
      check: `${tool}-restore --test < FILE`,
      load: `${tool}-restore < FILE (replaces the whole filter table)`,
      also: `the ${other} file (${otherFile} with --output, or --format ${family === 'IPv4' ? 'ip6tables' : 'iptables'}), or ${other} is not filtered`,
    }),
    '*filter',
    ':FORWARD DROP [0:0]',
    ...present.flatMap(({ id }) => [`:${id}-in - [0:0]`, `:${id}-out - [0:0]`]),
    ...groups.declared.map((chain) => `:${chain} - [0:0]`),
    ...tracked,
    ...forward('-s', (id) => `${id}-out`),
    ...forward('-d', (id) => `${id}-in`),
    ...forward('-s', () => 'ACCEPT'),
    ...forward('-d', () => 'ACCEPT'),
    ...groups.lines,
    ...rules,
    'COMMIT',
    '',
  ].join('\n');
}
