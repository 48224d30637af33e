import { checkFile, readInetdFile } from './check.ts';
import type { Fix } from './fix/edit.ts';
import { fixToFixedPoint } from './fix/fix-loop.ts';
import type { Message } from './message.ts';
import { rules as allRules } from './rules/registry.ts';
import type { AuditOptions, Rule } from './rules/rule.ts';
import type { Source } from './syntax/source.ts';

export interface FileResult {
  source: Source;
  /** The text after the safe fixes; the original text when nothing was fixed. */
  output: string;
  /** Findings on `output`: after fixing, what is left, at its place in the fixed text. */
  messages: Message[];
  applied: Fix[];
}

export interface AuditRequest {
  options: AuditOptions;
  fix: boolean;
  rules?: readonly Rule[];
}

export function auditSource(source: Source, request: AuditRequest): FileResult {
  const rules = request.rules ?? allRules;
  const check = (text: string) => checkFile(readInetdFile({ ...source, text }), request.options, rules);
  const fixed = request.fix
    ? fixToFixedPoint(source.text, (text) => check(text).flatMap((message) => (message.fix ? [message.fix] : [])))
    : { text: source.text, applied: [] };
  return { source, output: fixed.text, messages: check(fixed.text), applied: fixed.applied };
}
