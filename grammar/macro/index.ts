import type { CstNode, IToken } from 'chevrotain';
import { tokenEnd, type GrammarError, type ParsedCst } from '../types.ts';
import { macroParser } from './parser.ts';
import { macroLexer, QuotedString, RightParen } from './tokens.ts';

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
export function parseMacroCst(text: string): ParsedCst {
  const lexed = macroLexer().tokenize(text);
  const parser = macroParser();
  parser.input = lexed.tokens;
  const cst = parser.file();
  const errors = unterminatedStrings(lexed.tokens);
  parenthesisErrors(cst, errors);
  for (const e of lexed.errors) errors.push({ message: e.message, start: e.offset, end: e.offset + e.length, expected: 'a statement' });
  for (const e of parser.errors) errors.push({ message: e.message, start: e.token.startOffset, end: tokenEnd(e.token), expected: 'a statement' });
  errors.sort((a, b) => a.start - b.start);
  return { cst, tokens: lexed.tokens, trivia: lexed.groups.trivia ?? [], errors };
}
