/*
 * The traffic a module starts, as the policy needs it: the connections the model found for the programs its macros
 * start, and the clients of table 3 that users and applications run (DNS, ssh, MQSeries …), decided here by what
 * the model and the settings say, with the catalog's ports and releases.
 */
import {
  moduleClients,
  possibleEphemeralRanges,
  trafficOf,
  type ClientUse,
  type ModuleClient,
} from '../catalog/client-ports.ts';
import { releaseMembership, type Release } from '../catalog/releases.ts';
import type { Transport } from '../catalog/server-ports.ts';
import { strongest, type Connection, type ListenerState, type ModuleModel } from '../model/listener.ts';
import { placeText } from '../model/place.ts';
import { applyRelease } from '../model/port-catalog.ts';
import type { Settings } from '../model/settings.ts';
import { certaintyOf } from './certainty.ts';
import type { ClientFact } from './facts.ts';
import type { PortRange } from './rule.ts';

/** [G] The client of an active FTP transfer names a data port of its own; non-privileged ports are the rule. */
const clientDataPorts: PortRange = [1024, 65535];

/** A connection of the model as a client rule's fact; none for one that is off, or whose port varies. */
function connectionClient(connection: Connection): ClientFact | undefined {
  const certainty = certaintyOf(connection.state, connection.condition);
  if (certainty === undefined || connection.port === undefined || connection.kind === 'varying port') return undefined;
  const traffic = trafficOf(connection.program);
  const port: PortRange = [connection.port, connection.port];
  const fixedSource = connection.kind === 'source port';
  return {
    what: traffic?.what ?? connection.program,
    protocol: connection.protocol,
    ports: fixedSource ? clientDataPorts : port,
    ...(fixedSource && { sourcePorts: port }),
    peer: traffic?.peer ?? 'any',
    certainty,
    evidence: connection.evidence.map(placeText),
  };
}

interface Use {
  state: ListenerState;
  condition?: string;
  evidence: string[];
}

function use(how: ClientUse, client: ModuleClient, model: ModuleModel, settings: Settings): Use {
  const article = [`article table 3 (${client.transport}/${client.port})`];
  if ('withDaemon' in how) {
    const daemon = strongest(model.listeners.filter((listener) => listener.daemon === how.withDaemon));
    if (daemon === undefined) return { state: 'off', evidence: [] };
    return {
      state: daemon.state,
      ...(daemon.condition !== undefined && { condition: daemon.condition }),
      evidence: daemon.evidence.map(placeText),
    };
  }
  if ('withProduct' in how) {
    if (settings.products === undefined)
      return { state: 'conditional', condition: `(software_purchased ${how.withProduct})`, evidence: article };
    return { state: settings.products.has(how.withProduct) ? 'live' : 'off', evidence: article };
  }
  if ('whenSite' in how) return { state: 'conditional', condition: how.whenSite, evidence: article };
  return { state: 'live', evidence: article };
}

/** A client of table 3 as the module uses it, under the release's condition as the model words it. */
function moduleClient(client: ModuleClient, model: ModuleModel, settings: Settings): ClientFact | undefined {
  const used = use(client.use, client, model, settings);
  applyRelease(used, client.what, client, settings.release);
  const certainty = certaintyOf(used.state, used.condition);
  if (certainty === undefined) return undefined;
  return {
    what: client.what,
    protocol: client.transport,
    ports: [client.port, client.port],
    ...(client.sourcePort !== undefined && { sourcePorts: [client.sourcePort, client.sourcePort] as PortRange }),
    peer: 'any',
    certainty,
    evidence: used.evidence,
  };
}

/** Everything the module sends as a client: what its programs send, then what its users and applications may. */
export function clientFacts(model: ModuleModel, settings: Settings): ClientFact[] {
  return [
    ...moduleClients.flatMap((client) => moduleClient(client, model, settings) ?? []),
    ...model.connections.flatMap((connection) => connectionClient(connection) ?? []),
  ];
}

/** What the policy cannot allow: a live or conditional server whose port the portmapper assigns, in the article's words. */
export function varyingPorts(model: ModuleModel): string[] {
  return model.connections
    .filter(
      (connection) =>
        connection.kind === 'varying port' && certaintyOf(connection.state, connection.condition) !== undefined,
    )
    .map((connection) => {
      const why = connection.advice
        ? `${connection.advice.text} (${connection.advice.source})`
        : connection.description;
      const where = connection.evidence.length > 0 ? ` (${connection.evidence.map(placeText).join(', ')})` : '';
      return `no rule for ${trafficOf(connection.program)?.what ?? connection.program}: ${why}${where}`;
    });
}

/** The ports a release picks its clients' source ports from, and what would narrow them when it does not say. */
export function ephemeralPorts(
  release: Release | undefined,
  transport: Transport,
): { ports: PortRange; undecided?: string; assumed?: string } {
  const ranges = possibleEphemeralRanges(release, transport);
  const ports: PortRange = [Math.min(...ranges.map((r) => r.first)), Math.max(...ranges.map((r) => r.last))];
  if (ranges.length === 1) {
    const assumed = ranges[0]!.assumed;
    return release !== undefined && assumed && releaseMembership(release, assumed.releases) === 'in'
      ? { ports, assumed: assumed.text }
      : { ports };
  }
  const which = ranges.map((range) => `${range.first}-${range.last} (${range.releasesText})`).join(' or ');
  const why = release === undefined ? 'the release is not given' : `release ${release.text} does not give its build`;
  return {
    ports,
    undecided:
      `${why}, so the ${transport} ephemeral range of table 3 is ${which}: the wider range is used; ` +
      `state the release with its build (--release) to narrow it`,
  };
}
