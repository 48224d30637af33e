import { rules } from '../rules/registry.ts';
import type { Rule } from '../rules/rule.ts';

function fixable(rule: Rule): string {
  if (rule.fixable) return 'fix';
  return rule.scope === 'module' && rule.suggests ? 'suggestion' : '';
}

/** `vos-audit rules`: every rule with its severity, whether it fixes, what it checks and its summary. */
export function formatRules(): string {
  const rows = [['RULE', 'SEVERITY', 'FIXES', 'CHECKS', 'SUMMARY'], ...rules.map((rule) => [rule.id, rule.severity, fixable(rule), rule.scope, rule.docs.summary])];
  const widths = rows[0]!.map((_, column) => rows.reduce((width, row) => Math.max(width, row[column]!.length), 0));
  return `${rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n')}\n`;
}
