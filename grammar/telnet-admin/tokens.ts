import { createToken, type TokenType } from 'chevrotain';
import { everyCodeUnitExcept, lineCommentToken } from '../lexing.ts';

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const Blank = createToken({ name: 'Blank', pattern: /[ \t\f\v]+/, group: 'trivia' });

/** `#` or `&` at the start of a line: a note the site added to the captured listing. */
export const Comment = lineCommentToken('#&');

/** A run of dashes or equals signs under the header. */
export const Rule = createToken({ name: 'Rule', pattern: /[-=]{2,}(?![^ \t\f\v\r\n])/, start_chars_hint: ['-', '='] });

export const Cell = createToken({ name: 'Cell', pattern: /[^ \t\f\v\r\n]+/, start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n') });

export const telnetAdminTokens: TokenType[] = [Newline, Blank, Comment, Rule, Cell];
