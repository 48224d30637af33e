import type { ModuleFacts } from './facts.ts';
import type { ModuleRules } from './module-rules.ts';
import type { KernelPeers } from './peers.ts';
import { rangeText, type LeftOut, type PolicyNote } from './rule.ts';

/**
 * Why a kernel range whose end is not known gets no rule, not even its first port: table 2 has OSL use "ports
 * starting from 3000 and goes to 3XXX", OSN "starting from 4000 and going to 4XXX", so the first port alone would
 * pass some of the kernel's connections and drop the others. The fact that opens the range is its max_open_server.
 */
const unknownEnd = {
  OSL: "max_open_server of new_modules.tin is not known, so neither is the end of OSL's range (3000 to 3000 + 2 × max_open_server); 3000 alone would pass some of OSL's connections and drop the rest",
  OSN: "max_open_server of new_backbone_systems.tin is not known, so neither is the end of OSN's range (4000 to 4000 + max_open_server); 4000 alone would pass some of OSN's connections and drop the rest",
} as const;

export function kernelRules(
  facts: ModuleFacts,
  rules: ModuleRules,
  peers: KernelPeers,
  leftOut: LeftOut[],
  notes: PolicyNote[],
): void {
  for (const service of facts.services) {
    if (!service.kernel) continue;
    const what = `allow in ${service.protocol} ${service.kernel} from its peers`;
    if (!service.ports) {
      leftOut.push({
        module: facts.name,
        what,
        because: unknownEnd[service.kernel],
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
        notes.push({
          module: facts.name,
          text: `${service.kernel} (tcp ${rangeText(service.ports)}) is denied: ${found.none} is in this run`,
        });
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
export function kernelOutRules(facts: ModuleFacts, rules: ModuleRules, peers: KernelPeers): void {
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
