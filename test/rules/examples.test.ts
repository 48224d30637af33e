import { describe, expect, it } from 'vitest';
import { auditModule } from '../../src/engine/audit.ts';
import { kindByName } from '../../src/languages/registry.ts';
import { exampleInput, exampleOutput, namesFiles } from '../../src/rules/support/examples.ts';
import { rules } from '../../src/rules/registry.ts';
import type { Rule, RuleExample } from '../../src/rules/rule.ts';
import { exampleSettings } from '../support/audit.ts';
import { sourceOf } from '../support/sources.ts';

function runExample(rule: Rule, example: RuleExample, fix: boolean) {
  const files = Object.entries(exampleInput(rule, example)).map(([name, text]) => ({
    source: sourceOf(text, name),
    kind: kindByName(name)!,
  }));
  return auditModule(
    { name: 'example', files, settings: exampleSettings(example) },
    { fix, suggestions: fix, rules: [rule] },
  );
}

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  it('has examples, and a fixed output in an example exactly when it changes files', () => {
    expect(rule.examples.length).toBeGreaterThan(0);
    const changes = rule.fixable || (rule.scope === 'module' && rule.suggests === true);
    expect(rule.examples.some((example) => example.output !== undefined)).toBe(changes);
    expect(rule.examples.some((example) => example.messages.length > 0)).toBe(true);
  });

  it.each(rule.examples.map((example) => [example.title, example] as const))('example: %s', (_title, example) => {
    const found = runExample(rule, example, false);
    const messages = found.files.flatMap((file) => file.messages);
    const prefix = (file: string) => (namesFiles(example) ? `${file}:` : '');
    expect(messages.map((m) => `${prefix(m.file)}${m.place.start.line}:${m.place.start.column} ${m.reason}`)).toEqual(
      example.messages,
    );
    expect(messages.every((m) => m.ruleId === rule.id && m.severity === rule.severity)).toBe(true);

    const fixed = runExample(rule, example, true);
    expect(Object.fromEntries(fixed.files.map((file) => [file.source.path, file.output]))).toEqual(
      exampleOutput(rule, example),
    );
  });
});
