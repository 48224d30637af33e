import type { Advice } from '../catalog/advice.ts';
import type { Connection, Listener, ModuleModel } from '../model/listener.ts';
import { placeText } from '../model/place.ts';
import { alignColumns } from './columns.ts';
import { printable } from './printable.ts';

export type PortsFormat = 'text' | 'json' | 'csv';

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

function row(listener: Listener): string[] {
  return [
    port(listener),
    listener.protocol,
    listener.product,
    listener.daemon,
    listener.startedBy,
    listener.state,
    wrapper(listener),
    why(listener),
    listener.evidence.map(placeText).join(', '),
    adviceText(listener.advice),
  ];
}

const header = ['PORT', 'PROTO', 'PRODUCT', 'DAEMON', 'STARTED BY', 'STATE', 'TCPD', 'CONDITION / NOTE', 'EVIDENCE', 'ADVICE'];

function connectionPort(connection: Connection): string {
  if (connection.port === undefined) return 'varying';
  return connection.kind === 'source port' ? `from ${connection.port}` : `to ${connection.port}`;
}

function connectionRow(connection: Connection): string[] {
  return [
    connectionPort(connection),
    connection.protocol,
    connection.product,
    connection.program,
    connection.state,
    [connection.description, why(connection)].filter(Boolean).join('; '),
    connection.evidence.map(placeText).join(', '),
    adviceText(connection.advice),
  ];
}

const connectionHeader = ['TRAFFIC', 'PROTO', 'PRODUCT', 'PROGRAM', 'STATE', 'WHAT / CONDITION / NOTE', 'EVIDENCE', 'ADVICE'];

function textModule(model: ModuleModel): string {
  const lines = [`module ${printable(model.name)}`, '', ...alignColumns([header, ...model.listeners.map((listener) => row(listener).map(printable))])];
  if (model.connections.length > 0) {
    lines.push('', 'other traffic of the programs it runs:', ...alignColumns([connectionHeader, ...model.connections.map((c) => connectionRow(c).map(printable))]));
  }
  if (model.unresolved.length > 0) lines.push('', `undecided (the model is incomplete: ${model.unresolved.length} ${model.unresolved.length === 1 ? 'thing' : 'things'} it could not decide):`);
  for (const item of model.unresolved) lines.push(`undecided: ${printable(item.reason)}${item.place ? ` (${printable(placeText(item.place))})` : ''}`);
  return lines.join('\n');
}

const csvHeader = ['module', 'port', 'range_end', 'protocol', 'daemon', 'started_by', 'state', 'condition', 'note', 'wrapped_by', 'evidence', 'advice', 'product', 'advice_source', 'last_port', 'kind'];

/**
 * A cell as a spreadsheet will read it: printable, and, as OWASP advises against formula injection, a cell that
 * starts with `=`, `+`, `-`, `@`, tab or CR gets a `'` in front and quotes around it, so that it stays text.
 */
function csvCell(value: string): string {
  const text = printable(value);
  const formula = /^[=+\-@\t\r]/.test(text);
  const cell = formula ? `'${text}` : text;
  return formula || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function csvRows(model: ModuleModel): string[][] {
  const listeners = model.listeners.map((l) => [
    model.name,
    String(l.port),
    l.rangeEnd ?? '',
    l.protocol,
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
    l.lastPort === undefined ? '' : String(l.lastPort),
    'listen',
  ]);
  const connections = model.connections.map((c) => [
    model.name,
    c.port === undefined ? '' : String(c.port),
    '',
    c.protocol,
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
    '',
    c.kind,
  ]);
  return [...listeners, ...connections];
}

/** A listener in the order docs/json-report.md gives; fields that do not apply are undefined, so left out. */
function jsonListener(l: Listener) {
  return {
    port: l.port,
    protocol: l.protocol,
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

function jsonModule(model: ModuleModel) {
  return {
    name: model.name,
    inetd: model.inetd ? { state: model.inetd.state, condition: model.inetd.condition, evidence: model.inetd.evidence.map(placeText) } : null,
    listeners: model.listeners.map(jsonListener),
    unresolved: model.unresolved.map((item) => ({ reason: item.reason, place: item.place ? placeText(item.place) : null })),
    connections: model.connections.map(jsonConnection),
    complete: model.unresolved.length === 0,
  };
}

/** The live-port table of each module: the article's table 1, computed for the module, after a line of what was assumed. */
export function formatPorts(models: readonly ModuleModel[], format: PortsFormat, assumed = ''): string {
  if (format === 'json') return `${JSON.stringify({ version: 1, modules: models.map(jsonModule) }, null, 2)}\n`;
  if (format === 'csv') return `${[csvHeader, ...models.flatMap(csvRows)].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
  return `${[...(assumed ? [assumed] : []), ...models.map(textModule)].join('\n\n')}\n`;
}
