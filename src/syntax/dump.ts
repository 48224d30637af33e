import type { Field } from './field.ts';
import type { ParseError } from './parse-error.ts';
import type { Position } from './position.ts';

/** A node's place in a tree dump: `line:column-line:column`. */
export function at(position: Position): string {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`;
}

export function show(field: Field): string {
  return JSON.stringify(field.value);
}

/** The dump of a tree: its node lines, then one line an error. */
export function dumpLines(nodes: readonly string[], errors: readonly ParseError[]): string {
  const lines = [...nodes, ...errors.map((error) => `${at(error.position)} error ${JSON.stringify(error.message)}`)];
  return `${lines.join('\n')}\n`;
}
