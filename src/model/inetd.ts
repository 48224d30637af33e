import { isBootpOrTftpPort, tinyServices, type TinyService } from '../catalog/inetd-services.ts';
import { programName } from '../catalog/program-name.ts';
import type { Transport } from '../catalog/server-ports.ts';
import { wellKnownPort, wellKnownServices } from '../catalog/well-known-services.ts';
import type { Field } from '../syntax/field.ts';
import type { InetdEntry, InetdRoot } from '../syntax/inetd.ts';

/** An inetd.conf entry read for what it makes the module listen on. */
export interface InetdService {
  entry: InetdEntry;
  /** The service field's port, undefined when the name is unknown (or an RPC service, whose port varies). */
  port?: number;
  transport?: Transport;
  rpc: boolean;
  /** `internal`, or the name of the program that serves connections (behind tcpd, the program tcpd runs). */
  daemon: string;
  /** The server field when it is tcpd; the daemon is then its first argument. */
  tcpd?: Field;
  tiny?: TinyService;
}

export function isTcpd(program: string): boolean {
  return programName(program) === 'tcpd';
}

export function isBootpOrTftp(service: InetdService): boolean {
  return isBootpOrTftpPort(service.transport, service.port);
}

/** `tcp`, `tcp6`, `rpc/tcp`, `tcp,rcvbuf=1k`: tcp; the same for udp; anything else (sctp, unix) neither. */
function transportOf(protocol: string): Transport | undefined {
  const base = protocol.startsWith('rpc/') ? 4 : 0;
  if (protocol.startsWith('tcp', base)) return 'tcp';
  if (protocol.startsWith('udp', base)) return 'udp';
  return undefined;
}

const tinyByPort = new Map(tinyServices.map((tiny) => [tiny.port, tiny]));
const tinyByProgram = new Map(
  tinyServices.flatMap((tiny) => (tiny.streamProgram ? [[programName(tiny.streamProgram), tiny] as const] : [])),
);

/** Every name services(5) gives a tiny service (`sink` and `null` are discard): known whatever the services file says. */
const tinyByName = new Map(
  Object.entries(wellKnownServices).flatMap(([name, port]) => {
    const tiny = tinyByPort.get(port);
    return tiny ? [[name, tiny] as const] : [];
  }),
);

function tinyServiceOf(port: number | undefined, daemon: string): TinyService | undefined {
  return (port !== undefined && tinyByPort.get(port)) || tinyByProgram.get(daemon);
}

export type PortResolver = (service: string) => number | undefined;

export function describeInetdEntry(entry: InetdEntry, resolvePort: PortResolver = wellKnownPort): InetdService {
  const protocol = entry.protocol.value;
  const server = entry.server;
  const rpc = protocol.startsWith('rpc/');
  const wrapped = isTcpd(server.value);
  const served = wrapped ? entry.arguments[0]?.value : server.value;
  const daemon = served === undefined ? 'tcpd' : programName(served);
  // inetd serves only the tiny services itself: an `internal` entry is one by its name, even if a site's services
  // file lacks the name.
  const internalTiny = daemon === 'internal' ? tinyByName.get(entry.service.value.toLowerCase()) : undefined;
  const port = rpc ? undefined : (resolvePort(entry.service.value) ?? internalTiny?.port);
  return {
    entry,
    port,
    transport: transportOf(protocol),
    rpc,
    daemon,
    tcpd: wrapped ? server : undefined,
    tiny: internalTiny ?? tinyServiceOf(port, daemon),
  };
}

export function inetdServices(tree: InetdRoot, resolvePort?: PortResolver): InetdService[] {
  const services: InetdService[] = [];
  for (const node of tree.children) if (node.type === 'entry') services.push(describeInetdEntry(node, resolvePort));
  return services;
}

/** Two entries describe the same listener when address, port (or name) and protocol agree. */
export function listenerKey(service: InetdService): string {
  const written = service.entry.protocol.value;
  const options = written.indexOf(',');
  const protocol = options === -1 ? written : written.slice(0, options);
  return `${service.entry.address?.value ?? '*'} ${service.port ?? service.entry.service.value} ${protocol}`;
}
