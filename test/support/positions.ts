import type { Tree } from '../../src/languages/language.ts';
import type { FileKind } from '../../src/languages/registry.ts';
import type { Position } from '../../src/syntax/position.ts';
import { treeOf } from './languages.ts';

/** A commented-out macro statement is a node over the comment lines it is read from, which are nodes too. */
const nodesMayOverlap: ReadonlySet<FileKind> = new Set(['macro']);

function span(position: Position): string {
  return `${position.start.offset}-${position.end.offset}`;
}

/**
 * What is wrong with the places of a tree's nodes and errors: each must lie inside the text, its start before its
 * end; nodes must be non-empty and in file order, and (but for the kinds above) not overlap the node before.
 * Empty when all is well; otherwise one line a misplaced node or error.
 */
export function misplacedPositions(kind: FileKind, text: string, tree: Tree = treeOf(kind, text)): string[] {
  const problems: string[] = [];
  let previous = { start: 0, end: 0 };
  for (const [i, { position }] of tree.children.entries()) {
    const start = position.start.offset;
    const end = position.end.offset;
    const earliest = nodesMayOverlap.has(kind) ? previous.start : previous.end;
    if (start < earliest)
      problems.push(
        `node ${i} at ${span(position)} starts before ${earliest}, where the node before it ${nodesMayOverlap.has(kind) ? 'starts' : 'ends'}`,
      );
    if (end <= start) problems.push(`node ${i} at ${span(position)} is empty or ends before it starts`);
    if (end > text.length) problems.push(`node ${i} at ${span(position)} ends after the text, ${text.length}`);
    previous = { start, end };
  }
  for (const [i, { position }] of tree.errors.entries()) {
    if (position.end.offset < position.start.offset)
      problems.push(`error ${i} at ${span(position)} ends before it starts`);
    if (position.end.offset > text.length)
      problems.push(`error ${i} at ${span(position)} ends after the text, ${text.length}`);
  }
  return problems;
}
