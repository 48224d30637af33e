import { checkModule, type Checked } from './check.ts';
import { parseModuleFiles, type SourceOfKind } from '../model/files.ts';
import { type FileKind } from '../languages/registry.ts';
import type { Fix } from '../fix/edit.ts';
import { fixToFixedPoint } from '../fix/fix-loop.ts';
import { fixesOf, type Message } from './message.ts';
import type { ModuleModel } from '../model/listener.ts';
import { buildModule } from '../model/module.ts';
import { rules as allRules } from '../rules/registry.ts';
import type { Settings } from '../model/settings.ts';
import type { AuditedModule, Rule } from '../rules/rule.ts';
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

/** What the reports read of a file: any file with findings, a configuration file or a scan. */
export type ReportedFile = Omit<FileResult, 'kind'>;

export interface ModuleResult {
  name: string;
  settings: Settings;
  model: ModuleModel;
  files: FileResult[];
}

export interface AuditMode {
  fix: boolean;
  /** With fix: apply the suggestions too (commenting out macro start lines). */
  suggestions?: boolean;
  /** The rules to run; by default every rule, at the levels the module's settings give them. */
  rules?: readonly Rule[];
}

type AuditedModuleCheck = Checked & { module: AuditedModule };

/** A module to audit: its files as read, and its settings. */
export interface ModuleInput {
  name: string;
  files: SourceOfKind[];
  settings: Settings;
}

/** The rules with the levels the settings give them; rules turned `off` left out. */
export function configuredRules(settings: Settings): readonly Rule[] {
  if (settings.ruleLevels.size === 0) return allRules;
  return allRules.flatMap((rule) => {
    const level = settings.ruleLevels.get(rule.id);
    if (level === 'off') return [];
    return [level === undefined ? rule : { ...rule, severity: level }];
  });
}

/** Parses a module's files, as given or as the texts a fix pass made, and builds its model. */
export function analyzeModule(input: ModuleInput, texts?: readonly string[]): AuditedModule {
  const files = parseModuleFiles(
    input.files.map((file, i) => ({
      kind: file.kind,
      source: texts ? { ...file.source, text: texts[i]! } : file.source,
    })),
  );
  return { name: input.name, files, model: buildModule(input.name, files, input.settings) };
}

/** Audits one module: checks it, fixes it to a fixed point when asked, and checks the result. */
export function auditModule(input: ModuleInput, mode: AuditMode): ModuleResult {
  const rules = mode.rules ?? configuredRules(input.settings);
  // The fix loop's last pass checks the texts it returns (unless it stopped at its pass limit): the final check
  // reuses that result rather than parsing the same texts again.
  let last: { texts: readonly string[]; checked: AuditedModuleCheck } | undefined;
  const check = (texts: readonly string[]): AuditedModuleCheck => {
    if (last?.texts !== texts) {
      const module = analyzeModule(input, texts);
      last = { texts, checked: { module, ...checkModule(module, input.settings, rules) } };
    }
    return last.checked;
  };
  const originals = input.files.map((file) => file.source.text);
  const fixed = mode.fix
    ? fixToFixedPoint(originals, (texts) => {
        const { messages } = check(texts);
        return input.files.map((file) =>
          messages.filter((m) => m.file === file.source.path).flatMap((m) => fixesOf(m, mode.suggestions ?? false)),
        );
      })
    : { texts: originals, applied: originals.map(() => []) };
  const { module, messages, suppressed } = check(fixed.texts);
  return {
    name: input.name,
    settings: input.settings,
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
