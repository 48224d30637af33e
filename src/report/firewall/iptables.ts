import type { FirewallPolicy, Peer, PolicyRule, PortRange } from '../../policy/rule.ts';
import { commentText, moduleIdentifiers, reasonText } from './names.ts';

/** The comment match keeps 256 bytes. */
const commentBytes = 256;

function range([first, last]: PortRange): string {
  return first === last ? String(first) : `${first}:${last}`;
}

function peerAddress(peer: Peer): string | undefined {
  if (peer.kind === 'any') return undefined;
  if (peer.address === undefined) throw new Error('a module or NIO without an address reached the iptables renderer');
  return peer.address;
}

function ruleLine(chain: string, rule: PolicyRule): string {
  const parts = [`-A ${chain}`];
  const peer = peerAddress(rule.peer);
  if (peer) parts.push(`${rule.direction === 'in' ? '-s' : '-d'} ${peer}/32`);
  if (rule.protocol !== 'any') {
    parts.push(`-p ${rule.protocol} -m ${rule.protocol}`);
    if (rule.sourcePorts) parts.push(`--sport ${range(rule.sourcePorts)}`);
    parts.push(`--dport ${range(rule.ports)}`);
  }
  parts.push(`-m comment --comment "${commentText(reasonText(rule), commentBytes)}"`);
  parts.push(`-j ${rule.action === 'allow' ? 'ACCEPT' : 'DROP'}`);
  return parts.join(' ');
}

/**
 * Input for `iptables-restore` (IPv4): the filter table, a chain per module and direction, and FORWARD rules that
 * send each module's traffic to its chains. Without --noflush, iptables-restore replaces the whole filter table.
 */
export function formatIptables(policy: FirewallPolicy): string {
  const ids = moduleIdentifiers(policy, 24);
  const chains = policy.modules.flatMap((module) => {
    const id = ids.get(module.name)!;
    return (['in', 'out'] as const).map((direction) => ({ module, direction, chain: `${id}-${direction}` }));
  });
  return [
    "# The firewall policy vos-audit derived from the modules' configuration: every rule says why in its comment.",
    '# Check with iptables-restore --test < FILE.',
    '*filter',
    ...chains.map(({ chain }) => `:${chain} - [0:0]`),
    ...policy.modules.flatMap((module) => {
      const id = ids.get(module.name)!;
      return [`-A FORWARD -d ${module.address}/32 -j ${id}-in`, `-A FORWARD -s ${module.address}/32 -j ${id}-out`];
    }),
    ...chains.flatMap(({ module, direction, chain }) =>
      module.rules.filter((rule) => rule.direction === direction).map((rule) => ruleLine(chain, rule)),
    ),
    'COMMIT',
    '',
  ].join('\n');
}
