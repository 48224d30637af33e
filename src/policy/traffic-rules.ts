import type { ClientFact, ModuleFacts } from './facts.ts';
import { anyClientPort, anyone, key, type ModuleRules } from './module-rules.ts';
import { nioPeer, type Groups } from './peers.ts';
import { allPorts, type PolicyNote, type PolicyRule } from './rule.ts';

export function clientRules(
  facts: ModuleFacts,
  rules: ModuleRules,
  client: ClientFact,
  groups: Groups,
  notes: PolicyNote[],
): void {
  if (client.peer === 'nio' && !facts.nio) {
    // x25_cpc talks to the NIO: on a module without one there is no peer to open the way to.
    if (client.certainty.state === 'live')
      notes.push({
        module: facts.name,
        text: `no rule for ${client.what}: the module has no NIO (--nio, or "nio" in .vos-audit.json)`,
      });
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
export function serviceReplies(rules: ModuleRules): void {
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
export function icmpRules(rules: ModuleRules): void {
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
export function espRules(facts: ModuleFacts, rules: ModuleRules): void {
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
