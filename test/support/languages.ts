import { languageOf, type FileKind } from '../../src/languages/registry.ts';
import type { Tree } from '../../src/languages/language.ts';
import { LineIndex } from '../../src/syntax/position.ts';

/** Any kind's tree, as far as the invariants look at it. */
export function treeOf(kind: FileKind, text: string): Tree {
  return languageOf(kind).parse(text, new LineIndex(text));
}

/** The tokens and trivia of a text, put back together in offset order: the input again, if lexing is lossless. */
export function relexed(text: string, kind: FileKind = 'inetd'): string {
  const { tokens, trivia } = languageOf(kind).lex(text);
  return [...tokens, ...trivia]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((token) => token.image)
    .join('');
}
