// Writes docs/rules/<id>.md for every rule from the rule's own docs and examples; test/docs.test.ts checks they
// are up to date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderRuleFile } from '../src/report/rule-page.ts';
import { rules } from '../src/rules/registry.ts';
import { commandLine } from './lib/command-line.mjs';

commandLine({
  usage: 'usage: npx tsx scripts/generate-rule-docs.ts   (npm run docs)',
  about: 'Writes docs/rules/<id>.md for every rule.',
});

mkdirSync('docs/rules', { recursive: true });
for (const rule of rules) writeFileSync(`docs/rules/${rule.id}.md`, renderRuleFile(rule));
console.log(`wrote ${rules.length} pages to docs/rules/`);
