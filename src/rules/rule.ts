import type { Fix } from '../fix/edit.ts';
import type { FileKind } from '../languages/registry.ts';
import { isOfKind, type AuditedFile, type FileOfKind } from '../model/files.ts';
import type { ModuleModel } from '../model/listener.ts';
import type { Settings, Severity } from '../model/settings.ts';
import type { Suppression } from '../model/suppressions.ts';
import type { Span } from '../syntax/position.ts';

/** A module as the rules see it: its files, parsed, and the model built from them. */
export interface AuditedModule {
  name: string;
  files: AuditedFile[];
  model: ModuleModel;
}

/** What a rule reports; the framework adds the rule's id, severity and documentation link. */
export interface Report {
  reason: string;
  span: Span;
  /** A related place, such as the first definition of a duplicate. */
  cause?: { reason: string; span: Span };
  /** A safe fix, applied by --fix. */
  fix?: Fix;
  /** Changes that alter what runs beyond the safe fixes, applied only with --suggestions. */
  suggestions?: Fix[];
  /** The ports (`tcp/24`) of the listeners the finding is about, when a place decides several. */
  ports?: readonly string[];
}

/** A report of a rule that reads more than one file: it names the file the finding is in. */
export type FiledReport = Report & { file: AuditedFile };

export interface ModuleContext {
  module: AuditedModule;
  settings: Settings;
  report(report: FiledReport): void;
}

export interface FileContext<F extends AuditedFile> {
  file: F;
  module: AuditedModule;
  settings: Settings;
  report(report: Report): void;
}

/** What the suppression pass found, once every other rule has run: each comment with the ids it silenced. */
export interface SuppressionContext extends ModuleContext {
  suppressions: readonly Suppression[];
  /** Every rule's id, whether or not the configuration turns it on. */
  ruleIds: readonly string[];
}

/** A rule example: input files, the messages the rule gives on them, and the files after --fix. */
export interface RuleExample {
  title: string;
  /** One file, named as its language names examples (inetd.conf, module_start_up.cm …), or several by name. */
  input: string | Record<string, string>;
  options?: { release?: string; nio?: boolean; products?: string[]; nioAddress?: string[] };
  /** `line:column reason`, with `file:` in front when the example has several files. */
  messages: string[];
  /** The files after --fix (with --suggestions for suggestion-only rules), for rules that change something. */
  output?: string | Record<string, string>;
}

interface RuleMeta {
  /** kebab-case, self-explaining: `inetd-tiny-service`. */
  id: string;
  severity: Severity;
  /** Reports fixes that --fix applies. */
  fixable: boolean;
  /** Reports suggestions, applied only with --suggestions. */
  suggests?: boolean;
  docs: {
    summary: string;
    /** Why the rule exists, in VOS terms (Markdown). */
    rationale: string;
    /** What the fix or suggestion does. */
    fix?: string;
  };
  examples: RuleExample[];
}

/** A rule that reads each file of one language. */
export interface FileRuleSpec<K extends FileKind> extends RuleMeta {
  scope: K;
  check(context: FileContext<FileOfKind<K>>): void;
}

/** A rule that reads the module as a whole: its model, built from all of its files. */
export interface ModuleRuleSpec extends RuleMeta {
  scope: 'module';
  check(context: ModuleContext): void;
}

/** A rule that reads the suppression comments, after every other rule has run. */
export interface SuppressionRuleSpec extends RuleMeta {
  scope: 'suppressions';
  check(context: SuppressionContext): void;
}

export type RuleSpec = { [K in FileKind]: FileRuleSpec<K> }[FileKind] | ModuleRuleSpec | SuppressionRuleSpec;

export type Scope = RuleSpec['scope'];

export interface Rule extends RuleMeta {
  scope: Scope;
  /** Runs the rule on a module; each finding is reported with the file it is in. */
  run(context: SuppressionContext): void;
}

function checkEachFile<K extends FileKind>(spec: FileRuleSpec<K>, context: ModuleContext): void {
  for (const file of context.module.files) {
    if (isOfKind(file, spec.scope))
      spec.check({
        file,
        module: context.module,
        settings: context.settings,
        report: (report) => context.report({ file, ...report }),
      });
  }
}

/** Every rule is written as one call of this, whatever it reads. */
export function defineRule(spec: RuleSpec): Rule {
  // The copy leaves the check out (run calls it on the spec), so it is never called unbound.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { check: _check, ...meta } = spec;
  return {
    ...meta,
    run(context) {
      if (spec.scope === 'suppressions') spec.check(context);
      else if (spec.scope === 'module') spec.check(context);
      // TypeScript cannot follow that a spec's scope and its check's file vary together; isOfKind keeps them so.
      else checkEachFile(spec as FileRuleSpec<FileKind>, context);
    },
  };
}

/** The language a rule reads, or undefined for a rule of the whole module or of its suppression comments. */
export function languageRead(rule: Pick<Rule, 'scope'>): FileKind | undefined {
  return rule.scope === 'module' || rule.scope === 'suppressions' ? undefined : rule.scope;
}
