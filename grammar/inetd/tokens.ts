import { createToken, type TokenType } from 'chevrotain';
import { everyCodeUnitExcept, lineCommentToken } from '../lexing.ts';

/** Lines end in LF, CRLF or a lone CR (old editors); all three are kept as written. */
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });

export const Blank = createToken({ name: 'Blank', pattern: /[ \t\f\v]+/, group: 'trivia' });

/**
 * `#` starts a comment only as the first non-blank character of a line: BSD inetd reads a `#` inside a line as part
 * of a field, and server arguments may contain one.
 */
export const Comment = lineCommentToken('#');

/** Any run of non-blank characters: a field. The keyword tokens below are Words too; each ends where a Word would. */
export const Word = createToken({ name: 'Word', pattern: /[^ \t\f\v\r\n]+/, start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n') });

function keyword(name: string, pattern: RegExp, starts: string[]): TokenType {
  return createToken({ name, pattern, categories: [Word], start_chars_hint: starts });
}

export const SocketType = keyword('SocketType', /(?:stream|dgram|raw|rdm|seqpacket)(?![^ \t\f\v\r\n])/, ['s', 'd', 'r']);

/** tcp, udp6, rpc/tcp, tcp,rcvbuf=1k, tcp4,sndbuf=64k,rcvbuf=64k … */
export const Protocol = keyword(
  'Protocol',
  /(?:rpc\/)?(?:tcp|udp|sctp|unix)(?:46|4|6)?(?:,[^ \t\f\v\r\n]*)?(?![^ \t\f\v\r\n])/,
  ['r', 't', 'u', 's'],
);

/** wait, nowait, nowait.400 (max per minute), wait:100, nowait/3/10/2 (FreeBSD limits). */
export const WaitSpec = keyword('WaitSpec', /(?:no)?wait(?:[.:]\d+|(?:\/\d*){1,3})?(?![^ \t\f\v\r\n])/, ['n', 'w']);

export const inetdTokens: TokenType[] = [Newline, Blank, Comment, SocketType, Protocol, WaitSpec, Word];

