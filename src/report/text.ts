import type { FileResult } from '../engine.ts';
import type { Message } from '../message.ts';
import { printable } from './printable.ts';
import { summarize, type Summary } from './summary.ts';

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

function messageRows(path: string, messages: readonly Message[]): string[] {
  const cells = messages.map((m) => [`${path}:${m.place.start.line}:${m.place.start.column}`, m.severity, printable(m.reason), m.ruleId]);
  const widths = [0, 1].map((column) => cells.reduce((width, row) => Math.max(width, row[column]!.length), 0));
  return cells.map((row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}  ${row[3]}`);
}

function fixLines(path: string, result: FileResult, verb: string): string[] {
  if (result.applied.length === 0) return [];
  return [`${verb} ${path} (${plural(result.applied.length, 'change')}):`, ...result.applied.map((fix) => `  ${printable(fix.description)}`)];
}

export function summaryLine(summary: Summary, mode: 'check' | 'fix'): string {
  const problems = summary.errors + summary.warnings + summary.infos;
  const inFiles = `in ${plural(summary.files, 'file')}`;
  if (problems === 0) return `no problems ${inFiles}`;
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info', 'infos')}`;
  const fixable = mode === 'check' && summary.fixable > 0 ? `; ${summary.fixable} fixable with --fix` : '';
  return `${plural(problems, 'problem')} (${counts}) ${inFiles}${fixable}`;
}

/** Findings grouped by file, one `file:line:col  severity  reason  rule-id` row each, then a summary line. */
export function formatText(results: readonly FileResult[], mode: 'check' | 'fix'): string {
  const blocks: string[] = [];
  for (const result of results) {
    const path = printable(result.source.path);
    const lines = [...fixLines(path, result, 'fixed'), ...messageRows(path, result.messages)];
    if (lines.length > 0) blocks.push(lines.join('\n'));
  }
  blocks.push(summaryLine(summarize(results), mode));
  return `${blocks.join('\n\n')}\n`;
}
