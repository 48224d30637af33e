import { checkModule, type Checked } from './check.ts';
import { parseModuleFiles, type FileKind, type SourceOfKind } from '../model/files.ts';
import type { Fix } from '../fix/edit.ts';
import { fixToFixedPoint } from '../fix/fix-loop.ts';
import { fixesOf, type Message } from './message.ts';
import { buildModule, type ModuleModel } from '../model/module.ts';
import { rules as allRules } from '../rules/registry.ts';
import type { AuditedModule, AuditOptions, Rule } from '../rules/rule.ts';
import type { Source } from '../syntax/source.ts';

export interface FileResult {
  source: Source;
  kind: FileKind;
  /** The text after the fixes; the original text when nothing was fixed. */
  output: string;
  /** Findings on `output`: after fixing, what is left, at its place in the fixed text. */
  messages: Message[];
  /** Findings silenced by the file's suppression comments. */
  suppressed: number;
  applied: Fix[];
}

export interface ModuleResult {
  name: string;
  model: ModuleModel;
  files: FileResult[];
}

export interface AuditRequest {
  options: AuditOptions;
  fix: boolean;
  /** With fix: apply the suggestions too (commenting out macro start lines). */
  suggestions?: boolean;
  rules?: readonly Rule[];
}

type AuditedModuleCheck = Checked & { module: AuditedModule };

export interface ModuleInput {
  name: string;
  files: SourceOfKind[];
}

/** Parses a module's files, as given or as the texts a fix pass made, and builds its model. */
export function analyzeModule(input: ModuleInput, options: AuditOptions, texts?: readonly string[]): AuditedModule {
  const files = parseModuleFiles(input.files.map((file, i) => ({ kind: file.kind, source: texts ? { ...file.source, text: texts[i]! } : file.source })));
  return { name: input.name, files, model: buildModule(input.name, files, options) };
}

/** Audits one module: checks it, fixes it to a fixed point when asked, and checks the result. */
export function auditModule(input: ModuleInput, request: AuditRequest): ModuleResult {
  const rules = request.rules ?? allRules;
  // The fix loop's last pass checks the texts it returns (unless it stopped at its pass limit): the final check
  // reuses that result rather than parsing the same texts again.
  let last: { texts: readonly string[]; checked: AuditedModuleCheck } | undefined;
  const check = (texts: readonly string[]): AuditedModuleCheck => {
    if (last?.texts !== texts) {
      const module = analyzeModule(input, request.options, texts);
      last = { texts, checked: { module, ...checkModule(module, request.options, rules) } };
    }
    return last.checked;
  };
  const originals = input.files.map((file) => file.source.text);
  const fixed = request.fix
    ? fixToFixedPoint(originals, (texts) => {
        const { messages } = check(texts);
        return input.files.map((file) => messages.filter((m) => m.file === file.source.path).flatMap((m) => fixesOf(m, request.suggestions ?? false)));
      })
    : { texts: originals, applied: originals.map(() => []) };
  const { module, messages, suppressed } = check(fixed.texts);
  return {
    name: input.name,
    model: module.model,
    files: input.files.map((file, i) => ({
      source: file.source,
      kind: file.kind,
      output: fixed.texts[i]!,
      messages: messages.filter((m) => m.file === file.source.path),
      suppressed: suppressed.get(file.source.path) ?? 0,
      applied: fixed.applied[i]!,
    })),
  };
}
