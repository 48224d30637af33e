import { append } from '../util/append.ts';
import { daemonPorts } from '../catalog/daemons.ts';
import { compareReleases, describeRanges, parseRelease, releaseIn, type Release } from '../catalog/releases.ts';
import { rsnPort, serverPorts, type ServerPort, type Transport } from '../catalog/server-ports.ts';
import type { AuditedFile, InetdFile, MacroFile, TelnetAdminFile } from './files.ts';
import type { MacroCondition } from '../syntax/macro-tree.ts';
import type { Settings } from './settings.ts';
import type { InetdService } from './inetd.ts';
import { macroStarts, type StartEvent } from './macro-starts.ts';
import { Place } from './place.ts';

export type ListenerState = 'live' | 'off' | 'conditional' | 'dead';

/** One port the module listens on, or would if configured otherwise, and everything that decided it. */
export interface Listener {
  port: number;
  /** For a kernel range, what its last port depends on. */
  rangeEnd?: string;
  protocol: Transport;
  daemon: string;
  startedBy: string;
  state: ListenerState;
  /** The `&if` conditions it depends on, when conditional. */
  condition?: string;
  /** Why it is off or dead, or what was assumed, in words. */
  note?: string;
  wrappedBy?: string;
  /** Every place that decided it, outermost first. */
  evidence: Place[];
  advice?: string;
}

export interface ModuleModel {
  name: string;
  listeners: Listener[];
  /** What the model could not decide, with where. */
  unresolved: Array<{ reason: string; place?: Place }>;
  /** Whether inetd runs at all; undefined when no macro was given to say. */
  inetd?: { state: ListenerState; evidence: Place[] };
  /** Whether any command macro was given: without one, what STCP starts is assumed. */
  macrosGiven: boolean;
}

const stateRank: Record<ListenerState, number> = { live: 3, conditional: 2, dead: 1, off: 0 };
const transportRank: Record<Transport, number> = { tcp: 0, udp: 1 };

const purchased = /^\(\s*software_purchased\s+(\w+)\s*\)$/i;

interface Decided {
  state: ListenerState;
  condition?: string;
  note?: string;
}

/** A start's decision with the places that made it. */
type DecidedStart = Decided & { evidence: Place[] };

function conditionText(conditions: MacroCondition[]): string {
  return conditions.map((c) => (c.negated ? `not ${c.text}` : c.text)).join(' and ');
}

/** The state of a start: commented out, dead, decided by the products purchased, or open. */
function decide(event: Pick<StartEvent, 'off' | 'dead' | 'conditions'>, settings: Settings): Decided {
  if (event.off) return { state: 'off', note: 'commented out' };
  if (event.dead !== undefined) return { state: 'dead', note: event.dead };
  const open: MacroCondition[] = [];
  for (const condition of event.conditions) {
    const product = purchased.exec(condition.text)?.[1]?.toUpperCase();
    if (product === undefined || settings.products === undefined) {
      open.push(condition);
      continue;
    }
    if (settings.products.has(product) === condition.negated) {
      return { state: 'off', note: `product ${product} is ${condition.negated ? '' : 'not '}purchased` };
    }
  }
  return open.length > 0 ? { state: 'conditional', condition: conditionText(open) } : { state: 'live' };
}

/**
 * The first catalog entry for each name (a daemon, or what starts it) and port: the catalog is read once per
 * listener, so it is looked up, not searched.
 */
class PortIndex {
  private readonly byName = new Map<string, Map<number, ServerPort>>();

  constructor(name: (entry: ServerPort) => string) {
    for (const entry of serverPorts) {
      let ports = this.byName.get(name(entry));
      if (ports === undefined) this.byName.set(name(entry), (ports = new Map()));
      if (!ports.has(entry.port)) ports.set(entry.port, entry);
    }
  }

  get(name: string, port: number): ServerPort | undefined {
    return this.byName.get(name)?.get(port);
  }
}

const portsByDaemon = new PortIndex((entry) => entry.daemon);
const portsByStarter = new PortIndex((entry) => entry.startedBy);

/** The releases a daemon's port exists in, from the catalog; a port outside the module's release is not live. */
function releaseNote(daemon: string, port: number, release: Release): string | undefined {
  const entry = portsByDaemon.get(daemon, port);
  if (entry === undefined || releaseIn(release, entry.releases)) return undefined;
  return `${daemon} on ${port} exists in VOS ${describeRanges(entry.releases)}, not in ${release.text}`;
}

function strongest<T extends { state: ListenerState }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || stateRank[item.state] > stateRank[best.state] ? item : best), undefined);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** The port `telnet_msd -network_port N` opens, else the catalog's 24. */
function networkPort(args: string[]): number | undefined {
  const at = args.findIndex((arg) => arg.toLowerCase() === '-network_port');
  const value = at === -1 ? undefined : Number(args[at + 1]);
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}

const rsnRelease = parseRelease('15.0')!;

/** telnetd's listeners: the listing's rows when one was given, else port 23 and, from 15.0, the RSN's port 85. */
function telnetListeners(listings: TelnetAdminFile[], start: DecidedStart, settings: Settings): Listener[] {
  const rows = listings.flatMap((file) => file.tree.children.map((row) => ({ file, row })));
  if (rows.length > 0) {
    return rows.map(({ file, row }) => {
      const port = Number(row.port.value);
      return {
        port,
        protocol: 'tcp',
        daemon: 'telnetd',
        startedBy: 'start_stcp',
        ...start,
        note: [start.note, `${row.service.value} listener of telnet_admin`].filter(Boolean).join('; '),
        evidence: [...start.evidence, new Place(file.source.path, row)],
        ...adviceFor({ daemon: 'telnetd' }, port),
      };
    });
  }
  const ports = compareReleases(settings.release, rsnRelease) >= 0 ? [23, rsnPort] : [23];
  return ports.map((port) => ({
    port,
    protocol: 'tcp' as const,
    daemon: 'telnetd',
    startedBy: 'start_stcp',
    ...start,
    note: [start.note, 'assumed: no telnet_admin listing given'].filter(Boolean).join('; '),
    ...adviceFor({ daemon: 'telnetd' }, port),
  }));
}

/** The article's advice for a port, found by the daemon on it or by what starts it (inetd's many services). */
function adviceFor(by: { daemon: string } | { startedBy: string }, port: number): { advice?: string } {
  const advice = ('daemon' in by ? portsByDaemon.get(by.daemon, port) : portsByStarter.get(by.startedBy, port))?.advice;
  return advice ? { advice } : {};
}

/**
 * The listener of an inetd entry. Its evidence is put together when read: a large inetd.conf makes a listener of
 * every line, and few are ever asked where they come from.
 */
class InetdListener implements Listener {
  readonly startedBy = 'inetd';
  state: ListenerState;
  note?: string;
  readonly wrappedBy?: string;
  readonly advice?: string;
  readonly #inetdEvidence: readonly Place[];
  readonly #file: string;
  readonly #service: InetdService;

  constructor(
    readonly port: number,
    readonly protocol: Transport,
    readonly daemon: string,
    decided: Decided,
    service: InetdService,
    file: string,
    inetdEvidence: readonly Place[],
  ) {
    this.state = decided.state;
    if (decided.note !== undefined) this.note = decided.note;
    if (service.tcpd !== undefined) this.wrappedBy = 'tcpd';
    const { advice } = adviceFor({ startedBy: 'inetd' }, port);
    if (advice !== undefined) this.advice = advice;
    this.#inetdEvidence = inetdEvidence;
    this.#file = file;
    this.#service = service;
  }

  get evidence(): Place[] {
    return [...this.#inetdEvidence, new Place(this.#file, this.#service.entry)];
  }
}

/** Adds the listeners of the inetd entries to `listeners`. */
function addInetdListeners(listeners: Listener[], files: InetdFile[], inetd: ModuleModel['inetd']): void {
  const running: Decided = inetd === undefined ? { state: 'live', note: 'assumed: inetd is started (no module_start_up.cm given)' } : { state: inetd.state };
  const commentedOut: Decided = { state: 'off', note: 'commented out' };
  for (const file of files) {
    for (const service of file.services) {
      if (service.port === undefined || service.transport === undefined) continue;
      const daemon = service.daemon === 'internal' ? 'inetd' : service.daemon;
      const decided = service.entry.disabled ? commentedOut : running;
      listeners.push(new InetdListener(service.port, service.transport, daemon, decided, service, file.source.path, inetd?.evidence ?? []));
    }
  }
}

const kernelRows: Listener[] = serverPorts
  .filter((entry) => entry.daemon === 'kernel')
  .map((entry) => ({
    port: entry.port,
    rangeEnd: entry.rangeEnd,
    protocol: 'tcp' as const,
    daemon: `kernel (${entry.service})`,
    startedBy: 'kernel',
    state: entry.service === 'OSN' ? ('conditional' as const) : ('live' as const),
    ...(entry.service === 'OSN' && { condition: 'the module is its system’s bridge module' }),
    evidence: [],
  }));

/** Builds the model of one module from all of its files: which daemons and ports will be live, and why. */
export function buildModule(name: string, files: readonly AuditedFile[], settings: Settings): ModuleModel {
  const macros = files.filter((file): file is MacroFile => file.kind === 'macro');
  const byName = new Map(macros.map((file) => [baseName(file.source.path).replace(/\.cm$/, ''), file]));
  const entries = macros.filter((file) => baseName(file.source.path) === 'module_start_up.cm');
  const starts = (entries.length > 0 ? entries : macros).map((entry) => macroStarts(entry, byName));
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
