import type { FileKind } from '../../model/files.ts';
import type { FileRule, RuleExample } from '../rule.ts';

/** Every grammar's syntax errors are reported the same way; each kind has its own rule, so each can be configured. */
export function syntaxRule<K extends FileKind>(scope: K, id: string, summary: string, rationale: string, examples: RuleExample[]): FileRule<K> {
  return {
    id,
    scope,
    severity: 'error',
    fixable: false,
    docs: { summary, rationale },
    examples,
    check(context) {
      for (const error of context.file.tree.errors) context.report({ reason: error.message, span: error });
    },
  } as FileRule<K>;
}
