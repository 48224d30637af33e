import type { ModulePolicyChange } from '../../policy/policy-change.ts';
import { peerText, rangeText, type PolicyRule } from '../../policy/rule.ts';
import { alignColumns } from '../columns.ts';
import type { ComparedSides } from '../exposure-change.ts';
import { printable } from '../printable.ts';
import { reasonText } from './names.ts';
import { jsonRule, matchText } from './tables.ts';

export const policyChangeFormats = ['table', 'json'] as const;

function cells(sign: '+' | '-', rule: PolicyRule): string[] {
  return [
    sign,
    rule.direction,
    rule.action,
    rule.protocol,
    matchText(rule),
    rule.sourcePorts ? `from ${rangeText(rule.sourcePorts)}` : '',
    peerText(rule.peer),
    reasonText(rule),
    rule.evidence.join(', '),
  ];
}

const count = (changes: readonly ModulePolicyChange[], side: 'added' | 'removed') =>
  changes.reduce((sum, change) => sum + change[side].length, 0);

/** `2 rules added, 1 removed`, or that the policy is the same. */
function summary(changes: readonly ModulePolicyChange[]): string {
  const added = count(changes, 'added');
  const removed = count(changes, 'removed');
  if (changes.length === 0) return 'no change of the firewall policy';
  return `${added} ${added === 1 ? 'rule' : 'rules'} added, ${removed} removed`;
}

/** The rules added and removed, a block a module, the rules aligned as the policy's table aligns them. */
export function formatPolicyChangeTable(changes: readonly ModulePolicyChange[], sides: ComparedSides): string {
  const lines = [`firewall policy change from ${sides.before.name} to ${sides.after.name}`];
  for (const change of changes) {
    lines.push('', `module ${change.name}${change.from ? ` (renamed from ${change.from})` : ''}`);
    const rows = [...change.added.map((rule) => cells('+', rule)), ...change.removed.map((rule) => cells('-', rule))];
    lines.push(...alignColumns(rows.map((row) => row.map(printable))).map((line) => `  ${line}`));
  }
  lines.push('', summary(changes));
  return `${lines.map(printable).join('\n')}\n`;
}

export function formatPolicyChangeJson(
  changes: readonly ModulePolicyChange[],
  sides: ComparedSides,
  toolVersion: string,
): string {
  const modules = changes.map((change) => ({
    name: change.name,
    ...(change.from !== undefined && { from: change.from }),
    added: change.added.map(jsonRule),
    removed: change.removed.map(jsonRule),
  }));
  const report = {
    version: 1,
    tool: { name: 'vos-audit', version: toolVersion },
    before: sides.before,
    after: sides.after,
    modules,
    summary: { added: count(changes, 'added'), removed: count(changes, 'removed') },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
