import type { CstElement, CstNode, IToken } from 'chevrotain';
import { parseMacroCst } from '../../grammar/macro/index.ts';
import { append } from '../util/append.ts';
import { Comment } from '../../grammar/macro/tokens.ts';
import { tokenEnd } from '../../grammar/types.ts';
import { batchCommentBodies, bodyAt } from './comment-bodies.ts';
import { structureMacro } from './macro-structure.ts';
import { placeError, type ParseError } from './parse-error.ts';
import { LineIndex } from './position.ts';
import type { MacroElement, MacroElementKind, MacroNode, MacroRoot, MacroStatement, MacroWord } from './macro-tree.ts';

const elementKinds: Record<string, MacroElementKind> = {
  Word: 'word',
  VariableReference: 'variable',
  QuotedString: 'string',
  Ampersand: 'operator',
  RightParen: 'stray',
};

/** The first and last offsets of a call's tokens, however deep it nests (one pass, no copies of sub-lists). */
function extent(node: CstNode, span = { start: Infinity, end: 0 }): { start: number; end: number } {
  for (const items of Object.values<CstElement[]>(node.children)) {
    for (const item of items) {
      if ('children' in item) extent(item, span);
      else {
        span.start = Math.min(span.start, item.startOffset);
        span.end = Math.max(span.end, tokenEnd(item));
      }
    }
  }
  return span;
}

/** Maps an offset in the parsed text to the file: the same offset, or through the comment it came from. */
type ToFile = (offset: number) => number;

const sameOffset: ToFile = (offset) => offset;

function element(node: CstNode, text: string, toFile: ToFile): MacroElement {
  const [label, items] = Object.entries(node.children)[0]!;
  const item = items[0]!;
  if ('children' in item) {
    const { start, end } = extent(item);
    return { kind: 'call', text: text.slice(start, end), start: toFile(start), end: toFile(end) };
  }
  return {
    kind: elementKinds[label] ?? 'word',
    text: item.image,
    start: toFile(item.startOffset),
    end: toFile(tokenEnd(item)),
  };
}

function glue(elements: MacroElement[]): MacroWord[] {
  const words: MacroWord[] = [];
  for (const e of elements) {
    const last = words[words.length - 1];
    if (last !== undefined && last.end === e.start) {
      last.elements.push(e);
      last.text += e.text;
      last.end = e.end;
    } else words.push({ text: e.text, start: e.start, end: e.end, elements: [e] });
  }
  return words;
}

function statementsOf(
  cst: CstNode,
  text: string,
  toFile: ToFile,
  index: LineIndex,
  commentedOut: boolean,
): MacroStatement[] {
  const statements: MacroStatement[] = [];
  for (const [label, items] of Object.entries(cst.children)) {
    if (label !== 'directive' && label !== 'command') continue;
    for (const item of items as CstNode[]) {
      const directive = (item.children.Directive as IToken[] | undefined)?.[0];
      const elements = ((item.children.element as CstNode[] | undefined) ?? []).map((e) => element(e, text, toFile));
      const start = directive ? toFile(directive.startOffset) : elements[0]!.start;
      const end = elements.length > 0 ? elements[elements.length - 1]!.end : toFile(tokenEnd(directive!));
      statements.push({
        type: 'statement',
        ...(directive && { directive: directive.image.slice(1).toLowerCase() }),
        words: glue(elements),
        position: index.position({ start, end }),
        commentedOut,
      });
    }
  }
  return statements.sort((a, b) => a.position.start.offset - b.position.start.offset);
}

const commentMarker = /^[ \t]*&[ \t]*/;
/**
 * A comment that holds a commented-out start line, not prose: `& start_process …`, `& !(master_disk)>…>start_x.cm`,
 * `& >system>…`. Comment lines after one that ends in `&+` continue it.
 */
const commentedStartLine = /^[ \t]*&[ \t]+(?:start_process\b|!|\(|[^\s>]*>)/i;
const continued = /&\+[ \t\f\v]*$/;

function commentedStartLines(comments: IToken[], index: LineIndex): IToken[] {
  const found: IToken[] = [];
  let previous: IToken | undefined;
  for (const comment of comments) {
    const continuesPrevious =
      previous !== undefined &&
      found[found.length - 1] === previous &&
      continued.test(previous.image) &&
      index.point(comment.startOffset).line === index.point(previous.startOffset).line + 1;
    if (continuesPrevious || commentedStartLine.test(comment.image)) found.push(comment);
    previous = comment;
  }
  return found;
}

/** Statements in comments: each comment body parsed as macro text. */
function commentedOutStatements(comments: IToken[], index: LineIndex): MacroStatement[] {
  const candidates = commentedStartLines(comments, index);
  if (candidates.length === 0) return [];
  const batch = batchCommentBodies(candidates, commentMarker);
  // Each offset through the comment it falls in: a statement continued with `&+` spans several comments.
  const toFile: ToFile = (offset) => offset + bodyAt(batch, offset).shift;
  return statementsOf(parseMacroCst(batch.text).cst, batch.text, toFile, index, true);
}

/** Parses a command macro into statements and comments in file order, and how control flows between the statements. */
export function parseMacro(text: string, index = new LineIndex(text)): MacroRoot {
  const parsed = parseMacroCst(text);
  const statements = statementsOf(parsed.cst, text, sameOffset, index, false);
  const comments = parsed.trivia.filter((token) => token.tokenType === Comment);
  const nodes: MacroNode[] = [
    ...statements,
    ...comments.map((token) => ({
      type: 'comment' as const,
      value: token.image,
      position: index.position({ start: token.startOffset, end: tokenEnd(token) }),
    })),
    ...commentedOutStatements(comments, index),
  ].sort((a, b) => a.position.start.offset - b.position.start.offset || (a.type === 'comment' ? -1 : 1));
  const errors: ParseError[] = parsed.errors.map((error) => placeError(error, index));
  const structure = structureMacro(statements);
  append(errors, structure.errors);
  errors.sort((a, b) => a.start - b.start);
  return {
    type: 'root',
    kind: 'macro',
    children: nodes,
    position: index.position({ start: 0, end: text.length }),
    errors,
    flow: structure.flow,
  };
}

const continuation = /&\+[ \t\f\v]*(?:\r\n|\r|\n)[ \t\f\v]*/g;

/** A text that may continue over `&+` lines (inside a string or a function call), as one line: each break a blank. */
export function joinContinued(text: string): string {
  return text.replace(continuation, ' ');
}

/** The text of a string element without its quotes, `''` read as `'`, a `&+` line break inside it as a blank. */
export function unquote(element: MacroElement): string {
  if (element.kind !== 'string') return element.text;
  const inner =
    element.text.endsWith("'") && element.text.length > 1 ? element.text.slice(1, -1) : element.text.slice(1);
  return joinContinued(inner.replace(/''/g, "'"));
}
