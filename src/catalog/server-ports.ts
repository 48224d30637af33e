// Over 300 lines: one data table, the article's tables 1 and 2 row by row with their types; split, a row would
// have to be looked for in several files, and a reader checks it against the article in one pass.
import { fromArticle, generalUnix, type Advice } from './advice.ts';
import type { ReleaseRange } from './releases.ts';

/** telnetd's port for the Remote Service Network (`rsn_incoming`), from VOS 15.0. */
export const rsnPort = 85;

export type Transport = 'tcp' | 'udp';

/** A product code of the article's tables, or STCP for what is "Part of STCP/VOS". */
export type ProductCode = 'STCP' | 'S270' | 'S266' | 'S135/S048' | 'S135' | 'S269' | 'S049' | 'S014' | 'S268';

/**
 * Releases the article leaves in doubt: a release in `releases` gets `note`, and counts as having the port
 * (`unknown`: shown as conditional) or not (`out`: off), whichever reads the article more safely.
 */
export interface ReleaseDoubt {
  releases: ReleaseRange[];
  note: string;
  treatAs: 'out' | 'unknown';
}

/** A listening port of a VOS server, as the STCP ports article's tables 1 and 2 give it. */
export interface ServerPort {
  /** One port, or the first port of a kernel range whose end depends on the module's configuration. */
  port: number;
  /** For a range: what its last port depends on. */
  rangeEnd?: string;
  transports: Transport[];
  service: string;
  daemon: string;
  startedBy: string;
  releases: ReleaseRange[];
  /** The releases in the article's own words, as conditions and notes show them; never a release it does not give. */
  releasesText: string;
  doubt?: ReleaseDoubt;
  product: ProductCode;
  advice?: Advice;
}

const all: ReleaseRange[] = [{}];

/** NFS in the article's words: "All until 15.x", the last 15 release not named. mountd goes with nfs_server. */
export const nfsReleases: Pick<ServerPort, 'releases' | 'releasesText' | 'doubt'> = {
  releases: [{ before: '15.0' }],
  releasesText: 'up to 15.x',
  doubt: {
    releases: [{ from: '15.0', until: '15.2' }],
    note: 'the article says "All until 15.x" without naming the last 15 release',
    treatAs: 'unknown',
  },
};

const denialOfService = fromArticle(
  'comment it out unless needed: "could be used as part of a denial of service (DOS) attack"',
);

export const serverPorts: readonly ServerPort[] = [
  {
    port: 7,
    transports: ['tcp', 'udp'],
    service: 'echo',
    daemon: 'inetd',
    startedBy: 'inetd',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: denialOfService,
  },
  {
    port: 9,
    transports: ['tcp', 'udp'],
    service: 'discard',
    daemon: 'inetd',
    startedBy: 'inetd',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: fromArticle('comment it out unless there is "a specific reason to run" it'),
  },
  {
    port: 13,
    transports: ['tcp', 'udp'],
    service: 'daytime',
    daemon: 'inetd',
    startedBy: 'inetd',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: denialOfService,
  },
  {
    port: 19,
    transports: ['tcp', 'udp'],
    service: 'chargen',
    daemon: 'inetd',
    startedBy: 'inetd',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: denialOfService,
  },
  {
    port: 21,
    transports: ['tcp'],
    service: 'ftp',
    daemon: 'ftpd',
    startedBy: 'start_stcp',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
  },
  {
    port: 22,
    transports: ['tcp'],
    service: 'ssh',
    daemon: 'sshd',
    startedBy: 'module_start_up.cm',
    releases: [{ from: '14.7', until: '14.7' }, { from: '15.1' }],
    releasesText: '14.7 or 15.1+',
    product: 'S270',
  },
  {
    port: 23,
    transports: ['tcp'],
    service: 'telnet',
    daemon: 'telnetd',
    startedBy: 'start_stcp',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
  },
  {
    port: 24,
    transports: ['tcp'],
    service: 'telnet',
    daemon: 'telnet_msd',
    startedBy: 'module_start_up.cm',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: fromArticle(
      '"should only be used if you are running applications that make use of forms or do raw writes to the terminal device"',
    ),
  },
  {
    port: 37,
    transports: ['tcp', 'udp'],
    service: 'time',
    daemon: 'inetd',
    startedBy: 'inetd',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: fromArticle(
      'comment out UDP, and TCP "if not running with an NIO"; with an NIO "block any TCP time requests directed to the module" at the site firewall',
    ),
  },
  {
    port: 67,
    transports: ['udp'],
    service: 'bootp',
    daemon: 'bootpd',
    startedBy: 'inetd',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: fromArticle('leave it commented out "unless you have an explicit need"'),
  },
  {
    port: 69,
    transports: ['udp'],
    service: 'tftp',
    daemon: 'tftpd',
    startedBy: 'inetd',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: fromArticle(
      'leave it commented out; an NIO needs it: ' +
        'start it "using the TCP Wrappers line", let tcpd "allow only the NIO", ' +
        'and "block any TFTP requests directed to the module" at the site firewall',
    ),
  },
  {
    port: 80,
    transports: ['tcp'],
    service: 'http',
    daemon: 'httpd',
    startedBy: 'module_start_up.cm',
    releases: [{ from: '14.3', until: '14.7' }, { from: '15.2' }],
    releasesText: '14.3–14.7 or 15.2+',
    product: 'S266',
  },
  {
    port: 85,
    transports: ['tcp'],
    service: 'telnet',
    daemon: 'telnetd',
    startedBy: 'start_stcp',
    releases: [{ from: '15.0' }],
    releasesText: '15.0+',
    product: 'STCP',
    advice: fromArticle(
      'for the RSN only: "I suggest that any firewalls be configured to block connections to this port"',
    ),
  },
  {
    port: 111,
    transports: ['udp'],
    service: 'sunrpc',
    daemon: 'portmap',
    startedBy: 'a site macro',
    releases: [{ before: '15.0' }, { from: '15.1.1' }],
    releasesText: '15.1.1+ or before 15.0',
    doubt: {
      releases: [{ from: '15.0', until: '15.0' }],
      note: 'the article\'s "All until 15.0" may or may not include 15.0 itself',
      treatAs: 'out',
    },
    product: 'S135/S048',
    advice: generalUnix('it tells anyone who asks where the RPC services listen: allow it only from the RPC clients'),
  },
  {
    port: 123,
    transports: ['udp'],
    service: 'ntp',
    daemon: 'ntpd',
    startedBy: 'start_ntpd',
    releases: [{ from: '15.1' }],
    releasesText: '15.1+',
    product: 'STCP',
  },
  {
    port: 137,
    transports: ['udp'],
    service: 'netbios-ns',
    daemon: 'nmbd',
    startedBy: 'start_samba',
    releases: [{ from: '14.4' }],
    releasesText: '14.4+',
    product: 'S269',
  },
  {
    port: 138,
    transports: ['udp'],
    service: 'netbios-dgm',
    daemon: 'nmbd',
    startedBy: 'start_samba',
    releases: [{ from: '14.4' }],
    releasesText: '14.4+',
    product: 'S269',
  },
  {
    port: 139,
    transports: ['tcp'],
    service: 'netbios-ssn',
    daemon: 'smbd',
    startedBy: 'start_samba',
    releases: [{ from: '14.4' }],
    releasesText: '14.4+',
    product: 'S269',
  },
  {
    port: 161,
    transports: ['udp'],
    service: 'snmp',
    daemon: 'snmpd',
    startedBy: 'start_stcp',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: generalUnix('the default community "public" is weak'),
  },
  {
    port: 443,
    transports: ['tcp'],
    service: 'https',
    daemon: 'httpd',
    startedBy: 'module_start_up.cm',
    releases: [{ from: '15.2.0' }],
    releasesText: '15.2.0+',
    product: 'S266',
  },
  {
    port: 445,
    transports: ['tcp'],
    service: 'microsoft-ds',
    daemon: 'smbd',
    startedBy: 'start_samba',
    releases: [{ from: '15.1.0' }],
    releasesText: '15.1.0+',
    product: 'S269',
  },
  {
    port: 500,
    transports: ['udp'],
    service: 'isakmp',
    daemon: 'iked',
    startedBy: 'module_start_up.cm',
    releases: [{ from: '16.1' }],
    releasesText: '16.1+',
    product: 'S049',
  },
  {
    port: 901,
    transports: ['tcp'],
    service: 'swat',
    daemon: 'swat',
    startedBy: 'inetd',
    releases: [{ from: '14.4' }],
    releasesText: '14.4+',
    product: 'S269',
    advice: generalUnix('Samba administration over plain HTTP: the password crosses the network in clear text'),
  },
  {
    port: 2049,
    transports: ['udp'],
    service: 'nfs',
    daemon: 'nfs_server',
    startedBy: 'a site macro',
    ...nfsReleases,
    product: 'S135',
    advice: fromArticle(
      'mountd, which NFS needs, "does not always bind to the same port": NFS cannot be opened statically through a firewall',
    ),
  },
  {
    port: 3000,
    rangeEnd: '3000 + 2 × max_open_server (new_modules.tin)',
    transports: ['tcp'],
    service: 'OSL',
    daemon: 'kernel',
    startedBy: 'kernel',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: fromArticle(
      'only modules of the same system connect: OSL is "used between Stratus VOS modules defined in the same system"',
    ),
  },
  {
    port: 4000,
    rangeEnd: '4000 + max_open_server (new_backbone_systems.tin)',
    transports: ['tcp'],
    service: 'OSN',
    daemon: 'kernel',
    startedBy: 'kernel',
    releases: all,
    releasesText: 'all',
    product: 'STCP',
    advice: fromArticle(
      'only the bridge modules of other systems connect: "Only bridge modules (1 per system) communicate over these ports"',
    ),
  },
  {
    port: 4500,
    transports: ['udp'],
    service: 'ipsec-nat-t',
    daemon: 'iked',
    startedBy: 'module_start_up.cm',
    releases: [{ from: '16.1' }],
    releasesText: '16.1+',
    product: 'S049',
  },
  {
    port: 29000,
    transports: ['udp'],
    service: 'sync_cfgd',
    daemon: 'sync_cfgd',
    startedBy: 'module_start_up.cm',
    releases: [{ from: '15.0' }],
    releasesText: '15.0+',
    product: 'STCP',
    advice: fromArticle('only for NIO blades; "any firewalls should be configured to drop connections to this port"'),
  },
];
