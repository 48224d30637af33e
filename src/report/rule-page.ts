import { exampleInput, exampleOutput } from '../rules/support/examples.ts';
import { languageRead, type Rule, type RuleExample } from '../rules/rule.ts';
import { kindByName, languageOf } from '../languages/registry.ts';
import type { VerifyCheck } from '../scan/verify-checks.ts';

function fence(text: string, info = ''): string {
  return `\`\`\`${info}\n${text.endsWith('\n') ? text : `${text}\n`}\`\`\``;
}

function optionsLine(example: RuleExample): string {
  const flags = [
    example.options?.release && `--release ${example.options.release}`,
    example.options?.nio && '--nio',
    example.options?.products && `--products ${example.options.products.join(',')}`,
    example.options?.nioAddress && `--nio-address ${example.options.nioAddress.join(',')}`,
  ].filter(Boolean);
  return flags.length > 0 ? `With \`${flags.join(' ')}\`:\n\n` : '';
}

function files(texts: Record<string, string>): string {
  const entries = Object.entries(texts);
  return entries
    .map(
      ([name, text]) =>
        `${entries.length > 1 ? `\`${name}\`:\n\n` : ''}${fence(text, languageOf(kindByName(name) ?? 'services').fence)}`,
    )
    .join('\n\n');
}

function examplePage(rule: Rule, example: RuleExample): string {
  const parts = [`### ${example.title}`, `${optionsLine(example)}${files(exampleInput(rule, example))}`];
  parts.push(
    example.messages.length === 0
      ? 'No findings.'
      : `Findings:\n\n${fence(example.messages.map((m) => m.replace(/^(\S+) /, `$1 ${rule.severity} `)).join('\n'))}`,
  );
  if (example.output !== undefined) {
    const flags = rule.suggests ? '--fix --suggestions' : '--fix';
    const input = exampleInput(rule, example);
    const changed = Object.fromEntries(
      Object.entries(exampleOutput(rule, example)).filter(([name, text]) => input[name] !== text),
    );
    parts.push(`After \`vos-audit ${flags}\`:\n\n${files(changed)}`);
  }
  return parts.join('\n\n');
}

function checks(rule: Rule): string {
  const kind = languageRead(rule);
  return kind === undefined
    ? 'the module as a whole: its live-port model, built from all of its files'
    : languageOf(kind).title;
}

function fixability(rule: Rule): string {
  if (rule.fixable) return 'yes, with `--fix` or `--diff`';
  if (rule.suggests) return 'suggestions only, applied with `--fix --suggestions` or shown with `--diff --suggestions`';
  return 'no';
}

/** The documentation page of a rule, built from the rule's own text and examples, as `vos-audit explain` prints it. */
export function renderRulePage(rule: Rule): string {
  const sections = [
    `# ${rule.id}`,
    `${rule.docs.summary}.`,
    `- Severity: ${rule.severity}\n- Fixable: ${fixability(rule)}\n- Checks: ${checks(rule)}`,
    `## Why\n\n${rule.docs.rationale}`,
  ];
  if (rule.docs.fix !== undefined) sections.push(`## The fix\n\n${rule.docs.fix}`);
  sections.push(`## Examples\n\n${rule.examples.map((example) => examplePage(rule, example)).join('\n\n')}`);
  return `${sections.join('\n\n')}\n`;
}

/** The page as committed in docs/rules/<id>.md: the rule's page under a note that it is generated. */
export function renderRuleFile(rule: Rule): string {
  return `<!-- Generated from src/rules/${rule.id}.ts by \`npm run docs\`; edit the rule, not this page. -->\n\n${renderRulePage(rule)}`;
}

/** The page of one of `verify`'s verdicts, as `vos-audit explain` prints it: docs/verify.md tells the whole story. */
export function renderVerifyCheckPage(check: VerifyCheck): string {
  const sections = [
    `# ${check.id}`,
    `${check.summary[0]!.toUpperCase()}${check.summary.slice(1)}.`,
    `- Severity: ${check.severity}\n- Fixable: no\n- Checks: an nmap scan against the module's model, with \`vos-audit verify\` (docs/verify.md)`,
    `## Why\n\n${check.rationale}`,
  ];
  return `${sections.join('\n\n')}\n`;
}
