import type { MacroControlFlow, MacroEdge } from '../syntax/macro-tree.ts';
import { GuardTooLarge, type Guard, type Guards } from './guards.ts';
import {
  joinValues,
  noValues,
  onlyLive,
  sameValues,
  type Test,
  type ValueContext,
  type Values,
} from './macro-values.ts';

/**
 * The assignments of the module's conditions under which something runs. `unsure` says why the guard may hold
 * assignments that do not in fact reach it (a guard past its bound, a `&goto` to a variable's label); a guard of
 * no assignment is certain either way.
 */
export interface Reach {
  guard: Guard;
  unsure?: string;
}

export interface MacroReach {
  /** For each statement of the flow, the assignments that reach it, when the macro is entered under all of them. */
  at: Array<Reach | undefined>;
  /** The assignments under which the macro returns to whoever ran it. */
  returns: Reach;
}

export interface ReachInputs extends ValueContext {
  /** What the `&if` or `&while` at `at` tests, where the variables have `values`, on the assignments `reach`. */
  test(at: number, values: Values, reach: Guard): Test;
  /** The values after the statement at `at`, when it sets a variable. */
  assigns(at: number, values: Values, reach: Guard): Values | undefined;
  /** The variables the statement at `at` reads (its test, or the value it sets) and the one it sets, if any. */
  uses(at: number): { reads: readonly string[]; sets?: string };
  /** For a statement that runs another macro of the module: the assignments under which that one comes back. */
  comesBack(at: number): Reach | undefined;
  /** A line number for the notes. */
  line(at: number): number;
}

type State = Reach & { values: Values };

/** The note on what a guard past its bound leaves undecided; any other error goes on. */
export function undecidedBy(error: unknown): string {
  if (!(error instanceof GuardTooLarge)) throw error;
  return `undecided: the conditions on the way to it need more than ${error.bound} ${error.unit}`;
}

/**
 * Which assignments reach each statement, and what the macro's variables hold there: a fixed point over the
 * control-flow graph, entering with every assignment, taking an edge with what its test says (AND) and joining
 * edges by OR. Atoms are constant during one run; variables are not, and a loop that changes the one its exit test
 * reads goes round until its values are known or are too many to follow (then the test goes either way). Guards
 * and values only grow, within finite bounds, so the fixed point ends.
 */
export function macroReach(flow: MacroControlFlow, inputs: ReachInputs): MacroReach {
  const { guards } = inputs;
  const count = flow.statements.length;
  const returnsAt = count;
  const anyLabel = count + 1;
  const at = new Array<State | undefined>(count);
  const returns: Reach = { guard: guards.never };
  const live = liveVariables(flow, inputs);
  const queue = new StatementQueue(count);

  const arrive = (to: number, incoming: State) => {
    if (to === returnsAt) {
      returns.guard = orOr(guards, returns.guard, incoming.guard, (reason) => (returns.unsure ??= reason));
      returns.unsure ??= incoming.unsure;
      return;
    }
    const known = at[to];
    let changed: boolean;
    incoming = { ...incoming, values: onlyLive(incoming.values, live[to]!) };
    if (known === undefined) {
      at[to] = incoming;
      changed = true;
    } else {
      let values = known.values;
      try {
        values = joinValues(known, incoming, inputs);
      } catch (error) {
        incoming.unsure ??= undecidedBy(error);
      }
      const guard = orOr(guards, known.guard, incoming.guard, (reason) => (incoming.unsure ??= reason));
      changed = guard !== known.guard || !sameValues(values, known.values);
      known.guard = guard;
      known.values = values;
      if (incoming.unsure !== undefined && known.unsure === undefined) {
        known.unsure = incoming.unsure;
        changed = true;
      }
    }
    if (changed) queue.add(to);
  };

  const follow = (from: number, edge: MacroEdge, state: State) => {
    let { guard, unsure, values } = state;
    if (edge.test !== undefined) {
      try {
        const test = inputs.test(edge.test.at, state.values, guard);
        guard = guards.and(guard, edge.test.holds ? test.holds : test.fails);
        values = (edge.test.holds ? test.valuesIfHolds : test.valuesIfFails) ?? values;
      } catch (error) {
        unsure ??= undecidedBy(error);
      }
    }
    if (edge.unsure)
      unsure ??= `undecided: the &goto on line ${inputs.line(from)} jumps to a label named by a variable`;
    if (guard === guards.never) return;
    const onward: State = { guard, values, ...(unsure !== undefined && { unsure }) };
    if (edge.to === anyLabel) for (const label of flow.labels) arrive(label, onward);
    else arrive(edge.to, onward);
  };

  if (count === 0) returns.guard = guards.always;
  else arrive(0, { guard: guards.always, values: noValues });
  for (let from = queue.next(); from !== undefined; from = queue.next()) {
    const state = at[from]!;
    let onward: State = state;
    const back = inputs.comesBack(from);
    if (back !== undefined) {
      const unsure = state.unsure ?? back.unsure;
      onward = { ...state, ...(unsure !== undefined && { unsure }) };
      try {
        onward.guard = guards.and(state.guard, back.guard);
      } catch (error) {
        onward.unsure ??= undecidedBy(error);
      }
    }
    try {
      const values = inputs.assigns(from, state.values, onward.guard);
      if (values !== undefined) onward = { ...onward, values };
    } catch (error) {
      onward = { ...onward, unsure: onward.unsure ?? undecidedBy(error) };
    }
    for (const edge of flow.successors[from]!) follow(from, edge, onward);
  }
  return {
    at: at.map((state) => state && { guard: state.guard, ...(state.unsure !== undefined && { unsure: state.unsure }) }),
    returns,
  };
}

/**
 * The statements still to visit, the first in the file first: a loop then goes round until it settles before what
 * follows it is visited, rather than what follows being visited again on every round.
 */
class StatementQueue {
  private readonly queued: Uint8Array;
  private readonly heap: number[] = [];

  constructor(count: number) {
    this.queued = new Uint8Array(count);
  }

  add(at: number): void {
    if (this.queued[at]) return;
    this.queued[at] = 1;
    const heap = this.heap;
    heap.push(at);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= heap[i]!) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  next(): number | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const first = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && heap[left]! < heap[least]!) least = left;
        if (right < heap.length && heap[right]! < heap[least]!) least = right;
        if (least === i) break;
        [heap[least], heap[i]] = [heap[i]!, heap[least]!];
        i = least;
      }
    }
    this.queued[first] = 0;
    return first;
  }
}

const nothingLive: ReadonlySet<string> = new Set();

/**
 * For each statement, the variables some way on from it reads before it sets them: the only values worth carrying
 * there (a loop's counter is dropped once the loop is left). A backward fixed point over the flow.
 */
function liveVariables(flow: MacroControlFlow, inputs: Pick<ReachInputs, 'uses'>): Array<ReadonlySet<string>> {
  const count = flow.statements.length;
  const uses = flow.statements.map((_, at) => inputs.uses(at));
  const live = Array.from({ length: count }, (): ReadonlySet<string> => nothingLive);
  if (!uses.some((use) => use.reads.length > 0)) return live;
  const predecessors: number[][] = Array.from({ length: count }, () => []);
  flow.successors.forEach((edges, from) => {
    for (const edge of edges) {
      if (edge.to < count) predecessors[edge.to]!.push(from);
      else if (edge.to === count + 1) for (const label of flow.labels) predecessors[label]!.push(from);
    }
  });
  const queued = new Uint8Array(count).fill(1);
  const pending = Array.from({ length: count }, (_, at) => count - 1 - at);
  while (pending.length > 0) {
    const at = pending.pop()!;
    queued[at] = 0;
    const after = new Set<string>();
    for (const edge of flow.successors[at]!) {
      const targets = edge.to < count ? [edge.to] : edge.to === count + 1 ? flow.labels : [];
      for (const to of targets) for (const name of live[to]!) after.add(name);
    }
    const { reads, sets } = uses[at]!;
    if (sets !== undefined) after.delete(sets);
    for (const name of reads) after.add(name);
    if (after.size === live[at]!.size) continue;
    live[at] = after;
    for (const from of predecessors[at]!) {
      if (!queued[from]) {
        queued[from] = 1;
        pending.push(from);
      }
    }
  }
  return live;
}

/** `a or b`; when that is past its bound, every assignment (what is unsure may run), and the reason is told. */
function orOr(guards: Guards, a: Guard, b: Guard, unsure: (reason: string) => void): Guard {
  try {
    return guards.or(a, b);
  } catch (error) {
    unsure(undecidedBy(error));
    return guards.always;
  }
}
