import { describe, expect, it } from 'vitest';
import { auditSource } from '../src/engine.ts';
import { rules } from '../src/rules/registry.ts';
import { exampleOptions, sourceOf } from './helpers.ts';

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  it('has examples, and a fixed output in an example exactly when it is fixable', () => {
    expect(rule.examples.length).toBeGreaterThan(0);
    expect(rule.examples.some((example) => example.output !== undefined)).toBe(rule.fixable);
    expect(rule.examples.some((example) => example.messages.length > 0)).toBe(true);
  });

  it.each(rule.examples.map((example) => [example.title, example] as const))('example: %s', (_title, example) => {
    const options = exampleOptions(example);
    const found = auditSource(sourceOf(example.input), { options, fix: false, rules: [rule] });
    expect(found.messages.map((m) => `${m.place.start.line}:${m.place.start.column} ${m.reason}`)).toEqual(example.messages);
    expect(found.messages.every((m) => m.ruleId === rule.id && m.severity === rule.severity)).toBe(true);

    const fixed = auditSource(sourceOf(example.input), { options, fix: true, rules: [rule] });
    expect(fixed.output).toBe(example.output ?? example.input);
  });
});
