import {
  groupAddresses,
  peerText,
  rangeText,
  type FirewallPolicy,
  type ModulePolicy,
  type PolicyRule,
} from '../../policy/rule.ts';
import { alignColumns } from '../columns.ts';
import { csvText } from '../csv-cell.ts';
import { printable } from '../printable.ts';
import { reasonText } from './names.ts';

/** A rule as the JSON schema (docs/firewall.schema.json) gives it; a field that does not apply is left out. */
function jsonRule(rule: PolicyRule) {
  return {
    direction: rule.direction,
    action: rule.action,
    protocol: rule.protocol,
    ports: rule.ports,
    icmpTypes: rule.icmpTypes,
    sourcePorts: rule.sourcePorts,
    peer: peerText(rule.peer),
    reason: rule.reason,
    evidence: rule.evidence,
    reply: rule.reply,
    condition: rule.condition,
  };
}

export function formatFirewallJson(policy: FirewallPolicy): string {
  const modules = policy.modules.map((module) => ({
    name: module.name,
    address: module.addresses[0] ?? null,
    addresses: module.addresses,
    rules: module.rules.map(jsonRule),
  }));
  const groups = policy.groups.map((group) => ({
    name: group.name,
    what: group.what,
    modules: group.modules,
    addresses: groupAddresses(policy, group),
  }));
  const { stateful, leftOut, notes } = policy;
  return `${JSON.stringify({ version: 1, stateful, modules, groups, leftOut, notes }, null, 2)}\n`;
}

const csvHeader = [
  'module',
  'address',
  'direction',
  'action',
  'protocol',
  'ports',
  'source_ports',
  'peer',
  'reason',
  'evidence',
  'condition',
];

export function formatFirewallCsv(policy: FirewallPolicy): string {
  const rows = policy.modules.flatMap((module) =>
    module.rules.map((rule) => [
      module.name,
      module.addresses.join(' '),
      rule.direction,
      rule.action,
      rule.protocol,
      matchText(rule),
      rule.sourcePorts ? rangeText(rule.sourcePorts) : '',
      peerText(rule.peer),
      rule.reason,
      rule.evidence.join(' '),
      rule.condition ?? '',
    ]),
  );
  return csvText([csvHeader, ...rows]);
}

/** What a rule matches beyond its protocol: tcp and udp ports, ICMP messages, or everything. */
function matchText(rule: PolicyRule): string {
  if (rule.protocol === 'tcp' || rule.protocol === 'udp') return rangeText(rule.ports);
  return rule.icmpTypes ? rule.icmpTypes.join(',') : 'all';
}

const header = ['#', 'DIR', 'ACTION', 'PROTO', 'PORTS', 'FROM PORTS', 'PEER', 'REASON', 'EVIDENCE'];

function tableModule(module: ModulePolicy): string {
  const rows = module.rules.map((rule, i) => [
    String(i + 1),
    rule.direction,
    rule.action,
    rule.protocol,
    matchText(rule),
    rule.sourcePorts ? rangeText(rule.sourcePorts) : '',
    peerText(rule.peer),
    reasonText(rule),
    rule.evidence.join(', '),
  ]);
  const addresses =
    module.addresses.length > 0
      ? ` (${module.addresses.join(', ')})`
      : ' (no address: set "address" to load this into a firewall)';
  const title = `module ${module.name}${addresses}`;
  return [printable(title), '', ...alignColumns([header, ...rows].map((cells) => cells.map(printable)))].join('\n');
}

/** The policy as a person reads it: per module, the rules in the order they apply. */
export function formatFirewallTable(policy: FirewallPolicy): string {
  return `${policy.modules.map(tableModule).join('\n\n')}\n`;
}
