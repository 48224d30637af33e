import type { ModuleInput, ModuleResult } from '../engine/audit.ts';
import { baselineStates, findingIdentities } from '../engine/finding-identity.ts';
import type { Message } from '../engine/message.ts';
import type { SarifFindings } from '../report/sarif.ts';
import { keyOf, pairModules, type Side } from './exposure-sides.ts';

/** What the audit knows of each finding: its identity, and with a baseline, its state and its baseline self. */
export interface FindingMarks extends SarifFindings {
  /** With a baseline: the baseline's finding of the same identity, for each finding that was there. */
  before?: ReadonlyMap<Message, Message>;
}

/** Each finding's identity, its module and file named by `names`. */
function identitiesOf(
  results: readonly ModuleResult[],
  names: (result: ModuleResult, index: number) => { module: string; file: (path: string) => string },
): Map<Message, string> {
  const identity = new Map<Message, string>();
  for (const [i, result] of results.entries()) {
    const { module, file } = names(result, i);
    for (const reported of result.files) {
      const ids = findingIdentities(reported.messages, reported.output, module, file(reported.source.path));
      reported.messages.forEach((message, j) => identity.set(message, ids[j]!));
    }
  }
  return identity;
}

/** Without a baseline: each finding's identity, its module and file as shown. */
export function findingMarks(results: readonly ModuleResult[]): FindingMarks {
  return { identity: identitiesOf(results, (result) => ({ module: result.name, file: (path) => path })) };
}

/**
 * With a baseline: identities on both sides named alike (a module by its key on the new side, a renamed file by its
 * new name), and each finding's state against the baseline's.
 */
export function baselineMarks(
  before: { side: Side; results: readonly ModuleResult[] },
  after: { side: Side; results: readonly ModuleResult[] },
): FindingMarks {
  const moduleKey = new Map<ModuleInput, string>();
  for (const pair of pairModules(before.side, after.side)) {
    if (pair.before) moduleKey.set(pair.before, pair.key);
    if (pair.after) moduleKey.set(pair.after, pair.key);
  }
  const named = (side: Side) => (_: ModuleResult, i: number) => ({
    module: moduleKey.get(side.modules[i]!)!,
    file: (path: string) => keyOf(side, path),
  });
  const identity = identitiesOf(after.results, named(after.side));
  const oldIdentity = identitiesOf(before.results, named(before.side));
  const byIdentity = (map: Map<Message, string>) => new Map([...map].map(([message, id]) => [id, message]));
  const old = byIdentity(oldIdentity);
  const { states, absent } = baselineStates(byIdentity(identity), old);
  const fileOf = new Map(
    before.results.flatMap((result) => result.files.flatMap((file) => file.messages.map((m) => [m, file] as const))),
  );
  const state = new Map([...identity].map(([message, id]) => [message, states.get(id)!]));
  const previous = new Map(
    [...identity].flatMap(([message, id]) => (old.has(id) ? [[message, old.get(id)!] as const] : [])),
  );
  return {
    identity,
    state,
    before: previous,
    absent: absent.map((id) => ({ identity: id, message: old.get(id)!, file: fileOf.get(old.get(id)!)! })),
  };
}
