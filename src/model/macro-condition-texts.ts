import type { MacroStatement } from '../syntax/macro-tree.ts';
import { parseCondition } from './condition-parser.ts';
import { atomsOf } from './conditions.ts';
import type { MacroFile } from './files.ts';
import { Guards } from './guards.ts';
import type { Action } from './macro-actions.ts';
import { openInitially, variablesRead, type ValueContext } from './macro-values.ts';

/** What an `&if` or `&while` tests, and the variables it reads. */
export interface TestText {
  text: string;
  reads: string[];
}

export interface ConditionTexts extends ValueContext {
  /** The text each `&if` and `&while` tests. */
  texts: Map<MacroStatement, TestText>;
}

/**
 * Reads every `&if` and `&while` of the macros and numbers their atoms in the order met, the order conditions print
 * in. Products stated with `--products` stay atoms, fixed when a start is decided, so that an "off" can say which
 * product made it so.
 */
export function conditionTexts(files: readonly MacroFile[]): ConditionTexts {
  const guards = new Guards();
  const texts = new Map<MacroStatement, TestText>();
  for (const file of files) {
    for (const statement of file.tree.flow.statements) {
      if (statement.directive !== 'if' && statement.directive !== 'while') continue;
      const text = statement.words.map((word) => word.text).join(' ');
      const reads = variablesRead(text);
      texts.set(statement, { text, reads });
      if (reads.length === 0) for (const atom of atomsOf(parseCondition(text)).values()) guards.numberOf(atom);
    }
  }
  return { guards, texts, initial: openInitially };
}

/**
 * The variables whose values the reach analysis follows: those a condition reads, and those their values are set
 * from. The others only name programs, and following them through every statement would cost for nothing.
 */
export function trackedVariables(
  statements: readonly MacroStatement[],
  texts: ReadonlyMap<MacroStatement, TestText>,
  actions: ReadonlyMap<MacroStatement, Action>,
): Set<string> {
  const tracked = new Set(statements.flatMap((statement) => texts.get(statement)?.reads ?? []));
  const sets = statements.flatMap((statement) => {
    const action = actions.get(statement);
    return action?.kind === 'set' ? [action] : [];
  });
  for (let grew = tracked.size > 0; grew;) {
    grew = false;
    for (const set of sets) {
      if (!tracked.has(set.name.toLowerCase())) continue;
      for (const name of variablesRead(set.value)) {
        if (!tracked.has(name)) {
          tracked.add(name);
          grew = true;
        }
      }
    }
  }
  return tracked;
}
