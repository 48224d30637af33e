import type { IToken } from 'chevrotain';
import { tokenEnd } from '../../grammar/types.ts';
import type { Field } from './field.ts';

/**
 * The words of a directive line as the daemon reads them: tokens with nothing between them are one word
 * (`"a b"c`, `SetEnv A=B`), and a quoted token stands for what its quotes hold.
 */
export function directiveWords(tokens: readonly IToken[], valueOf: (token: IToken) => string): Field[] {
  const words: Field[] = [];
  for (const token of tokens) {
    const last = words.at(-1);
    if (last !== undefined && last.end === token.startOffset) {
      last.value += valueOf(token);
      last.end = tokenEnd(token);
    } else words.push({ value: valueOf(token), start: token.startOffset, end: tokenEnd(token) });
  }
  return words;
}

/** What a double- or single-quoted token holds, a backslash keeping the character after it. */
export function unquoted(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, '$1');
}
