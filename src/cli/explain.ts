import { renderRulePage } from '../report/rule-page.ts';
import { printable } from '../report/printable.ts';
import { renderMarkdownForTerminal } from '../report/terminal-markdown.ts';
import { ruleIds, rules } from '../rules/registry.ts';
import { nearest } from '../util/nearest.ts';
import type { RunOutcome } from './run.ts';

export const explainFormats = ['text', 'markdown'] as const;
export type ExplainFormat = (typeof explainFormats)[number];

/**
 * `vos-audit explain <rule-id>`: the rule's page, rendered for a terminal or as its Markdown source, or the rules the
 * user may have meant.
 */
export function explain(id: string, format: ExplainFormat = 'text', color = false): RunOutcome {
  const rule = rules.find((candidate) => candidate.id === id);
  if (rule !== undefined) {
    const page = renderRulePage(rule);
    return { stdout: format === 'markdown' ? page : renderMarkdownForTerminal(page, color), stderr: [], exitCode: 0 };
  }
  // A misspelt id, else a word of one: `explain swat`, `explain tiny`.
  const guesses = [nearest(id, ruleIds) ?? ruleIds.filter((candidate) => candidate.includes(id.toLowerCase()))].flat();
  const hint = guesses.length > 0 ? `; did you mean ${guesses.join(' or ')}?` : '; `vos-audit rules` lists them';
  return { stdout: '', stderr: [`unknown rule '${printable(id)}'${hint}`], exitCode: 2 };
}
