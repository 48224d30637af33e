import type { ParseError } from './parse-error.ts';
import type { Position, Span } from './position.ts';

export type MacroElementKind = 'word' | 'variable' | 'string' | 'call' | 'operator' | 'stray';

/** One token or call of a statement. */
export interface MacroElement extends Span {
  kind: MacroElementKind;
  text: string;
}

/** Elements glued together without blanks: one argument, such as `(master_disk)>system>stcp>start_stcp.cm`. */
export interface MacroWord extends Span {
  text: string;
  elements: MacroElement[];
}

export interface MacroStatement {
  type: 'statement';
  /** The directive without `&`, lower-cased (`if`, `set_string`), for directive statements. */
  directive?: string;
  /** A command's words, command name first; a directive's arguments. */
  words: MacroWord[];
  position: Position;
  /** A statement in a comment (`& start_process …`): configured, but off. */
  commentedOut: boolean;
}

/** A way control may go from one statement of a macro to the next one to run. */
export interface MacroEdge {
  /**
   * The index in `MacroControlFlow.statements` of the statement run next; `statements.length` when the macro
   * returns, `statements.length + 1` for a `&goto` to a label named by a variable: any of `labels`.
   */
  to: number;
  /** Taken only when the expression of the `&if` or `&while` at index `at` holds (or, with `holds: false`, does not). */
  test?: { at: number; holds: boolean };
  /** A `&goto` to a label named by a variable, which one not known. */
  unsure?: true;
}

/**
 * How `&if`, `&then`, `&else`, `&do`, `&end`, `&while`, `&break`, `&continue`, `&goto`, `&label` and `&return`
 * move control between the statements that run (not those in comments). The macro starts at index 0.
 */
export interface MacroControlFlow {
  statements: MacroStatement[];
  /** For each statement, where control may go next. */
  successors: MacroEdge[][];
  /** The statements that are labels, first of each name, in order. */
  labels: number[];
}

export interface MacroComment {
  type: 'comment';
  value: string;
  position: Position;
}

export type MacroNode = MacroStatement | MacroComment;

export interface MacroRoot {
  type: 'root';
  kind: 'macro';
  children: MacroNode[];
  position: Position;
  errors: ParseError[];
  flow: MacroControlFlow;
}
