import { createToken, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import { atLineStart, Blank, everyCodeUnitExcept, lineCommentToken, Newline } from '../lexing.ts';
import { socketTypes } from './fields.ts';

/**
 * `#` starts a comment only as the first non-blank character of a line: BSD inetd reads a `#` inside a line as part
 * of a field, and server arguments may contain one.
 */
export const Comment = lineCommentToken('#');

/** A commented-out line that may be an entry: its marks and blanks, then a word, then a socket type. */
const mayBeEntry = new RegExp(String.raw`[# \t\f\v]*[^# \t\f\v\r\n][^ \t\f\v\r\n]*[ \t\f\v]+(?:${socketTypes})[ \t\f\v]`, 'y');
const marks = /#[# \t\f\v]*/y;

/**
 * The `#` (and any more marks and blanks) in front of a commented-out line that looks like an entry. The line's
 * words are then lexed like any entry's and the parser decides whether they are one: configured, but off. Other
 * comment lines stay one Comment token.
 */
export const DisabledMarker = createToken({
  name: 'DisabledMarker',
  line_breaks: false,
  start_chars_hint: ['#'],
  pattern: {
    exec: (text: string, offset: number): CustomPatternMatcherReturn | null => {
      if (text.charCodeAt(offset) !== 0x23 || !atLineStart(text, offset)) return null;
      mayBeEntry.lastIndex = offset;
      if (!mayBeEntry.test(text)) return null;
      marks.lastIndex = offset;
      return marks.exec(text) as CustomPatternMatcherReturn;
    },
  },
});

/** Any run of non-blank characters: a field. */
export const Word = createToken({ name: 'Word', pattern: /[^ \t\f\v\r\n]+/, start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n') });

export const inetdTokens: TokenType[] = [Newline, Blank, DisabledMarker, Comment, Word];

