import { firewallBlocks } from '../catalog/firewall-blocks.ts';
import type { Certainty, ClientFact, ModuleFacts, ServiceFact } from './facts.ts';
import {
  allPorts,
  rangeText,
  type FirewallPolicy,
  type LeftOut,
  type Peer,
  type PolicyRule,
  type PortRange,
} from './rule.ts';

export interface PolicyOptions {
  /** Include the rules that stand on an undecided condition, marked as such, instead of leaving them out. */
  includeConditional: boolean;
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

  /**
   * A rule that holds under `certainty`: kept, kept and marked, or left out with what would decide it. A deny left
   * out is not listed: the last rule denies what it would have.
   */
  take(into: PolicyRule[], certainty: Certainty, rule: PolicyRule): boolean {
    if (certainty.state === 'live') into.push(rule);
    else if (this.options.includeConditional) into.push({ ...rule, condition: certainty.condition });
    else {
      if (rule.action === 'deny') return false;
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
      ...this.allowedIn,
      ...this.returnIn,
      last('in'),
      ...this.allowedOut,
      ...this.returnOut,
      last('out'),
    ];
  }
}

/** A rule in a few words, for the list of rules left out. */
function describe(rule: PolicyRule): string {
  const peer =
    rule.peer.kind === 'any'
      ? ''
      : ` ${rule.direction === 'in' ? 'from' : 'to'} ${rule.peer.kind === 'module' ? rule.peer.name : `the NIO of ${rule.peer.module}`}`;
  const from = rule.sourcePorts ? ` from port ${rangeText(rule.sourcePorts)}` : '';
  return `${rule.action} ${rule.direction} ${rule.protocol}/${rangeText(rule.ports)}${from}${peer} (${rule.reason})`;
}

function articleDenials(facts: ModuleFacts, rules: ModuleRules): Set<string> {
  const denied = new Set<string>();
  for (const block of firewallBlocks) {
    if (block.withNio && !facts.nio) continue;
    const ports: PortRange = [block.port, block.port];
    const served = facts.services.filter(
      (s) => s.protocol === block.transport && s.ports && key(s.protocol, s.ports) === key(block.transport, ports),
    );
    const evidence = served.length > 0 ? served.flatMap((s) => s.evidence) : [`article table 2 (port ${block.port})`];
    rules.denied.push({
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

function serviceRules(facts: ModuleFacts, rules: ModuleRules, denied: Set<string>): void {
  for (const service of facts.services) {
    if (service.kernel || !service.ports || denied.has(key(service.protocol, service.ports))) continue;
    denied.add(key(service.protocol, service.ports));
    const base = { direction: 'in' as const, protocol: service.protocol, ports: service.ports, peer: anyone };
    if (service.finding) {
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

function kernelPeers(
  facts: ModuleFacts,
  service: ServiceFact,
  run: readonly ModuleFacts[],
): { peers: ModuleFacts[]; who: string } | { missing: string; decidedBy: string } {
  if (facts.system === undefined)
    return { missing: "the module's system is not known", decidedBy: '"system" in .vos-audit.json, or --system' };
  if (service.kernel === 'OSL')
    return {
      peers: run.filter((m) => m !== facts && m.system === facts.system),
      who: `the other modules of system ${facts.system}`,
    };
  return {
    peers: run.filter((m) => m.bridge === true && m.system !== undefined && m.system !== facts.system),
    who: 'the bridge modules of other systems',
  };
}

function kernelRules(
  facts: ModuleFacts,
  rules: ModuleRules,
  run: readonly ModuleFacts[],
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
        because: 'max_open_server is not known, so neither is the end of the range',
        decidedBy: '"maxOpenServer" in .vos-audit.json, or --max-open-server',
        conditional: false,
      });
      continue;
    }
    const found = kernelPeers(facts, service, run);
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
    if (found.peers.length === 0 && service.certainty.state === 'live') {
      notes.push(
        `${facts.name}: ${service.kernel} (tcp ${rangeText(service.ports)}) is denied: none of ${found.who} is in this run`,
      );
    }
    for (const peer of found.peers) {
      const reason = `${service.kernel} from ${peer.name}, ${service.kernel === 'OSL' ? `a module of system ${facts.system}` : `the bridge module of system ${peer.system}`}`;
      const rule: PolicyRule = {
        direction: 'in',
        action: 'allow',
        protocol: service.protocol,
        ports: service.ports,
        peer: { kind: 'module', name: peer.name, ...(peer.address && { address: peer.address }) },
        reason,
        evidence: [`article table 2 (${service.kernel})`],
      };
      if (!rules.take(rules.allowedIn, service.certainty, rule)) break;
    }
  }
}

/** The NIO as a peer: one a known address, or one without an address when none is known. */
function nioPeers(facts: ModuleFacts): Peer[] {
  const addresses = facts.nioAddresses ?? [];
  return addresses.length === 0
    ? [{ kind: 'nio', module: facts.name }]
    : addresses.map((address) => ({ kind: 'nio', module: facts.name, address }));
}

function clientRules(facts: ModuleFacts, rules: ModuleRules, client: ClientFact): void {
  const ownPorts = client.sourcePorts ?? facts.ephemeral[client.protocol];
  for (const peer of client.peer === 'nio' ? nioPeers(facts) : [anyone]) {
    const out: PolicyRule = {
      direction: 'out',
      action: 'allow',
      protocol: client.protocol,
      ports: client.ports,
      sourcePorts: ownPorts,
      peer,
      reason: client.what,
      evidence: client.evidence,
    };
    if (!rules.take(rules.allowedOut, client.certainty, out)) return;
    const replies: PolicyRule = {
      ...out,
      direction: 'in',
      ports: ownPorts,
      sourcePorts: client.ports,
      reason: `replies to ${client.what}, for stateless filters`,
    };
    rules.take(rules.returnIn, client.certainty, replies);
  }
}

/** Replies of the services allowed in, for stateless filters: from the service's ports, to the client's. */
function serviceReplies(rules: ModuleRules): void {
  for (const rule of rules.allowedIn) {
    rules.returnOut.push({
      ...rule,
      direction: 'out',
      ports: anyClientPort,
      sourcePorts: rule.ports,
      reason: `replies of: ${rule.reason}, for stateless filters`,
    });
  }
}

/** The policy of every module of the run: inbound and outbound rules, what was left out, and notes. */
export function derivePolicy(run: readonly ModuleFacts[], options: PolicyOptions): FirewallPolicy {
  const leftOut: LeftOut[] = [];
  const notes: string[] = [];
  const modules = run.map((facts) => {
    const rules = new ModuleRules(facts, options, leftOut);
    serviceRules(facts, rules, articleDenials(facts, rules));
    kernelRules(facts, rules, run, leftOut, notes);
    for (const client of facts.clients) clientRules(facts, rules, client);
    serviceReplies(rules);
    for (const item of facts.undecided) notes.push(`${facts.name}: ${item}`);
    return { name: facts.name, ...(facts.address && { address: facts.address }), rules: rules.all() };
  });
  return { modules, leftOut, notes };
}
