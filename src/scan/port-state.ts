import type { Transport } from '../catalog/server-ports.ts';
import type { Span } from '../syntax/position.ts';
import { inMergedRanges, type PortRange } from '../util/port-ranges.ts';
import type { Scan, ScannedHost } from './nmap-scan.ts';

/** What a port's state in the scan is, and the element that says so; undefined for a port the scan did not probe. */
export interface PortFinding {
  /** nmap's state, or `unreported` for a probed port the file says nothing about (`nmap --open` leaves closed ports out). */
  state: string;
  span: Span;
}

/** A protocol's ports, 0–65535, each with the index of the first element that reports it (-1: none). */
type PortIndex = Int32Array;

/** What a host's elements say of each port, by protocol: made once a host, so that a port costs one look-up. */
interface HostPorts {
  listed: Map<Transport, PortIndex>;
  extra: Map<Transport, PortIndex>;
}

const hostPorts = new WeakMap<ScannedHost, HostPorts>();

/**
 * The first of the ranges, in order, to cover each port. Each port is filled once: `next` skips over the ports
 * filled already, so that ranges repeated or overlapping cost their number, not their length.
 */
function firstCovering(rangesInOrder: Iterable<[number, readonly PortRange[]]>): PortIndex {
  const first = new Int32Array(65536).fill(-1);
  const next = new Int32Array(65537).map((_, i) => i);
  const unfilled = (port: number): number => {
    let root = port;
    while (next[root] !== root) root = next[root]!;
    while (port !== root) {
      const after = next[port]!;
      next[port] = root;
      port = after;
    }
    return root;
  };
  for (const [index, ranges] of rangesInOrder)
    for (const range of ranges)
      for (let port = unfilled(range.from); port <= range.to; port = unfilled(port + 1)) {
        first[port] = index;
        next[port] = port + 1;
      }
  return first;
}

function indexHost(host: ScannedHost): HostPorts {
  const index: HostPorts = { listed: new Map(), extra: new Map() };
  for (const protocol of ['tcp', 'udp'] as const) {
    const listed = new Int32Array(65536).fill(-1);
    host.ports.forEach((p, i) => {
      if (p.protocol === protocol && listed[p.port] === -1) listed[p.port] = i;
    });
    index.listed.set(protocol, listed);
    index.extra.set(
      protocol,
      firstCovering(
        host.extra.map((extra, i): [number, PortRange[]] => [
          i,
          extra.reasons.find((r) => r.protocol === protocol)?.ranges ?? [],
        ]),
      ),
    );
  }
  hostPorts.set(host, index);
  return index;
}

/** What the scan says of one port of one host. */
export function portState(scan: Scan, host: ScannedHost, protocol: Transport, port: number): PortFinding | undefined {
  const index = hostPorts.get(host) ?? indexHost(host);
  const listed = index.listed.get(protocol)![port]!;
  if (listed !== -1) return host.ports[listed];
  if (!inMergedRanges(port, scan.probed.get(protocol) ?? [])) return undefined;
  const covering = index.extra.get(protocol)![port]!;
  const extra =
    covering !== -1
      ? host.extra[covering]
      : host.extra.length === 1 && host.extra[0]!.reasons.every((r) => r.ranges === undefined)
        ? host.extra[0]
        : undefined;
  return extra ?? { state: 'unreported', span: host.span };
}
