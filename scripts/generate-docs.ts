// Writes what is generated from the registries: docs/rules/<id>.md for every rule, from the rule's own docs and
// examples, and the lists of kinds outside the code (scripts/lib/kind-lists.ts). test/rules/docs.test.ts and
// test/languages/lists.test.ts check they are up to date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderRuleFile } from '../src/report/rule-page.ts';
import { rules } from '../src/rules/registry.ts';
import { commandLine } from './lib/command-line.mjs';
import { fileKindsSchema, fileKindsSchemaPath, hooksPath, withHooksPattern } from './lib/kind-lists.ts';

commandLine({
  usage: 'usage: npx tsx scripts/generate-docs.ts   (npm run docs)',
  about: `Writes docs/rules/<id>.md for every rule, ${fileKindsSchemaPath} and the \`files:\` patterns of ${hooksPath}.`,
});

mkdirSync('docs/rules', { recursive: true });
for (const rule of rules) writeFileSync(`docs/rules/${rule.id}.md`, renderRuleFile(rule));
writeFileSync(fileKindsSchemaPath, fileKindsSchema());
writeFileSync(hooksPath, withHooksPattern(readFileSync(hooksPath, 'utf8')));
console.log(`wrote ${rules.length} pages to docs/rules/, ${fileKindsSchemaPath} and ${hooksPath}`);
