import type { ReportedFile } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';
import { printable } from './printable.ts';
import { summarize, type Summary } from './summary.ts';

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

export type Paint = (style: keyof typeof styles, text: string) => string;

const styles = { error: '31', warning: '33', info: '36', dim: '2', bold: '1', green: '32' } as const;

export function painter(color: boolean): Paint {
  return color ? (style, text) => `\u001b[${styles[style]}m${text}\u001b[0m` : (_style, text) => text;
}

/** One row a finding, each place in another file that explains it on a line of its own below, under the reason. */
export function messageRows(path: string, messages: readonly Message[], paint: Paint): string[] {
  const places = messages.map((m) => `${path}:${m.place.start.line}:${m.place.start.column}`);
  const placeWidth = places.reduce((width, place) => Math.max(width, place.length), 0);
  const severityWidth = messages.reduce((width, m) => Math.max(width, m.severity.length), 0);
  return messages.flatMap((m, i) => {
    const severity = paint(m.severity, m.severity.padEnd(severityWidth));
    const related = (m.related ?? []).map((r) => `${' '.repeat(placeWidth + severityWidth + 4)}${paint('dim', `${printable(r.file)}:${r.place.start.line}:${r.place.start.column}`)}  ${printable(r.reason)}`);
    return [`${places[i]!.padEnd(placeWidth)}  ${severity}  ${printable(m.reason)}  ${paint('dim', m.ruleId)}`, ...related];
  });
}

function fixLines(path: string, result: ReportedFile, verb: string): string[] {
  if (result.applied.length === 0) return [];
  return [`${verb} ${path} (${plural(result.applied.length, 'change')}):`, ...result.applied.map((fix) => `  ${printable(fix.description)}`)];
}

export function summaryLine(summary: Summary, mode: 'check' | 'fix'): string {
  const problems = summary.errors + summary.warnings + summary.infos;
  const inFiles = `in ${plural(summary.files, 'file')}${summary.suppressed > 0 ? ` (${summary.suppressed} suppressed)` : ''}`;
  if (problems === 0) return `no problems ${inFiles}`;
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info', 'infos')}`;
  const fixable = mode === 'check' && summary.fixable > 0 ? `; ${summary.fixable} fixable with --fix` : '';
  return `${plural(problems, 'problem')} (${counts}) ${inFiles}${fixable}`;
}

/**
 * Findings grouped by file, one `file:line:col  severity  reason  rule-id` row each, then a summary line; severities
 * and the summary in colour when asked (a terminal without NO_COLOR).
 */
export function formatText(results: readonly ReportedFile[], mode: 'check' | 'fix', color = false): string {
  const paint = painter(color);
  const blocks: string[] = [];
  for (const result of results) {
    const path = printable(result.source.path);
    const lines = [...fixLines(path, result, 'fixed'), ...messageRows(path, result.messages, paint)];
    if (lines.length > 0) blocks.push(lines.join('\n'));
  }
  const summary = summarize(results);
  const style = summary.errors > 0 ? 'error' : summary.warnings > 0 ? 'warning' : 'green';
  blocks.push(paint('bold', paint(style, summaryLine(summary, mode))));
  return `${blocks.join('\n\n')}\n`;
}
