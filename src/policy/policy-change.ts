import { peerText, rangeText, type FirewallPolicy, type PolicyRule } from './rule.ts';

/** The rules of one module added and removed by a change. */
export interface ModulePolicyChange {
  name: string;
  /** Its name on the old side, when the module was renamed. */
  from?: string;
  added: PolicyRule[];
  removed: PolicyRule[];
}

/**
 * What a rule does, without why or where it is written (its reason and evidence): a rule whose line moved, or whose
 * reason is worded otherwise, is the same rule.
 */
export function ruleIdentity(rule: PolicyRule): string {
  return [
    rule.direction,
    rule.action,
    rule.protocol,
    rangeText(rule.ports),
    rule.icmpTypes?.join(',') ?? '',
    rule.sourcePorts ? rangeText(rule.sourcePorts) : '',
    peerText(rule.peer),
    rule.reply ? 'reply' : '',
    rule.condition ?? '',
  ].join('\0');
}

/** The rules of `rules` that `other` lacks, one for one: two equal rules on one side need two on the other. */
function missingFrom(rules: readonly PolicyRule[], other: readonly PolicyRule[]): PolicyRule[] {
  const left = new Map<string, number>();
  for (const rule of other) left.set(ruleIdentity(rule), (left.get(ruleIdentity(rule)) ?? 0) + 1);
  return rules.filter((rule) => {
    const count = left.get(ruleIdentity(rule)) ?? 0;
    left.set(ruleIdentity(rule), count - 1);
    return count <= 0;
  });
}

/**
 * The rules added and removed, module by module (a module renamed is compared with its old self; `renamed` maps
 * old names to new), in the new side's order of modules and then those removed; modules without a change left out.
 */
export function comparePolicies(
  before: FirewallPolicy,
  after: FirewallPolicy,
  renamed: ReadonlyMap<string, string>,
): ModulePolicyChange[] {
  const oldName = new Map([...renamed].map(([old, now]) => [now, old]));
  const beforeByName = new Map(before.modules.map((module) => [module.name, module]));
  const paired = new Set<string>();
  const changes: ModulePolicyChange[] = after.modules.map((module) => {
    const from = oldName.get(module.name) ?? module.name;
    const old = beforeByName.get(from);
    paired.add(from);
    const rules = old?.rules ?? [];
    return {
      name: module.name,
      ...(from !== module.name && old && { from }),
      added: missingFrom(module.rules, rules),
      removed: missingFrom(rules, module.rules),
    };
  });
  for (const module of before.modules)
    if (!paired.has(module.name)) changes.push({ name: module.name, added: [], removed: module.rules });
  return changes.filter((change) => change.added.length > 0 || change.removed.length > 0 || change.from);
}
