import { canonicalDaemon, knownMacros } from '../catalog/daemons.ts';
import { lastPathComponent, programName } from '../catalog/program-name.ts';
import type { MacroStatement, MacroWord } from '../syntax/macro-tree.ts';
import { unquote } from '../syntax/macro.ts';
import { stronglyConnected } from '../util/strongly-connected.ts';
import { parseCondition } from './condition-parser.ts';
import { atomsOf } from './conditions.ts';
import type { MacroFile } from './files.ts';
import { macroReach, undecidedBy, type Reach } from './macro-reach.ts';
import { MacroVariables, maxValueLength, maxValues } from './macro-variables.ts';
import { assign, openInitially, testOf, variablesRead, type Test, type ValueContext } from './macro-values.ts';
import { Place } from './place.ts';
import { readStartLine, type StartLine } from './start-line.ts';
import { placeKey, placesOf, trailOf, union, withCall, type Trail } from './trail.ts';
import { Guards } from './guards.ts';

/** The assignments under which a start runs, with the guards they are read with, and why none do when none do. */
export type StartReach = Reach & { guards: Guards; dead?: string };

/** A daemon a macro starts, directly or through the macros it runs. */
export interface StartEvent {
  daemon: string;
  /** The program as written, variables resolved where they could be. */
  program: string;
  /** `module_start_up.cm`, or the name of the macro that starts it (`start_stcp`). */
  startedBy: string;
  /** Under which conditions it runs, on every path to it; one event stands for every way to the same start line. */
  reach: StartReach;
  /** The start line is commented out (or the call of the macro that holds it is). */
  off: boolean;
  /** The calls that led to it, outermost first (every one, when several paths lead there), then the start line itself. */
  evidence: Place[];
  /** The start line. */
  line: Place;
  /** The program's arguments, for daemons whose port is one (`telnet_msd -network_port 24`). */
  arguments: string[];
  /** The values an argument may have, its `&name&` variables replaced as they were set when the line ran. */
  argumentValues: (argument: string) => string[];
}

/** A call of a macro that is not among the module's files, and under which conditions it runs: it may start anything. */
export type UnreadCall = Pick<StartEvent, 'off' | 'reach'> & { place: Place };

export interface MacroFacts {
  starts: StartEvent[];
  /** What the macros do that vos-audit could not decide, with where. */
  unresolved: Array<{ reason: string; place: Place }>;
  unreadCalls: UnreadCall[];
  /** The guards every start's reach is read with, and the atoms of the module's conditions. */
  guards: Guards;
}

function macroName(path: string): string {
  return programName(path).replace(/\.cm$/, '');
}

/** `!(master_disk)>system>stcp>start_stcp.cm`, `start_ntpd`, `>site>macros>start_portmap`: a macro being run. */
function calledMacro(command: string, macros: ReadonlyMap<string, MacroFile>): string | undefined {
  const name = macroName(command);
  if (/[>/]/.test(command) || /\.cm$/i.test(command) || macros.has(name) || knownMacros[name] !== undefined)
    return name;
  return undefined;
}

function wordValue(word: MacroWord): string {
  return word.elements.map(unquote).join('');
}

/** The command words of a statement: a command's own, or those written after `&then`/`&else` on its line. */
function commandWords(statement: MacroStatement): MacroWord[] | undefined {
  if (statement.directive === undefined) return statement.words;
  if ((statement.directive === 'then' || statement.directive === 'else') && statement.words.length > 0)
    return statement.words;
  return undefined;
}

/** What a statement does that the model follows. */
type Action =
  | { kind: 'start'; line: StartLine }
  | { kind: 'call'; command: string; name: string; file?: MacroFile }
  | { kind: 'set'; name: string; value: string; arithmetic: boolean };

function actionOf(statement: MacroStatement, macros: ReadonlyMap<string, MacroFile>): Action | undefined {
  if ((statement.directive === 'set_string' || statement.directive === 'set') && statement.words.length > 0) {
    return {
      kind: 'set',
      name: statement.words[0]!.text,
      value: statement.words.slice(1).map(wordValue).join(' '),
      arithmetic: statement.directive === 'set',
    };
  }
  const words = commandWords(statement);
  if (words === undefined || words.length === 0) return undefined;
  const command = words[0]!.text.replace(/^!/, '');
  if (command.toLowerCase() === 'start_process') {
    const line = readStartLine(words.slice(1));
    return line && { kind: 'start', line };
  }
  const name = calledMacro(command, macros);
  if (name === undefined) return undefined;
  const file = macros.get(name);
  return { kind: 'call', command, name, ...(file && { file }) };
}

function statements(file: MacroFile): MacroStatement[] {
  return file.tree.children.filter((node): node is MacroStatement => node.type === 'statement');
}

/** Something a macro's effect holds by place, reached under `reach` through the calls inside the macro in `evidence`. */
interface Held {
  reach: Reach;
  dead?: string;
  /** Outermost first, then the place itself; unique by place. */
  evidence: Trail;
}

/** A start as a macro's effect holds it: the calls inside the macro that lead to it, not those that led to the macro. */
interface HeldStart extends Held {
  line: Place;
  daemon: string;
  program: string;
  startedBy: string;
  arguments: string[];
  argumentValues: (argument: string) => string[];
}

/** What running a macro does, worked out once and reused at every call of it. */
interface MacroEffect {
  /** Under which assignments it comes back to its caller. */
  returns: Reach;
  /** Each start line it reaches, by place and daemon; every path to one is one entry. */
  starts: Map<string, HeldStart>;
  /** Start lines in comments, or in macros whose call is in a comment: configured, but off. */
  off: Map<string, HeldStart>;
  /** Calls of macros that are not among the module's files, that it reaches. */
  unread: Map<string, Held>;
}

/**
 * Follows the module's macros from its entry macros: which daemons each starts, under which assignments of the
 * conditions its `&if`s and `&while`s test, and which start lines are configured but commented out. Each macro's
 * effect is worked out once, callees before callers (macros that call each other until nothing changes), so a
 * macro run from many places costs once, and nothing recurses on how deep calls go.
 */
export function macroStarts(entries: readonly MacroFile[], macros: ReadonlyMap<string, MacroFile>): MacroFacts {
  const actions = new Map<MacroFile, Map<MacroStatement, Action>>();
  const actionsOf = (file: MacroFile) => {
    let found = actions.get(file);
    if (found === undefined) {
      found = new Map();
      for (const statement of statements(file)) {
        const action = actionOf(statement, macros);
        if (action !== undefined) found.set(statement, action);
      }
      actions.set(file, found);
    }
    return found;
  };
  const callees = (file: MacroFile) =>
    [...actionsOf(file).values()].flatMap((action) => (action.kind === 'call' && action.file ? [action.file] : []));
  const order = stronglyConnected(entries, callees);
  // Atoms numbered as met from the entry macros down, which is the order conditions print in.
  const conditions = conditionTexts(order.flat().reverse());
  const { guards } = conditions;
  const effects = new Map<MacroFile, MacroEffect>();
  const notes = new Map<MacroFile, MacroFacts['unresolved']>();
  const componentOf = new Map(order.flatMap((component, number) => component.map((file) => [file, number] as const)));
  const compute = (file: MacroFile) => {
    const found: MacroFacts['unresolved'] = [];
    const inCycle = (callee: MacroFile) => componentOf.get(callee) === componentOf.get(file);
    const effect = macroEffect(file, actionsOf(file), effects, conditions, inCycle, found);
    notes.set(file, found);
    return effect;
  };
  for (const component of order) {
    if (component.length === 1 && !callees(component[0]!).includes(component[0]!)) {
      effects.set(component[0]!, compute(component[0]!));
      continue;
    }
    // Macros that run each other (or themselves) start from "never comes back, starts nothing" and grow to the
    // least fixed point: under constant conditions, a macro that runs itself whenever it runs never comes back.
    for (let changed = true; changed;) {
      changed = false;
      for (const file of component) {
        const effect = compute(file);
        const before = effects.get(file);
        if (before === undefined || !sameEffect(before, effect)) changed = true;
        effects.set(file, effect);
      }
    }
  }
  const unresolved = order.flat().flatMap((file) => notes.get(file) ?? []);

  const live = new Map<string, HeldStart>();
  const off = new Map<string, HeldStart>();
  const unread = new Map<string, Held>();
  for (const entry of entries) {
    const effect = effects.get(entry)!;
    for (const [key, held] of effect.starts) hold(live, key, held, guards);
    for (const [key, held] of effect.off) hold(off, key, held, guards);
    for (const [key, held] of effect.unread) hold(unread, key, held, guards);
  }
  const starts = [
    ...[...live.values()].map((held) => startEvent(held, false, guards)),
    ...[...off.values()].map((held) => startEvent(held, true, guards)),
  ];
  const unreadCalls = [...unread.values()].map((held): UnreadCall => {
    const evidence = placesOf(held.evidence);
    return { off: false, reach: reachOf(held, guards), place: evidence.at(-1)! };
  });
  return { starts, unresolved: dedupeNotes(unresolved), unreadCalls, guards };
}

function dedupeNotes(notes: MacroFacts['unresolved']): MacroFacts['unresolved'] {
  const seen = new Set<string>();
  return notes.filter((note) => {
    const key = `${placeKey(note.place)}\u0000${note.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function reachOf(held: Held, guards: Guards): StartReach {
  return { ...held.reach, guards, ...(held.dead !== undefined && { dead: held.dead }) };
}

function startEvent(held: HeldStart, off: boolean, guards: Guards): StartEvent {
  const reach = off ? { guard: guards.never, guards } : reachOf(held, guards);
  return {
    daemon: held.daemon,
    program: held.program,
    startedBy: held.startedBy,
    reach,
    off,
    evidence: placesOf(held.evidence),
    line: held.line,
    arguments: held.arguments,
    argumentValues: held.argumentValues,
  };
}

/** What an `&if` or `&while` tests, and the variables it reads. */
interface TestText {
  text: string;
  reads: string[];
}

interface ConditionTexts extends ValueContext {
  /** The text each `&if` and `&while` tests. */
  texts: Map<MacroStatement, TestText>;
}

/**
 * Reads every `&if` and `&while` of the macros and numbers their atoms in the order met, the order conditions print
 * in. Products stated with `--products` stay atoms, fixed when a start is decided, so that an "off" can say which
 * product made it so.
 */
function conditionTexts(files: readonly MacroFile[]): ConditionTexts {
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
function trackedVariables(
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

/** What running `file` does, with the effects of the macros it runs as known so far. */
function macroEffect(
  file: MacroFile,
  actions: ReadonlyMap<MacroStatement, Action>,
  effects: ReadonlyMap<MacroFile, MacroEffect>,
  conditions: ConditionTexts,
  inCycle: (callee: MacroFile) => boolean,
  unresolved: MacroFacts['unresolved'],
): MacroEffect {
  const { guards, texts } = conditions;
  const flow = file.tree.flow;
  const calleeOf = (at: number) => {
    const action = actions.get(flow.statements[at]!);
    return action?.kind === 'call' && action.file ? (effects.get(action.file) ?? neverComesBack(guards)) : undefined;
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
        reason: `runs the macro ${action.command}, which is not among the module's files: what it starts is unknown`,
        place,
      });
      hold(effect.unread, placeKey(place), { reach: here, ...(dead && { dead }), evidence: trailOf([place]) }, guards);
    }
  }
  return effect;
}

/** A start (or unread call) in a called macro, seen from the call: reached under the call's reach and the callee's own. */
function through<T extends Held>(
  call: Place,
  callReach: Reach,
  callDead: string | undefined,
  held: T,
  cyclic: boolean,
  guards: Guards,
): T {
  let guard = callReach.guard;
  let unsure = callReach.unsure ?? held.reach.unsure;
  try {
    guard = guards.and(callReach.guard, held.reach.guard);
  } catch (error) {
    unsure ??= undecidedBy(error);
  }
  const seen: T = {
    ...held,
    reach: { guard, ...(unsure !== undefined && { unsure }) },
    evidence: withCall(call, held.evidence, cyclic),
  };
  delete seen.dead;
  if (guard === guards.never)
    seen.dead =
      held.dead ??
      callDead ??
      `never reached: its conditions contradict those of the call on line ${call.position.start.line}`;
  return seen;
}

/** Adds a start to an effect; one already there from another path gets this path's assignments and evidence too. */
function hold<T extends Held>(into: Map<string, T>, key: string, start: T, guards: Guards): void {
  const known = into.get(key);
  if (known === undefined) {
    into.set(key, { ...start, reach: { ...start.reach } });
    return;
  }
  try {
    known.reach.guard = guards.or(known.reach.guard, start.reach.guard);
  } catch (error) {
    known.reach.guard = guards.always;
    known.reach.unsure ??= undecidedBy(error);
  }
  known.reach.unsure ??= start.reach.unsure;
  if (known.reach.guard !== guards.never) delete known.dead;
  known.evidence = union(known.evidence, start.evidence);
}

function neverComesBack(guards: Guards): MacroEffect {
  return { returns: { guard: guards.never }, starts: new Map(), off: new Map(), unread: new Map() };
}

function sameEffect(a: MacroEffect, b: MacroEffect): boolean {
  const sameReach = (x: Reach, y: Reach) => x.guard === y.guard && x.unsure === y.unsure;
  const sameStarts = (x: Map<string, Held>, y: Map<string, Held>) =>
    x.size === y.size &&
    [...x].every(
      ([key, held]) =>
        y.has(key) && sameReach(held.reach, y.get(key)!.reach) && held.evidence.length === y.get(key)!.evidence.length,
    );
  return (
    sameReach(a.returns, b.returns) &&
    sameStarts(a.starts, b.starts) &&
    sameStarts(a.off, b.off) &&
    sameStarts(a.unread, b.unread)
  );
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
