import { parseRelease } from '../../src/catalog/releases.ts';
import { auditModule, type AuditMode, type FileResult } from '../../src/engine/audit.ts';
import type { FileKind } from '../../src/languages/registry.ts';
import { defaultSettings, type Settings } from '../../src/model/settings.ts';
import type { RuleExample } from '../../src/rules/rule.ts';
import type { Source } from '../../src/syntax/source.ts';

export function exampleSettings(example: Pick<RuleExample, 'options'>): Settings {
  return {
    ...defaultSettings,
    release: example.options?.release ? parseRelease(example.options.release)! : defaultSettings.release,
    nio: example.options?.nio ?? false,
    ...(example.options?.products && { products: new Set(example.options.products) }),
    ...(example.options?.nioAddress && { nioAddresses: example.options.nioAddress }),
  };
}

/** Audits one file as a module of its own: what the per-file invariant tests need. */
export function auditSource(
  source: Source,
  mode: AuditMode,
  kind: FileKind = 'inetd',
  settings: Settings = defaultSettings,
): FileResult {
  return auditModule({ name: source.path, files: [{ source, kind }], settings }, mode).files[0]!;
}
