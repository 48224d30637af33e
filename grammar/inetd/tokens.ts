import { skipValidations } from '../validations.ts';
import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';

/** Lines end in LF, CRLF or a lone CR (old editors); all three are kept as written. */
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });

export const Blank = createToken({ name: 'Blank', pattern: /[ \t\f\v]+/, group: 'trivia' });

/**
 * `#` starts a comment only as the first non-blank character of a line: BSD inetd reads a `#` inside a line as part
 * of a field, and server arguments may contain one.
 */
function matchLineComment(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 0x23) return null;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c && c !== 0x0b) return null;
  }
  let end = offset + 1;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 0x0a || c === 0x0d) break;
    end++;
  }
  return [text.slice(offset, end)] as CustomPatternMatcherReturn;
}

export const Comment = createToken({
  name: 'Comment',
  pattern: { exec: matchLineComment },
  line_breaks: false,
  group: 'trivia',
  start_chars_hint: ['#'],
});

const blanks = new Set([' ', '\t', '\f', '\v', '\r', '\n'].map((c) => c.charCodeAt(0)));

/**
 * Every UTF-16 code unit a Word can start with. Chevrotain cannot read first characters off a negated class, and
 * without a hint for every token it tries every pattern at every position; a hint of ASCII alone would lose the
 * words that start with other characters, so the hint names them all.
 */
const wordStarts = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => !blanks.has(code));

/** Any run of non-blank characters: a field. The keyword tokens below are Words too; each ends where a Word would. */
export const Word = createToken({ name: 'Word', pattern: /[^ \t\f\v\r\n]+/, start_chars_hint: wordStarts });

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

export const inetdLexer = new Lexer(inetdTokens, { positionTracking: 'onlyOffset', skipValidations });
