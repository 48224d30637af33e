import { createToken, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import { atLineStart, Blank, everyCodeUnitExcept, lineCommentToken, Newline } from '../lexing.ts';

/**
 * The six fields every entry has, in order, with the form a field must have where it has one. The parser checks
 * them on the words in their place, so `stream` or `wait` is a keyword only in its own field (a service may be
 * called `raw`); a bogus line is explained by the first field that does not fit.
 */
export interface EntryField {
  form?: RegExp;
  expected: string;
}

/** The socket types, as a regular-expression alternation. */
export const socketTypes = 'stream|dgram|raw|rdm|seqpacket';

export const entryFields: readonly EntryField[] = [
  { expected: 'a service name' },
  { form: new RegExp(`^(?:${socketTypes})$`), expected: 'a socket type (stream, dgram, raw, rdm or seqpacket)' },
  // tcp, udp6, rpc/tcp, tcp,rcvbuf=1k, tcp4,sndbuf=64k,rcvbuf=64k …
  {
    form: /^(?:rpc\/)?(?:tcp|udp|sctp|unix)(?:46|4|6)?(?:,.*)?$/,
    expected: 'a protocol (tcp, udp, tcp6, udp6, rpc/tcp, rpc/udp …)',
  },
  // wait, nowait, nowait.400 (max per minute), wait:100, nowait/3/10/2 (FreeBSD limits)
  { form: /^(?:no)?wait(?:[.:]\d+|(?:\/\d*){1,3})?$/, expected: 'wait or nowait (also nowait.N, wait:N, nowait/N/N)' },
  { expected: 'a user name (user, user.group or user:group)' },
  { expected: 'a server program path or internal' },
];

/** Whether a word fits the entry's field number `field` (from 0). */
export function fitsEntryField(image: string, field: number): boolean {
  return entryFields[field]!.form?.test(image) ?? true;
}

/**
 * `#` starts a comment only as the first non-blank character of a line: BSD inetd reads a `#` inside a line as part
 * of a field, and server arguments may contain one.
 */
export const Comment = lineCommentToken('#');

/** A commented-out line that may be an entry: its marks and blanks, then a word, then a socket type. */
const mayBeEntry = new RegExp(
  String.raw`[# \t\f\v]*[^# \t\f\v\r\n][^ \t\f\v\r\n]*[ \t\f\v]+(?:${socketTypes})[ \t\f\v]`,
  'y',
);
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
export const Word = createToken({
  name: 'Word',
  pattern: /[^ \t\f\v\r\n]+/,
  start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n'),
});

export const inetdTokens: TokenType[] = [Newline, Blank, DisabledMarker, Comment, Word];
