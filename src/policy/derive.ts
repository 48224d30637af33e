import type { ModuleFacts } from './facts.ts';
import { kernelOutRules, kernelRules } from './kernel-rules.ts';
import { ModuleRules, type PolicyOptions } from './module-rules.ts';
import { overrideRules } from './override-rules.ts';
import { Groups, KernelPeers } from './peers.ts';
import type { FirewallPolicy, LeftOut, PolicyNote } from './rule.ts';
import { articleDenials, serviceRules } from './service-rules.ts';
import { clientRules, espRules, icmpRules, serviceReplies } from './traffic-rules.ts';

export type { PolicyOptions } from './module-rules.ts';

/** The policy of every module of the run: inbound and outbound rules, what was left out, and notes. */
export function derivePolicy(run: readonly ModuleFacts[], options: PolicyOptions): FirewallPolicy {
  const leftOut: LeftOut[] = [];
  const notes: PolicyNote[] = [];
  const groups = new Groups(run);
  const peers = new KernelPeers(run, groups);
  const modules = run.map((facts) => {
    const rules = new ModuleRules(facts, options, leftOut);
    overrideRules(facts, rules, groups);
    serviceRules(facts, rules, articleDenials(facts, rules), groups, notes);
    kernelRules(facts, rules, peers, leftOut, notes);
    kernelOutRules(facts, rules, peers);
    for (const client of facts.clients) clientRules(facts, rules, client, groups, notes);
    icmpRules(rules);
    espRules(facts, rules);
    if (!options.stateful) serviceReplies(rules);
    for (const item of facts.undecided) notes.push({ module: facts.name, text: item });
    return { name: facts.name, addresses: facts.addresses, rules: rules.all() };
  });
  return { stateful: options.stateful, modules, groups: groups.all, leftOut, notes };
}
