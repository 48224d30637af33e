import { daemonPorts } from '../catalog/daemons.ts';
import type { Transport } from '../catalog/server-ports.ts';
import { append } from '../util/append.ts';
import { decide, type DecidedStart } from './decide.ts';
import type { AuditedFile, InetdFile, MacroFile, TelnetAdminFile } from './files.ts';
import { addInetdListeners } from './inetd-listeners.ts';
import { kernelRows } from './kernel.ts';
import { stateRank, strongest, type ModuleModel } from './listener.ts';
import { macroStarts, type StartEvent } from './macro-starts.ts';
import { branchGroups, mergeStarts } from './merge-starts.ts';
import { adviceFor, releaseNote } from './port-catalog.ts';
import type { Settings } from './settings.ts';
import { telnetListeners } from './telnet-listeners.ts';

const transportRank: Record<Transport, number> = { tcp: 0, udp: 1 };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** The port `telnet_msd -network_port N` opens, else the catalog's 24. */
function networkPort(args: string[]): number | undefined {
  const at = args.findIndex((arg) => arg.toLowerCase() === '-network_port');
  const value = at === -1 ? undefined : Number(args[at + 1]);
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}

/** The ports a start opens: the catalog's for its daemon, telnet_msd's `-network_port` instead of 24. */
function startPorts(event: StartEvent) {
  const custom = event.daemon === 'telnet_msd' ? networkPort(event.arguments) : undefined;
  return daemonPorts(event.daemon).map((port) => (custom === undefined ? port : { ...port, port: custom }));
}

/** Builds the model of one module from all of its files: which daemons and ports will be live, and why. */
export function buildModule(name: string, files: readonly AuditedFile[], settings: Settings): ModuleModel {
  const macros = files.filter((file): file is MacroFile => file.kind === 'macro');
  const byName = new Map(macros.map((file) => [baseName(file.source.path).replace(/\.cm$/, ''), file]));
  const entries = macros.filter((file) => baseName(file.source.path) === 'module_start_up.cm');
  const facts = macroStarts(entries.length > 0 ? entries : macros, byName, settings);
  const model: ModuleModel = { name, listeners: [], unresolved: facts.unresolved, macrosGiven: macros.length > 0 };

  /** A start some assignment of the conditions reaches, whatever the products stated: a branch of its row. */
  const reachable = (event: StartEvent) => !event.off && !event.reach.tables.isEmpty(event.reach.table);
  /** Whether a daemon runs at all: under any of its start lines, all of them its evidence. */
  const startOf = (daemon: string): DecidedStart | undefined => {
    const events = facts.starts.filter((event) => event.daemon === daemon);
    const branches = events.filter(reachable);
    const chosen = branches.length > 0 ? mergeStarts(branches) : strongest(events.map((event) => ({ event, state: decide(event, settings).state })))?.event;
    return chosen && { ...decide(chosen, settings), evidence: chosen.evidence };
  };
  if (macros.length > 0) {
    const inetd = startOf('inetd');
    model.inetd = inetd ? { state: inetd.state, evidence: inetd.evidence } : { state: 'off', evidence: [] };
  }
  const stcpAssumed: DecidedStart = { state: 'live', note: 'assumed: STCP is started (no module_start_up.cm given)', evidence: [] };
  const telnetStart = macros.length > 0 ? startOf('telnetd') : stcpAssumed;
  if (telnetStart !== undefined) {
    append(model.listeners, telnetListeners(files.filter((f): f is TelnetAdminFile => f.kind === 'telnet-admin'), telnetStart, settings));
  }
  if (macros.length === 0) {
    for (const daemon of ['ftpd', 'snmpd']) {
      for (const port of daemonPorts(daemon)) {
        model.listeners.push({ port: port.port, protocol: port.transport, daemon, startedBy: 'start_stcp', ...stcpAssumed, ...adviceFor({ daemon }, port.port) });
      }
    }
  }
  const others = facts.starts.filter((event) => event.daemon !== 'inetd' && event.daemon !== 'telnetd');
  const rowKey = (event: StartEvent) => JSON.stringify([event.daemon, event.startedBy, startPorts(event).map((port) => [port.port, port.transport])]);
  for (const group of branchGroups(others, reachable, rowKey)) {
    const event = mergeStarts(group);
    const start = { ...decide(event, settings), evidence: event.evidence };
    const ports = startPorts(event);
    for (const port of ports) {
      model.listeners.push({
        port: port.port,
        ...(port.rangeEnd && { rangeEnd: port.rangeEnd }),
        protocol: port.transport,
        daemon: event.daemon,
        startedBy: event.startedBy,
        ...start,
        ...(port.advice && { advice: port.advice }),
      });
    }
    if (ports.length === 0 && start.state !== 'off') {
      model.unresolved.push({ reason: `starts ${event.program}, whose ports vos-audit does not know`, place: start.evidence.at(-1) });
    }
  }
  addInetdListeners(model.listeners, files.filter((f): f is InetdFile => f.kind === 'inetd'), model.inetd);
  append(model.listeners, kernelRows);

  for (const listener of model.listeners) {
    const outside = releaseNote(listener.daemon, listener.port, settings.release);
    if (outside !== undefined && listener.state !== 'off') {
      listener.state = 'off';
      listener.note = outside;
      delete listener.condition;
      delete listener.when;
    }
  }
  model.listeners.sort((a, b) => a.port - b.port || transportRank[a.protocol] - transportRank[b.protocol] || stateRank[b.state] - stateRank[a.state]);
  return model;
}
