import type { ListenerState } from '../model/listener.ts';
import type { Certainty } from './facts.ts';

/** What decides a term of a condition as the model words it, for the list of rules left out. */
const deciders: ReadonlyArray<[RegExp, string]> = [
  [/software_purchased/i, '--products'],
  [/\bVOS \d/, '--release'],
  [/bridge module/, '"bridge" in .vos-audit.json, or --bridge'],
  [/a macro vos-audit has not read/, "giving that macro with the module's files"],
  // A use of a client tool is no condition of a macro: nothing the site can state decides it.
  [/^the site uses /, ''],
];

/** What decides any other term, a condition of the macros: a fact the site states (the remarks list each). */
const factDecider = '"facts" in .vos-audit.json (or --fact)';

/** The terms a condition joins with `and` or `or` outside parentheses. */
function terms(condition: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < condition.length; i++) {
    if (condition[i] === '(') depth++;
    else if (condition[i] === ')') depth--;
    const joint = depth === 0 ? / (?:and|or) /y : undefined;
    if (joint === undefined) continue;
    joint.lastIndex = i;
    if (joint.test(condition)) {
      found.push(condition.slice(start, i));
      start = joint.lastIndex;
      i = start - 1;
    }
  }
  return [...found, condition.slice(start)];
}

function decidedBy(condition: string): string {
  const byTerm = terms(condition).map((term) => deciders.find(([pattern]) => pattern.test(term))?.[1] ?? factDecider);
  const options = [...new Set(byTerm.filter((decider) => decider !== ''))];
  if (options.length === 0) return 'nothing vos-audit reads';
  return byTerm.includes('') ? `${options.join(' and ')}, and facts vos-audit does not read` : options.join(' and ');
}

/** A state of the model as the policy takes it: certain, conditional with the model's condition, or nothing (off, dead). */
export function certaintyOf(state: ListenerState, condition: string | undefined): Certainty | undefined {
  if (state === 'live') return { state: 'live' };
  if (state !== 'conditional') return undefined;
  const text = condition ?? 'a condition of the macros';
  return { state: 'conditional', condition: text, decidedBy: decidedBy(text) };
}
