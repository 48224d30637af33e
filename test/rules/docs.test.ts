import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderRuleFile } from '../../src/report/rule-page.ts';
import { rules } from '../../src/rules/registry.ts';

it.each(rules.map((rule) => [rule.id, rule] as const))('docs/rules/%s.md is generated from the rule', (id, rule) => {
  const committed = readFileSync(new URL(`../../docs/rules/${id}.md`, import.meta.url), 'utf8');
  expect(committed === renderRuleFile(rule), `docs/rules/${id}.md is stale: run \`npm run docs\``).toBe(true);
});
