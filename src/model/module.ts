import { daemonPorts } from '../catalog/daemons.ts';
import type { Transport } from '../catalog/server-ports.ts';
import { append } from '../util/append.ts';
import { decide, type DecidedStart } from './decide.ts';
import type { AuditedFile, InetdFile, MacroFile, TelnetAdminFile } from './files.ts';
import { addInetdListeners } from './inetd-listeners.ts';
import { kernelRows } from './kernel.ts';
import { stateRank, strongest, type ModuleModel } from './listener.ts';
import { macroStarts, type MacroFacts } from './macro-starts.ts';
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

/** What the module's macros start, read from module_start_up.cm, or without one from every macro given. */
export function moduleStarts(files: readonly AuditedFile[]): MacroFacts[] {
  const macros = files.filter((file): file is MacroFile => file.kind === 'macro');
  const byName = new Map(macros.map((file) => [baseName(file.source.path).replace(/\.cm$/, ''), file]));
  const entries = macros.filter((file) => baseName(file.source.path) === 'module_start_up.cm');
  return (entries.length > 0 ? entries : macros).map((entry) => macroStarts(entry, byName));
}

/** Builds the model of one module from all of its files: which daemons and ports will be live, and why. */
export function buildModule(name: string, files: readonly AuditedFile[], settings: Settings): ModuleModel {
  const macros = files.filter((file): file is MacroFile => file.kind === 'macro');
  const starts = moduleStarts(files);
  const events = starts.flatMap((facts) => facts.starts);
  const model: ModuleModel = {
    name,
    listeners: [],
    unresolved: starts.flatMap((facts) => facts.unresolved),
    macrosGiven: macros.length > 0,
  };

  const decided = events.map((event) => ({ event, start: { ...decide(event, settings), evidence: event.evidence } }));
  const strongestStart = (daemon: string) => strongest(decided.filter((d) => d.event.daemon === daemon).map((d) => d.start));
  if (macros.length > 0) {
    const inetd = strongestStart('inetd');
    model.inetd = inetd ? { state: inetd.state, evidence: inetd.evidence } : { state: 'off', evidence: [] };
  }
  const stcpAssumed: DecidedStart = { state: 'live', note: 'assumed: STCP is started (no module_start_up.cm given)', evidence: [] };
  const telnetStart = macros.length > 0 ? strongestStart('telnetd') : stcpAssumed;
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
  for (const { event, start } of decided) {
    if (event.daemon === 'inetd' || event.daemon === 'telnetd') continue;
    const ports = daemonPorts(event.daemon);
    const custom = event.daemon === 'telnet_msd' ? networkPort(event.arguments) : undefined;
    for (const port of ports) {
      model.listeners.push({
        port: custom ?? port.port,
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
    }
  }
  model.listeners.sort((a, b) => a.port - b.port || transportRank[a.protocol] - transportRank[b.protocol] || stateRank[b.state] - stateRank[a.state]);
  return model;
}
