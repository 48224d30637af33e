/*
 * The modules the packet tests load policies for, and what a firewall engineer expects of each, written from the
 * article (article.ts) and each module's own files, never from vos-audit's output. Every port not named here as
 * open is expected closed.
 */
import { readFileSync } from 'node:fs';
import { ephemeral, osnRange, oslRange, type Protocol, type Range } from './article.ts';
import type { Family } from './namespaces.ts';

/** A client the module runs (table 3): allowed out, from its own ephemeral ports or from the fixed `sourcePort`. */
export interface Client {
  protocol: Protocol;
  port: number;
  sourcePort?: number;
  /** Whom it talks to: a server outside, or the module's NIOs (x25_cpc). */
  to: 'server' | 'nio';
  why: string;
}

export interface ModuleTable {
  /** The module's directory, relative to the scenario's root. */
  path: string;
  /** Its name in namespace names: short, letters and digits. */
  site: string;
  /** Its .vos-audit.json, without the addresses, which the test assigns (a sample's own file is read instead). */
  config?: Record<string, unknown>;
  /** The article's ephemeral ranges for its release. */
  ephemeral: Record<Protocol, Range>;
  /** Open to anyone outside; why, in a comment. */
  open: Record<Protocol, number[]>;
  /**
   * Services behind tcpd, by the daemon name tcpd is asked about: open to the clients tcpdmatch grants, on the
   * module's own hosts.allow and hosts.deny, unless the article says to block the port at the firewall all the same.
   */
  tcpd?: Array<{ protocol: Protocol; port: number; daemon: string; blockedByArticle: boolean }>;
  /**
   * Ports the site's own override in its configuration (`"firewall"`) opens to some outside clients only: open to
   * those, whatever listens there, closed to the others.
   */
  siteAllowed?: Array<{ protocol: Protocol; port: number; from: Array<'admitted' | 'refused' | 'anyone'> }>;
  /** The modules (by site) allowed to open its OSL and OSN ports. */
  oslFrom: string[];
  osnFrom: string[];
  clients: Client[];
  /** The NIOs' addresses, when it has an NIO. */
  nios?: Array<'nio' | 'secondNio'>;
}

/** The addresses a run gives each module: one of a family, or one of each. */
export type Declared = Family | 'both';

export interface Scenario {
  name: string;
  /**
   * The families of the modules' addresses in their configuration, one run each: one address of that family, or
   * `both`, an address of each (`"address"` as a list). Both families are probed in every run.
   */
  families: Declared[];
  /** A directory of samples/ to copy, or test/firewall-packets/modules when not given. */
  sample?: string;
  modules: ModuleTable[];
  /** The policy is also generated with the modules in the reverse order, for the module-to-module probes. */
  bothOrders: boolean;
}

// Table 3 and its descriptions (table 4): what each client sends to.
const dns: Client = { protocol: 'udp', port: 53, to: 'server', why: 'DNS queries, EP to 53 (table 3)' };
const ntp: Client = { protocol: 'udp', port: 123, sourcePort: 123, to: 'server', why: 'ntpd, 123 to 123 (table 3)' };
const ssh: Client = { protocol: 'tcp', port: 22, to: 'server', why: 'ssh, sftp, scp with S270, EP to 22 (table 3)' };
const radius: Client = { protocol: 'udp', port: 1812, to: 'server', why: 'radius_auth_server, EP to 1812 (table 3)' };
const mqseries: Client = { protocol: 'tcp', port: 1414, to: 'server', why: 'MQSeries with S014, EP to 1414' };
const x25: Client = { protocol: 'tcp', port: 48879, to: 'nio', why: 'x25_cpc to the NIO blades, EP to 48879' };
/** "Data transfer packets … are sent from port 20 to a port specified by the client" (table 4). */
const ftpData: Client = { protocol: 'tcp', port: 40000, sourcePort: 20, to: 'server', why: 'ftp data from port 20' };

/** Releases from 15.1.0ar on (and 14.7+ for tcp): 49152–65535 both. 15.2 is not named for udp; assumed the same. */
const newRanges = { tcp: ephemeral.tcpFrom14_5_0at, udp: ephemeral.udpFrom15_1_0ar };

/**
 * Every module runs start_stcp: ftpd on tcp/21 and snmpd on udp/161 (table 1, "Part of STCP/VOS"); telnetd's 23 is
 * absent where its telnet_admin listing has only the RSN's 85, which the article says to block ("I suggest that any
 * firewalls be configured to block connections to this port").
 */
const stcp = { tcp: [21], udp: [161] };

/**
 * What a site decides for itself, in the 14.4 module's configuration (site-overrides.json, also loaded by the tools'
 * tests): no ftp (closed though ftpd listens), no SNMP polling from outside (closed though snmpd listens), and echo,
 * which the audit would close, opened to the monitoring network, 198.51.100.16/28 and 2001:db8:100::20/123, where the
 * `admitted` client is and the `refused` one and anyone are not.
 */
const oldModuleConfig = JSON.parse(readFileSync(new URL('site-overrides.json', import.meta.url), 'utf8')) as {
  firewall: unknown;
};
const siteAllowed: ModuleTable['siteAllowed'] = [{ protocol: 'tcp', port: 7, from: ['admitted'] }];

/** A 16.2 module that runs STCP alone, with max_open_server 40, named for the last part of its path. */
function stcpOnly(module: {
  path: string;
  system: string;
  bridge: boolean;
  oslFrom: string[];
  osnFrom: string[];
}): ModuleTable {
  const { path, system, bridge, oslFrom, osnFrom } = module;
  return {
    ...{ path, site: path.split('/').pop()!, ephemeral: newRanges, open: stcp },
    config: {
      release: '16.2',
      products: [],
      system,
      bridge,
      maxOpenServer: 40,
      ...(bridge ? { backboneMaxOpenServer: 20 } : {}),
    },
    ...{ oslFrom, osnFrom, clients: [dns, ftpData] },
  };
}

export const scenarios: Scenario[] = [
  {
    // 15.2 with S270 and an NIO: ssh (22) and ntpd (123) from 15.1; tcp time and tftp stay for the NIO but "the site
    // firewall [should] be configured to block" both; sync_cfgd's 29000 "any firewalls should be configured to drop".
    name: 'sample-nio',
    families: ['v4'],
    sample: 'firewall-nio',
    bothOrders: false,
    modules: [
      {
        path: '.',
        site: 'nio',
        ephemeral: newRanges,
        open: { tcp: [...stcp.tcp, 22], udp: [...stcp.udp, 123] },
        tcpd: [{ protocol: 'udp', port: 69, daemon: 'tftpd', blockedByArticle: true }],
        oslFrom: [],
        osnFrom: [],
        clients: [dns, ntp, ssh, radius, x25, ftpData],
        nios: ['nio'],
      },
    ],
  },
  {
    // The README's worked example: m1 and m2 of system ledger, 17.1 with S270, each other's OSL peers.
    name: 'sample-osl',
    families: ['v4', 'v6'],
    sample: 'firewall-osl-system',
    bothOrders: true,
    modules: ['m1', 'm2'].map((name) => ({
      path: name,
      site: name,
      ephemeral: newRanges,
      open: { tcp: [...stcp.tcp, 22], udp: [...stcp.udp, 123] },
      oslFrom: [name === 'm1' ? 'm2' : 'm1'],
      osnFrom: [],
      clients: [dns, ntp, ssh, ftpData],
    })),
  },
  {
    // The bridges of systems east and west, 16.2, STCP alone: OSN between them only; OSL has no peer in the run.
    name: 'sample-bridges',
    families: ['v6'],
    sample: 'firewall-bridges',
    bothOrders: true,
    modules: ['east', 'west'].map((name) => ({
      path: `${name}-bridge`,
      site: name,
      ephemeral: newRanges,
      open: stcp,
      oslFrom: [],
      osnFrom: [name === 'east' ? 'west' : 'east'],
      clients: [dns, ftpData],
    })),
  },
  {
    // 15.1.0ar, products not stated: sshd and Samba stand on S270 and S269, telnet_msd on a file's existence; none of
    // them is guessed open. ntpd (15.1+) and STCP's own are.
    name: 'sample-conditional',
    families: ['v4'],
    sample: 'firewall-conditional',
    bothOrders: false,
    modules: [
      {
        path: '.',
        site: 'cond',
        ephemeral: newRanges,
        open: { tcp: stcp.tcp, udp: [...stcp.udp, 123] },
        oslFrom: [],
        osnFrom: [],
        clients: [dns, ntp, ftpData],
      },
    ],
  },
  {
    // 17.1, S270, two NIOs: tcpd admits only the NIOs to tftp, as the article advises, and the site firewall blocks
    // tftp and tcp time all the same ("block any TFTP requests directed to the module"). x25_cpc reaches both NIOs.
    // echo, "used as part of a denial of service (DOS) attack", would keep tcp/7 closed though a second sshd listens
    // there; the site's overrides open it to the monitoring network only, and close ftp and SNMP.
    name: 'nio-module',
    families: ['v6', 'both'],
    bothOrders: false,
    modules: [
      {
        path: 'nio-module',
        site: 'niomod',
        config: {
          ...{ release: '17.1', products: ['S270'], nio: true, system: 'works', maxOpenServer: 16 },
          firewall: oldModuleConfig.firewall,
        },
        ephemeral: newRanges,
        // The site closes ftp and SNMP, and opens echo to its monitoring network.
        open: { tcp: [22], udp: [123] },
        siteAllowed,
        tcpd: [{ protocol: 'udp', port: 69, daemon: 'tftpd', blockedByArticle: true }],
        oslFrom: [],
        osnFrom: [],
        clients: [dns, ntp, ssh, x25, ftpData],
        nios: ['nio', 'secondNio'],
      },
    ],
  },
  {
    // System harbor (bridge h1, h2) and the bridge q1 of system quay, 16.2: OSL between h1 and h2, OSN between the
    // bridges h1 and q1 ("Only bridge modules (1 per system) communicate over these ports"), nothing else between
    // them. h2, without an NIO, runs tftp through tcpd: open to the clients tcpdmatch grants on its hosts files. One
    // run with IPv4 addresses, one with IPv6, one with both on every module.
    name: 'two-systems',
    families: ['v4', 'v6', 'both'],
    bothOrders: true,
    modules: [
      stcpOnly({ path: 'harbor/h1', system: 'harbor', bridge: true, oslFrom: ['h2'], osnFrom: ['q1'] }),
      {
        ...stcpOnly({ path: 'harbor/h2', system: 'harbor', bridge: false, oslFrom: ['h1'], osnFrom: [] }),
        tcpd: [{ protocol: 'udp', port: 69, daemon: 'tftpd', blockedByArticle: false }],
      },
      stcpOnly({ path: 'quay/q1', system: 'quay', bridge: true, oslFrom: [], osnFrom: ['h1'] }),
    ],
  },
  {
    // 14.4 with S268 and S014: tcp ephemeral ports 10000–65535 ("Before 14.5.0at"), udp 1024–65535 ("Before
    // 15.1.0ar"). No sshd before 14.7, so telnet's 23 is the only login and stays open; echo, "used as part of a
    // denial of service (DOS) attack", is closed but for the site's override, which opens it to the monitoring
    // network and closes ftp and SNMP; NFS stands on a site file and is not guessed open.
    name: 'pre-15',
    families: ['v4'],
    bothOrders: false,
    modules: [
      {
        path: 'old-module',
        site: 'old',
        config: oldModuleConfig,
        ephemeral: { tcp: ephemeral.tcpBefore14_5_0at, udp: ephemeral.udpBefore15_1_0ar },
        // The site closes ftp and SNMP, and opens echo to its monitoring network.
        open: { tcp: [23], udp: [] },
        siteAllowed,
        oslFrom: [],
        osnFrom: [],
        clients: [dns, radius, mqseries, ftpData],
      },
    ],
  },
];

/**
 * The kernel's ranges of a module (table 2), from the max_open_server values its configuration gives: OSL's from
 * new_modules.tin's, OSN's from new_backbone_systems.tin's. Without the latter only OSN's first port, 4000, is known.
 */
export function kernelRanges(config: Record<string, unknown>): { osl: Range; osn: Range } {
  const backbone = config.backboneMaxOpenServer;
  return {
    osl: oslRange(config.maxOpenServer as number),
    osn: typeof backbone === 'number' ? osnRange(backbone) : [4000, 4000],
  };
}
