import type { Rule, RuleExample } from '../rules/rule.ts';

function fence(text: string, info = ''): string {
  return `\`\`\`${info}\n${text.endsWith('\n') ? text : `${text}\n`}\`\`\``;
}

function optionsLine(example: RuleExample): string {
  const flags = [example.options?.release && `--release ${example.options.release}`, example.options?.nio && '--nio'].filter(Boolean);
  return flags.length > 0 ? `With \`${flags.join(' ')}\`:\n\n` : '';
}

function examplePage(rule: Rule, example: RuleExample): string {
  const parts = [`### ${example.title}`, `${optionsLine(example)}${fence(example.input, 'inetd')}`];
  parts.push(
    example.messages.length === 0
      ? 'No findings.'
      : `Findings:\n\n${fence(example.messages.map((m) => m.replace(/^(\S+) /, `$1 ${rule.severity} `)).join('\n'))}`,
  );
  if (example.output !== undefined) parts.push(`After \`vos-audit --fix\`:\n\n${fence(example.output, 'inetd')}`);
  return parts.join('\n\n');
}

/** The documentation page of a rule, built from the rule's own text and examples (docs/rules/<id>.md). */
export function renderRulePage(rule: Rule): string {
  const sections = [
    `# ${rule.id}`,
    `${rule.docs.summary}.`,
    `- Severity: ${rule.severity}\n- Fixable: ${rule.fixable ? 'yes, with `--fix` or `--diff`' : 'no'}\n- Checks: inetd.conf`,
    `## Why\n\n${rule.docs.rationale}`,
  ];
  if (rule.docs.fix !== undefined) sections.push(`## The fix\n\n${rule.docs.fix}`);
  sections.push(`## Examples\n\n${rule.examples.map((example) => examplePage(rule, example)).join('\n\n')}`);
  return `<!-- Generated from src/rules/${rule.id}.ts by \`npm run docs\`; edit the rule, not this page. -->\n\n${sections.join('\n\n')}\n`;
}
