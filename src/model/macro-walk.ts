import { canonicalDaemon, knownMacros } from '../catalog/daemons.ts';
import { lastPathComponent, programName } from '../catalog/program-name.ts';
import type { MacroStatement } from '../syntax/macro-tree.ts';
import { parseCondition } from './condition-parser.ts';
import type { MacroFile } from './files.ts';
import { statements, type Action } from './macro-actions.ts';
import { trackedVariables, type ConditionTexts } from './macro-condition-texts.ts';
import { hold, neverComesBack, through, type MacroEffect, type MacroNote } from './macro-effect.ts';
import { macroReach, type Reach } from './macro-reach.ts';
import { MacroVariables, maxValueLength, maxValues } from './macro-variables.ts';
import { assign, testOf, variablesRead, type Test } from './macro-values.ts';
import { Place } from './place.ts';
import { placeKey, trailOf, withCall } from './trail.ts';

/** What running `file` does, with the effects of the macros it runs as known so far. */
export function macroEffect(
  file: MacroFile,
  actions: ReadonlyMap<MacroStatement, Action>,
  effects: ReadonlyMap<MacroFile, MacroEffect>,
  conditions: ConditionTexts,
  inCycle: (callee: MacroFile) => boolean,
  unresolved: MacroNote[],
): MacroEffect {
  const { guards, texts } = conditions;
  const flow = file.tree.flow;
  const calleeOf = (at: number) => {
    const action = actions.get(flow.statements[at]!);
    // A macro started as a process runs beside its caller, which goes on whether or not it comes back.
    if (action?.kind !== 'call' || action.file === undefined || action.inProcess) return undefined;
    return effects.get(action.file) ?? neverComesBack(guards);
  };
  const tracked = trackedVariables(flow.statements, texts, actions);
  // A test that reads no variable is the same test on every visit.
  const fixedTests = new Map<number, Test>();
  const reach = macroReach(flow, {
    ...conditions,
    test: (at, values, here) => {
      const { text, reads } = texts.get(flow.statements[at]!)!;
      if (reads.length > 0) return testOf(text, values, here, conditions);
      let test = fixedTests.get(at);
      if (test === undefined) {
        const holds = guards.of(parseCondition(text));
        test = { holds, fails: guards.not(holds) };
        fixedTests.set(at, test);
      }
      return test;
    },
    assigns: (at, values, here) => {
      const action = actions.get(flow.statements[at]!);
      if (action?.kind !== 'set' || !tracked.has(action.name.toLowerCase())) return undefined;
      const line = flow.statements[at]!.position.start.line;
      return assign(action.name, action.value, action.arithmetic, line, values, here, conditions);
    },
    uses: (at) => {
      const statement = flow.statements[at]!;
      const test = texts.get(statement);
      if (test !== undefined) return test;
      const action = actions.get(statement);
      if (action?.kind !== 'set' || !tracked.has(action.name.toLowerCase())) return { reads: [] };
      return { reads: variablesRead(action.value), sets: action.name.toLowerCase() };
    },
    comesBack: (at) => calleeOf(at)?.returns,
    line: (at) => flow.statements[at]!.position.start.line,
  });
  const deadReasons = deadReasonsOf(file, reach.at);
  const indexOf = new Map(flow.statements.map((statement, at) => [statement, at]));
  const startedBy = lastPathComponent(file.source.path);
  const variables = new MacroVariables();
  const effect: MacroEffect = { returns: reach.returns, starts: new Map(), off: new Map(), unread: new Map() };
  const nowhere: Reach = { guard: guards.never };

  for (const statement of statements(file)) {
    const action = actions.get(statement);
    if (action === undefined) continue;
    const at = indexOf.get(statement);
    const off = at === undefined;
    const here: Reach = (at !== undefined && reach.at[at]) || nowhere;
    const place = new Place(file.source.path, statement);
    const dead = here.guard === guards.never && at !== undefined ? deadReasons[at] : undefined;
    if (action.kind === 'set') {
      if (off) continue;
      const always = here.unsure === undefined && here.guard === guards.always;
      if (variables.set(action.name, action.value, always)) {
        unresolved.push({
          reason:
            `the variable ${action.name} may take more than ${maxValues} values, ` +
            `or one longer than ${maxValueLength} characters: where it is used, its value is undecided`,
          place,
        });
      }
      continue;
    }
    const into = off ? effect.off : effect.starts;
    if (action.kind === 'start') {
      const { line } = action;
      if ('unreadable' in line) {
        if (!off) unresolved.push({ reason: line.unreadable, place });
        continue;
      }
      // A program path built from a variable with several possible values may name the same daemon each time.
      const byDaemon = new Map<string, string[]>();
      for (const resolved of variables.expand(line.program).texts) {
        const daemon = canonicalDaemon(programName(resolved));
        byDaemon.set(daemon, [...(byDaemon.get(daemon) ?? []), resolved]);
      }
      const valuesThen = variables.copy();
      const argumentValues = (argument: string) => valuesThen.expand(argument).texts;
      for (const [daemon, programs] of byDaemon) {
        const start = {
          line: place,
          daemon,
          program: programs.join(' or '),
          startedBy,
          arguments: line.arguments,
          argumentValues,
          reach: here,
          ...(dead && { dead }),
          evidence: trailOf([place]),
        };
        hold(into, `${placeKey(place)}\u0000${daemon}`, start, guards);
      }
    } else if (action.file !== undefined) {
      // A call in a comment of a macro that is running already (itself, or one that ran it) starts nothing new.
      if (off && inCycle(action.file)) continue;
      const callee = effects.get(action.file) ?? neverComesBack(guards);
      const cyclic = inCycle(action.file);
      for (const [key, held] of callee.starts) {
        hold(
          into,
          key,
          off
            ? { ...held, evidence: withCall(place, held.evidence, cyclic) }
            : through(place, here, dead, held, cyclic, guards),
          guards,
        );
      }
      for (const [key, held] of callee.off)
        hold(effect.off, key, { ...held, evidence: withCall(place, held.evidence, cyclic) }, guards);
      if (!off)
        for (const [key, held] of callee.unread)
          hold(effect.unread, key, through(place, here, dead, held, cyclic, guards), guards);
    } else if (knownMacros[action.name] !== undefined) {
      for (const daemon of knownMacros[action.name]!) {
        const start = {
          line: place,
          daemon,
          program: daemon,
          startedBy: action.name,
          arguments: [],
          argumentValues: (argument: string) => [argument],
          reach: here,
          ...(dead && { dead }),
          evidence: trailOf([place]),
        };
        hold(into, `${placeKey(place)}\u0000${daemon}`, start, guards);
      }
    } else if (!off) {
      // A commented-out call runs nothing, whatever the macro would start.
      unresolved.push({
        reason: `${action.inProcess ? 'starts a process that runs' : 'runs'} the macro ${action.command}, which is not among the module's files: what it starts is unknown`,
        place,
      });
      hold(effect.unread, placeKey(place), { reach: here, ...(dead && { dead }), evidence: trailOf([place]) }, guards);
    }
  }
  return effect;
}

/** For each statement no assignment reaches, why: the last `&return`, `&goto`, `&break` or `&continue` before it that runs. */
function deadReasonsOf(file: MacroFile, reach: ReadonlyArray<Reach | undefined>): string[] {
  const reasons: string[] = [];
  let last: string | undefined;
  file.tree.flow.statements.forEach((statement, at) => {
    reasons.push(last ?? 'never reached: the conditions on every way to it contradict');
    const runs = reach[at] !== undefined;
    if (runs && ['return', 'goto', 'break', 'continue'].includes(statement.directive ?? ''))
      last = `after the &${statement.directive} on line ${statement.position.start.line}`;
  });
  return reasons;
}
