import { describeRanges, releaseIn, type Release } from '../catalog/releases.ts';
import { serverPorts, type ServerPort } from '../catalog/server-ports.ts';

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
export function releaseNote(daemon: string, port: number, release: Release): string | undefined {
  const entry = portsByDaemon.get(daemon, port);
  if (entry === undefined || releaseIn(release, entry.releases)) return undefined;
  return `${daemon} on ${port} exists in VOS ${describeRanges(entry.releases)}, not in ${release.text}`;
}

/** The article's advice for a port, found by the daemon on it or by what starts it (inetd's many services). */
export function adviceFor(by: { daemon: string } | { startedBy: string }, port: number): { advice?: string } {
  const advice = ('daemon' in by ? portsByDaemon.get(by.daemon, port) : portsByStarter.get(by.startedBy, port))?.advice;
  return advice ? { advice } : {};
}
