import { ruleUrl, rules } from '../rules/registry.ts';
import { alignColumns } from './columns.ts';
import type { Rule } from '../rules/rule.ts';

export const rulesFormats = ['text', 'json'] as const;
export type RulesFormat = (typeof rulesFormats)[number];

/** The version of the JSON rule list, documented in docs/rules-list.md; it only grows within a version. */
export const rulesListVersion = 1;

function fixable(rule: Rule): string {
  if (rule.fixable) return 'fix';
  return rule.scope === 'module' && rule.suggests ? 'suggestion' : '';
}

function ruleJson(rule: Rule) {
  return {
    id: rule.id,
    severity: rule.severity,
    fixable: rule.fixable,
    suggests: rule.suggests ?? false,
    scope: rule.scope,
    summary: rule.docs.summary,
    url: ruleUrl(rule),
  };
}

/** `vos-audit rules`: every rule with its severity, whether it fixes, what it checks and its summary. */
export function formatRules(format: RulesFormat = 'text'): string {
  if (format === 'json')
    return `${JSON.stringify({ version: rulesListVersion, rules: rules.map(ruleJson) }, null, 2)}\n`;
  const rows = [
    ['RULE', 'SEVERITY', 'FIXES', 'CHECKS', 'SUMMARY'],
    ...rules.map((rule) => [rule.id, rule.severity, fixable(rule), rule.scope, rule.docs.summary]),
  ];
  return `${alignColumns(rows).join('\n')}\n`;
}
