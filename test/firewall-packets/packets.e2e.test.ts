/*
 * The firewall policy judged by packets. For each scenario (every firewall sample, the README's worked example among
 * them, and modules written for these tests), namespaces for the outside network, a router and each module; the
 * policy's nftables, then its iptables and ip6tables output, loaded into the router's forward path; listeners in
 * the modules on every port the article's table 1 and the model name, the kernel ranges' ends and canaries in the
 * ephemeral ranges; nmap and bound clients over IPv4 and IPv6. Each probe must do what the policy's JSON says and
 * what the article's table in scenarios.ts says. Needs root, network namespaces, nft, iptables and nmap.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { vosAudit } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';
import { table1, type Protocol } from './article.ts';
import { families, moduleAddresses, Network, outside, removeStaleNamespaces } from './namespaces.ts';
import { PolicyVerdict, type JsonPolicy } from './policy-verdict.ts';
import {
  expectedByPolicy,
  gotThrough,
  listenPorts,
  plan,
  send,
  serverPorts,
  tcpdClients,
  type Probe,
  type ProbeKind,
  type ScenarioModule,
} from './probes.ts';
import { kernelRanges, scenarios, type Declared, type ModuleTable, type Scenario } from './scenarios.ts';
import { tcpdmatchVerdicts } from '../support/tcpd.ts';

const repository = new URL('../..', import.meta.url).pathname;
const backends = ['nftables', 'iptables and ip6tables'] as const;
/** The outside network's addresses; the first is the one its routes and nmap send from. */
const outsideHosts = [
  outside.anyone,
  outside.admitted,
  outside.refused,
  outside.nio,
  outside.secondNio,
  outside.server,
  outside.silent,
];

/** Debian's tcpdmatch on the module's own hosts.allow and hosts.deny: the clients it grants each daemon behind tcpd. */
function tcpdGranted(table: ModuleTable, dir: string): Set<string> {
  const pairs = (table.tcpd ?? []).flatMap(({ daemon }) =>
    families.flatMap((family) => tcpdClients(table, family).map(({ from }) => [daemon, from] as const)),
  );
  const verdicts = tcpdmatchVerdicts(dir, pairs);
  return new Set(pairs.filter((_, i) => verdicts[i] === 'granted').map(([daemon, from]) => `${daemon} ${from}`));
}

/** The scenario's modules, copied with each configuration given the test's addresses; their paths from the copy. */
function prepare(scenario: Scenario, family: Declared, root: string): { modules: ScenarioModule[]; paths: string[] } {
  const source = scenario.sample
    ? join(repository, 'samples', scenario.sample)
    : new URL('modules', import.meta.url).pathname;
  const base = scenario.sample ?? '.';
  cpSync(source, join(root, base), { recursive: true });
  const paths: string[] = [];
  const modules = scenario.modules.map((table, i) => {
    const addresses = moduleAddresses(i + 1);
    const path = join(base, table.path);
    const configFile = join(root, path, '.vos-audit.json');
    const config = table.config ?? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>);
    const nios = (table.nios ?? []).flatMap((which) => [outside[which].v4, outside[which].v6]);
    writeFileSync(
      configFile,
      JSON.stringify({
        ...config,
        address: family === 'both' ? [addresses.v4, addresses.v6] : addresses[family],
        ...(nios.length > 0 && { nioAddress: nios }),
      }),
    );
    paths.push(path);
    return { table, addresses, kernel: kernelRanges(config), tcpdGranted: tcpdGranted(table, join(root, path)) };
  });
  return { modules, paths };
}

async function vosAuditIn(
  root: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return vosAudit(args, { cwd: root, env: { NO_COLOR: '1' } });
}

async function output(root: string, format: string, paths: string[]): Promise<string> {
  const result = await vosAuditIn(root, ['firewall', '--format', format, ...paths]);
  if (result.status !== 0)
    throw new Error(`vos-audit firewall --format ${format} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** Every port the model lists for the modules, in any state (a range by its ends). */
async function modelPorts(root: string, paths: string[]): Promise<Record<Protocol, number[]>> {
  const result = await vosAuditIn(root, ['ports', '--format', 'json', ...paths]);
  expect(result.status, result.stderr).toBe(0);
  const listeners = (
    JSON.parse(result.stdout) as {
      modules: Array<{ listeners: Array<{ port: number; lastPort?: number; protocol: Protocol }> }>;
    }
  ).modules.flatMap((module) => module.listeners);
  const of = (protocol: Protocol) =>
    listeners
      .filter((l) => l.protocol === protocol)
      .flatMap((l) => [l.port, ...(l.lastPort !== undefined ? [l.lastPort] : [])]);
  return { tcp: [...table1.tcp, ...of('tcp')], udp: [...table1.udp, ...of('udp')] };
}

interface Outcome {
  probe: Probe;
  policy: boolean;
  observed: string;
}

const openText = (open: boolean) => (open ? 'open' : 'closed');

/** One line per probe where the packets, the JSON and the article do not all agree. */
function disagreements(outcomes: Outcome[]): string[] {
  return outcomes
    .filter(({ probe, policy, observed }) => gotThrough(probe, observed) !== policy || policy !== probe.article)
    .map(
      ({ probe, policy, observed }) =>
        `${probe.family} ${probe.what}: article ${openText(probe.article)}, policy JSON ${openText(policy)}, packets ${observed}`,
    );
}

/** What the run measured, for the log: ports probed and open by family, client probes that agree, by kind. */
function summary(outcomes: Outcome[]): string {
  const agree = ({ probe, policy, observed }: Outcome) =>
    gotThrough(probe, observed) === policy && policy === probe.article;
  const inbound = families.map((family) => {
    const mine = outcomes.filter((o) => o.probe.kind === 'inbound' && o.probe.family === family);
    const count = (test: (o: Outcome) => boolean) => mine.filter(test).length;
    return `${family}: ${mine.length} port probes, open by the article ${count((o) => o.probe.article)}, by the JSON ${count((o) => o.policy)}, by packets ${count((o) => o.observed === 'open')}`;
  });
  const kinds: ProbeKind[] = ['tcpd', 'site override', 'source port', 'outbound', 'module to module', 'ICMP error'];
  const clients = kinds.map((kind) => {
    const mine = outcomes.filter((o) => o.probe.kind === kind);
    return `${kind} ${mine.filter(agree).length}/${mine.length}`;
  });
  return `${inbound.join('; ')}; probes that agree: ${clients.join(', ')}`;
}

const runs = scenarios.flatMap((scenario) => scenario.families.map((family) => ({ scenario, family })));

interface Run {
  scenario: Scenario;
  family: Declared;
  root: string;
  network: Network;
  modules: ScenarioModule[];
  paths: string[];
  ports: Record<Protocol, number[]>;
}

/** The run's namespaces, with the listeners of the outside network's servers and of every module. */
async function setUp(scenario: Scenario, family: Declared): Promise<Run> {
  const root = temporaryDirectory('vos-audit-packets-');
  const { modules, paths } = prepare(scenario, family, root);
  const ports = listenPorts(modules, await modelPorts(root, paths));
  const network = new Network(`${scenario.name}-${family}`, [
    { name: 'outside', v4: outsideHosts.map((host) => host.v4), v6: outsideHosts.map((host) => host.v6) },
    ...modules.map(({ table, addresses }) => ({
      name: table.site,
      v4: [addresses.v4],
      v6: [addresses.v6],
      // Unbound clients pick from the release's ranges, tcp and udp: from where both are.
      portRange: [Math.max(table.ephemeral.tcp[0], table.ephemeral.udp[0]), 65535] as [number, number],
    })),
  ]);
  const run = { scenario, family, root, network, modules, paths, ports };
  try {
    network.create();
    const [outsideAgent, ...moduleAgents] = network.agents;
    await outsideAgent!.listen([outside.server.v4, outside.server.v6], serverPorts.tcp, serverPorts.udp);
    const nios = families.flatMap((each) => [outside.nio[each], outside.secondNio[each]]);
    await outsideAgent!.listen(nios, [48879], []);
    await Promise.all(moduleAgents.map((agent) => agent.listen(['::'], ports.tcp, ports.udp)));
    return run;
  } catch (error) {
    network.remove();
    throw error;
  }
}

/** Loads the policy of the paths in `order` into a new router. */
async function load(run: Run, backend: (typeof backends)[number], order: string[], problems: string[]): Promise<void> {
  const { network, root } = run;
  network.removeRouter();
  network.createRouter();
  await network.reachable();
  if (backend === 'nftables') {
    network.inRouter('nft', ['-f', '-'], await output(root, 'nftables', order));
    return;
  }
  network.inRouter('iptables-restore', [], await output(root, 'iptables', order));
  try {
    network.inRouter('ip6tables-restore', [], await output(root, 'ip6tables', order));
  } catch (error) {
    problems.push(`no IPv6 rules loaded: ${(error as Error).message.trim()}`);
  }
}

/**
 * Every probe through the policy loaded as `backend` (with the paths in both orders where the scenario asks): the
 * disagreements, each logged; the summary logged too.
 */
async function probeThrough(run: Run, backend: (typeof backends)[number]): Promise<string[]> {
  const { scenario, family, network, modules, paths, ports } = run;
  const orders = scenario.bothOrders ? [paths, [...paths].reverse()] : [paths];
  const outcomes: Outcome[] = [];
  const problems: string[] = [];
  for (const [index, order] of orders.entries()) {
    await load(run, backend, order, problems);
    const verdict = new PolicyVerdict(JSON.parse(await output(run.root, 'json', order)) as JsonPolicy);
    const probes = plan(modules, ports, family, index === 0);
    const fresh = probes.map((probe) => ({ probe, policy: expectedByPolicy(probe, modules, verdict) }));
    const results = await send(network, probes);
    // A lost packet can make an open port look closed, never a closed one open: what should have been open and
    // was not is probed once more, on a machine that other tests keep busy.
    const doubtful = fresh.flatMap(({ probe, policy }, i) =>
      !gotThrough(probe, results[i]!) && (policy || probe.article) ? [i] : [],
    );
    const again = await send(
      network,
      doubtful.map((i) => probes[i]!),
    );
    doubtful.forEach((i, j) => (results[i] = again[j]!));
    const reversed = index === 1 ? ', paths reversed' : '';
    outcomes.push(
      ...fresh.map(({ probe, policy }, i) => ({
        probe: { ...probe, what: `${probe.what}${reversed}` },
        policy,
        observed: results[i]!,
      })),
    );
  }
  const log = (line: string) => console.log(`${scenario.name} (${family} addresses), ${backend}: ${line}`);
  log(summary(outcomes));
  const found = [...problems, ...disagreements(outcomes)];
  // All of them in the log: a long list is cut short in the assertion's diff.
  for (const line of found) log(line);
  return found;
}

beforeAll(removeStaleNamespaces);

// The runs wait on packets far more than they compute: they go side by side, each in namespaces of its own.
describe.concurrent('packets through the firewall policy', () => {
  it.for(runs)(
    '$scenario.name with $family addresses, loaded as nftables, then as iptables and ip6tables',
    { timeout: 180_000 },
    async ({ scenario, family }, { expect }) => {
      const run = await setUp(scenario, family);
      try {
        for (const backend of backends) expect.soft(await probeThrough(run, backend), backend).toEqual([]);
      } finally {
        run.network.remove();
      }
    },
  );
});
