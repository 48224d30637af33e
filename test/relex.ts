import { languageOf, type FileKind } from '../src/languages/registry.ts';

/** The tokens and trivia of a text, put back together in offset order: the input again, if lexing is lossless. */
export function relexed(text: string, kind: FileKind = 'inetd'): string {
  const { tokens, trivia } = languageOf(kind).lex(text);
  return [...tokens, ...trivia]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((token) => token.image)
    .join('');
}
