/*
 * The network of the packet tests: a namespace for the peer network outside the firewall, one for each module, and
 * a router between them whose forward path carries the policy under test. Every link is a veth pair of its own, so
 * that each packet between two of them crosses the router. Addresses come only from the documentation ranges:
 * 198.51.100.0/24 and 2001:db8:100::/64 outside, 192.0.2.16i/28 and 2001:db8:i::/64 for the i-th module.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Names of this test's namespaces start with it, then the pid of the process that made them. */
const namePrefix = 'pkt-';

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Runs `ip` commands, one a line, in one process inside the namespace. */
function ipBatch(namespace: string, lines: string[]): void {
  run('ip', ['-n', namespace, '-batch', '-'], `${lines.join('\n')}\n`);
}

function sysctl(namespace: string, settings: string[]): void {
  run('ip', ['netns', 'exec', namespace, 'sysctl', '-q', ...settings.flatMap((setting) => ['-w', setting])]);
}

function namespaces(): string[] {
  return run('ip', ['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter(Boolean);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes the namespaces an earlier run of this test left behind when its process died. */
export function removeStaleNamespaces(): void {
  for (const name of namespaces()) {
    const pid = new RegExp(`^${namePrefix}(\\d+)-`).exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) spawnSync('ip', ['netns', 'delete', name]);
  }
}

/** Links are up at once: no duplicate address detection holds an address (link-local ones too) back. */
const noDad = ['net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0'];

/**
 * No ICMP error held back: nmap's UDP scan provokes many port unreachables (the listeners' echoes reach no socket of
 * nmap's), which would otherwise use up the budget the probe of ICMP errors needs.
 */
const noIcmpLimit = [
  'net.ipv4.icmp_ratelimit=0',
  'net.ipv6.icmp.ratelimit=0',
  'net.ipv4.icmp_msgs_per_sec=100000',
  'net.ipv4.icmp_msgs_burst=100000',
];

export const outside = {
  router: { v4: '198.51.100.1', v6: '2001:db8:100::1' },
  /** Anyone on the outside network. */
  anyone: { v4: '198.51.100.10', v6: '2001:db8:100::10' },
  /** Inside and outside the clients the modules' hosts.allow admit (198.51.100.16/28 and 2001:db8:100::/120). */
  admitted: { v4: '198.51.100.20', v6: '2001:db8:100::20' },
  refused: { v4: '198.51.100.130', v6: '2001:db8:100::130' },
  /** The NIOs. */
  nio: { v4: '198.51.100.40', v6: '2001:db8:100::40' },
  secondNio: { v4: '198.51.100.41', v6: '2001:db8:100::41' },
  /** The servers the modules' clients talk to (DNS, NTP, RADIUS …). */
  server: { v4: '198.51.100.50', v6: '2001:db8:100::50' },
  /** A host where nothing listens. */
  silent: { v4: '198.51.100.60', v6: '2001:db8:100::60' },
} as const;

export type Family = 'v4' | 'v6';
export const families: Family[] = ['v4', 'v6'];

export interface Addresses {
  v4: string;
  v6: string;
}

/** The i-th module's addresses (i from 1). */
export function moduleAddresses(index: number): Addresses {
  return { v4: `192.0.2.${16 * index + 2}`, v6: `2001:db8:${index}::2` };
}

/** A namespace's helper process (agent.mjs): its listeners and its client probes. */
export class Agent {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<
    number,
    { resolve: (answer: Record<string, unknown>) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;

  constructor(readonly namespace: string) {
    const agent = new URL('agent.mjs', import.meta.url).pathname;
    this.child = spawn('ip', ['netns', 'exec', namespace, process.execPath, agent]);
    const stderr: Buffer[] = [];
    this.child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const answer = JSON.parse(line) as { id: number };
      this.waiting.get(answer.id)?.resolve(answer);
      this.waiting.delete(answer.id);
    });
    this.child.on('exit', (code) => {
      const error = new Error(`the agent in ${namespace} exited (${code}): ${Buffer.concat(stderr).toString()}`);
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    });
  }

  private request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  /** Listens on every port given, TCP and UDP, on each host address (`::` is both families); throws if one fails. */
  async listen(hosts: string[], tcp: number[], udp: number[]): Promise<void> {
    const { failed } = (await this.request({ listen: { hosts, tcp, udp } })) as { failed: string[] };
    if (failed.length > 0) throw new Error(`listeners in ${this.namespace} failed: ${failed.join(', ')}`);
  }

  async probe(probes: ClientProbe[]): Promise<string[]> {
    if (probes.length === 0) return [];
    return ((await this.request({ probe: probes })) as { results: string[] }).results;
  }

  stop(): void {
    this.child.stdin.end();
    if (this.child.pid !== undefined && this.child.exitCode === null) process.kill(this.child.pid);
  }
}

export interface ClientProbe {
  protocol: 'tcp' | 'udp';
  to: string;
  port: number;
  from?: string;
  sourcePort?: number;
}

export interface SiteSpec {
  /** A short name, part of the namespace's name. */
  name: string;
  /** Its addresses, each family; the first of each is the one its routes use. */
  v4: string[];
  v6: string[];
  /** The ports its clients pick from when not bound to one (the release's ephemeral range). */
  portRange?: [number, number];
}

/**
 * The namespaces of one scenario: the outside network (site 0) and the modules (sites 1…n), created at once; the
 * router is made and remade for each policy loaded, so that no connection tracked under one policy decides a packet
 * under the next.
 */
export class Network {
  readonly router: string;
  readonly namespaces: string[];
  readonly agents: Agent[] = [];

  constructor(
    scenario: string,
    readonly sites: SiteSpec[],
  ) {
    const prefix = `${namePrefix}${process.pid}-${scenario}`;
    this.router = `${prefix}-router`;
    this.namespaces = sites.map((site) => `${prefix}-${site.name}`);
  }

  create(): void {
    this.sites.forEach((site, i) => {
      const namespace = this.namespaces[i]!;
      run('ip', ['netns', 'add', namespace]);
      ipBatch(namespace, ['link set lo up']);
      // Listeners bind their addresses before the router's links bring them, and keep them while it is remade.
      sysctl(namespace, [...noDad, ...noIcmpLimit, 'net.ipv4.ip_nonlocal_bind=1', 'net.ipv6.ip_nonlocal_bind=1']);
      if (site.portRange) sysctl(namespace, [`net.ipv4.ip_local_port_range=${site.portRange.join(' ')}`]);
      this.agents.push(new Agent(namespace));
    });
  }

  /** A new router, with a link to every site, forwarding both families. */
  createRouter(): void {
    run('ip', ['netns', 'add', this.router]);
    sysctl(this.router, ['net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1', ...noDad]);
    const links = this.sites.map((_site, i) => ({
      prefixes: i === 0 ? [24, 64] : [28, 64],
      gateway: i === 0 ? outside.router : { v4: `192.0.2.${16 * i + 1}`, v6: `2001:db8:${i}::1` },
    }));
    ipBatch(this.router, [
      'link set lo up',
      ...links.flatMap(({ prefixes, gateway }, i) => [
        `link add r${i} type veth peer name eth0 netns ${this.namespaces[i]}`,
        `address add ${gateway.v4}/${prefixes[0]} dev r${i}`,
        `address add ${gateway.v6}/${prefixes[1]} dev r${i} nodad`,
        `link set r${i} up`,
      ]),
    ]);
    this.sites.forEach((site, i) => {
      const { prefixes, gateway } = links[i]!;
      ipBatch(this.namespaces[i]!, [
        ...site.v4.map((address) => `address add ${address}/${prefixes[0]} dev eth0`),
        ...site.v6.map((address) => `address add ${address}/${prefixes[1]} dev eth0 nodad`),
        'link set eth0 up',
        `route add 0.0.0.0/0 via ${gateway.v4} src ${site.v4[0]}`,
        `route add ::/0 via ${gateway.v6} src ${site.v6[0]}`,
      ]);
    });
  }

  /**
   * Waits until the outside network reaches every module over both families, before any policy is loaded: a packet
   * sent while a link is still coming up is lost, and a lost probe would read as a dropped one.
   */
  async reachable(): Promise<void> {
    let targets = this.sites.slice(1).flatMap((site) => [site.v4[0]!, site.v6[0]!]);
    for (let attempt = 0; attempt < 5 && targets.length > 0; attempt++) {
      // tcp/1, where no listener is: a reset (refused) says the packet got there and back.
      const results = await this.agents[0]!.probe(targets.map((to) => ({ protocol: 'tcp' as const, to, port: 1 })));
      targets = targets.filter((_to, i) => results[i] !== 'refused');
    }
    if (targets.length > 0) throw new Error(`the outside network does not reach ${targets.join(', ')}`);
  }

  /** Runs a command in the router's namespace. */
  inRouter(command: string, args: string[], input?: string): string {
    return run('ip', ['netns', 'exec', this.router, command, ...args], input);
  }

  inSite(index: number, command: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn('ip', ['netns', 'exec', this.namespaces[index]!, command, ...args]);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('close', (code) =>
        code === 0
          ? resolve(Buffer.concat(out).toString())
          : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${Buffer.concat(err).toString()}`)),
      );
    });
  }

  /** Deletes the router, and waits until the kernel has taken the other ends of its links out of the sites. */
  removeRouter(): void {
    spawnSync('ip', ['netns', 'delete', this.router]);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (const namespace of this.namespaces) {
      for (let wait = 0; wait < 200 && spawnSync('ip', ['-n', namespace, 'link', 'show', 'eth0']).status === 0; wait++)
        Atomics.wait(pause, 0, 0, 25);
    }
  }

  /** Stops the agents and deletes every namespace of the scenario, by name; safe to call more than once. */
  remove(): void {
    for (const agent of this.agents.splice(0)) agent.stop();
    for (const name of [this.router, ...this.namespaces])
      if (namespaces().includes(name)) spawnSync('ip', ['netns', 'delete', name]);
  }
}
