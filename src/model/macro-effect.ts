import { undecidedBy, type Reach } from './macro-reach.ts';
import type { Place } from './place.ts';
import { union, withCall, type Trail } from './trail.ts';
import type { Guards } from './guards.ts';

/** Something the macros do that vos-audit could not decide, with where. */
export interface MacroNote {
  reason: string;
  place: Place;
}

/** Something a macro's effect holds by place, reached under `reach` through the calls inside the macro in `evidence`. */
export interface Held {
  reach: Reach;
  dead?: string;
  /** Outermost first, then the place itself; unique by place. */
  evidence: Trail;
}

/** A start as a macro's effect holds it: the calls inside the macro that lead to it, not those that led to the macro. */
export interface HeldStart extends Held {
  line: Place;
  daemon: string;
  program: string;
  startedBy: string;
  arguments: string[];
  argumentValues: (argument: string) => string[];
}

/** What running a macro does, worked out once and reused at every call of it. */
export interface MacroEffect {
  /** Under which assignments it comes back to its caller. */
  returns: Reach;
  /** Each start line it reaches, by place and daemon; every path to one is one entry. */
  starts: Map<string, HeldStart>;
  /** Start lines in comments, or in macros whose call is in a comment: configured, but off. */
  off: Map<string, HeldStart>;
  /** Calls of macros that are not among the module's files, that it reaches. */
  unread: Map<string, Held>;
}

/** A start (or unread call) in a called macro, seen from the call: reached under the call's reach and the callee's own. */
export function through<T extends Held>(
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
export function hold<T extends Held>(into: Map<string, T>, key: string, start: T, guards: Guards): void {
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

export function neverComesBack(guards: Guards): MacroEffect {
  return { returns: { guard: guards.never }, starts: new Map(), off: new Map(), unread: new Map() };
}

export function sameEffect(a: MacroEffect, b: MacroEffect): boolean {
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
