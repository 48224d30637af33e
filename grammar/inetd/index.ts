import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { cstGrammar } from '../parsing.ts';
import { tokenEnd, type GrammarError } from '../types.ts';
import { newInetdParser, type InetdLineSyntax } from './parser.ts';
import { inetdTokens, Protocol, SocketType, WaitSpec } from './tokens.ts';

interface FieldExpectation {
  type?: TokenType;
  expected: string;
}

/** What each field of an entry must be, in order; a bogus line is explained by the first field that does not fit. */
const fieldExpectations: FieldExpectation[] = [
  { expected: 'a service name' },
  { type: SocketType, expected: 'a socket type (stream, dgram, raw, rdm or seqpacket)' },
  { type: Protocol, expected: 'a protocol (tcp, udp, tcp6, udp6, rpc/tcp, rpc/udp …)' },
  { type: WaitSpec, expected: 'wait or nowait (also nowait.N, wait:N, nowait/N/N)' },
  { expected: 'a user name (user, user.group or user:group)' },
  { expected: 'a server program path or internal' },
];

function quoted(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

export function explainBogusLine(fields: IToken[]): GrammarError {
  for (const [i, expectation] of fieldExpectations.entries()) {
    const token = fields[i];
    if (token === undefined) {
      const last = fields[fields.length - 1]!;
      const end = tokenEnd(last);
      return {
        message: `Unexpected end of line after ${quoted(last.image)}, expected ${expectation.expected} as field ${i + 1}`,
        start: end,
        end,
        expected: expectation.expected,
      };
    }
    if (expectation.type && !tokenMatcher(token, expectation.type)) {
      return {
        message: `Unexpected ${quoted(token.image)} in field ${i + 1}, expected ${expectation.expected}`,
        start: token.startOffset,
        end: tokenEnd(token),
        found: token.image,
        expected: expectation.expected,
      };
    }
  }
  throw new Error('explainBogusLine called on a line that is a valid entry');
}

/** Lexes and parses inetd.conf text. Never throws on any input: every line is an entry, an address, or bogus. */
export const parseInetdCst = cstGrammar(inetdTokens, newInetdParser, (lines: InetdLineSyntax[]) =>
  lines.flatMap((line) => (line.kind === 'bogus' ? [explainBogusLine(line.fields)] : [])),
);

export type { InetdLineSyntax };
