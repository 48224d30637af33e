import type { CstNode, IToken } from 'chevrotain';
import { cstGrammar } from '../parsing.ts';
import { tokenEnd, type GrammarError } from '../types.ts';
import { newMacroParser } from './parser.ts';
import { macroTokens, QuotedString, RightParen } from './tokens.ts';

const terminatedString = /^'(?:[^'\r\n]|'')*'$/;

function unterminatedStrings(tokens: IToken[]): GrammarError[] {
  return tokens
    .filter((token) => token.tokenType === QuotedString && !terminatedString.test(token.image))
    .map((token) => ({
      message: `Unexpected end of line in a string, expected a closing ' (write '' for a quote inside a string)`,
      start: tokenEnd(token),
      end: tokenEnd(token),
      expected: "'",
    }));
}

/** Calls whose `)` is missing, and `)` with no call to close. */
function parenthesisErrors(node: CstNode, errors: GrammarError[]): void {
  for (const [label, children] of Object.entries(node.children)) {
    for (const child of children) {
      if ('children' in child) {
        if (label === 'call' && child.children.RightParen === undefined) {
          const open = (child.children.LeftParen as IToken[])[0]!;
          errors.push({ message: "Unexpected end of statement in a call opened here, expected ')'", start: open.startOffset, end: tokenEnd(open), found: '(', expected: ')' });
        }
        parenthesisErrors(child, errors);
      } else if (label === 'RightParen' && node.name === 'element' && child.tokenType === RightParen) {
        errors.push({ message: "Unexpected ')', expected it to close a '(' on the same statement", start: child.startOffset, end: tokenEnd(child), found: ')', expected: 'an argument' });
      }
    }
  }
}

/** Lexes and parses command macro text. Never throws on any input. */
export const parseMacroCst = cstGrammar(macroTokens, newMacroParser, (cst, tokens) => {
  const errors = unterminatedStrings(tokens);
  parenthesisErrors(cst, errors);
  return errors;
});
