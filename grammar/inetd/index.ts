import type { IToken } from 'chevrotain';
import { cstGrammar } from '../parsing.ts';
import { tokenEnd, type GrammarError } from '../types.ts';
import { newInetdParser, type InetdLineSyntax } from './parser.ts';
import { entryFields, fitsEntryField } from './tokens.ts';
import { inetdTokens } from './tokens.ts';

function quoted(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

function explainBogusLine(fields: IToken[]): GrammarError {
  for (const [i, expectation] of entryFields.entries()) {
    const token = fields[i];
    if (token === undefined) {
      const last = fields[fields.length - 1]!;
      const end = tokenEnd(last);
      return {
        message: `Unexpected end of line after ${quoted(last.image)}, expected ${expectation.expected} as field ${i + 1}`,
        start: end,
        end,
        expected: expectation.expected,
      };
    }
    if (!fitsEntryField(token.image, i)) {
      return {
        message: `Unexpected ${quoted(token.image)} in field ${i + 1}, expected ${expectation.expected}`,
        start: token.startOffset,
        end: tokenEnd(token),
        found: token.image,
        expected: expectation.expected,
      };
    }
  }
  throw new Error('explainBogusLine called on a line that is a valid entry');
}

/** Lexes and parses inetd.conf text. Never throws on any input: every line is an entry, an address, or bogus. */
export const parseInetdCst = cstGrammar(inetdTokens, newInetdParser, (lines: InetdLineSyntax[]) => {
  const errors: GrammarError[] = [];
  for (const line of lines) if (line.kind === 'bogus') errors.push(explainBogusLine(line.fields));
  return errors;
});

export type { InetdLineSyntax };
