import { firewallBlocks } from '../catalog/firewall-blocks.ts';
import { membershipOf } from '../model/port-catalog.ts';
import type { ModuleFacts, ServiceFact } from './facts.ts';
import { anyone, key, type ModuleRules } from './module-rules.ts';
import { rangeText, type PortRange } from './rule.ts';

/**
 * The ports the article says to block, in the releases that have them: a release before them has nothing there to
 * block (and no article basis for a rule), and an unstated one gets the deny under the release's condition.
 */
export function articleDenials(facts: ModuleFacts, rules: ModuleRules): Set<string> {
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
export function isOnlyLogin(facts: ModuleFacts, service: ServiceFact): boolean {
  return service.daemon === 'telnetd' && service.ports?.[0] === 23 && !facts.services.some((s) => s.daemon === 'sshd');
}

/** Each port's listeners, those the audit reports first: a port with any denied listener is denied. */
export function serviceRules(facts: ModuleFacts, rules: ModuleRules, denied: Set<string>): void {
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
