import type { FirewallOverride } from '../model/settings.ts';
import type { ModuleFacts } from './facts.ts';
import { anyone, type ModuleRules } from './module-rules.ts';
import type { Groups } from './peers.ts';
import { lastComponent, rangeText, type Peer, type PolicyRule } from './rule.ts';

/** Who an override is about: anyone, or a group of the networks it names. */
function peerOf(facts: ModuleFacts, override: FirewallOverride, groups: Groups): Peer {
  if (override.from === undefined) return anyone;
  const where = `${override.protocol}/${rangeText(override.ports)}`;
  return groups.peer(`site ${facts.name} ${override.at}`, () => ({
    name: `clients of the site's ${override.action} of ${where} on ${facts.name}`,
    what: `the clients the site's ${override.action} of ${where} on module ${facts.name} names (${override.at})`,
    stem: `site_${override.action}_${lastComponent(facts.name)}`,
    modules: [],
    networks: override.from!,
  }));
}

/**
 * The site's overrides (`"firewall"` in .vos-audit.json), inbound, before every rule the policy derives: a site that
 * closes a port closes it whatever listens there, and one that opens a port the audit would deny opens it. Its denies
 * come before its allows, so that where the two overlap the port stays closed. Each rule's reason names the
 * override and where it is written, which is also its evidence.
 */
export function overrideRules(facts: ModuleFacts, rules: ModuleRules, groups: Groups): void {
  const ordered = [
    ...facts.overrides.filter((o) => o.action === 'deny'),
    ...facts.overrides.filter((o) => o.action === 'allow'),
  ];
  for (const override of ordered) {
    const rule: PolicyRule = {
      direction: 'in',
      action: override.action,
      protocol: override.protocol,
      ports: override.ports,
      peer: peerOf(facts, override, groups),
      reason: `the site's firewall.${override.action} (${override.at}): ${override.reason}`,
      evidence: [override.at],
    };
    rules.site.push(rule);
  }
}
