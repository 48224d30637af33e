import { createToken, type TokenType } from 'chevrotain';
import { Blank, everyCodeUnitExcept, lineCommentToken, Newline } from '../lexing.ts';

/** `#` or `&` at the start of a line: a note the site added to the captured listing. */
export const Comment = lineCommentToken('#&');

/** A run of dashes or equals signs under the header. */
export const Rule = createToken({ name: 'Rule', pattern: /[-=]{2,}(?![^ \t\f\v\r\n])/, start_chars_hint: ['-', '='] });

export const Cell = createToken({
  name: 'Cell',
  pattern: /[^ \t\f\v\r\n]+/,
  start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n'),
});

export const telnetAdminTokens: TokenType[] = [Newline, Blank, Comment, Rule, Cell];
