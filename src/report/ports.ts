import type { Advice } from '../catalog/advice.ts';
import {
  listenerStates,
  undecidedText,
  type Connection,
  type Listener,
  type ListenerState,
  type ModuleModel,
} from '../model/listener.ts';
import { placeText } from '../model/place.ts';
import { csvText } from './csv-cell.ts';
import { printable } from './printable.ts';
import { defaultWidth, tableLines, type TableColumn, type TableLayout } from './table.ts';
import { wrapText } from './wrap.ts';

export type PortsFormat = 'text' | 'json' | 'csv';

export interface PortsOptions {
  format: PortsFormat;
  /** How the text table is laid out: wide, or fitted to a width (the default width when not given). */
  layout?: TableLayout;
  /** The states whose rows are shown (`--state`); every state when not given. */
  states?: readonly ListenerState[];
}

/** The listeners and connections of a module that `--state` shows. */
function shownRows(model: ModuleModel, options: PortsOptions): { listeners: Listener[]; connections: Connection[] } {
  const shown = (item: { state: ListenerState }) => options.states === undefined || options.states.includes(item.state);
  return { listeners: model.listeners.filter(shown), connections: model.connections.filter(shown) };
}

function port(listener: Listener): string {
  if (listener.lastPort !== undefined) return `${listener.port}–${listener.lastPort}`;
  return listener.rangeEnd ? `${listener.port}–…` : String(listener.port);
}

function why(item: Listener | Connection): string {
  const rangeEnd = 'rangeEnd' in item && item.rangeEnd ? `up to ${item.rangeEnd}` : undefined;
  return [item.condition && `if ${item.condition}`, item.note, rangeEnd].filter(Boolean).join('; ');
}

/** `block it (article)`: the advice with where it comes from. */
function adviceText(advice: Advice | undefined): string {
  return advice ? `${advice.text} (${advice.source})` : '';
}

/** `tcpd: 10.9.9.9 only`: the wrapper, and who its policy lets connect. */
function wrapper(listener: Listener): string {
  return listener.admits ? `${listener.wrappedBy}: ${listener.admits.text}` : (listener.wrappedBy ?? '');
}

const listenerColumns: TableColumn<Listener>[] = [
  { header: 'PORT', cell: port },
  { header: 'PROTO', cell: (l) => l.protocol },
  { header: 'SERVICE', cell: (l) => l.service ?? '', yields: 4 },
  { header: 'PRODUCT', cell: (l) => l.product, yields: 2 },
  { header: 'DAEMON', cell: (l) => l.daemon, yields: 5 },
  { header: 'STARTED BY', cell: (l) => l.startedBy, yields: 1 },
  { header: 'STATE', cell: (l) => l.state },
  { header: 'TCPD', cell: wrapper, yields: 3, beneath: (value) => `wrapped by ${value}` },
  { header: 'CONDITION / NOTE', cell: why, long: true, beneath: (value) => value },
  { header: 'EVIDENCE', cell: (l) => l.evidence.map(placeText).join(', '), long: true },
  { header: 'ADVICE', cell: (l) => adviceText(l.advice), long: true },
];

function connectionPort(connection: Connection): string {
  if (connection.port === undefined) return 'varying';
  return connection.kind === 'source port' ? `from ${connection.port}` : `to ${connection.port}`;
}

const connectionColumns: TableColumn<Connection>[] = [
  { header: 'TRAFFIC', cell: connectionPort },
  { header: 'PROTO', cell: (c) => c.protocol },
  { header: 'PRODUCT', cell: (c) => c.product, yields: 1 },
  { header: 'PROGRAM', cell: (c) => c.program },
  { header: 'STATE', cell: (c) => c.state },
  {
    header: 'WHAT / CONDITION / NOTE',
    cell: (c) => [c.description, why(c)].filter(Boolean).join('; '),
    long: true,
    beneath: (value) => value,
  },
  { header: 'EVIDENCE', cell: (c) => c.evidence.map(placeText).join(', '), long: true },
  { header: 'ADVICE', cell: (c) => adviceText(c.advice), long: true },
];

/** What the layout makes of a line of prose: as it is when wide, else wrapped with its continuation indented. */
function prose(text: string, layout: TableLayout): string[] {
  return layout.wide ? [text] : wrapText(text, layout.width, '', '  ');
}

/** `3 rows not shown (2 off, 1 dead)`: what `--state` left out of a module's tables. */
function notShownLine(model: ModuleModel, options: PortsOptions): string {
  const states = listenerStates.filter((state) => !options.states?.includes(state));
  const counts = states.map(
    (state) => [...model.listeners, ...model.connections].filter((item) => item.state === state).length,
  );
  const total = counts.reduce((sum, n) => sum + n, 0);
  const each = states.flatMap((state, i) => (counts[i]! > 0 ? [`${counts[i]} ${state}`] : []));
  return total === 0 ? '' : `${total} ${total === 1 ? 'row' : 'rows'} not shown (${each.join(', ')})`;
}

function textModule(model: ModuleModel, options: PortsOptions, layout: TableLayout): string {
  const { listeners, connections } = shownRows(model, options);
  const lines = [`module ${printable(model.name)}`, '', ...tableLines(listenerColumns, listeners, layout)];
  if (connections.length > 0)
    lines.push('', 'other traffic of the programs it runs:', ...tableLines(connectionColumns, connections, layout));
  const notShown = options.states ? notShownLine(model, options) : '';
  if (notShown) lines.push('', notShown);
  if (model.unresolved.length > 0)
    lines.push(
      '',
      ...prose(
        `undecided (the model is incomplete: ${model.unresolved.length} ${model.unresolved.length === 1 ? 'thing' : 'things'} it could not decide):`,
        layout,
      ),
    );
  for (const item of model.unresolved) lines.push(...prose(`undecided: ${printable(undecidedText(item))}`, layout));
  return lines.join('\n');
}

const csvHeader = [
  'module',
  'port',
  'range_end',
  'range_formula',
  'protocol',
  'service',
  'daemon',
  'started_by',
  'state',
  'condition',
  'note',
  'wrapped_by',
  'evidence',
  'advice',
  'product',
  'advice_source',
  'kind',
  'module_complete',
  'module_undecided',
];

/** The cells every row of a module ends with: whether its model is complete, and what it could not decide. */
function moduleCells(model: ModuleModel): string[] {
  return [String(model.unresolved.length === 0), model.unresolved.map(undecidedText).join(' | ')];
}

function csvRows(model: ModuleModel, options: PortsOptions): string[][] {
  const shown = shownRows(model, options);
  const listeners = shown.listeners.map((l) => [
    model.name,
    String(l.port),
    l.lastPort === undefined ? '' : String(l.lastPort),
    l.rangeEnd ?? '',
    l.protocol,
    l.service ?? '',
    l.daemon,
    l.startedBy,
    l.state,
    l.condition ?? '',
    l.note ?? '',
    wrapper(l),
    l.evidence.map(placeText).join(' '),
    l.advice?.text ?? '',
    l.product,
    l.advice?.source ?? '',
    'listen',
    ...moduleCells(model),
  ]);
  const connections = shown.connections.map((c) => [
    model.name,
    c.port === undefined ? '' : String(c.port),
    '',
    '',
    c.protocol,
    '',
    c.program,
    '',
    c.state,
    c.condition ?? '',
    [c.description, c.note].filter(Boolean).join('; '),
    '',
    c.evidence.map(placeText).join(' '),
    c.advice?.text ?? '',
    c.product,
    c.advice?.source ?? '',
    c.kind,
    ...moduleCells(model),
  ]);
  return [...listeners, ...connections];
}

/** A listener in the order docs/json-report.md gives; fields that do not apply are undefined, so left out. */
function jsonListener(l: Listener) {
  return {
    port: l.port,
    protocol: l.protocol,
    service: l.service,
    daemon: l.daemon,
    startedBy: l.startedBy,
    state: l.state,
    condition: l.condition,
    note: l.note,
    rangeEnd: l.rangeEnd,
    wrappedBy: l.wrappedBy,
    admits: l.admits?.text,
    evidence: l.evidence.map(placeText),
    advice: l.advice?.text,
    product: l.product,
    adviceSource: l.advice?.source,
    lastPort: l.lastPort,
  };
}

function jsonConnection(c: Connection) {
  return {
    kind: c.kind,
    program: c.program,
    protocol: c.protocol,
    port: c.port,
    state: c.state,
    condition: c.condition,
    note: c.note,
    description: c.description,
    evidence: c.evidence.map(placeText),
    product: c.product,
    advice: c.advice?.text,
    adviceSource: c.advice?.source,
  };
}

function jsonModule(model: ModuleModel, options: PortsOptions) {
  const { listeners, connections } = shownRows(model, options);
  return {
    name: model.name,
    inetd: model.inetd
      ? { state: model.inetd.state, condition: model.inetd.condition, evidence: model.inetd.evidence.map(placeText) }
      : null,
    listeners: listeners.map(jsonListener),
    unresolved: model.unresolved.map((item) => ({
      reason: item.reason,
      place: item.place ? placeText(item.place) : null,
    })),
    connections: connections.map(jsonConnection),
    complete: model.unresolved.length === 0,
  };
}

/** The live-port table of each module: the article's table 1, computed for the module, after a line of what was assumed. */
export function formatPorts(models: readonly ModuleModel[], options: PortsOptions, assumed = ''): string {
  if (options.format === 'json') {
    const modules = models.map((model) => jsonModule(model, options));
    return `${JSON.stringify({ version: 1, ...(options.states && { states: options.states }), modules }, null, 2)}\n`;
  }
  if (options.format === 'csv') return csvText([csvHeader, ...models.flatMap((model) => csvRows(model, options))]);
  const layout = options.layout ?? { wide: false, width: defaultWidth };
  return `${[...(assumed ? [prose(assumed, layout).join('\n')] : []), ...models.map((model) => textModule(model, options, layout))].join('\n\n')}\n`;
}
