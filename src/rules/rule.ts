import type { Release } from '../catalog/releases.ts';
import type { AuditedFile, FileKind, InetdFile, MacroFile, ServicesFile, TelnetAdminFile } from '../model/files.ts';
import type { Fix } from '../fix/edit.ts';
import type { ModuleModel } from '../model/module.ts';
import type { Span } from '../syntax/position.ts';

export type Severity = 'error' | 'warning' | 'info';

/** What the module is, as far as the verdicts depend on it. */
export interface AuditOptions {
  release: Release;
  /** The module has an NIO (V-series network I/O blade), which needs tcp/37 time and tftp. */
  nio: boolean;
  /** The products purchased, when stated (`--products`); otherwise `software_purchased` conditions stay open. */
  products?: ReadonlySet<string>;
}

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
  /** The file the finding is in, for module rules; a file rule reports on its own file. */
  file?: AuditedFile;
  /** A related place, such as the first definition of a duplicate. */
  cause?: { reason: string; span: Span };
  /** A safe fix, applied by --fix. */
  fix?: Fix;
  /** Changes that alter what runs beyond the safe fixes, applied only with --suggestions. */
  suggestions?: Fix[];
}

interface ContextBase {
  module: AuditedModule;
  options: AuditOptions;
  report(report: Report): void;
}

export interface FileContext<F extends AuditedFile> extends ContextBase {
  file: F;
}

interface FilesByKind {
  inetd: InetdFile;
  macro: MacroFile;
  'telnet-admin': TelnetAdminFile;
  services: ServicesFile;
}

/** A rule example: input files, the messages the rule gives on them, and the files after --fix. */
export interface RuleExample {
  title: string;
  /** One file, named as the rule's scope names it (inetd.conf, module_start_up.cm …), or several by name. */
  input: string | Record<string, string>;
  options?: { release?: string; nio?: boolean; products?: string[] };
  /** `line:column reason`, with `file:` in front when the example has several files. */
  messages: string[];
  /** The files after --fix (with --suggestions for suggestion-only rules), for rules that change something. */
  output?: string | Record<string, string>;
}

interface RuleBase {
  id: string;
  severity: Severity;
  /** Reports fixes that --fix applies. */
  fixable: boolean;
  docs: {
    summary: string;
    /** Why the rule exists, in VOS terms (Markdown). */
    rationale: string;
    /** What the fix or suggestion does. */
    fix?: string;
  };
  examples: RuleExample[];
}

export interface FileRule<K extends FileKind> extends RuleBase {
  scope: K;
  check(context: FileContext<FilesByKind[K]>): void;
}

export interface ModuleRule extends RuleBase {
  scope: 'module';
  /** Reports suggestions, applied only with --suggestions. */
  suggests?: boolean;
  check(context: ContextBase): void;
}

export type Rule = FileRule<'inetd'> | FileRule<'macro'> | FileRule<'telnet-admin'> | FileRule<'services'> | ModuleRule;
export type { InetdFile };
