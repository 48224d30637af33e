import { parseInetdCst } from '../grammar/inetd/index.ts';

/** The tokens and trivia of a text, put back together in offset order: the input again, if lexing is lossless. */
export function relexed(text: string): string {
  const { tokens, trivia } = parseInetdCst(text);
  return [...tokens, ...trivia]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((token) => token.image)
    .join('');
}
