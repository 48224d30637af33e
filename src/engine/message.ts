import type { Fix } from '../fix/edit.ts';
import type { Severity } from '../model/settings.ts';
import type { Position } from '../syntax/position.ts';

/** A finding, in the shape of vfile-message: what is wrong and what to do, where, and which rule says so. */
export interface Message {
  file: string;
  ruleId: string;
  severity: Severity;
  reason: string;
  place: Position;
  source: 'vos-audit';
  cause?: { reason: string; place: Position };
  /** Places in other files that explain the finding, such as the configuration behind a port a scan found. */
  related?: Array<{ file: string; reason: string; place: Position }>;
  fix?: Fix;
  /** Changes beyond the safe fix, applied only when asked (--suggestions). */
  suggestions?: Fix[];
  /** The ports (`tcp/24`) of the listeners the finding is about, when the rule names them. */
  ports?: readonly string[];
}

/** The changes a finding offers: its safe fix, then its suggestions when they are wanted too. */
export function fixesOf(message: Message, withSuggestions: boolean): Fix[] {
  const fixes = message.fix ? [message.fix] : [];
  return withSuggestions && message.suggestions ? [...fixes, ...message.suggestions] : fixes;
}

const severityRank: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

export function byPlace(a: Message, b: Message): number {
  return (
    comparePaths(a.file, b.file) ||
    a.place.start.offset - b.place.start.offset ||
    a.place.end.offset - b.place.end.offset ||
    compareIds(a.ruleId, b.ruleId)
  );
}

/** localeCompare, which is slow, skipped for the equal paths that most comparisons of one module's messages are. */
function comparePaths(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

/** Rule ids are lower-case ASCII, for which code-unit order is alphabetical order. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
