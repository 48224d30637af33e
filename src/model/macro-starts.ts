import { stronglyConnected } from '../util/strongly-connected.ts';
import type { MacroFile } from './files.ts';
import { actionOf, statements, type Action } from './macro-actions.ts';
import { conditionTexts } from './macro-condition-texts.ts';
import { hold, sameEffect, type Held, type HeldStart, type MacroEffect, type MacroNote } from './macro-effect.ts';
import type { Reach } from './macro-reach.ts';
import { macroEffect } from './macro-walk.ts';
import type { Place } from './place.ts';
import { placeKey, placesOf } from './trail.ts';
import type { Guards } from './guards.ts';
import type { MacroStatement } from '../syntax/macro-tree.ts';

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
  unresolved: MacroNote[];
  unreadCalls: UnreadCall[];
  /** The guards every start's reach is read with, and the atoms of the module's conditions. */
  guards: Guards;
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
