import { languageOf } from '../../languages/registry.ts';
import { languageRead, type Rule, type RuleExample } from '../rule.ts';

function named(rule: Rule, files: string | Record<string, string>): Record<string, string> {
  if (typeof files !== 'string') return files;
  const kind = languageRead(rule);
  if (kind === undefined) throw new Error(`rule ${rule.id}: a module rule's example must name its files`);
  return { [languageOf(kind).exampleName]: files };
}

/** An example's input files by name. */
export function exampleInput(rule: Rule, example: RuleExample): Record<string, string> {
  return named(rule, example.input);
}

/** An example's files after the fix: the output where given, the input for the files it does not change. */
export function exampleOutput(rule: Rule, example: RuleExample): Record<string, string> {
  return { ...exampleInput(rule, example), ...(example.output === undefined ? {} : named(rule, example.output)) };
}

/** Whether an example's messages name their file (`file:line:col reason`): when its files are named. */
export function namesFiles(example: RuleExample): boolean {
  return typeof example.input !== 'string';
}
