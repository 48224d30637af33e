import type { MacroFile } from '../model/files.ts';
import type { MacroNode, MacroStatement } from '../syntax/macro-tree.ts';
import type { Position } from '../syntax/position.ts';
import { lineBreakOf } from '../syntax/source.ts';
import type { Fix, TextEdit } from './edit.ts';

function isActiveStatement(node: MacroNode | undefined): node is MacroStatement {
  return node?.type === 'statement' && !node.commentedOut;
}

/** The index of the node that starts at `offset`; the nodes are in file order. */
function nodeAt(nodes: readonly MacroNode[], offset: number): number {
  let low = 0;
  let high = nodes.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (nodes[middle]!.position.start.offset < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function activeNeighbour(nodes: readonly MacroNode[], from: number, step: 1 | -1): MacroStatement | undefined {
  for (let i = from + step; i >= 0 && i < nodes.length; i += step)
    if (isActiveStatement(nodes[i])) return nodes[i] as MacroStatement;
  return undefined;
}

function isBranch(statement: MacroStatement | undefined): boolean {
  return statement?.directive === 'then' || statement?.directive === 'else';
}

/**
 * Where the `& ` of the statement's first line goes, and whether it is the body of an `&then` or `&else`, either
 * written after it (`&then start_process …`) or on the lines after a bare one. A body must stay a statement, or the
 * `&if` loses its `&then` and the statement after the body falls under the condition: it becomes a `&do` block
 * holding the commented line. Undefined when the statement shares its lines with others.
 */
function commentPlace(
  file: MacroFile,
  statement: MacroStatement,
  previous: MacroStatement | undefined,
): { at: number; body: boolean } | undefined {
  const { position } = statement;
  if (isBranch(statement) && statement.words.length > 0) return { at: statement.words[0]!.start, body: true };
  const lineStart = file.lines.lineStart(position.start.line);
  if (file.source.text.slice(lineStart, position.start.offset).trim() !== '') return undefined;
  return { at: lineStart, body: isBranch(previous) && previous!.words.length === 0 };
}

function linesOf(position: Position): number[] {
  return Array.from({ length: position.end.line - position.start.line + 1 }, (_, i) => position.start.line + i);
}

/**
 * What a commented-out statement was, for the list of changes: its command and first argument, which name the
 * program it started (`start_process 'telnet_msd -network_port 24' …`); the report already names the file.
 */
function gist(statement: MacroStatement): string {
  const shown = statement.words.slice(0, 2).map((word) => word.text);
  return statement.words.length > shown.length ? `${shown.join(' ')} …` : shown.join(' ');
}

/**
 * Comments out a macro statement with `& ` at the start of each of its lines, a continued statement as a whole; the
 * body of an `&then` or `&else` is wrapped in `&do` … `&end` so that the macro keeps its structure. Only a statement
 * that has its lines to itself can be commented out this way; otherwise returns undefined.
 */
export function commentOutStatement(file: MacroFile, position: Position): Fix | undefined {
  const nodes = file.tree.children;
  const index = nodeAt(nodes, position.start.offset);
  const statement = nodes[index];
  if (!isActiveStatement(statement) || statement.position.start.offset !== position.start.offset) return undefined;
  const next = activeNeighbour(nodes, index, 1);
  const place = commentPlace(file, statement, activeNeighbour(nodes, index, -1));
  if (place === undefined || (next !== undefined && next.position.start.line <= position.end.line)) return undefined;

  const lines = linesOf(position);
  const edits: TextEdit[] = lines.map((line, i) => {
    const at = i === 0 ? place.at : file.lines.lineStart(line);
    return { start: at, end: at, text: '& ' };
  });
  if (place.body) {
    const eol = lineBreakOf(file.source);
    const lineStart = file.lines.lineStart(position.start.line);
    const indent = /^[ \t]*/.exec(file.source.text.slice(lineStart, position.start.offset))![0];
    // On a line of its own the statement keeps its indentation; after `&then` on its line, it needs one.
    edits[0]!.text = place.at === lineStart ? `${indent}&do${eol}& ` : `&do${eol}${indent}& `;
    edits.push({ start: position.end.offset, end: position.end.offset, text: `${eol}${indent}&end` });
  }
  const where =
    lines.length === 1 ? `line ${position.start.line}` : `lines ${position.start.line}–${position.end.line}`;
  return { description: `commented out ${where}${place.body ? ' in a &do block' : ''}: ${gist(statement)}`, edits };
}
