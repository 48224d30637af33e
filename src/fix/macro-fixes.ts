import type { MacroFile } from '../model/files.ts';
import type { Position } from '../syntax/position.ts';
import type { Fix } from './edit.ts';

/**
 * Comments out a macro statement with `& ` at the start of each of its lines, a continued statement as a whole.
 * Only a statement that has its lines to itself can be commented out this way; otherwise returns undefined.
 */
export function commentOutStatement(file: MacroFile, position: Position): Fix | undefined {
  const shared = file.tree.children.some(
    (node) =>
      node.type === 'statement' &&
      !node.commentedOut &&
      node.position.start.offset !== position.start.offset &&
      node.position.start.line <= position.end.line &&
      node.position.end.line >= position.start.line,
  );
  const index = file.lines;
  const before = file.source.text.slice(index.lineStart(position.start.line), position.start.offset);
  if (shared || before.trim() !== '') return undefined;
  const lines = Array.from({ length: position.end.line - position.start.line + 1 }, (_, i) => position.start.line + i);
  return {
    description: `commented out ${lines.length === 1 ? `line ${position.start.line}` : `lines ${position.start.line}–${position.end.line}`} of ${file.source.path}`,
    edits: lines.map((line) => ({ start: index.lineStart(line), end: index.lineStart(line), text: '& ' })),
  };
}
