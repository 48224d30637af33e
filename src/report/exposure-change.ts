import type { ExposureChange, ExposureRow, ModuleChange, RowChange } from '../model/exposure-change.ts';
import { printable } from './printable.ts';
import { fittedLayout, proseLines, tableLines, type TableColumn, type TableLayout } from './table.ts';

export const exposureFormats = ['text', 'json', 'markdown'] as const;
export type ExposureFormat = (typeof exposureFormats)[number];

/** The two sides compared, as the user named them: `origin/main` and the work tree, or two directories. */
export interface ComparedSides {
  before: { name: string; commit?: string };
  after: { name: string };
}

const sign = { opened: '+', closed: '-', changed: '~' } as const;

/** `tcp/23`, `udp to 1812`: what the row is on the network. */
function where(row: ExposureRow): string {
  return row.kind === 'listener' ? `${row.protocol}/${row.port}` : `${row.protocol} ${row.port}`;
}

function what(row: ExposureRow): string {
  return row.service && row.kind === 'listener' ? `${row.program} (${row.service})` : row.program;
}

const stateOf = (row: ExposureRow | undefined) => row?.state ?? 'absent';

/** The differences other than the state, in words: `port 23 → 24`, `tcpd anyone → 10.9.9.9 only`. */
function details(change: RowChange): string[] {
  const { before, after } = change;
  if (before === undefined || after === undefined) {
    const row = (after ?? before)!;
    return [row.condition && `if ${row.condition}`, row.admits && `tcpd admits ${row.admits}`].filter(
      (text): text is string => Boolean(text),
    );
  }
  const texts: string[] = [];
  if (change.fields.includes('port')) texts.push(`port ${before.port} → ${after.port}`);
  if (change.fields.includes('condition'))
    texts.push(`condition ${before.condition ?? 'none'} → ${after.condition ?? 'none'}`);
  else if (after.condition) texts.push(`if ${after.condition}`);
  if (change.fields.includes('admits'))
    texts.push(`tcpd admits ${before.admits ?? 'anyone (not wrapped)'} → ${after.admits ?? 'anyone (not wrapped)'}`);
  return texts;
}

const evidenceText = (row: ExposureRow | undefined) => row?.evidence.map((line) => line.shown).join(', ') ?? '';

/** Where each side says so: the new side's evidence, and the old side's where it differs or is all there is. */
function evidence(change: RowChange): string {
  const now = evidenceText(change.after);
  const was = evidenceText(change.before);
  if (change.after === undefined) return was && `was ${was}`;
  if (change.before === undefined || !change.fields.includes('evidence') || was === '') return now;
  if (now === was) return `${now} (edited)`;
  return now ? `${now} (was ${was})` : `was ${was}`;
}

function moduleHeading(module: ModuleChange): string {
  if (module.kind === 'renamed') return `module ${module.name} (renamed from ${module.from})`;
  if (module.kind === 'changed') return `module ${module.name}`;
  return `module ${module.name} (${module.kind})`;
}

function settingLine(setting: ModuleChange['settings'][number]): string {
  return `${setting.setting} ${setting.before ?? 'not stated'} → ${setting.after ?? 'not stated'}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `1 opened, 1 closed, 1 changed; 1 module renamed`, or that nothing changed. */
export function summaryLine(change: ExposureChange): string {
  const { summary } = change;
  const rows = summary.opened + summary.closed + summary.changed;
  const modules = (['added', 'removed', 'renamed'] as const)
    .filter((kind) => summary[kind] > 0)
    .map((kind) => `${plural(summary[kind], 'module')} ${kind}`);
  if (rows === 0 && modules.length === 0 && change.modules.length === 0) return 'no change of exposure';
  const counts = `${plural(summary.opened, 'port')} opened, ${summary.closed} closed, ${summary.changed} changed`;
  return [counts, ...modules].join('; ');
}

function rowCells(change: RowChange): string[] {
  const row = (change.after ?? change.before)!;
  const state = `${stateOf(change.before)} → ${stateOf(change.after)}`;
  return [
    sign[change.change],
    where(row),
    what(row),
    state,
    [...details(change), evidence(change)].filter(Boolean).join('; '),
  ];
}

/**
 * The columns of a module's rows, headless: `+ tcp/23  telnetd  off → live  evidence`, the conditions and evidence
 * beneath the row when the layout is fitted and the row is too wide.
 */
const rowColumns: ReadonlyArray<TableColumn<readonly string[]>> = [0, 1, 2, 3, 4].map((i) => ({
  header: '',
  cell: (cells) => cells[i]!,
  ...(i === 4 && { long: true, beneath: (value: string) => value }),
}));

/** A module's rows as a table without its header, indented under the module's heading. */
function rowLines(module: ModuleChange, layout: TableLayout): string[] {
  const fitted = layout.wide ? layout : { wide: false as const, width: layout.width - 2 };
  const [, ...lines] = tableLines(rowColumns, module.rows.map(rowCells), fitted);
  return lines.map((line) => `  ${line}`);
}

/** The change as a plan reads: a block a module, a line a row, then the summary line, fitted to the layout. */
function text(change: ExposureChange, sides: ComparedSides, layout: TableLayout): string {
  const prose = (line: string, first = '') => proseLines(printable(line), layout, first);
  const lines = prose(`exposure change from ${sides.before.name} to ${sides.after.name}`);
  for (const module of change.modules) {
    lines.push('', ...prose(moduleHeading(module)));
    for (const setting of module.settings) lines.push(...prose(`setting ${settingLine(setting)}`, '  '));
    lines.push(...rowLines(module, layout));
  }
  lines.push('', ...prose(summaryLine(change)));
  return `${lines.join('\n')}\n`;
}

/** A Markdown table cell: its pipes escaped, on one line. */
const cell = (value: string) => printable(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`');

function markdown(change: ExposureChange, sides: ComparedSides): string {
  const lines = [
    `### Exposure change from \`${cell(sides.before.name)}\` to \`${cell(sides.after.name)}\``,
    '',
    `**${cell(summaryLine(change))}**`,
  ];
  for (const module of change.modules) {
    lines.push('', `#### ${cell(moduleHeading(module))}`, '');
    for (const setting of module.settings) lines.push(`- setting ${cell(settingLine(setting))}`);
    if (module.settings.length > 0) lines.push('');
    if (module.rows.length === 0) continue;
    lines.push('| | Port | Program | State | Condition, tcpd, evidence |', '|---|---|---|---|---|');
    for (const row of module.rows) lines.push(`| ${rowCells(row).map(cell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

function json(change: ExposureChange, sides: ComparedSides, toolVersion: string): string {
  const row = (r: ExposureRow | undefined) =>
    r && {
      kind: r.kind,
      protocol: r.protocol,
      port: r.port,
      program: r.program,
      ...(r.service !== undefined && { service: r.service }),
      state: r.state,
      ...(r.condition !== undefined && { condition: r.condition }),
      ...(r.admits !== undefined && { admits: r.admits }),
      evidence: r.evidence.map((line) => line.shown),
    };
  const report = {
    version: 1,
    tool: { name: 'vos-audit', version: toolVersion },
    before: sides.before,
    after: sides.after,
    modules: change.modules.map((module) => ({
      name: module.name,
      ...(module.from !== undefined && { from: module.from }),
      kind: module.kind,
      settings: module.settings,
      rows: module.rows.map((r) => ({
        change: r.change,
        fields: r.fields,
        before: row(r.before) ?? null,
        after: row(r.after) ?? null,
      })),
    })),
    summary: change.summary,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatExposureChange(
  change: ExposureChange,
  sides: ComparedSides,
  format: ExposureFormat,
  toolVersion: string,
  layout: TableLayout = fittedLayout(),
): string {
  if (format === 'json') return json(change, sides, toolVersion);
  return format === 'markdown' ? markdown(change, sides) : text(change, sides, layout);
}
