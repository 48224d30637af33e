import { rules } from '../rules/registry.ts';
import { docsUrl, rulePage } from './docs-url.ts';
import { fittedLayout, tableLines, type TableColumn, type TableLayout } from './table.ts';
import type { Rule } from '../rules/rule.ts';

export const rulesFormats = ['text', 'json'] as const;
export type RulesFormat = (typeof rulesFormats)[number];

/** The version of the JSON rule list, documented in docs/rules-list.md; it only grows within a version. */
export const rulesListVersion = 1;

function fixable(rule: Rule): string {
  if (rule.fixable) return 'fix';
  return rule.scope === 'module' && rule.suggests ? 'suggestion' : '';
}

function ruleJson(rule: Rule, docsBase: string | undefined) {
  return {
    id: rule.id,
    severity: rule.severity,
    fixable: rule.fixable,
    suggests: rule.suggests ?? false,
    scope: rule.scope,
    summary: rule.docs.summary,
    ...docsUrl(docsBase, rulePage(rule.id)),
  };
}

const columns: TableColumn<Rule>[] = [
  { header: 'RULE', cell: (rule) => rule.id },
  { header: 'SEVERITY', cell: (rule) => rule.severity },
  { header: 'FIXES', cell: fixable },
  { header: 'CHECKS', cell: (rule) => rule.scope },
  { header: 'SUMMARY', cell: (rule) => rule.docs.summary, long: true, beneath: (value) => value },
];

/** `vos-audit rules`: every rule with its severity, whether it fixes, what it checks and its summary. */
export function formatRules(
  format: RulesFormat = 'text',
  layout: TableLayout = fittedLayout(),
  docsBase?: string,
): string {
  if (format === 'json') {
    const list = rules.map((rule) => ruleJson(rule, docsBase));
    return `${JSON.stringify({ version: rulesListVersion, rules: list }, null, 2)}\n`;
  }
  return `${tableLines(columns, rules, layout).join('\n')}\n`;
}
