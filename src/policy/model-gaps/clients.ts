/*
 * Stands in for what the model does not give yet: the traffic the module starts as a client (the article's tables 3
 * and 4). When the model lists a module's connections, the adapter reads them instead and this file goes.
 */
import { releaseIn, type Release, type ReleaseRange } from '../../catalog/releases.ts';
import type { Transport } from '../../catalog/server-ports.ts';
import type { Certainty, ClientFact, ServiceFact } from '../facts.ts';
import type { PortRange } from '../rule.ts';

/** A program the module's macros start, as decided for the module. */
export interface ProgramStart {
  daemon: string;
  certainty: Certainty;
  evidence: string[];
}

interface ClientKind {
  what: string;
  protocol: Transport;
  port: number;
  sourcePort?: number;
  releases: ReleaseRange[];
  peer?: 'nio';
}

/** [G] The client of an active FTP transfer names a data port of its own; non-privileged ports are the rule. */
const clientDataPorts: PortRange = [1024, 65535];

const kinds = {
  dns: { what: 'DNS queries (table 3)', protocol: 'udp', port: 53, releases: [{}] },
  ntp: { what: 'ntpd, the time client (table 3)', protocol: 'udp', port: 123, sourcePort: 123, releases: [{ from: '15.1' }] },
  ssh: { what: 'ssh, sftp and scp (table 3, S270)', protocol: 'tcp', port: 22, releases: [{ from: '14.7', until: '14.7' }, { from: '15.1' }] },
  snmp: { what: 'the snmp* tools of >system>maint_library (table 3)', protocol: 'udp', port: 161, releases: [{ from: '15.0' }] },
  mq: { what: 'MQSeries clients (table 3, S014)', protocol: 'tcp', port: 1414, releases: [{ from: '13.0' }] },
  radius: { what: 'radius_auth_server, the RADIUS client (table 3)', protocol: 'udp', port: 1812, releases: [{ from: '14.4' }] },
  x25: { what: 'x25_cpc, X.25 to the NIO (table 3)', protocol: 'tcp', port: 48879, releases: [{ from: '15.0' }], peer: 'nio' },
  ftpData: { what: 'ftp data from port 20 (ftp_ch, table 3)', protocol: 'tcp', port: 20, releases: [{}] },
} satisfies Record<string, ClientKind>;

/** The programs of table 3 that the model does not know yet: their start lines are decided here, not undecided. */
export const clientPrograms: ReadonlySet<string> = new Set(['radius_auth_server', 'x25_cpc']);

const live: Certainty = { state: 'live' };

function client(kind: ClientKind, certainty: Certainty, evidence: string[]): ClientFact {
  return {
    what: kind.what,
    protocol: kind.protocol,
    ports: [kind.port, kind.port],
    ...(kind.sourcePort !== undefined && { sourcePorts: [kind.sourcePort, kind.sourcePort] as PortRange }),
    peer: kind.peer ?? 'any',
    certainty,
    evidence,
  };
}

/** A product's clients: certain when the products are stated and it is among them, conditional when not stated. */
function productCertainty(code: string, products: ReadonlySet<string> | undefined): Certainty | undefined {
  if (products === undefined) return { state: 'conditional', condition: `(software_purchased ${code})`, decidedBy: '--products' };
  return products.has(code) ? live : undefined;
}

export interface ClientContext {
  release: Release | undefined;
  products?: ReadonlySet<string>;
  nio: boolean;
  services: readonly ServiceFact[];
  starts: readonly ProgramStart[];
}

/** The clients of a module, for what it runs and its release ([D] for when: DOMAIN.md §3). */
export function moduleClients(context: ClientContext): ClientFact[] {
  const inRelease = (kind: ClientKind) => context.release === undefined || releaseIn(context.release, kind.releases);
  const found: ClientFact[] = [];
  const add = (kind: ClientKind, certainty: Certainty | undefined, evidence: string[]) => {
    if (certainty !== undefined && inRelease(kind)) found.push(client(kind, certainty, evidence));
  };
  const served = (daemon: string) => context.services.find((service) => service.daemon === daemon);
  const started = (daemon: string) => context.starts.find((start) => start.daemon === daemon);

  add(kinds.dns, live, ['article table 3 (DNS)']);
  const ntpd = served('ntpd');
  add(kinds.ntp, ntpd?.certainty, ntpd?.evidence ?? []);
  add(kinds.ssh, productCertainty('S270', context.products), ['article table 3 (S270)']);
  add(kinds.snmp, { state: 'conditional', condition: 'the site uses the snmp* tools', decidedBy: 'nothing vos-audit reads' }, ['article table 3 (snmp*)']);
  add(kinds.mq, productCertainty('S014', context.products), ['article table 3 (S014)']);
  const radius = started('radius_auth_server');
  add(kinds.radius, radius?.certainty, radius?.evidence ?? []);
  const x25 = started('x25_cpc');
  if (context.nio) add(kinds.x25, x25?.certainty, x25?.evidence ?? []);
  const ftpd = served('ftpd');
  if (ftpd !== undefined && inRelease(kinds.ftpData)) found.push({ ...client(kinds.ftpData, ftpd.certainty, ftpd.evidence), ports: clientDataPorts, sourcePorts: [20, 20] });
  return found;
}
