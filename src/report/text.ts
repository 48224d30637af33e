import type { ReportedFile } from '../engine/audit.ts';
import type { Message } from '../engine/message.ts';
import { painter, type Paint } from './paint.ts';
import { cellWidth, isOneCellEach, padCells } from './cells.ts';
import { printable } from './printable.ts';
import { summarize, type NotShown, type Summary } from './summary.ts';
import { fittedLayout, proseLines, type TableLayout } from './table.ts';
import { wrapText } from './wrap.ts';

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/**
 * A row laid out: `lead`, `text`, then `tail` two blanks after it, on one line when it fits (or the layout is wide),
 * else the text wrapped after the lead, continued under the text when that leaves room for it, else indented.
 */
function fitted(lead: string, text: string, tail: string, layout: TableLayout, into: string[]): void {
  const ending = tail && `  ${tail}`;
  if (layout.wide) {
    into.push(lead + text + ending);
    return;
  }
  // Text one cell a character is measured by the lengths of its parts, without joining and scanning the row.
  const oneCell = isOneCellEach(lead) && isOneCellEach(text) && isOneCellEach(tail);
  if ((oneCell ? lead.length + text.length + ending.length : cellWidth(lead + text + ending)) <= layout.width) {
    into.push(lead + text + ending);
    return;
  }
  const column = oneCell ? lead.length : cellWidth(lead);
  const next = ' '.repeat(column <= layout.width / 2 ? column : 4);
  const lines = wrapText(text, layout.width, lead, next);
  const last = lines.pop()!;
  for (const line of lines) into.push(line);
  if (!tail) into.push(last);
  else if ((oneCell ? last.length + ending.length : cellWidth(last + ending)) <= layout.width) into.push(last + ending);
  else into.push(last, next + tail);
}

/**
 * One row a finding, each place in another file that explains it on a line of its own below, under the reason;
 * a row wider than the layout continues on lines beneath.
 */
export function messageRows(
  path: string,
  messages: readonly Message[],
  paint: Paint,
  layout: TableLayout = fittedLayout(),
  isNew?: (message: Message) => boolean,
): string[] {
  const places = messages.map((m) => `${path}:${m.place.start.line}:${m.place.start.column}`);
  const placeWidth = places.reduce((width, place) => Math.max(width, cellWidth(place)), 0);
  const severityWidth = messages.reduce((width, m) => Math.max(width, m.severity.length), 0);
  // Related places go under the reason, unless the reason's column is past the middle of a fitted line.
  const reasonColumn = placeWidth + severityWidth + 4;
  const relatedIndent = ' '.repeat(layout.wide || reasonColumn <= layout.width / 2 ? reasonColumn : 4);
  const rows: string[] = [];
  messages.forEach((m, i) => {
    const severity = paint(m.severity, m.severity.padEnd(severityWidth));
    const lead = `${padCells(places[i]!, placeWidth)}  ${severity}  `;
    const tail = paint('dim', m.ruleId) + (isNew?.(m) ? `  ${paint('bold', 'new')}` : '');
    fitted(lead, printable(m.reason), tail, layout, rows);
    for (const r of m.related ?? []) {
      const place = `${printable(r.file)}:${r.place.start.line}:${r.place.start.column}`;
      fitted(`${relatedIndent}${paint('dim', place)}  `, printable(r.reason), '', layout, rows);
    }
  });
  return rows;
}

function fixLines(path: string, result: ReportedFile, verb: string, layout: TableLayout): string[] {
  if (result.applied.length === 0) return [];
  return [
    ...proseLines(`${verb} ${path} (${plural(result.applied.length, 'change')}):`, layout),
    ...result.applied.flatMap((fix) => proseLines(printable(fix.description), layout, '  ')),
  ];
}

/** "6 warnings and 1 info not shown", or undefined when `-q` hid nothing. */
function notShownText(notShown: NotShown | undefined): string | undefined {
  const hidden = [
    notShown && notShown.warnings > 0 && plural(notShown.warnings, 'warning'),
    notShown && notShown.infos > 0 && plural(notShown.infos, 'info', 'infos'),
  ].filter(Boolean);
  return hidden.length > 0 ? `${hidden.join(' and ')} not shown` : undefined;
}

/**
 * "13 problems (7 errors, 6 warnings, 0 infos) in 4 files"; with `-q`, what it hid is counted rather than shown as
 * 0: "7 problems (7 errors; 6 warnings not shown) in 4 files".
 */
export function summaryLine(summary: Summary, mode: 'check' | 'fix', notShown?: NotShown): string {
  const problems = summary.errors + summary.warnings + summary.infos;
  const inFiles = `in ${plural(summary.files, 'file')}${summary.suppressed > 0 ? ` (${summary.suppressed} suppressed)` : ''}`;
  const hidden = notShownText(notShown);
  if (problems === 0) return hidden === undefined ? `no problems ${inFiles}` : `no errors ${inFiles}; ${hidden}`;
  const counts =
    hidden === undefined
      ? `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info', 'infos')}`
      : `${plural(summary.errors, 'error')}; ${hidden}`;
  const fixable = mode === 'check' && summary.fixable > 0 ? `; ${summary.fixable} fixable with --fix` : '';
  return `${plural(problems, 'problem')} (${counts}) ${inFiles}${fixable}`;
}

/** With --baseline: which findings are new since it, and a line that counts them. */
export interface NewFindings {
  isNew: (message: Message) => boolean;
  line: string;
}

/**
 * After the text of what was assumed (release, products, NIO), findings grouped by file, one `file:line:col  severity
 * reason  rule-id` row each, then a summary line, all fitted to the layout; severities and the summary in colour
 * when asked (a terminal without NO_COLOR). `notShown` counts what `-q` left out.
 */
export function formatText(
  results: readonly ReportedFile[],
  mode: 'check' | 'fix',
  options: {
    color?: boolean;
    assumed?: string;
    notShown?: NotShown;
    layout?: TableLayout;
    newFindings?: NewFindings;
  } = {},
): string {
  const paint = painter(options.color ?? false);
  const layout = options.layout ?? fittedLayout();
  const blocks: string[] = options.assumed ? [paint('dim', options.assumed)] : [];
  for (const result of results) {
    const path = printable(result.source.path);
    const lines = [
      ...fixLines(path, result, 'fixed', layout),
      ...messageRows(path, result.messages, paint, layout, options.newFindings?.isNew),
    ];
    if (lines.length > 0) blocks.push(lines.join('\n'));
  }
  const summary = summarize(results);
  const style = summary.errors > 0 ? 'error' : summary.warnings > 0 ? 'warning' : 'green';
  const counted = [
    summaryLine(summary, mode, options.notShown),
    ...(options.newFindings ? [options.newFindings.line] : []),
  ];
  const closing = counted.flatMap((line) => proseLines(line, layout)).join('\n');
  blocks.push(paint('bold', paint(style, closing)));
  return `${blocks.join('\n\n')}\n`;
}
