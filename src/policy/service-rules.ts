import { firewallBlocks } from '../catalog/firewall-blocks.ts';
import { membershipOf } from '../model/port-catalog.ts';
import type { ModuleFacts, ServiceFact } from './facts.ts';
import { anyone, key, type ModuleRules } from './module-rules.ts';
import type { Groups } from './peers.ts';
import { lastComponent, rangeText, type Peer, type PolicyNote, type PortRange } from './rule.ts';

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

/** Whether the networks are every address of both families: tcpd then admits anyone a firewall can tell apart. */
function everyAddress(networks: readonly string[]): boolean {
  return networks.includes('0.0.0.0/0') && networks.includes('::/0');
}

/**
 * Who may reach a service at the firewall: anyone, unless it runs through tcpd and tcpd admits some clients only,
 * which are then its peers (a group of their networks), or nobody. tcpd's patterns that name hosts by name (or
 * netgroup, or user) cannot be matched at a firewall: the port is then open to anyone and tcpd decides, as a note says.
 */
function admittedBy(
  facts: ModuleFacts,
  service: ServiceFact,
  groups: Groups,
  notes: PolicyNote[],
): { peer: Peer; restricted: boolean; why: string; evidence: readonly string[] } | 'nobody' {
  const tcpd = service.tcpd;
  if (tcpd === undefined) return { peer: anyone, restricted: false, why: '', evidence: [] };
  const where = `${service.protocol}/${rangeText(service.ports!)}`;
  if ('unwritable' in tcpd) {
    if (service.certainty.state === 'live')
      notes.push({
        module: facts.name,
        text:
          `${service.daemon} on ${where} is open to anyone at the firewall: tcpd admits ${tcpd.text}, ` +
          `and its patterns ${tcpd.unwritable.join(', ')} cannot be written as addresses; tcpd decides who connects`,
      });
    return {
      peer: anyone,
      restricted: true,
      why: `; tcpd decides who connects (${tcpd.text})`,
      evidence: tcpd.evidence,
    };
  }
  if (tcpd.networks.length === 0) return 'nobody';
  if (everyAddress(tcpd.networks)) return { peer: anyone, restricted: false, why: '', evidence: tcpd.evidence };
  const peer = groups.peer(`tcpd ${facts.name} ${where}`, () => ({
    name: `tcpd clients of ${service.daemon} on ${facts.name}`,
    what: `the clients tcpd admits to ${service.daemon} on module ${facts.name}`,
    stem: `tcpd_${service.daemon}_${lastComponent(facts.name)}`,
    modules: [],
    networks: tcpd.networks,
  }));
  return { peer, restricted: true, why: ` from the clients tcpd admits (${tcpd.text})`, evidence: tcpd.evidence };
}

/**
 * Each port's listeners, those the audit reports first: a port with any denied listener is denied. A service the
 * audit warns about is allowed all the same where tcpd admits only some clients (a site that narrowed it has a use
 * for it); an error is denied whatever tcpd admits.
 */
export function serviceRules(
  facts: ModuleFacts,
  rules: ModuleRules,
  denied: Set<string>,
  groups: Groups,
  notes: PolicyNote[],
): void {
  const ordered = [...facts.services.filter((s) => s.finding), ...facts.services.filter((s) => !s.finding)];
  for (const service of ordered) {
    if (service.kernel || !service.ports || denied.has(key(service.protocol, service.ports))) continue;
    denied.add(key(service.protocol, service.ports));
    const base = { direction: 'in' as const, protocol: service.protocol, ports: service.ports, peer: anyone };
    const admitted = admittedBy(facts, service, groups, notes);
    const finding = service.finding;
    if (admitted === 'nobody') {
      rules.take(rules.denied, service.certainty, {
        ...base,
        action: 'deny',
        reason: `${service.daemon} runs through tcpd, which admits nobody`,
        evidence: [...new Set([...service.evidence, ...service.tcpd!.evidence])],
      });
    } else if (finding && isOnlyLogin(facts, service)) {
      rules.take(rules.allowedIn, service.certainty, {
        ...base,
        action: 'allow',
        reason: `${finding.reason} (${finding.ruleId}); allowed all the same: with no sshd, telnet is the only way to log in`,
        evidence: service.evidence,
      });
    } else if (finding && (finding.severity === 'error' || !admitted.restricted)) {
      rules.take(rules.denied, service.certainty, {
        ...base,
        action: 'deny',
        reason: `${finding.reason} (${finding.ruleId})`,
        evidence: [finding.evidence],
      });
    } else {
      const what = finding
        ? `${finding.reason} (${finding.ruleId}); allowed all the same`
        : `${service.daemon} listens on ${service.protocol}/${rangeText(service.ports)}`;
      rules.take(rules.allowedIn, service.certainty, {
        ...base,
        peer: admitted.peer,
        action: 'allow',
        reason: `${what}${admitted.why}`,
        evidence: [...new Set([...service.evidence, ...admitted.evidence])],
      });
    }
  }
}
