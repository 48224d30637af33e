import { trafficOf } from '../catalog/client-ports.ts';
import { daemonPorts } from '../catalog/daemons.ts';
import { vosProgram } from '../catalog/vos-programs.ts';
import type { DecidedStart } from './decide.ts';
import type { AuditedFile } from './files.ts';
import { withNote, type Connection, type Listener, type ModuleModel } from './listener.ts';
import type { StartEvent } from './macro-starts.ts';
import { branchGroups, mergeStarts } from './merge-starts.ts';
import { decidedStart, reachable, stcpAssumed, type Starts } from './module-starts.ts';
import { applyProductUntil, applyRelease, conjoin } from './port-catalog.ts';
import type { Settings } from './settings.ts';
import type { StartPort } from './start-port.ts';
import { startPorts } from './start-ports.ts';

/** A condition added to a start's: the row runs only if both hold. */
function narrowed(start: DecidedStart, condition: string): DecidedStart {
  if (start.state !== 'live' && start.state !== 'conditional') return start;
  return { ...start, state: 'conditional', condition: conjoin(start.condition, condition) };
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

/** What STCP starts when no macro says: ftpd and snmpd on their catalog ports (telnetd is telnetListeners'). */
export function assumedStcpRows(starts: Starts): Listener[] {
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
export function addStartedDaemons(
  model: ModuleModel,
  starts: Starts,
  files: readonly AuditedFile[],
  settings: Settings,
): void {
  const others = starts.facts.starts.filter((event) => event.daemon !== 'inetd' && event.daemon !== 'telnetd');
  const portsOf = new Map(others.map((event) => [event, startPorts(event, files, model.name)]));
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
