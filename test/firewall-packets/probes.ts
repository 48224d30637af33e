/*
 * The probes of one scenario and how they are sent: nmap from the outside network to every module's listeners,
 * and clients bound to chosen addresses and source ports, from outside and from the modules. Each probe carries
 * what the article's table expects (scenarios.ts); the policy's JSON gives the other expectation when it is run.
 */
import { canaries, trustedSourcePorts, type Protocol, type Range } from './article.ts';
import { families, outside, type Addresses, type ClientProbe, type Family, type Network } from './namespaces.ts';
import type { Declared, ModuleTable } from './scenarios.ts';
import type { Packet, PolicyVerdict } from './policy-verdict.ts';

export type ProbeKind =
  'inbound' | 'tcpd' | 'site override' | 'source port' | 'outbound' | 'module to module' | 'ICMP error';

export interface Probe {
  kind: ProbeKind;
  via: 'nmap' | 'client';
  family: Family;
  protocol: Protocol;
  /** Site 0 is the outside network, site i the i-th module. */
  fromSite: number;
  from: string;
  /** Bound to this port; otherwise the system picks one (`unboundPort` stands for it in the JSON's verdict). */
  sourcePort?: number;
  to: string;
  port: number;
  /** Open by the article's table. */
  article: boolean;
  what: string;
}

export interface ScenarioModule {
  table: ModuleTable;
  addresses: Addresses;
  /** Its kernel's ranges, from its configuration's max_open_server values. */
  kernel: { osl: Range; osn: Range };
  /** `daemon client` for each client tcpdmatch grants a daemon of `table.tcpd` on the module's hosts files. */
  tcpdGranted: Set<string>;
}

/** Where nobody outside listens, and the port an outside client stands for when it does not bind one. */
const unboundOutsidePort = 45678;

/** The peer's servers: what the modules' clients talk to (table 3), and what they must not reach. */
export const serverPorts: Record<Protocol, number[]> = { tcp: [22, 80, 1414, 40000, 48879], udp: [53, 123, 161, 1812] };

/** Outbound traffic no module's files ask for: the web, MQSeries without S014, the snmp tools, X.25 off the NIO. */
const notClients: Array<{ protocol: Protocol; port: number; why: string }> = [
  { protocol: 'tcp', port: 80, why: 'no client of table 3' },
  { protocol: 'tcp', port: 1414, why: 'MQSeries without S014' },
  { protocol: 'udp', port: 161, why: 'the snmp tools: nothing says the site uses them' },
  { protocol: 'tcp', port: 48879, why: 'x25_cpc to anything but the NIO' },
];

/** The ports every module of the scenario listens on: the union of what any of them is probed on. */
export function listenPorts(
  modules: ScenarioModule[],
  modelPorts: Record<Protocol, number[]>,
): Record<Protocol, number[]> {
  const union = (protocol: Protocol, extra: number[]) =>
    [...new Set([...extra, ...modelPorts[protocol]])].sort((a, b) => a - b);
  const kernel = modules.flatMap(({ kernel: ranges }) => [...ranges.osl, ...ranges.osn]);
  return {
    tcp: union('tcp', [...kernel, ...modules.flatMap(({ table }) => canaries(table.ephemeral.tcp))]),
    udp: union(
      'udp',
      modules.flatMap(({ table }) => canaries(table.ephemeral.udp)),
    ),
  };
}

const nioAddress = (which: 'nio' | 'secondNio', family: Family) => outside[which][family];

/** One module, as a probe sees it: its site, its address in the family probed, its table. */
interface Target {
  table: ModuleTable;
  kernel: ScenarioModule['kernel'];
  tcpdGranted: ScenarioModule['tcpdGranted'];
  site: number;
  family: Family;
  address: string;
  /**
   * Whether the module's configuration gives its address of this family. When it does not, no rule can name the
   * module in that family, and a firewall in front of the modules lets none of that family's traffic through to
   * or from it: every probe of that family expects nothing open.
   */
  known: boolean;
}

/**
 * nmap from anyone outside to every port the scenario's modules listen on: open where the article's table says, or,
 * behind tcpd, where tcpdmatch grants anyone's address.
 */
function inbound(target: Target, ports: Record<Protocol, number[]>): Probe[] {
  const { table, family, address, known } = target;
  const open = (protocol: Protocol, port: number) => {
    const site = table.siteAllowed?.find((entry) => entry.protocol === protocol && entry.port === port);
    if (site) return site.from.includes('anyone');
    const wrapped = table.tcpd?.find((service) => service.protocol === protocol && service.port === port);
    return wrapped ? tcpdOpen(target, wrapped, outside.anyone[family]) : table.open[protocol].includes(port);
  };
  return (['tcp', 'udp'] as const).flatMap((protocol) =>
    ports[protocol].map((port) => ({
      ...{
        kind: 'inbound' as const,
        via: 'nmap' as const,
        family,
        protocol,
        fromSite: 0,
        from: outside.anyone[family],
      },
      ...{ to: address, port, article: known && open(protocol, port) },
      what: `anyone -> ${table.site} ${address} ${protocol}/${port}`,
    })),
  );
}

/**
 * The outside clients a service behind tcpd is probed from: one hosts.allow admits, one it refuses, the NIOs, and
 * anyone, whose nmap probes every port.
 */
export function tcpdClients(table: ModuleTable, family: Family): Array<{ who: string; from: string }> {
  return [
    ...(['admitted', 'refused', 'anyone'] as const).map((who) => ({ who, from: outside[who][family] })),
    ...(table.nios ?? []).map((which) => ({ who: which, from: nioAddress(which, family) })),
  ];
}

type TcpdService = NonNullable<ModuleTable['tcpd']>[number];

/** Whether a client reaches a service behind tcpd: tcpdmatch grants it, and the article does not block the port. */
function tcpdOpen({ known, tcpdGranted }: Target, service: TcpdService, from: string): boolean {
  return known && !service.blockedByArticle && tcpdGranted.has(`${service.daemon} ${from}`);
}

/** A service behind tcpd, from each of its clients. */
function tcpd(target: Target): Probe[] {
  const { table, family, address } = target;
  return (table.tcpd ?? []).flatMap((service) =>
    tcpdClients(table, family).map(({ who, from }) => ({
      ...{ kind: 'tcpd' as const, via: 'client' as const, family, fromSite: 0, from, to: address },
      ...{ protocol: service.protocol, port: service.port, article: tcpdOpen(target, service, from) },
      what: `${who} (${from}) -> ${table.site} ${service.protocol}/${service.port} (tcpd)`,
    })),
  );
}

/** A port the site's override opens to some clients: from one it names, one it does not, and anyone. */
function siteAllowed({ table, family, address, known }: Target): Probe[] {
  return (table.siteAllowed ?? []).flatMap(({ protocol, port, from: admitted }) =>
    (['admitted', 'refused', 'anyone'] as const).map((who) => ({
      ...{ kind: 'site override' as const, via: 'client' as const, family, fromSite: 0, from: outside[who][family] },
      ...{ to: address, protocol, port, article: known && admitted.includes(who) },
      what: `${who} (${outside[who][family]}) -> ${table.site} ${protocol}/${port} (the site's allow)`,
    })),
  );
}

/**
 * The canaries, from the source ports of table 3's replies and from the NIOs' x25_cpc port. From an NIO's own
 * address by nmap, whose raw packets need no socket on the port the NIO's listener holds.
 */
function sourcePorts({ table, family, address }: Target): Probe[] {
  const senders = [
    ...trustedSourcePorts.map((sourcePort) => ({ who: 'anyone', from: outside.anyone[family], sourcePort })),
    ...(table.nios ?? []).map((which) => ({ who: which, from: nioAddress(which, family), sourcePort: 48879 })),
  ];
  return (['tcp', 'udp'] as const).flatMap((protocol) =>
    canaries(table.ephemeral[protocol]).flatMap((port) =>
      senders.map(({ who, from, sourcePort }) => ({
        ...{ kind: 'source port' as const, via: who === 'anyone' ? ('client' as const) : ('nmap' as const) },
        ...{ family, protocol, fromSite: 0, from, sourcePort, to: address, port, article: false },
        what: `${who} from port ${sourcePort} -> ${table.site} ${protocol}/${port} (canary)`,
      })),
    ),
  );
}

/** The module's clients, from both ends of its ephemeral range (or their fixed port), and what it must not send. */
function outbound({ table, site, family, address, known }: Target): Probe[] {
  const from = { kind: 'outbound' as const, via: 'client' as const, family, fromSite: site, from: address };
  const allowed = table.clients.flatMap((client) => {
    const targets =
      client.to === 'nio' ? (table.nios ?? []).map((which) => nioAddress(which, family)) : [outside.server[family]];
    const ports = client.sourcePort !== undefined ? [client.sourcePort] : [...table.ephemeral[client.protocol]];
    return targets.flatMap((to) =>
      ports.map((sourcePort) => ({
        ...{ ...from, protocol: client.protocol, sourcePort, to, port: client.port, article: known },
        what: `${table.site} from port ${sourcePort} -> ${to} ${client.protocol}/${client.port} (${client.why})`,
      })),
    );
  });
  const refused = notClients
    .filter(
      ({ protocol, port }) =>
        !table.clients.some((c) => c.protocol === protocol && c.port === port && c.to === 'server'),
    )
    .map(({ protocol, port, why }) => ({
      ...{ ...from, protocol, to: outside.server[family], port, article: false },
      what: `${table.site} -> ${outside.server[family]} ${protocol}/${port} (${why})`,
    }));
  return [...allowed, ...refused];
}

/**
 * [G] A module's datagram to a host where nothing listens on the port gets an ICMP port unreachable back, which its
 * client needs (and RFC 1122 has it act on): a working network lets destination-unreachable errors through.
 */
function icmpErrors({ table, site, family, address, known }: Target): Probe[] {
  return [
    {
      ...{ kind: 'ICMP error' as const, via: 'client' as const, family, protocol: 'udp' as const, fromSite: site },
      ...{ from: address, to: outside.silent[family], port: 53, article: known },
      what: `${table.site} -> ${outside.silent[family]} udp/53, where nothing listens: the port unreachable comes back`,
    },
  ];
}

/** Whether the probe got the answer it looks for: a connection or a reply, or the ICMP error it provokes. */
export function gotThrough(probe: Probe, result: string): boolean {
  return result === (probe.kind === 'ICMP error' ? 'refused' : 'open');
}

/** Every other module of the scenario to both ends of this one's OSL and OSN ranges. */
function moduleToModule({ table, kernel, family, address, known }: Target, others: Target[]): Probe[] {
  const ranges = [
    { name: 'OSL', range: kernel.osl, from: table.oslFrom },
    { name: 'OSN', range: kernel.osn, from: table.osnFrom },
  ];
  return others.flatMap((other) =>
    ranges.flatMap(({ name, range, from }) =>
      [...new Set(range)].map((port) => ({
        ...{ kind: 'module to module' as const, via: 'client' as const, family, protocol: 'tcp' as const },
        ...{
          fromSite: other.site,
          from: other.address,
          to: address,
          port,
          article: known && from.includes(other.table.site),
        },
        what: `${other.table.site} -> ${table.site} tcp/${port} (${name})`,
      })),
    ),
  );
}

/**
 * Every probe of the scenario, over both families, its modules' addresses in the policy being of the `declared`
 * family (or of both): all of them under the policy of the paths in their first order; only those between modules
 * under the reversed order.
 */
export function plan(
  modules: ScenarioModule[],
  ports: Record<Protocol, number[]>,
  declared: Declared,
  withOutside: boolean,
): Probe[] {
  return families.flatMap((family) => {
    const known = declared === 'both' || family === declared;
    const targets = modules.map(({ table, kernel, tcpdGranted, addresses }, i) => ({
      ...{ table, kernel, tcpdGranted, site: i + 1, family, address: addresses[family], known },
    }));
    return targets.flatMap((target) => [
      ...(withOutside
        ? [
            ...inbound(target, ports),
            ...tcpd(target),
            ...siteAllowed(target),
            ...sourcePorts(target),
            ...outbound(target),
            ...icmpErrors(target),
          ]
        : []),
      ...moduleToModule(
        target,
        targets.filter((other) => other !== target),
      ),
    ]);
  });
}

/** The packet that starts the probe's connection, as the JSON's verdict reads it. */
export function firstPacket(probe: Probe, modules: ScenarioModule[]): Packet {
  const unbound =
    probe.fromSite === 0 ? unboundOutsidePort : modules[probe.fromSite - 1]!.table.ephemeral[probe.protocol][0] + 1;
  return {
    protocol: probe.protocol,
    from: probe.from,
    sourcePort: probe.sourcePort ?? unbound,
    to: probe.to,
    port: probe.port,
  };
}

export function expectedByPolicy(probe: Probe, modules: ScenarioModule[], verdict: PolicyVerdict): boolean {
  const packet = firstPacket(probe, modules);
  return probe.kind === 'ICMP error' ? verdict.letsErrorsBack(packet) : verdict.connects(packet);
}

/** nmap's `-oG` output: the ports it found open, as `address protocol/port`. */
function openPorts(greppable: string): Set<string> {
  const open = new Set<string>();
  for (const line of greppable.split('\n')) {
    const match = /^Host: (\S+) .*\tPorts: (.*?)(\t|$)/.exec(line);
    if (!match) continue;
    for (const entry of match[2]!.split(', ')) {
      const [port, state, protocol] = entry.split('/');
      if (state === 'open') open.add(`${match[1]} ${protocol}/${port}`);
    }
  }
  return open;
}

async function nmap(network: Network, probes: Probe[]): Promise<Probe[]> {
  const { family, from, sourcePort } = probes[0]!;
  const list = (protocol: Protocol) => [...new Set(probes.filter((p) => p.protocol === protocol).map((p) => p.port))];
  const ports = [...list('tcp').map((port) => `T:${port}`), ...list('udp').map((port) => `U:${port}`)];
  const output = await network.inSite(0, 'nmap', [
    ...(family === 'v6' ? ['-6'] : []),
    // No retransmission and short waits: what should have been open and was not is probed again (packets.e2e.test.ts).
    ...['-n', '-Pn', '-sS', ...(list('udp').length > 0 ? ['-sU'] : []), '-T5', '--max-retries', '0'],
    ...['--initial-rtt-timeout', '100ms', '--max-rtt-timeout', '300ms'],
    ...['-e', 'eth0', '-S', from, ...(sourcePort !== undefined ? ['-g', String(sourcePort)] : [])],
    ...['-p', ports.join(','), '-oG', '-', ...new Set(probes.map((p) => p.to))],
  ]);
  const open = openPorts(output);
  return probes.filter((p) => open.has(`${p.to} ${p.protocol}/${p.port}`));
}

/** Sends every probe (nmap's and the clients', in parallel) and says of each whether it got through and back. */
export async function send(network: Network, probes: Probe[]): Promise<string[]> {
  const scans = new Map<string, Probe[]>();
  for (const probe of probes.filter((p) => p.via === 'nmap')) {
    const key = `${probe.family} ${probe.from} ${probe.sourcePort}`;
    scans.set(key, [...(scans.get(key) ?? []), probe]);
  }
  const scanned = Promise.all([...scans.values()].map((group) => nmap(network, group)));
  const clients = probes.map((probe, index) => ({ probe, index })).filter(({ probe }) => probe.via === 'client');
  const bySite = network.agents.map((agent, site) => {
    const mine = clients.filter(({ probe }) => probe.fromSite === site);
    const requests: ClientProbe[] = mine.map(({ probe }) => ({
      protocol: probe.protocol,
      to: probe.to,
      port: probe.port,
      from: probe.from,
      ...(probe.sourcePort !== undefined && { sourcePort: probe.sourcePort }),
    }));
    return agent.probe(requests).then((results) => mine.map(({ index }, i) => [index, results[i]!] as const));
  });
  const open = new Set((await scanned).flat());
  const results: string[] = probes.map((probe) => (open.has(probe) ? 'open' : 'not open'));
  for (const pairs of await Promise.all(bySite)) for (const [index, result] of pairs) results[index] = result;
  return results;
}
