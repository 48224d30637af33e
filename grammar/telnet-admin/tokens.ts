import { createToken, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import { atLineStart, everyCodeUnitExcept, restOfLine } from '../lexing.ts';

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const Blank = createToken({ name: 'Blank', pattern: /[ \t\f\v]+/, group: 'trivia' });

/** `#` or `&` at the start of a line: a note the site added to the captured listing. */
function matchNote(text: string, offset: number): CustomPatternMatcherReturn | null {
  const code = text.charCodeAt(offset);
  if ((code !== 0x23 && code !== 0x26) || !atLineStart(text, offset)) return null;
  return [restOfLine(text, offset)] as CustomPatternMatcherReturn;
}

export const Comment = createToken({ name: 'Comment', pattern: { exec: matchNote }, line_breaks: false, group: 'trivia', start_chars_hint: ['#', '&'] });

/** A run of dashes or equals signs under the header. */
export const Rule = createToken({ name: 'Rule', pattern: /[-=]{2,}(?![^ \t\f\v\r\n])/, start_chars_hint: ['-', '='] });

export const Cell = createToken({ name: 'Cell', pattern: /[^ \t\f\v\r\n]+/, start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n') });

export const telnetAdminTokens: TokenType[] = [Newline, Blank, Comment, Rule, Cell];
