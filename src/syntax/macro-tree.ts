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

/** The `&if` a statement is under, as written, and whether it is in the `&else` branch. */
export interface MacroCondition {
  text: string;
  negated: boolean;
  line: number;
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
  /** The conditions under which it runs, outermost first; empty when it always runs. */
  conditions: MacroCondition[];
  /** Why it never runs, when it never does. */
  dead?: string;
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
}
