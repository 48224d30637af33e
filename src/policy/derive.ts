import { firewallBlocks } from '../catalog/firewall-blocks.ts';
import { membershipOf } from '../model/port-catalog.ts';
import type { Certainty, ClientFact, ModuleFacts, ServiceFact } from './facts.ts';
import {
  allPorts,
  lastComponent,
  rangeText,
  type FirewallPolicy,
  type LeftOut,
  type Peer,
  type PeerGroup,
  type PolicyRule,
  type PortRange,
} from './rule.ts';

export interface PolicyOptions {
  /** Include the allows that stand on an undecided condition, marked as such, instead of leaving them out. */
  includeConditional: boolean;
  /** Track connections (the default); stateless, every reply needs a rule of its own. */
  stateful: boolean;
}

/** [G] A client of the module may send from any port: the return traffic of a service goes to all of them. */
const anyClientPort: PortRange = [1, 65535];

const anyone: Peer = { kind: 'any' };

function key(protocol: string, ports: PortRange): string {
  return `${protocol}/${rangeText(ports)}`;
}

/** The rules of one module, in the order a firewall must apply them: the first that matches decides. */
class ModuleRules {
  readonly denied: PolicyRule[] = [];
  readonly allowedIn: PolicyRule[] = [];
  readonly allowedOut: PolicyRule[] = [];
  readonly returnIn: PolicyRule[] = [];
  readonly returnOut: PolicyRule[] = [];

  constructor(
    private readonly facts: ModuleFacts,
    private readonly options: PolicyOptions,
    private readonly leftOut: LeftOut[],
  ) {}

  get stateful(): boolean {
    return this.options.stateful;
  }

  /**
   * A rule that holds under `certainty`: kept, kept and marked, or left out with what would decide it. A deny is
   * always kept (marked when conditional): denying a port where nothing listens costs nothing, while leaving it out
   * would let through whatever a later allow admits on that port.
   */
  take(into: PolicyRule[], certainty: Certainty, rule: PolicyRule): boolean {
    if (certainty.state === 'live') into.push(rule);
    else if (this.options.includeConditional || rule.action === 'deny')
      into.push({ ...rule, condition: certainty.condition });
    else {
      this.leftOut.push({
        module: this.facts.name,
        what: describe(rule),
        because: `if ${certainty.condition}`,
        decidedBy: certainty.decidedBy,
        conditional: true,
      });
      return false;
    }
    return true;
  }

  all(): PolicyRule[] {
    const last = (direction: 'in' | 'out'): PolicyRule => ({
      direction,
      action: 'deny',
      protocol: 'any',
      ports: allPorts,
      peer: anyone,
      reason: `deny the rest: nothing the model knows ${direction === 'in' ? 'listens there' : 'sends it'}`,
      evidence: [],
    });
    return [
      ...this.denied,
      ...groupsLast([...this.allowedIn, ...this.returnIn]),
      last('in'),
      ...groupsLast([...this.allowedOut, ...this.returnOut]),
      last('out'),
    ];
  }
}

/**
 * Allows with a group of peers after the allows from anyone: their order changes nothing (they all allow), and a
 * format that tests a group's membership in a chain of its own can then drop what is not a member.
 */
function groupsLast(allows: readonly PolicyRule[]): PolicyRule[] {
  return [...allows.filter((rule) => rule.peer.kind === 'any'), ...allows.filter((rule) => rule.peer.kind !== 'any')];
}

/** A rule in a few words, for the list of rules left out. */
function describe(rule: PolicyRule): string {
  const peer = rule.peer.kind === 'any' ? '' : ` ${rule.direction === 'in' ? 'from' : 'to'} ${rule.peer.group}`;
  const from = rule.sourcePorts ? ` from port ${rangeText(rule.sourcePorts)}` : '';
  return `${rule.action} ${rule.direction} ${rule.protocol}/${rangeText(rule.ports)}${from}${peer} (${rule.reason})`;
}

/**
 * The ports the article says to block, in the releases that have them: a release before them has nothing there to
 * block (and no article basis for a rule), and an unstated one gets the deny under the release's condition.
 */
function articleDenials(facts: ModuleFacts, rules: ModuleRules): Set<string> {
  const denied = new Set<string>();
  for (const block of firewallBlocks) {
    if (block.withNio && !facts.nio) continue;
    const ports: PortRange = [block.port, block.port];
    const served = facts.services.filter(
      (s) => s.protocol === block.transport && s.ports && key(s.protocol, s.ports) === key(block.transport, ports),
    );
    const membership = block.releases
      ? membershipOf({ releases: [{ from: block.releases.from }], releasesText: block.releases.text }, facts.release)
          .membership
      : 'in';
    // A module's own file that opens the port (a telnet_admin row for 85) is denied whatever the release.
    if (membership === 'out' && served.length === 0) continue;
    const table = `article table 2 (port ${block.port}${block.releases ? `, ${block.releases.text}` : ''})`;
    const evidence = served.length > 0 ? served.flatMap((s) => s.evidence) : [table];
    const condition = membership === 'unknown' && served.length === 0 && { condition: `VOS ${block.releases!.text}` };
    rules.denied.push({
      ...condition,
      direction: 'in',
      action: 'deny',
      protocol: block.transport,
      ports,
      peer: anyone,
      reason: block.reason,
      evidence: [...new Set(evidence)],
    });
    denied.add(key(block.transport, ports));
  }
  return denied;
}

/** telnetd's login port on a module where no sshd runs, or may run: denying it would leave no way to log in. */
function isOnlyLogin(facts: ModuleFacts, service: ServiceFact): boolean {
  return service.daemon === 'telnetd' && service.ports?.[0] === 23 && !facts.services.some((s) => s.daemon === 'sshd');
}

/** Each port's listeners, those the audit reports first: a port with any denied listener is denied. */
function serviceRules(facts: ModuleFacts, rules: ModuleRules, denied: Set<string>): void {
  const ordered = [...facts.services.filter((s) => s.finding), ...facts.services.filter((s) => !s.finding)];
  for (const service of ordered) {
    if (service.kernel || !service.ports || denied.has(key(service.protocol, service.ports))) continue;
    denied.add(key(service.protocol, service.ports));
    const base = { direction: 'in' as const, protocol: service.protocol, ports: service.ports, peer: anyone };
    if (service.finding && isOnlyLogin(facts, service)) {
      const { reason, ruleId } = service.finding;
      rules.take(rules.allowedIn, service.certainty, {
        ...base,
        action: 'allow',
        reason: `${reason} (${ruleId}); allowed all the same: with no sshd, telnet is the only way to log in`,
        evidence: service.evidence,
      });
    } else if (service.finding) {
      const { reason, ruleId, evidence } = service.finding;
      rules.take(rules.denied, service.certainty, {
        ...base,
        action: 'deny',
        reason: `${reason} (${ruleId})`,
        evidence: [evidence],
      });
    } else {
      rules.take(rules.allowedIn, service.certainty, {
        ...base,
        action: 'allow',
        reason: `${service.daemon} listens on ${service.protocol}/${rangeText(service.ports)}`,
        evidence: service.evidence,
      });
    }
  }
}

/**
 * The run's peer groups, each made once and named uniquely (a module may be named like a group), so that a group's
 * addresses are written once however many modules' rules name it.
 */
class Groups {
  readonly all: PeerGroup[] = [];
  private readonly byKey = new Map<string, PeerGroup>();
  private readonly taken: Set<string>;

  constructor(run: readonly ModuleFacts[]) {
    this.taken = new Set(run.map((module) => module.name));
  }

  peer(key: string, make: () => Omit<PeerGroup, 'name'> & { name: string }): Peer {
    let group = this.byKey.get(key);
    if (group === undefined) {
      const made = make();
      let name = made.name;
      for (let n = 2; this.taken.has(name); n++) name = `${made.name} (${n})`;
      this.taken.add(name);
      group = { ...made, name };
      this.byKey.set(key, group);
      this.all.push(group);
    }
    return { kind: 'group', group: group.name };
  }
}

/**
 * OSL's peers are the modules of the module's system; OSN's, the bridge modules of the other systems. Each system's
 * groups are made once, from an index of the run, so that the work grows with the modules, not their square.
 */
class KernelPeers {
  private readonly bySystem = new Map<string, ModuleFacts[]>();
  private readonly bridges: ModuleFacts[];
  private readonly ranges = new Map<string, PortRange | undefined>();

  constructor(
    run: readonly ModuleFacts[],
    private readonly groups: Groups,
  ) {
    for (const module of run) {
      if (module.system === undefined) continue;
      const members = this.bySystem.get(module.system);
      if (members) members.push(module);
      else this.bySystem.set(module.system, [module]);
    }
    this.bridges = run.filter((m) => m.bridge === true && m.system !== undefined);
  }

  of(
    facts: ModuleFacts,
    kernel: 'OSL' | 'OSN',
  ): { peer: () => Peer; who: string; none: string; others: number } | { missing: string; decidedBy: string } {
    const system = facts.system;
    if (system === undefined)
      return { missing: "the module's system is not known", decidedBy: '"system" in .vos-audit.json, or --system' };
    const own = this.bySystem.get(system)!;
    if (kernel === 'OSL') {
      const who = `the modules of system ${system}`;
      const peer = () =>
        this.groups.peer(`OSL ${system}`, () => ({
          name: `modules of system ${system}`,
          what: who,
          stem: `osl_${system}`,
          modules: own.map((m) => m.name),
        }));
      return { peer, who, none: `no other module of system ${system}`, others: own.length - 1 };
    }
    const who = `the bridge modules of systems other than ${system}`;
    const others = this.bridges.length - own.filter((m) => m.bridge === true).length;
    const peer = () =>
      this.groups.peer(`OSN ${system}`, () => ({
        name: `bridges outside system ${system}`,
        what: who,
        stem: `osn_${system}`,
        modules: this.bridges.filter((m) => m.system !== system).map((m) => m.name),
      }));
    return { peer, who, none: `no bridge module of another system`, others };
  }

  /** The peers' ports of a kernel range: from its first port to the highest end any peer's range has. */
  peerPorts(facts: ModuleFacts, kernel: 'OSL' | 'OSN'): PortRange | undefined {
    const key = `${kernel} ${facts.system}`;
    if (!this.ranges.has(key)) {
      const peers =
        kernel === 'OSL'
          ? (this.bySystem.get(facts.system!) ?? [])
          : this.bridges.filter((m) => m.system !== facts.system);
      const ranges = peers.flatMap((m) => m.services.flatMap((s) => (s.kernel === kernel && s.ports ? [s.ports] : [])));
      this.ranges.set(
        key,
        ranges.length === 0 ? undefined : [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))],
      );
    }
    return this.ranges.get(key);
  }
}

function kernelRules(
  facts: ModuleFacts,
  rules: ModuleRules,
  peers: KernelPeers,
  leftOut: LeftOut[],
  notes: string[],
): void {
  for (const service of facts.services) {
    if (!service.kernel) continue;
    const what = `allow in ${service.protocol} ${service.kernel} from its peers`;
    if (!service.ports) {
      leftOut.push({
        module: facts.name,
        what,
        because: `max_open_server of ${service.kernel === 'OSL' ? 'new_modules.tin' : 'new_backbone_systems.tin'} is not known, so neither is the end of the range`,
        decidedBy:
          service.kernel === 'OSL'
            ? '"maxOpenServer" in .vos-audit.json, or --max-open-server'
            : '"backboneMaxOpenServer" in .vos-audit.json, or --backbone-max-open-server',
        conditional: false,
      });
      continue;
    }
    const found = peers.of(facts, service.kernel);
    if ('missing' in found) {
      leftOut.push({
        module: facts.name,
        what: `${what} (tcp ${rangeText(service.ports)})`,
        because: found.missing,
        decidedBy: found.decidedBy,
        conditional: false,
      });
      continue;
    }
    if (found.others === 0) {
      if (service.certainty.state === 'live')
        notes.push(
          `${facts.name}: ${service.kernel} (tcp ${rangeText(service.ports)}) is denied: ${found.none} is in this run`,
        );
      continue;
    }
    rules.take(rules.allowedIn, service.certainty, {
      direction: 'in',
      action: 'allow',
      protocol: service.protocol,
      ports: service.ports,
      peer: found.peer(),
      reason: `${service.kernel} from ${found.who}`,
      evidence: [`article table 2 (${service.kernel})`],
    });
  }
}

/**
 * OSL and OSN are connections between modules: each module also connects to its peers' ranges, a rule of its own
 * (the peer's inbound rule decides the other end).
 */
function kernelOutRules(facts: ModuleFacts, rules: ModuleRules, peers: KernelPeers): void {
  for (const service of facts.services) {
    if (!service.kernel || !service.ports) continue;
    const found = peers.of(facts, service.kernel);
    const ports = peers.peerPorts(facts, service.kernel);
    if ('missing' in found || found.others === 0 || ports === undefined) continue;
    rules.take(rules.allowedOut, service.certainty, {
      direction: 'out',
      action: 'allow',
      protocol: service.protocol,
      ports,
      peer: found.peer(),
      reason: `${service.kernel} to ${found.who}`,
      evidence: [`article table 2 (${service.kernel})`],
    });
  }
}

/** The NIO as a peer: a group of its addresses, none when none is known. */
function nioPeer(facts: ModuleFacts, groups: Groups): Peer {
  return groups.peer(`NIO ${facts.name}`, () => ({
    name: `NIO of ${facts.name}`,
    what: `the NIO of module ${facts.name}`,
    stem: `nio_${lastComponent(facts.name)}`,
    modules: [],
    nio: { module: facts.name, addresses: facts.nioAddresses ?? [] },
  }));
}

function clientRules(
  facts: ModuleFacts,
  rules: ModuleRules,
  client: ClientFact,
  groups: Groups,
  notes: string[],
): void {
  if (client.peer === 'nio' && !facts.nio) {
    // x25_cpc talks to the NIO: on a module without one there is no peer to open the way to.
    if (client.certainty.state === 'live')
      notes.push(
        `${facts.name}: no rule for ${client.what}: the module has no NIO (--nio, or "nio" in .vos-audit.json)`,
      );
    return;
  }
  const ownPorts = client.sourcePorts ?? facts.ephemeral[client.protocol];
  const assumed = client.sourcePorts === undefined ? facts.ephemeralAssumed?.[client.protocol] : undefined;
  const out: PolicyRule = {
    direction: 'out',
    action: 'allow',
    protocol: client.protocol,
    ports: client.ports,
    sourcePorts: ownPorts,
    peer: client.peer === 'nio' ? nioPeer(facts, groups) : anyone,
    reason: client.what,
    evidence: assumed ? [...client.evidence, assumed] : client.evidence,
  };
  if (!rules.take(rules.allowedOut, client.certainty, out) || rules.stateful) return;
  const replies: PolicyRule = {
    ...out,
    direction: 'in',
    ports: ownPorts,
    sourcePorts: client.ports,
    reply: true,
    reason: `replies to ${client.what}, for stateless filters`,
  };
  rules.take(rules.returnIn, client.certainty, replies);
}

/** Replies of the services allowed in, for stateless filters: from the service's ports, to the client's. */
function serviceReplies(rules: ModuleRules): void {
  for (const rule of rules.allowedIn) {
    // ICMP's replies and ESP's other direction have rules of their own.
    if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') continue;
    rules.returnOut.push({
      ...rule,
      direction: 'out',
      ports: anyClientPort,
      sourcePorts: rule.ports,
      reply: true,
      reason: `replies of: ${rule.reason}, for stateless filters`,
    });
  }
}

/** [D] ICMP: ping both ways, a choice a site may reverse; stateless, the errors a working network needs as well. */
function icmpRules(rules: ModuleRules): void {
  const echo = {
    protocol: 'icmp' as const,
    ports: allPorts,
    peer: anyone,
    action: 'allow' as const,
    evidence: ['docs/firewall.md (ICMP)'],
  };
  rules.allowedIn.push({
    ...echo,
    direction: 'in',
    icmpTypes: ['echo-request'],
    reason: 'ping (ICMP echo), by choice',
  });
  rules.allowedOut.push({
    ...echo,
    direction: 'out',
    icmpTypes: ['echo-request'],
    reason: 'ping (ICMP echo), by choice',
  });
  if (rules.stateful) return;
  const errors = {
    ...echo,
    reply: true as const,
    icmpTypes: [
      'echo-reply',
      'destination-unreachable',
      'packet-too-big',
      'time-exceeded',
      'parameter-problem',
    ] as const,
    reason:
      'ICMP replies and errors (path-MTU discovery needs fragmentation needed / packet too big), for stateless filters',
  };
  rules.returnIn.push({ ...errors, direction: 'in' });
  rules.returnOut.push({ ...errors, direction: 'out' });
}

/** ESP with IKE: the IPsec that iked negotiates on udp/500 and 4500 is carried by ESP, which has no ports. */
function espRules(facts: ModuleFacts, rules: ModuleRules): void {
  const iked = new Set(
    facts.services.flatMap((s) => (s.daemon === 'iked' && s.ports ? [key(s.protocol, s.ports)] : [])),
  );
  const ike = rules.allowedIn.find((rule) => iked.has(key(rule.protocol, rule.ports)));
  if (ike === undefined) return;
  const esp = { protocol: 'esp' as const, ports: allPorts, peer: anyone, action: 'allow' as const };
  const reason = "ESP, which carries the IPsec that iked's IKE (udp 500 and 4500) negotiates";
  const condition = ike.condition && { condition: ike.condition };
  rules.allowedIn.push({ ...esp, direction: 'in', reason, evidence: ike.evidence, ...condition });
  rules.allowedOut.push({ ...esp, direction: 'out', reason, evidence: ike.evidence, ...condition });
}

/** The policy of every module of the run: inbound and outbound rules, what was left out, and notes. */
export function derivePolicy(run: readonly ModuleFacts[], options: PolicyOptions): FirewallPolicy {
  const leftOut: LeftOut[] = [];
  const notes: string[] = [];
  const groups = new Groups(run);
  const peers = new KernelPeers(run, groups);
  const modules = run.map((facts) => {
    const rules = new ModuleRules(facts, options, leftOut);
    serviceRules(facts, rules, articleDenials(facts, rules));
    kernelRules(facts, rules, peers, leftOut, notes);
    kernelOutRules(facts, rules, peers);
    for (const client of facts.clients) clientRules(facts, rules, client, groups, notes);
    icmpRules(rules);
    espRules(facts, rules);
    if (!options.stateful) serviceReplies(rules);
    for (const item of facts.undecided) notes.push(`${facts.name}: ${item}`);
    return { name: facts.name, addresses: facts.addresses, rules: rules.all() };
  });
  return { stateful: options.stateful, modules, groups: groups.all, leftOut, notes };
}
