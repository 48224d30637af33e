import { trafficOf } from '../catalog/client-ports.ts';
import { daemonPorts } from '../catalog/daemons.ts';
import { vosProgram } from '../catalog/vos-programs.ts';
import type { Transport } from '../catalog/server-ports.ts';
import { append } from '../util/append.ts';
import { decide, openAtoms, type DecidedStart } from './decide.ts';
import type { AuditedFile, InetdFile, MacroFile, TelnetAdminFile } from './files.ts';
import { addInetdListeners } from './inetd-listeners.ts';
import { kernelRows } from './kernel.ts';
import { stateRank, strongest, type Connection, type Listener, type ModuleModel } from './listener.ts';
import { macroStarts, type MacroFacts, type StartEvent } from './macro-starts.ts';
import { branchGroups, mergeStarts } from './merge-starts.ts';
import { Place, placeText } from './place.ts';
import { applyProductUntil, applyRelease, conjoin } from './port-catalog.ts';
import { addTcpdAdmissions } from './tcpd-admission.ts';
import type { Settings } from './settings.ts';
import { factToState, unmatchedFacts } from './site-facts.ts';
import type { StartPort } from './start-port.ts';
import { startPorts } from './start-ports.ts';
import { telnetListeners } from './telnet-listeners.ts';
import { baseName } from '../util/base-name.ts';

const transportRank: Record<Transport, number> = { tcp: 0, udp: 1 };

function withNote<T extends { note?: string }>(item: T, note: string): T {
  item.note = item.note ? `${item.note}; ${note}` : note;
  return item;
}

/** A condition added to a start's: the row runs only if both hold. */
function narrowed(start: DecidedStart, condition: string): DecidedStart {
  if (start.state !== 'live' && start.state !== 'conditional') return start;
  return { ...start, state: 'conditional', condition: conjoin(start.condition, condition) };
}

/**
 * When the macros read never start a daemon, a macro they call that is not among the module's files might: the
 * daemon is then conditional on that, not "not started".
 */
function startOrUnread(
  start: DecidedStart | undefined,
  unread: readonly Place[],
  daemon: string,
): DecidedStart | undefined {
  if ((start !== undefined && start.state !== 'off' && start.state !== 'dead') || unread.length === 0) return start;
  return {
    state: 'conditional',
    condition: `${unread.map(placeText).join(' or ')} (a macro vos-audit has not read) starts ${daemon}`,
    evidence: [...unread],
    decidedAt: unread.at(-1)!,
  };
}

/** A start as the settings decide it, with its evidence and the start line it is reported at. */
function decidedStart(event: StartEvent, settings: Settings): DecidedStart {
  return { ...decide(event, settings), evidence: event.evidence, decidedAt: event.line };
}

/**
 * The rows of a daemon the macros start (its ports, worked out once per start), a site's declared ports, or its
 * traffic if it is a client.
 */
function addStart(
  model: ModuleModel,
  event: StartEvent,
  ports: readonly StartPort[],
  start: DecidedStart,
  settings: Settings,
): void {
  const base = { daemon: event.daemon, startedBy: event.startedBy };
  for (const { port, entry, condition, undecided, source, decidedAt, note, off } of ports) {
    const listener: Listener = {
      port,
      protocol: entry.transport,
      service: entry.service,
      ...base,
      ...(condition ? narrowed(start, condition) : start),
      ...(decidedAt && { evidence: [...start.evidence, decidedAt], decidedAt }),
      portSource: source,
      product: entry.product,
      ...(entry.advice && { advice: entry.advice }),
    };
    if (entry.rangeEnd) listener.rangeEnd = entry.rangeEnd;
    if (note !== undefined) withNote(listener, note);
    if (off !== undefined && listener.state !== 'dead') {
      listener.state = 'off';
      delete listener.condition;
      withNote(listener, off);
    }
    applyRelease(listener, `${event.daemon} on ${entry.port}`, entry, settings.release);
    if (undecided !== undefined && listener.state !== 'off') {
      listener.undecided = undecided;
      withNote(listener, `undecided: ${undecided}`);
      if (condition === undefined && source.from === 'argument' && !source.resolved)
        model.unresolved.push({ reason: `${event.daemon}: ${undecided}`, place: start.decidedAt });
    }
    model.listeners.push(listener);
  }
  if (ports.length > 0) return;
  const declared = settings.daemons?.ports.get(event.daemon);
  if (declared !== undefined) {
    for (const { port, transport } of declared) {
      model.listeners.push({
        port,
        protocol: transport,
        ...base,
        ...start,
        portSource: { from: 'declared daemon', in: settings.daemons!.from },
        product: 'site',
        note: [start.note, `ports declared in ${settings.daemons!.from}`].filter(Boolean).join('; '),
      });
    }
    return;
  }
  const traffic = trafficOf(event.daemon);
  if (traffic !== undefined) {
    const { decidedAt: _decidedAt, ...decided } = start;
    const connection: Connection = {
      kind: traffic.kind,
      program: event.daemon,
      protocol: traffic.transport,
      ...(traffic.port !== undefined && { port: traffic.port }),
      ...decided,
      product: traffic.product,
      description: traffic.description,
      ...(traffic.advice && { advice: traffic.advice }),
    };
    applyRelease(connection, event.daemon, traffic, settings.release);
    if (traffic.productUntil)
      applyProductUntil(connection, event.daemon, traffic.productUntil, settings.release, settings.products);
    model.connections.push(connection);
    return;
  }
  const program = vosProgram(event.daemon);
  if (program !== undefined) {
    for (const { port, transport, service } of program.listens) {
      model.listeners.push({
        port,
        protocol: transport,
        service,
        ...base,
        ...start,
        portSource: { from: 'program catalog', source: program.source },
        product: 'other',
        note: [start.note, `${program.what}; its port from ${program.source}: ${program.because}`]
          .filter(Boolean)
          .join('; '),
      });
    }
    return;
  }
  if (start.state !== 'off')
    model.unresolved.push({
      reason: `starts ${event.program}, whose ports vos-audit does not know (declare them under "daemons" in .vos-audit.json)`,
      place: start.decidedAt,
    });
}

/** ftpd sends FTP data from port 20 through ftp_ch, the process of each FTP connection: wherever ftpd runs. */
function addFtpData(model: ModuleModel): void {
  const ftpd = strongest(model.listeners.filter((l) => l.daemon === 'ftpd'));
  const traffic = trafficOf('ftp_ch');
  if (ftpd === undefined || traffic === undefined) return;
  model.connections.push({
    kind: traffic.kind,
    program: 'ftp_ch',
    protocol: traffic.transport,
    ...(traffic.port !== undefined && { port: traffic.port }),
    state: ftpd.state,
    ...(ftpd.condition !== undefined && { condition: ftpd.condition }),
    note: 'with ftpd',
    evidence: ftpd.evidence,
    product: traffic.product,
    description: traffic.description,
  });
}

/** nfs_server registers with the portmapper: it is live only where the portmapper is, and under its conditions. */
function dependOnPortmapper(model: ModuleModel): void {
  const portmap = strongest(model.listeners.filter((l) => l.daemon === 'portmap'));
  for (const nfs of model.listeners.filter(
    (l) => l.daemon === 'nfs_server' && (l.state === 'live' || l.state === 'conditional'),
  )) {
    if (portmap === undefined || portmap.state === 'off' || portmap.state === 'dead') {
      nfs.state = 'off';
      delete nfs.condition;
      withNote(nfs, 'it registers with the portmapper, which does not run here');
    } else if (
      portmap.state === 'conditional' &&
      portmap.condition !== undefined &&
      !(nfs.condition ?? '').includes(portmap.condition)
    ) {
      nfs.state = 'conditional';
      nfs.condition = conjoin(nfs.condition, portmap.condition);
      withNote(nfs, 'it registers with the portmapper');
    }
  }
}

/** A line of any file that does not parse is not in the model, which is then incomplete: each is undecided. */
function addParseErrors(model: ModuleModel, files: readonly AuditedFile[]): void {
  for (const file of files) {
    for (const error of file.tree.errors) {
      model.unresolved.push({
        reason: `a line of ${baseName(file.source.path)} that does not parse (${error.message}): what it configures is not in the model`,
        place: new Place(file.source.path, error),
      });
    }
  }
}

/** What the module's macros start, read from module_start_up.cm, or without one from every macro given. */
export function moduleStarts(files: readonly AuditedFile[]): MacroFacts {
  const macros = files.filter((file): file is MacroFile => file.kind === 'macro');
  const byName = new Map(macros.map((file) => [baseName(file.source.path).replace(/\.cm$/, ''), file]));
  const entries = macros.filter((file) => baseName(file.source.path) === 'module_start_up.cm');
  return macroStarts(entries.length > 0 ? entries : macros, byName);
}

/** The fact that would decide each condition the module's starts still depend on, ready to paste, each once. */
function openConditions(facts: MacroFacts, settings: Settings): string[] {
  const atoms = facts.starts.flatMap((event) => openAtoms(event, settings));
  return [...new Set(atoms.map(factToState))];
}

/** What the macros decide, before any row is made: which daemons they start, and how. */
interface Starts {
  facts: MacroFacts;
  macrosGiven: boolean;
  /** Live or conditional calls of macros that are not among the module's files. */
  unreadMacros: Place[];
  /** Whether a daemon runs at all, under any of its start lines (or an unread macro's call). */
  startOf(daemon: string): DecidedStart | undefined;
}

const stcpAssumed: DecidedStart = {
  state: 'live',
  note: 'assumed: STCP is started (no module_start_up.cm given)',
  evidence: [],
};

/** A start some assignment of the conditions reaches, whatever the products stated: a branch of its row. */
const reachable = (event: StartEvent) => !event.off && event.reach.guard !== event.reach.guards.never;

function readStarts(files: readonly AuditedFile[], settings: Settings): Starts {
  const facts = moduleStarts(files);
  const unreadMacros = facts.unreadCalls
    .filter((call) => {
      const { state } = decide(call, settings);
      return state === 'live' || state === 'conditional';
    })
    .map((call) => call.place);
  const startOf = (daemon: string): DecidedStart | undefined => {
    const events = facts.starts.filter((event) => event.daemon === daemon);
    const branches = events.filter(reachable);
    const chosen =
      branches.length > 0
        ? mergeStarts(branches)
        : strongest(events.map((event) => ({ event, state: decide(event, settings).state })))?.event;
    return startOrUnread(chosen && decidedStart(chosen, settings), unreadMacros, daemon);
  };
  return { facts, macrosGiven: files.some((file) => file.kind === 'macro'), unreadMacros, startOf };
}

/** Whether inetd runs, when macros were given to say: its strongest start. */
function inetdStart(starts: Starts): ModuleModel['inetd'] {
  if (!starts.macrosGiven) return undefined;
  const inetd = starts.startOf('inetd');
  if (inetd === undefined) return { state: 'off', evidence: [] };
  return {
    state: inetd.state,
    ...(inetd.condition !== undefined && { condition: inetd.condition }),
    evidence: inetd.evidence,
  };
}

/** What STCP starts when no macro says: ftpd and snmpd on their catalog ports (telnetd is telnetListeners'). */
function assumedStcpRows(starts: Starts): Listener[] {
  if (starts.macrosGiven) return [];
  return ['ftpd', 'snmpd'].flatMap((daemon) =>
    daemonPorts(daemon).map((port): Listener => ({
      port: port.port,
      protocol: port.transport,
      service: port.service,
      daemon,
      startedBy: 'start_stcp',
      ...stcpAssumed,
      portSource: { from: 'catalog' },
      product: port.product,
      ...(port.advice && { advice: port.advice }),
    })),
  );
}

/**
 * The rows of every daemon the macros start but inetd and telnetd: the branches that start a daemon the same way
 * (the same ports) are one row; each start's ports are worked out once.
 */
function addStartedDaemons(
  model: ModuleModel,
  starts: Starts,
  files: readonly AuditedFile[],
  settings: Settings,
): void {
  const others = starts.facts.starts.filter((event) => event.daemon !== 'inetd' && event.daemon !== 'telnetd');
  const portsOf = new Map(others.map((event) => [event, startPorts(event, files)]));
  const rowKey = (event: StartEvent) =>
    JSON.stringify([
      event.daemon,
      event.startedBy,
      portsOf.get(event)!.map(({ port, entry, condition, undecided }) => [port, entry.transport, condition, undecided]),
    ]);
  for (const group of branchGroups(others, reachable, rowKey)) {
    const event = mergeStarts(group);
    // The group shares its key, so its ports are those of any of its starts.
    addStart(model, event, portsOf.get(group[0]!)!, decidedStart(event, settings), settings);
  }
}

/**
 * Builds the model of one module from all of its files: which daemons and ports will be live, and why. The steps
 * run in this order because each reads what the ones before it made:
 *   1. the macros' starts, and inetd's own start (every later step asks what the macros start);
 *   2. the rows of what STCP and the macros start (telnetd's from the listing, or assumed);
 *   3. what follows those rows: ftp data wherever ftpd runs, nfs_server only where the portmapper does;
 *   4. inetd's entries, each under inetd's start from step 1;
 *   5. the kernel's ranges, and the lines of any file that do not parse;
 *   6. who tcpd admits, once every row that runs through it is made; then the rows in port order.
 */
export function buildModule(name: string, files: readonly AuditedFile[], settings: Settings): ModuleModel {
  const starts = readStarts(files, settings);
  const inetd = inetdStart(starts);
  const model: ModuleModel = {
    name,
    listeners: [],
    connections: [],
    unresolved: starts.facts.unresolved,
    unreadMacros: starts.unreadMacros,
    macrosGiven: starts.macrosGiven,
    openConditions: openConditions(starts.facts, settings),
    factWarnings: unmatchedFacts(settings.facts, starts.facts.guards.atoms),
    ...(inetd !== undefined && { inetd }),
  };

  const telnetStart = starts.macrosGiven ? starts.startOf('telnetd') : stcpAssumed;
  if (telnetStart !== undefined) {
    const listings = files.filter((f): f is TelnetAdminFile => f.kind === 'telnet-admin');
    append(model.listeners, telnetListeners(listings, telnetStart, settings, model.unresolved));
  }
  append(model.listeners, assumedStcpRows(starts));
  addStartedDaemons(model, starts, files, settings);

  addFtpData(model);
  dependOnPortmapper(model);

  addInetdListeners(
    model,
    files.filter((f): f is InetdFile => f.kind === 'inetd'),
    settings,
  );

  append(model.listeners, kernelRows(settings));
  addParseErrors(model, files);

  addTcpdAdmissions(model, files);
  model.listeners.sort(
    (a, b) =>
      a.port - b.port ||
      transportRank[a.protocol] - transportRank[b.protocol] ||
      stateRank[b.state] - stateRank[a.state],
  );
  return model;
}
