import { printCondition, type Condition } from '../../src/model/conditions.ts';
import { decide, decidedCondition, type Decided } from '../../src/model/decide.ts';
import { parseModuleFiles, type MacroFile } from '../../src/model/files.ts';
import { macroReach } from '../../src/model/macro-reach.ts';
import { macroStarts, type MacroFacts } from '../../src/model/macro-starts.ts';
import { openInitially, testOf, variablesRead, type ValueContext } from '../../src/model/macro-values.ts';
import { placeText } from '../../src/model/place.ts';
import { defaultSettings } from '../../src/model/settings.ts';
import { Guards } from '../../src/model/guards.ts';
import { parseMacro } from '../../src/syntax/macro.ts';
import type { MacroStatement } from '../../src/syntax/macro-tree.ts';
import { decodeSource } from '../../src/syntax/source.ts';

export interface StartSeen extends Decided {
  /** The condition as an algebra, when conditional. */
  when?: Condition;
  evidence: string[];
}

/**
 * The starts of a module made of the macros given (the first is the entry), by program, decided: what the model
 * says of each start line. Programs are named so that each start line can be told apart (`a.pm`, `b.pm`).
 */
export function startsOf(
  macros: Record<string, string>,
  products?: string[],
): { starts: Map<string, StartSeen>; facts: MacroFacts } {
  const files = parseModuleFiles(
    Object.entries(macros).map(([path, text]) => ({
      source: decodeSource(path, Buffer.from(text)),
      kind: 'macro' as const,
    })),
  ) as MacroFile[];
  const byName = new Map(files.map((file) => [file.source.path.replace(/\.cm$/, ''), file]));
  const settings = { ...defaultSettings, ...(products && { products: new Set(products) }) };
  const facts = macroStarts([files[0]!], byName);
  const starts = new Map<string, StartSeen>();
  for (const event of facts.starts) {
    const key = event.off ? `off ${event.program}` : event.program;
    if (starts.has(key)) throw new Error(`two events for ${key}`);
    const decided = decide(event, settings);
    starts.set(key, {
      ...decided,
      ...(decided.condition !== undefined && { when: decidedCondition(event, settings) }),
      evidence: event.evidence.map(placeText),
    });
  }
  return { starts, facts };
}

/** The state of each start line in words: `live`, `dead`, `off`, or its condition. */
export function verdicts(macros: Record<string, string>, products?: string[]): Record<string, string> {
  const { starts } = startsOf(macros, products);
  return Object.fromEntries(
    [...starts].map(([program, start]) => [
      program,
      start.state === 'conditional' ? (start.condition ?? start.note!) : start.state,
    ]),
  );
}

/** The condition under which each statement of one macro that `matches` runs, in words ("always" when it always does). */
export function conditionsOfStatements(text: string, matches: (statement: MacroStatement) => boolean): string[] {
  const { flow } = parseMacro(text);
  const guards = new Guards();
  const context: ValueContext = { guards, initial: openInitially };
  const reach = macroReach(flow, {
    ...context,
    test: (at, values, here) =>
      testOf(flow.statements[at]!.words.map((word) => word.text).join(' '), values, here, context),
    assigns: () => undefined,
    uses: (at) => ({ reads: variablesRead(flow.statements[at]!.words.map((word) => word.text).join(' ')) }),
    comesBack: () => undefined,
    line: (at) => flow.statements[at]!.position.start.line,
  });
  return flow.statements.flatMap((statement, at) =>
    matches(statement) ? [printCondition(guards.condition(reach.at[at]?.guard ?? guards.never))] : [],
  );
}
