import type { AuditedFile } from '../model/files.ts';
import type { Message } from './message.ts';
import { nearest } from '../util/nearest.ts';
import { ruleIds } from '../rules/registry.ts';
import type { Report, Rule } from '../rules/rule.ts';
import type { Span } from '../syntax/position.ts';

/** `# vos-audit-disable-next-line <rule-id>… -- <reason>` or a file-wide `vos-audit-disable`, in a file's own comments. */
export interface Suppression {
  file: AuditedFile;
  span: Span;
  /** The line it covers (0 when no line follows it); undefined for a file-wide one. */
  line?: number;
  ruleIds: string[];
  reason?: string;
  used: Set<string>;
}

const directive = /^([ \t]*)([#&])[ \t]*vos-audit-disable(-next-line)?(?=[ \t]|$)(.*)$/;

function markerOf(file: AuditedFile): string {
  return file.kind === 'macro' ? '&' : '#';
}

/** A line that a suppression skips to find "the next line": blank, or a comment in the file's own syntax. */
function skipped(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || (marker === '#' ? trimmed.startsWith('#') : /^&(?:[ \t]|$)/.test(trimmed));
}

/** The index of the first line after `i` that a suppression covers, or -1. */
function nextLineIndex(lines: readonly string[], i: number, marker: string): number {
  for (let j = i + 1; j < lines.length; j++) if (!skipped(lines[j]!, marker)) return j;
  return -1;
}

export function findSuppressions(file: AuditedFile): Suppression[] {
  if (!file.source.text.includes('vos-audit-disable')) return [];
  const marker = markerOf(file);
  const lines = file.source.text.split(/\r\n|\r|\n/);
  const found: Suppression[] = [];
  lines.forEach((text, i) => {
    const match = directive.exec(text);
    if (match === null || match[2] !== marker) return;
    const [ids = '', ...rest] = match[4]!.split(/[ \t]--(?:[ \t]|$)/);
    const reason = rest.join(' -- ').trim();
    const next = match[3] ? nextLineIndex(lines, i, marker) : -1;
    const start = file.lines.lineStart(i + 1);
    found.push({
      file,
      span: { start: start + match[1]!.length, end: start + text.length },
      ...(match[3] && { line: next + 1 }),
      ruleIds: ids.split(/[\s,]+/).filter(Boolean),
      ...(reason !== '' && { reason }),
      used: new Set(),
    });
  });
  return found;
}

/** The rules that report on suppressions themselves. */
export interface SuppressionRules {
  withoutReason?: Rule;
  unused?: Rule;
}

/**
 * Removes the messages that a suppression covers and reports suppressions without a reason, naming no rule or an
 * unknown one, or covering nothing. Returns the messages kept, how many were suppressed per file, and those reports.
 */
export function applySuppressions(
  files: readonly AuditedFile[],
  messages: Message[],
  rules: SuppressionRules,
): { kept: Message[]; suppressed: Map<string, number>; reports: Array<{ rule: Rule; file: AuditedFile; report: Report }> } {
  const reports: Array<{ rule: Rule; file: AuditedFile; report: Report }> = [];
  const report = (rule: Rule, file: AuditedFile, found: Report) => reports.push({ rule, file, report: found });
  const suppressions = files.flatMap(findSuppressions);
  const suppressed = new Map<string, number>();
  const kept = messages.filter((message) => {
    const covering = suppressions.find(
      (s) => s.file.source.path === message.file && s.ruleIds.includes(message.ruleId) && (s.line === undefined || s.line === message.place.start.line),
    );
    if (covering === undefined) return true;
    covering.used.add(message.ruleId);
    suppressed.set(message.file, (suppressed.get(message.file) ?? 0) + 1);
    return false;
  });
  for (const s of suppressions) {
    if (rules.withoutReason && s.reason === undefined) {
      report(rules.withoutReason, s.file, { span: s.span, reason: 'Unexpected suppression without a reason, expected `-- <why this finding does not apply here>` after the rule ids' });
    }
    if (rules.unused === undefined) continue;
    if (s.ruleIds.length === 0) report(rules.unused, s.file, { span: s.span, reason: 'Unexpected suppression naming no rule, expected the ids of the rules it silences' });
    for (const id of s.ruleIds) {
      if (s.used.has(id)) continue;
      const known = ruleIds.includes(id);
      const guess = known ? undefined : nearest(id, ruleIds);
      const where = s.line === undefined ? 'in this file' : s.line === 0 ? 'after it: no line follows' : `on line ${s.line}`;
      const why = known ? `no ${id} finding ${where}` : `${id} is not a rule${guess ? ` (did you mean ${guess}?)` : ''}`;
      report(rules.unused, s.file, { span: s.span, reason: `Unexpected unused suppression of ${id}: ${why}; remove it` });
    }
  }
  return { kept, suppressed, reports };
}
