import { createToken, type TokenType } from 'chevrotain';
import { Blank, everyCodeUnitExcept, lineCommentToken, Newline } from '../lexing.ts';
import { LineWord } from '../word-lines.ts';

/**
 * Apache's configuration files: one directive a line, `Name arguments…`, or a section's `<Name arguments>` and
 * `</Name>`; arguments in double or single quotes may hold blanks; a backslash at the very end of a line continues
 * it on the next; `#` starts a comment only at the start of a line (Apache allows no comment after a directive).
 */
export const Comment = lineCommentToken('#');

/** A backslash that ends a line: the next line goes on with this one. */
export const Continuation = createToken({
  name: 'Continuation',
  pattern: /\\(?:\r\n|\r|\n)/,
  line_breaks: true,
  group: 'trivia',
  start_chars_hint: ['\\'],
});

export const Quoted = createToken({
  name: 'Quoted',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"|'(?:[^'\\\r\n]|\\[^\r\n])*'/,
  categories: [LineWord],
  start_chars_hint: ['"', "'"],
});

/** A quote that the line ends before closing. */
export const Unclosed = createToken({
  name: 'Unclosed',
  pattern: /["'][^\r\n]*/,
  categories: [LineWord],
  start_chars_hint: ['"', "'"],
});

/** A word: quotes inside it are its own characters, and a backslash is one unless it ends the line. */
export const Word = createToken({
  name: 'Word',
  pattern: /(?:[^ \t\f\v\r\n"'\\]|\\(?![\r\n]))(?:[^ \t\f\v\r\n\\]|\\(?![\r\n]))*/,
  categories: [LineWord],
  start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n"\''),
});

export const httpdConfTokens: TokenType[] = [Newline, Blank, Continuation, Comment, Quoted, Unclosed, Word];
