import { rules } from '../rules/registry.ts';
import { alignColumns } from './columns.ts';
import type { Rule } from '../rules/rule.ts';

function fixable(rule: Rule): string {
  if (rule.fixable) return 'fix';
  return rule.scope === 'module' && rule.suggests ? 'suggestion' : '';
}

/** `vos-audit rules`: every rule with its severity, whether it fixes, what it checks and its summary. */
export function formatRules(): string {
  const rows = [['RULE', 'SEVERITY', 'FIXES', 'CHECKS', 'SUMMARY'], ...rules.map((rule) => [rule.id, rule.severity, fixable(rule), rule.scope, rule.docs.summary])];
  return `${alignColumns(rows).join('\n')}\n`;
}
