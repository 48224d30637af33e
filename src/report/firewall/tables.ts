import {
  groupAddresses,
  noteText,
  peerText,
  rangeText,
  type FirewallPolicy,
  type ModulePolicy,
  type PolicyRule,
} from '../../policy/rule.ts';
import { csvText } from '../csv-cell.ts';
import { printable } from '../printable.ts';
import { fittedLayout, proseLines, tableLines, type TableColumn, type TableLayout } from '../table.ts';
import { reasonText } from './names.ts';

/** A rule as the JSON schema (docs/firewall.schema.json) gives it; a field that does not apply is left out. */
export function jsonRule(rule: PolicyRule) {
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
  const { stateful, leftOut } = policy;
  const notes = policy.notes.map(noteText);
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
export function matchText(rule: PolicyRule): string {
  if (rule.protocol === 'tcp' || rule.protocol === 'udp') return rangeText(rule.ports);
  return rule.icmpTypes ? rule.icmpTypes.join(',') : 'all';
}

interface NumberedRule {
  number: number;
  rule: PolicyRule;
}

const tableColumns: TableColumn<NumberedRule>[] = [
  { header: '#', cell: ({ number }) => String(number) },
  { header: 'DIR', cell: ({ rule }) => rule.direction },
  { header: 'ACTION', cell: ({ rule }) => rule.action },
  { header: 'PROTO', cell: ({ rule }) => rule.protocol },
  { header: 'PORTS', cell: ({ rule }) => matchText(rule) },
  { header: 'FROM PORTS', cell: ({ rule }) => (rule.sourcePorts ? rangeText(rule.sourcePorts) : ''), yields: 2 },
  { header: 'PEER', cell: ({ rule }) => peerText(rule.peer), yields: 1 },
  { header: 'REASON', cell: ({ rule }) => reasonText(rule), long: true, beneath: (value) => value },
  { header: 'EVIDENCE', cell: ({ rule }) => rule.evidence.join(', '), long: true },
];

function tableModule(module: ModulePolicy, layout: TableLayout): string {
  const addresses =
    module.addresses.length > 0
      ? ` (${module.addresses.join(', ')})`
      : ' (no address: set "address" to load this into a firewall)';
  const title = printable(`module ${module.name}${addresses}`);
  const rules = module.rules.map((rule, i) => ({ number: i + 1, rule }));
  return [...proseLines(title, layout), '', ...tableLines(tableColumns, rules, layout)].join('\n');
}

/** The policy as a person reads it: per module, the rules in the order they apply, fitted to the layout's width. */
export function formatFirewallTable(policy: FirewallPolicy, layout: TableLayout = fittedLayout()): string {
  return `${policy.modules.map((module) => tableModule(module, layout)).join('\n\n')}\n`;
}
