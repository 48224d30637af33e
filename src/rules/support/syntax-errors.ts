import type { AuditedFile } from '../../model/files.ts';
import type { FileContext } from '../rule.ts';

/** Every grammar's syntax errors are reported the same way; each language has its own rule, so each can be configured. */
export function reportSyntaxErrors(context: FileContext<AuditedFile>): void {
  for (const error of context.file.tree.errors) context.report({ reason: error.message, span: error });
}
