import { tinyServices, type TinyService } from '../catalog/inetd-services.ts';
import { programName } from '../catalog/program-name.ts';
import type { Transport } from '../catalog/server-ports.ts';
import { wellKnownPort } from '../catalog/well-known-services.ts';
import type { Field, InetdEntry, InetdRoot } from '../syntax/inetd.ts';

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

function transportOf(protocol: string): Transport | undefined {
  const base = protocol.replace(/^rpc\//, '').replace(/,.*$/, '');
  if (base.startsWith('tcp')) return 'tcp';
  if (base.startsWith('udp')) return 'udp';
  return undefined;
}

const tinyStreamPrograms = tinyServices.map((tiny) => tiny.streamProgram && programName(tiny.streamProgram));

function tinyServiceOf(port: number | undefined, daemon: string): TinyService | undefined {
  return tinyServices.find((tiny, i) => tiny.port === port || tinyStreamPrograms[i] === daemon);
}

export type PortResolver = (service: string) => number | undefined;

export function describeInetdEntry(entry: InetdEntry, resolvePort: PortResolver = wellKnownPort): InetdService {
  const rpc = entry.protocol.value.startsWith('rpc/');
  const port = rpc ? undefined : resolvePort(entry.service.value);
  const wrapped = isTcpd(entry.server.value);
  const served = wrapped ? entry.arguments[0]?.value : entry.server.value;
  const daemon = served === undefined ? 'tcpd' : served === 'internal' ? 'internal' : programName(served);
  return {
    entry,
    port,
    transport: transportOf(entry.protocol.value),
    rpc,
    daemon,
    tcpd: wrapped ? entry.server : undefined,
    tiny: tinyServiceOf(port, daemon),
  };
}

export function inetdServices(tree: InetdRoot, resolvePort?: PortResolver): InetdService[] {
  return tree.children.flatMap((node) => (node.type === 'entry' ? [describeInetdEntry(node, resolvePort)] : []));
}

/** Two entries describe the same listener when address, port (or name) and protocol agree. */
export function listenerKey(service: InetdService): string {
  const protocol = service.entry.protocol.value.replace(/,.*$/, '');
  return `${service.entry.address?.value ?? '*'} ${service.port ?? service.entry.service.value} ${protocol}`;
}
