import { comparePolicies } from '../policy/policy-change.ts';
import { formatPolicyChangeJson, formatPolicyChangeTable } from '../report/firewall/policy-change.ts';
import { pairModules, revisionSide, workTreeSide } from './exposure-sides.ts';
import { modulesPolicy, type FirewallOptions } from './firewall-policy.ts';
import { outcome, type RunOutcome } from './outcome.ts';
import type { RequestBase } from './read-modules.ts';

/**
 * `firewall --baseline REV`: the policy of each side, derived from all of its modules together as without a
 * baseline, and the rules added and removed, module by module.
 */
export function policyChangeSince(request: RequestBase & FirewallOptions, revision: string): RunOutcome {
  const { side: before, top, commit } = revisionSide(request, revision);
  const after = workTreeSide(request, top);
  const renamed = new Map(
    pairModules(before, after).flatMap((pair) =>
      pair.before && pair.after && pair.before.name !== pair.after.name ? [[pair.before.name, pair.after.name]] : [],
    ),
  );
  const changes = comparePolicies(
    modulesPolicy(before.modules, request),
    modulesPolicy(after.modules, request),
    renamed,
  );
  const sides = { before: { name: revision, commit }, after: { name: 'the work tree' } };
  const stdout =
    request.format === 'json'
      ? formatPolicyChangeJson(changes, sides, request.toolVersion)
      : formatPolicyChangeTable(changes, sides);
  return outcome(stdout, [...before.problems, ...after.problems]);
}
