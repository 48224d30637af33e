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
    sourcePorts: rule.sourcePorts,
    peer: peerText(rule.peer),
    reason: rule.reason,
    evidence: rule.evidence,
    condition: rule.condition,
  };
}

export function formatFirewallJson(policy: FirewallPolicy): string {
  const modules = policy.modules.map((module) => ({
    name: module.name,
    address: module.address ?? null,
    rules: module.rules.map(jsonRule),
  }));
  const groups = policy.groups.map((group) => ({
    name: group.name,
    what: group.what,
    modules: group.modules,
    addresses: groupAddresses(policy, group),
  }));
  return `${JSON.stringify({ version: 1, modules, groups, leftOut: policy.leftOut, notes: policy.notes }, null, 2)}\n`;
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
      module.address ?? '',
      rule.direction,
      rule.action,
      rule.protocol,
      rangeText(rule.ports),
      rule.sourcePorts ? rangeText(rule.sourcePorts) : '',
      peerText(rule.peer),
      rule.reason,
      rule.evidence.join(' '),
      rule.condition ?? '',
    ]),
  );
  return csvText([csvHeader, ...rows]);
}

const header = ['#', 'DIR', 'ACTION', 'PROTO', 'PORTS', 'FROM PORTS', 'PEER', 'REASON', 'EVIDENCE'];

function tableModule(module: ModulePolicy): string {
  const rows = module.rules.map((rule, i) => [
    String(i + 1),
    rule.direction,
    rule.action,
    rule.protocol,
    rule.protocol === 'any' ? 'all' : rangeText(rule.ports),
    rule.sourcePorts ? rangeText(rule.sourcePorts) : '',
    peerText(rule.peer),
    reasonText(rule),
    rule.evidence.join(', '),
  ]);
  const title = `module ${module.name}${module.address ? ` (${module.address})` : ' (no address: set "address" to load this into a firewall)'}`;
  return [printable(title), '', ...alignColumns([header, ...rows].map((cells) => cells.map(printable)))].join('\n');
}

/** The policy as a person reads it: per module, the rules in the order they apply. */
export function formatFirewallTable(policy: FirewallPolicy): string {
  return `${policy.modules.map(tableModule).join('\n\n')}\n`;
}
