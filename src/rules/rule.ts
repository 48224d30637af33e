import type { Release } from '../catalog/releases.ts';
import type { Fix } from '../fix/edit.ts';
import type { InetdService } from '../model/inetd.ts';
import type { InetdRoot } from '../syntax/inetd.ts';
import type { Span } from '../syntax/position.ts';
import type { Source } from '../syntax/source.ts';

export type Severity = 'error' | 'warning' | 'info';

/** What the module is, as far as the verdicts depend on it. */
export interface AuditOptions {
  release: Release;
  /** The module has an NIO (V-series network I/O blade), which needs tcp/37 time and tftp. */
  nio: boolean;
}

export interface InetdFile {
  kind: 'inetd';
  source: Source;
  tree: InetdRoot;
  services: InetdService[];
}

/** What a rule reports; the framework adds the rule's id, severity and documentation link. */
export interface Report {
  reason: string;
  span: Span;
  /** A related place, such as the first definition of a duplicate. */
  cause?: { reason: string; span: Span };
  fix?: Fix;
}

export interface RuleContext {
  file: InetdFile;
  options: AuditOptions;
  report(report: Report): void;
}

/** A rule example: an input file, the messages the rule gives on it (`line:column reason`), and the fixed file. */
export interface RuleExample {
  title: string;
  input: string;
  options?: { release?: string; nio?: boolean };
  messages: string[];
  /** The file after `--fix`, for fixable rules that report something. */
  output?: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  fixable: boolean;
  docs: {
    summary: string;
    /** Why the rule exists, in VOS terms (Markdown). */
    rationale: string;
    /** What the fix does, for fixable rules. */
    fix?: string;
  };
  examples: RuleExample[];
  check(context: RuleContext): void;
}
