import type { MacroControlFlow, MacroEdge } from '../syntax/macro-tree.ts';
import type { Table, Tables } from './truth-table.ts';

/**
 * The assignments of the module's conditions under which something runs. `unsure` says why the table may hold
 * assignments that do not in fact reach it (a condition past the cap, a `&goto` to a variable's label); an empty
 * table is certain either way.
 */
export interface Reach {
  table: Table;
  unsure?: string;
}

export interface MacroReach {
  /** For each statement of the flow, the assignments that reach it, when the macro is entered under all of them. */
  at: Array<Reach | undefined>;
  /** The assignments under which the macro returns to whoever ran it. */
  returns: Reach;
}

export interface ReachInputs {
  tables: Tables;
  /** The table of the expression the `&if` or `&while` at `at` tests, or undefined when it is past the cap. */
  test(at: number): Table | undefined;
  /** For a statement that runs another macro of the module: the assignments under which that one comes back. */
  comesBack(at: number): Reach | undefined;
  /** A line number for the notes. */
  line(at: number): number;
}

/**
 * Which assignments reach each statement: a fixed point over the control-flow graph, entering with every
 * assignment, taking an edge with the table of its test (AND) and joining edges by OR. Conditions are constant
 * during one run of a macro [D], so a loop adds nothing new after its first round, and the fixed point ends: each
 * table only grows, and has finitely many rows.
 */
export function macroReach(flow: MacroControlFlow, inputs: ReachInputs): MacroReach {
  const { tables } = inputs;
  const count = flow.statements.length;
  const returnsAt = count;
  const anyLabel = count + 1;
  const at = new Array<Reach | undefined>(count);
  const returns: Reach = { table: tables.empty.slice() };
  const queued = new Uint8Array(count);
  const queue: number[] = [];
  let head = 0;

  const arrive = (to: number, table: Table, unsure: string | undefined) => {
    if (to === returnsAt) {
      tables.orInto(returns.table, table);
      returns.unsure ??= unsure;
      return;
    }
    const reach = at[to];
    let changed: boolean;
    if (reach === undefined) {
      at[to] = { table: table.slice(), ...(unsure !== undefined && { unsure }) };
      changed = true;
    } else {
      changed = tables.orInto(reach.table, table);
      if (unsure !== undefined && reach.unsure === undefined) {
        reach.unsure = unsure;
        changed = true;
      }
    }
    if (changed && !queued[to]) {
      queued[to] = 1;
      queue.push(to);
    }
  };

  const follow = (from: number, edge: MacroEdge, reach: Reach) => {
    let table = reach.table;
    let unsure = reach.unsure;
    if (edge.test !== undefined) {
      const test = inputs.test(edge.test.at);
      if (test === undefined)
        unsure ??= `undecided: it depends on more than ${tables.index.cap} conditions of the module's macros`;
      else table = tables.and(table, edge.test.holds ? test : tables.not(test));
    }
    if (edge.unsure)
      unsure ??= `undecided: the &goto on line ${inputs.line(from)} jumps to a label named by a variable`;
    if (tables.isEmpty(table)) return;
    if (edge.to === anyLabel) for (const label of flow.labels) arrive(label, table, unsure);
    else arrive(edge.to, table, unsure);
  };

  if (count === 0) tables.orInto(returns.table, tables.full);
  else arrive(0, tables.full, undefined);
  while (head < queue.length) {
    const from = queue[head++]!;
    queued[from] = 0;
    const reach = at[from]!;
    const back = inputs.comesBack(from);
    const onward: Reach =
      back === undefined
        ? reach
        : {
            table: tables.and(reach.table, back.table),
            ...((reach.unsure ?? back.unsure) !== undefined && { unsure: reach.unsure ?? back.unsure }),
          };
    for (const edge of flow.successors[from]!) follow(from, edge, onward);
    // The queue only grows; drop what has been read now and then so a long run does not keep it all.
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  }
  return { at, returns };
}
