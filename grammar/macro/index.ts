import type { CstNode, IToken } from 'chevrotain';
import { cstGrammar } from '../parsing.ts';
import { tokenEnd, type GrammarError } from '../types.ts';
import { maxCallDepth, newMacroParser } from './parser.ts';
import { macroTokens, QuotedString } from './tokens.ts';

/**
 * A string token ends with its closing quote when the quotes that end it, after the opening one, are odd in number:
 * an even run is doubled `''` quotes that the line's end cut short.
 */
function terminated(image: string): boolean {
  let quotes = 0;
  while (quotes < image.length - 1 && image.charCodeAt(image.length - 1 - quotes) === 0x27) quotes++;
  return quotes % 2 === 1;
}

function unterminatedStrings(tokens: IToken[]): GrammarError[] {
  return tokens
    .filter((token) => token.tokenType === QuotedString && !terminated(token.image))
    .map((token) => ({
      message: `Unexpected end of line in a string, expected a closing ' (write '' for a quote inside a string)`,
      start: tokenEnd(token),
      end: tokenEnd(token),
      expected: "'",
    }));
}

/**
 * Calls whose `)` is missing, `)` with no call to close, and calls nested too deep. Once a statement nests too
 * deep, its stray `)` are the too-deep calls' own and are not reported again.
 */
function parenthesisErrors(node: CstNode, errors: GrammarError[], statement = { tooDeep: false }): void {
  for (const [label, children] of Object.entries(node.children)) {
    for (const child of children) {
      if ('children' in child) {
        if (label === 'call' && child.children.RightParen === undefined && !statement.tooDeep) {
          const open = (child.children.LeftParen as IToken[])[0]!;
          errors.push({
            message: "Unexpected end of statement in a call opened here, expected ')'",
            start: open.startOffset,
            end: tokenEnd(open),
            found: '(',
            expected: ')',
          });
        }
        parenthesisErrors(child, errors, node.name === 'file' ? { tooDeep: false } : statement);
      } else if (label === 'tooDeep' && !statement.tooDeep) {
        statement.tooDeep = true;
        errors.push({
          message: `Unexpected '(' nested more than ${maxCallDepth} calls deep, expected fewer levels; what follows is read as plain text`,
          start: child.startOffset,
          end: tokenEnd(child),
          found: '(',
          expected: 'a shallower call',
        });
      } else if (label === 'RightParen' && node.name === 'element' && !statement.tooDeep) {
        errors.push({
          message: "Unexpected ')', expected it to close a '(' on the same statement",
          start: child.startOffset,
          end: tokenEnd(child),
          found: ')',
          expected: 'an argument',
        });
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
