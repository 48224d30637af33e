import { auditModule, type AuditRequest, type FileResult } from '../src/engine/audit.ts';
import type { FileKind } from '../src/model/files.ts';
import { parseRelease, newestRelease } from '../src/catalog/releases.ts';
import type { AuditOptions, RuleExample } from '../src/rules/rule.ts';
import type { Source } from '../src/syntax/source.ts';

export function sourceOf(text: string, path = 'inetd.conf'): Source {
  return { path, text, encoding: 'utf8', bom: false, eol: 'lf' };
}

export function exampleOptions(example: Pick<RuleExample, 'options'>): AuditOptions {
  return {
    release: example.options?.release ? parseRelease(example.options.release)! : newestRelease,
    nio: example.options?.nio ?? false,
    ...(example.options?.products && { products: new Set(example.options.products) }),
  };
}

/** Audits one file as a module of its own: what the per-file invariant tests need. */
export function auditSource(source: Source, request: AuditRequest, kind: FileKind = 'inetd'): FileResult {
  return auditModule({ name: source.path, files: [{ source, kind }] }, request).files[0]!;
}
