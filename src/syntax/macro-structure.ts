import { append } from '../util/append.ts';
import type { MacroControlFlow, MacroEdge, MacroStatement } from './macro-tree.ts';
import type { ParseError } from './parse-error.ts';

/**
 * A construct waiting for the rest of itself: an `&if` for its `&then`, its then-part, an `&else` or its else-part;
 * a `&while` for its body; a `&do` for its `&end`.
 */
type Frame =
  | {
      kind: 'if';
      at: number;
      state: 'then' | 'then-part' | 'else?' | 'else-part';
      otherwise: MacroEdge;
      thenExits: MacroEdge[];
    }
  | { kind: 'while'; at: number; exit: MacroEdge; breaks: MacroEdge[] }
  | { kind: 'do'; at: number };

function line(statement: MacroStatement): number {
  return statement.position.start.line;
}

/** The larger list with the smaller appended: merging exits of nested constructs stays linear overall. */
function merge(a: MacroEdge[], b: MacroEdge[]): MacroEdge[] {
  const [large, small] = a.length >= b.length ? [a, b] : [b, a];
  append(large, small);
  return large;
}

/**
 * Works out, in one pass and without recursion, where control may go from each statement of a macro: how `&if`,
 * `&then`, `&else`, `&do`, `&end` and `&while` nest, where `&goto`, `&break`, `&continue` and `&return` go. The
 * part after `&then` or `&else` is the rest of its line, else the next statement, `&do … &end` block or `&if` or
 * `&while` construct; an `&else` belongs to the `&if` whose then-part it directly follows. Edges are made with their
 * destination open and filled in once it is known. Returns what does not nest, as errors.
 */
export function structureMacro(statements: MacroStatement[]): { flow: MacroControlFlow; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const error = (statement: MacroStatement, message: string, expected: string) =>
    errors.push({
      message,
      start: statement.position.start.offset,
      end: statement.position.end.offset,
      expected,
      position: statement.position,
    });
  const returns = statements.length;
  const anyLabel = returns + 1;
  const successors: MacroEdge[][] = statements.map(() => []);
  const edge = (from: number, test?: MacroEdge['test']): MacroEdge => {
    const made: MacroEdge = { to: -1, ...(test && { test }) };
    successors[from]!.push(made);
    return made;
  };
  const frames: Frame[] = [];
  const labels = new Map<string, number>();
  const gotos: Array<{ edge: MacroEdge; label: string; at: number }> = [];
  /** The edges that go to the next statement of the sequence being read, whichever that turns out to be. */
  let pending: MacroEdge[] = [];
  const patch = (to: number) => {
    for (const e of pending) e.to = to;
    pending = [];
  };

  /** A statement, block or construct has ended: the constructs waiting for one go on, and those it completes end. */
  const unitDone = () => {
    for (let top = frames.at(-1); top !== undefined; top = frames.at(-1)) {
      if (top.kind === 'if' && top.state === 'then-part') {
        top.thenExits = pending;
        pending = [];
        top.state = 'else?';
        return;
      }
      if (top.kind === 'if' && top.state === 'else-part') {
        frames.pop();
        pending = merge(top.thenExits, pending);
      } else if (top.kind === 'while') {
        frames.pop();
        patch(top.at);
        pending = merge([top.exit], top.breaks);
      } else return;
    }
  };
  /** An `&if` whose then-part has ended and no `&else` follows: its construct ends, and so may those around it. */
  const endIf = (frame: Frame & { kind: 'if' }) => {
    frames.pop();
    pending = merge(frame.thenExits, [frame.otherwise]);
    unitDone();
  };
  /** An `&if` without `&then` is read as a statement that tests nothing. */
  const dropIf = (frame: Frame & { kind: 'if' }) => {
    frames.pop();
    successors[frame.at] = [];
    pending = [edge(frame.at)];
    unitDone();
  };
  /** The innermost `&while` around the statement, if any. */
  const loop = () => {
    for (let i = frames.length - 1; i >= 0; i--) {
      const frame = frames[i]!;
      if (frame.kind === 'while') return frame;
    }
    return undefined;
  };

  statements.forEach((statement, at) => {
    // Constructs that this statement continues or ends, innermost first.
    for (
      let top = frames.at(-1);
      top?.kind === 'if' && (top.state === 'else?' || top.state === 'then');
      top = frames.at(-1)
    ) {
      if (top.state === 'then') {
        if (statement.directive === 'then') {
          patch(at);
          // `&then command` is its own then-part; a bare `&then` is followed by it.
          if (statement.words.length > 0) {
            top.thenExits = [edge(at)];
            top.state = 'else?';
          } else {
            pending = [edge(at)];
            top.state = 'then-part';
          }
          return;
        }
        error(
          statements[top.at]!,
          `Unexpected end of the &if on line ${line(statements[top.at]!)}, expected &then`,
          '&then',
        );
        dropIf(top);
      } else if (statement.directive === 'else') {
        top.otherwise.to = at;
        pending = [edge(at)];
        top.state = 'else-part';
        if (statement.words.length > 0) unitDone();
        return;
      } else endIf(top);
    }

    if (statement.directive === 'end') {
      if (!frames.some((frame) => frame.kind === 'do'))
        error(statement, 'Unexpected &end, expected a &do before it', '&do');
      else {
        // Constructs still open inside the block end with it: an &if whose then-part is empty, a &while without a body.
        for (let top = frames.at(-1)!; top.kind !== 'do'; top = frames.at(-1)!) {
          if (top.kind === 'if' && top.state === 'else?') endIf(top);
          else unitDone();
        }
        frames.pop();
      }
    }
    patch(at);

    switch (statement.directive) {
      case 'if':
        pending = [edge(at, { at, holds: true })];
        frames.push({ kind: 'if', at, state: 'then', otherwise: edge(at, { at, holds: false }), thenExits: [] });
        return;
      case 'while':
        pending = [edge(at, { at, holds: true })];
        frames.push({ kind: 'while', at, exit: edge(at, { at, holds: false }), breaks: [] });
        return;
      case 'do':
        frames.push({ kind: 'do', at });
        pending = [edge(at)];
        return;
      case 'then':
        error(statement, 'Unexpected &then, expected it after an &if', '&if');
        break;
      case 'else':
        error(statement, 'Unexpected &else, expected it after an &if … &then', '&then');
        break;
      case 'return':
        edge(at).to = returns;
        unitDone();
        return;
      case 'goto': {
        const target = statement.words[0];
        if (target !== undefined && target.elements.length === 1 && target.elements[0]!.kind === 'word')
          gotos.push({ edge: edge(at), label: target.text.toLowerCase(), at });
        else Object.assign(edge(at), { to: anyLabel, unsure: true });
        unitDone();
        return;
      }
      case 'break':
      case 'continue': {
        const around = loop();
        if (around === undefined) break;
        if (statement.directive === 'break') around.breaks.push(edge(at));
        else edge(at).to = around.at;
        unitDone();
        return;
      }
      case 'label': {
        const name = statement.words[0]?.text.toLowerCase();
        if (name !== undefined && !labels.has(name)) labels.set(name, at);
        break;
      }
    }
    pending = [edge(at)];
    unitDone();
  });

  for (let top = frames.at(-1); top !== undefined; top = frames.at(-1)) {
    if (top.kind === 'if' && top.state === 'then') {
      error(
        statements[top.at]!,
        `Unexpected end of file after the &if on line ${line(statements[top.at]!)}, expected &then`,
        '&then',
      );
      dropIf(top);
    } else if (top.kind === 'if' && top.state === 'else?') endIf(top);
    else if (top.kind === 'do') {
      error(
        statements[top.at]!,
        `Unexpected end of file, expected an &end for the &do on line ${line(statements[top.at]!)}`,
        '&end',
      );
      frames.pop();
      unitDone();
    } else unitDone();
  }
  patch(returns);

  for (const { edge: jump, label, at } of gotos) {
    const target = labels.get(label);
    if (target === undefined)
      error(statements[at]!, `Unexpected &goto ${label}, expected a &label ${label} in this macro`, `&label ${label}`);
    jump.to = target ?? returns;
  }
  return { flow: { statements, successors, labels: [...new Set(labels.values())].sort((a, b) => a - b) }, errors };
}
