import { fromArticle, type Advice } from './advice.ts';
import { releaseMembership, type Release, type ReleaseRange } from './releases.ts';
import { nfsReleases, type ProductCode, type ReleaseDoubt, type Transport } from './server-ports.ts';

/**
 * Programs of the article's tables 3 and 4 (and mountd, of table 2) whose traffic is not a fixed listening port:
 * vos-audit knows them, so a start line of one is decided, not undecided.
 */
export interface ProgramTraffic {
  program: string;
  kind: 'client' | 'source port' | 'varying port';
  transport: Transport;
  port?: number;
  releases: ReleaseRange[];
  releasesText: string;
  doubt?: ReleaseDoubt;
  product: ProductCode;
  description: string;
  /** What it sends, in a few words: a firewall rule's reason. */
  what: string;
  advice?: Advice;
  /** Set when the program talks to the module's NIO only, not to any host. */
  peer?: 'nio';
  /** The product it needs until a release makes it part of STCP/VOS. */
  productUntil?: { product: ProductCode; partOfStcpFrom: string };
}

export const programTraffic: readonly ProgramTraffic[] = [
  {
    program: 'radius_auth_server',
    kind: 'client',
    transport: 'udp',
    port: 1812,
    releases: [{ from: '14.4' }],
    releasesText: '14.4+',
    product: 'S268',
    // Table 3's releases "14.4+ / 15.0+" and products "S268 (Radius Support) / Part of STCP/VOS", row by row.
    productUntil: { product: 'S268', partOfStcpFrom: '15.0' },
    what: 'radius_auth_server, the RADIUS client',
    description:
      'a RADIUS client: asks the RADIUS server about each login whose registration says "external password" (S268 from 14.4, part of STCP from 15.0)',
  },
  {
    program: 'x25_cpc',
    kind: 'client',
    transport: 'tcp',
    port: 48879,
    releases: [{ from: '15.0' }],
    releasesText: '15.0+',
    product: 'STCP',
    peer: 'nio',
    what: 'x25_cpc, X.25 to the NIO',
    description: 'talks to the NIO blades that handle X.25, X.25 frames encapsulated in TCP',
  },
  {
    program: 'mountd',
    kind: 'varying port',
    transport: 'udp',
    ...nfsReleases,
    product: 'S135',
    what: 'mountd, the NFS mount server',
    description: 'the NFS mount server: registers with the portmapper on a port that varies',
    advice: fromArticle(
      '"mountd does not always bind to the same port": it cannot be opened statically through a firewall',
    ),
  },
  {
    program: 'ftp_ch',
    kind: 'source port',
    transport: 'tcp',
    port: 20,
    releases: [{}],
    releasesText: 'all',
    product: 'STCP',
    what: 'ftp data from port 20 (ftp_ch)',
    description: 'each FTP connection\'s process: sends FTP data "from port 20 to a port specified by the client"',
  },
];

const byProgram = new Map(programTraffic.map((traffic) => [traffic.program, traffic]));

export function trafficOf(program: string): ProgramTraffic | undefined {
  return byProgram.get(program);
}

/**
 * When a client of table 3 that no start line names is used: always (DNS), wherever a daemon of the module runs
 * (ntpd is its own client), with a product, or when the site uses it, which nothing vos-audit reads says. The
 * article gives the ports; when each is used is our reading (DOMAIN.md §3).
 */
export type ClientUse = { always: true } | { withDaemon: string } | { withProduct: ProductCode } | { whenSite: string };

/** A client of table 3 that users and applications of the module run, rather than a program its macros start. */
export interface ModuleClient {
  /** What sends it, in a few words: a firewall rule's reason. */
  what: string;
  transport: Transport;
  port: number;
  /** A fixed source port; otherwise the release's ephemeral range. */
  sourcePort?: number;
  releases: ReleaseRange[];
  releasesText: string;
  product: ProductCode;
  use: ClientUse;
}

export const moduleClients: readonly ModuleClient[] = [
  {
    what: 'DNS queries',
    transport: 'udp',
    port: 53,
    releases: [{}],
    releasesText: 'all',
    product: 'STCP',
    use: { always: true },
  },
  // ntpd's own releases (15.1+, table 2) already decide whether it runs.
  {
    what: 'ntpd, the time client',
    transport: 'udp',
    port: 123,
    sourcePort: 123,
    releases: [{}],
    releasesText: 'all',
    product: 'STCP',
    use: { withDaemon: 'ntpd' },
  },
  {
    what: 'ssh, sftp and scp of >system>openssl>bin',
    transport: 'tcp',
    port: 22,
    releases: [{ from: '14.7', until: '14.7' }, { from: '15.1' }],
    releasesText: '14.7 or 15.1+',
    product: 'S270',
    use: { withProduct: 'S270' },
  },
  {
    what: 'the snmp* tools of >system>maint_library',
    transport: 'udp',
    port: 161,
    releases: [{ from: '15.0' }],
    releasesText: '15.0+',
    product: 'STCP',
    use: { whenSite: 'the site uses the snmp* tools' },
  },
  // 13.0 is the first release the catalog knows.
  {
    what: 'MQSeries clients',
    transport: 'tcp',
    port: 1414,
    releases: [{}],
    releasesText: '13.0+',
    product: 'S014',
    use: { withProduct: 'S014' },
  },
];

/** An ephemeral (client source) port range of table 3, for the releases that use it. */
export interface EphemeralRange {
  transport: Transport;
  first: number;
  last: number;
  releases: ReleaseRange[];
  /** The releases in the article's words. */
  releasesText: string;
  /** Releases the range is given to by assumption, where the article does not say, with the assumption in words. */
  assumed?: { releases: ReleaseRange[]; text: string };
}

/**
 * The boundaries fall on builds of separate release lines: tcp changed at 14.5.0at on the 14.5 line, at 14.6.0aj on
 * the 14.6 line, and every 14.7 and later release has the new range; udp changed at 15.1.0ar.
 */
export const ephemeralRanges: readonly EphemeralRange[] = [
  {
    transport: 'tcp',
    first: 10000,
    last: 65535,
    releases: [{ before: '14.5' }, { from: '14.5', before: '14.5.0at' }, { from: '14.6', before: '14.6.0aj' }],
    releasesText: 'before 14.5.0at or 14.6.0aj',
  },
  {
    transport: 'tcp',
    first: 49152,
    last: 65535,
    releases: [{ from: '14.5.0at', until: '14.5' }, { from: '14.6.0aj', until: '14.6' }, { from: '14.7' }],
    releasesText: '14.5.0at+, 14.6.0aj+ or 14.7+',
  },
  { transport: 'udp', first: 1024, last: 65535, releases: [{ before: '15.1.0ar' }], releasesText: 'before 15.1.0ar' },
  {
    transport: 'udp',
    first: 49152,
    last: 65535,
    releases: [{ from: '15.1.0ar' }],
    releasesText: '15.1.0ar+',
    // Table 3 lists this range for "15.1.0ar+" and, apart, for "16+": whether 15.2 uses it is not stated.
    assumed: {
      releases: [{ from: '15.2', before: '16.0' }],
      text: 'assumed for 15.2: the article gives udp 49152-65535 for "15.1.0ar+" and "16+", not 15.2 by name',
    },
  },
];

/** The ephemeral ranges a release may use: one when it is stated precisely enough, else every one it does not rule out. */
export function possibleEphemeralRanges(release: Release | undefined, transport: Transport): EphemeralRange[] {
  return ephemeralRanges.filter(
    (range) =>
      range.transport === transport && (release === undefined || releaseMembership(release, range.releases) !== 'out'),
  );
}

/** The ephemeral range a release uses, or undefined when the release is not stated precisely enough to tell. */
export function ephemeralRange(release: Release | undefined, transport: Transport): EphemeralRange | undefined {
  if (release === undefined) return undefined;
  return ephemeralRanges.find(
    (range) => range.transport === transport && releaseMembership(release, range.releases) === 'in',
  );
}
