import type { FileKind, Language } from '../../languages/registry.ts';
import type { AuditedFile } from '../../model/files.ts';
import { defineRule, type FileContext, type FileRuleSpec, type Rule } from '../rule.ts';

/** Every grammar's syntax errors are reported the same way; each language has its own rule, so each can be configured. */
function reportSyntaxErrors(context: FileContext<AuditedFile>): void {
  for (const error of context.file.tree.errors) context.report({ reason: error.message, span: error });
}

/** A language's syntax rule, `<kind>-syntax`: its grammar's errors, documented by its descriptor. */
export function syntaxRule(language: Language): Rule {
  const { summary, rationale, examples } = language.syntaxRule;
  const spec: FileRuleSpec<FileKind> = {
    id: `${language.kind}-syntax`,
    scope: language.kind,
    severity: 'error',
    fixable: false,
    docs: { summary, rationale },
    examples,
    check: reportSyntaxErrors,
  };
  // A spec whose scope is any kind: defineRule takes one of a kind each, as TypeScript cannot follow that the two agree.
  return defineRule(spec);
}
