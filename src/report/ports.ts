import type { Listener, ModuleModel } from '../model/listener.ts';
import { placeText } from '../model/place.ts';
import { alignColumns } from './columns.ts';
import { csvText } from './csv-cell.ts';
import { printable } from './printable.ts';

export type PortsFormat = 'text' | 'json' | 'csv';

function port(listener: Listener): string {
  return listener.rangeEnd ? `${listener.port}–…` : String(listener.port);
}

function why(listener: Listener): string {
  return [listener.condition && `if ${listener.condition}`, listener.note, listener.rangeEnd && `up to ${listener.rangeEnd}`].filter(Boolean).join('; ');
}

function row(listener: Listener): string[] {
  return [
    port(listener),
    listener.protocol,
    listener.daemon,
    listener.startedBy,
    listener.state,
    listener.wrappedBy ?? '',
    why(listener),
    listener.evidence.map(placeText).join(', '),
    listener.advice ?? '',
  ];
}

const header = ['PORT', 'PROTO', 'DAEMON', 'STARTED BY', 'STATE', 'TCPD', 'CONDITION / NOTE', 'EVIDENCE', 'ADVICE'];

function textModule(model: ModuleModel): string {
  const lines = [`module ${printable(model.name)}`, '', alignColumns([header, ...model.listeners.map((listener) => row(listener).map(printable))]).join('\n')];
  for (const item of model.unresolved) lines.push(`undecided: ${printable(item.reason)}${item.place ? ` (${printable(placeText(item.place))})` : ''}`);
  return lines.join('\n');
}

const csvHeader = ['module', 'port', 'range_end', 'protocol', 'daemon', 'started_by', 'state', 'condition', 'note', 'wrapped_by', 'evidence', 'advice'];

function csvRows(model: ModuleModel): string[][] {
  return model.listeners.map((l) => [
    model.name,
    String(l.port),
    l.rangeEnd ?? '',
    l.protocol,
    l.daemon,
    l.startedBy,
    l.state,
    l.condition ?? '',
    l.note ?? '',
    l.wrappedBy ?? '',
    l.evidence.map(placeText).join(' '),
    l.advice ?? '',
  ]);
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
    evidence: l.evidence.map(placeText),
    advice: l.advice,
  };
}

function jsonModule(model: ModuleModel) {
  return {
    name: model.name,
    inetd: model.inetd ? { state: model.inetd.state, evidence: model.inetd.evidence.map(placeText) } : null,
    listeners: model.listeners.map(jsonListener),
    unresolved: model.unresolved.map((item) => ({ reason: item.reason, place: item.place ? placeText(item.place) : null })),
  };
}

/** The live-port table of each module: the article's table 1, computed for the module. */
export function formatPorts(models: readonly ModuleModel[], format: PortsFormat): string {
  if (format === 'json') return `${JSON.stringify({ version: 1, modules: models.map(jsonModule) }, null, 2)}\n`;
  if (format === 'csv') return csvText([csvHeader, ...models.flatMap(csvRows)]);
  return `${models.map(textModule).join('\n\n')}\n`;
}
