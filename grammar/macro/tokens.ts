import { createToken, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import { Blank, everyCodeUnitExcept, lineCommentToken, Newline } from '../lexing.ts';

/**
 * Tokens of the VOS command macro language. Every character of any input belongs to exactly one token, so lexing
 * never fails: what the grammar cannot place becomes part of a bogus statement, not a lexer error.
 */

/** `&+` at the end of a line, blanks after it allowed: the statement goes on on the next line. */
export const Continuation = createToken({
  name: 'Continuation',
  pattern: /&\+[ \t\f\v]*(?:\r\n|\r|\n|(?![^]))/,
  line_breaks: true,
  group: 'trivia',
  start_chars_hint: ['&'],
});

/** A line whose first non-blank text is `&` and a blank, or `&` alone, is a comment; its text is free. */
export const Comment = lineCommentToken('&', true);

/** `&name&` or `&$name&`: a variable, anywhere, even glued inside a word or a quoted string. */
export const VariableReference = createToken({
  name: 'VariableReference',
  pattern: /&\$?[A-Za-z_][\w$.]*&/,
  start_chars_hint: ['&'],
});

/** `&if`, `&then`, `&set_string`, `&begin_parameters` …: a directive word. */
export const Directive = createToken({ name: 'Directive', pattern: /&[A-Za-z_]\w*/, start_chars_hint: ['&'] });

/** A lone `&` inside a line: the "and" operator of `&if` expressions. */
// A class, not /&/: chevrotain would test a plain string against Comment, which matches a lone `&` at line start.
export const Ampersand = createToken({ name: 'Ampersand', pattern: /[&]/, start_chars_hint: ['&'] });

const continuationInString = /&\+[ \t\f\v]*(?:\r\n|\r|\n)/y;

/**
 * The end of a single-quoted string starting at `offset`: after its closing quote, or at the end of its line (of
 * its last continued line) when it has none. Inside, `''` is a quote and `&+` at the end of a line continues the
 * string on the next. A loop, not a regular expression: V8 keeps a backtracking entry for every repetition of a
 * pattern such as /'(?:[^'\n]|'')*'/ and overflows its stack on a string of some megabytes.
 */
export function quotedStringEnd(text: string, offset: number): number {
  let at = offset + 1;
  for (;;) {
    const code = text.charCodeAt(at);
    if (Number.isNaN(code) || code === 0x0a || code === 0x0d) return at;
    if (code === 0x27) {
      if (text.charCodeAt(at + 1) !== 0x27) return at + 1;
      at += 2;
    } else if (code === 0x26) {
      continuationInString.lastIndex = at;
      at = continuationInString.test(text) ? continuationInString.lastIndex : at + 1;
    } else at++;
  }
}

/** A single-quoted string. An unterminated string runs to the end of its line (of its last continued line). */
export const QuotedString = createToken({
  name: 'QuotedString',
  pattern: {
    exec: (text, offset) =>
      text.charCodeAt(offset) === 0x27
        ? ([text.slice(offset, quotedStringEnd(text, offset))] as CustomPatternMatcherReturn)
        : null,
  },
  line_breaks: true,
  start_chars_hint: ["'"],
});

export const LeftParen = createToken({ name: 'LeftParen', pattern: /\(/, start_chars_hint: ['('] });
export const RightParen = createToken({ name: 'RightParen', pattern: /\)/, start_chars_hint: [')'] });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, start_chars_hint: [';'] });

/** Anything else up to a blank, quote, parenthesis, `;` or `&`: command names, paths, options, operators. */
export const Word = createToken({
  name: 'Word',
  pattern: /[^ \t\f\v\r\n'();&]+/,
  start_chars_hint: everyCodeUnitExcept(" \t\f\v\r\n'();&"),
});

export const macroTokens: TokenType[] = [
  Newline,
  Blank,
  Continuation,
  Comment,
  VariableReference,
  Directive,
  Ampersand,
  QuotedString,
  LeftParen,
  RightParen,
  Semicolon,
  Word,
];
