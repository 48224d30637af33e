import { createToken, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import { Blank, everyCodeUnitExcept, Newline, restOfLine } from '../lexing.ts';
import { LineWord } from '../word-lines.ts';

/**
 * sshd_config(5): `Keyword arguments…` or `Keyword=arguments…`, one a line; arguments may be in double quotes. A `#`
 * that starts a line, or a word, starts a comment that runs to the end of the line (OpenSSH splits arguments so
 * since 8.7; before that only a `#` at the start of a line did, and a word starting with `#` is no argument anyone
 * writes).
 */
export const Comment = createToken({
  name: 'Comment',
  pattern: {
    exec: (text: string, offset: number): CustomPatternMatcherReturn | null => {
      if (text.charCodeAt(offset) !== 0x23) return null;
      const before = offset === 0 ? '\n' : text[offset - 1]!;
      if (!/[ \t\f\v\r\n]/.test(before)) return null;
      return [restOfLine(text, offset)] as CustomPatternMatcherReturn;
    },
  },
  line_breaks: false,
  group: 'trivia',
  start_chars_hint: ['#'],
});

/** A double-quoted argument; a backslash keeps the next character. */
export const Quoted = createToken({
  name: 'Quoted',
  categories: [LineWord],
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  start_chars_hint: ['"'],
});

/** A double quote that the line ends before closing. */
export const Unclosed = createToken({
  name: 'Unclosed',
  categories: [LineWord],
  pattern: /"[^\r\n]*/,
  start_chars_hint: ['"'],
});

/** The `=` between a keyword and its arguments (also kept inside arguments: `SetEnv A=B`). */
export const Equals = createToken({ name: 'Equals', categories: [LineWord], pattern: /=/, start_chars_hint: ['='] });

export const Word = createToken({
  name: 'Word',
  categories: [LineWord],
  pattern: /[^ \t\f\v\r\n"=][^ \t\f\v\r\n"=]*/,
  start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n"='),
});

export const sshdConfigTokens: TokenType[] = [Newline, Blank, Comment, Quoted, Unclosed, Equals, Word];
