import type { IToken } from 'chevrotain';
import { parseSshdConfigCst } from '../../grammar/sshd-config/index.ts';
import { lineWords } from '../../grammar/word-lines.ts';
import { tokenEnd, type GrammarError } from '../../grammar/types.ts';
import { portNumber } from '../util/port-number.ts';
import { directiveWords, unquoted } from './directive-words.ts';
import type { Field } from './field.ts';
import { placeError, type ParseError } from './parse-error.ts';
import { LineIndex, type Position } from './position.ts';

/** One `Keyword arguments…` line. */
export interface SshdDirective {
  type: 'directive';
  keyword: Field;
  /** The keyword in lower case: sshd reads keywords case-insensitively. */
  name: string;
  /** The arguments, their quotes taken off. */
  arguments: Field[];
  /** The `Match` line whose block this line is in, if any (a Match line itself is in none). */
  match?: SshdDirective;
  position: Position;
}

export interface SshdConfigRoot {
  type: 'root';
  kind: 'sshd-config';
  children: SshdDirective[];
  position: Position;
  errors: ParseError[];
}

/** A `ListenAddress` argument: `host`, `host:port`, `[host]:port`, `[v6]`, or a bare IPv6 address. */
export interface ListenAddress {
  host: string;
  port?: number;
}

/**
 * Reads a ListenAddress argument as sshd does (servconf.c): a bare IPv6 address has no port; otherwise a port
 * follows the last `:` after the host, in brackets when the host is IPv6. Undefined when the port is not one.
 */
export function listenAddress(text: string): ListenAddress | undefined {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) return withPort(bracketed[1]!, bracketed[2]);
  if (!text.includes('[') && (text.match(/:/g)?.length ?? 0) >= 2) return { host: text };
  const colon = text.indexOf(':');
  return colon === -1 ? { host: text } : withPort(text.slice(0, colon), text.slice(colon + 1));
}

function withPort(host: string, port: string | undefined): ListenAddress | undefined {
  if (host === '') return undefined;
  if (port === undefined) return { host };
  const number = portNumber(port);
  return number === undefined ? undefined : { host, port: number };
}

/** Keywords a Match block may not hold that the model reads (sshd_config(5) lists those it may). */
const globalOnly = new Set(['port', 'listenaddress']);

const expectedPort = 'a port number from 1 to 65535';
const expectedAddress = 'an address, host:port or [address]:port';

/** The arguments sshd's port keywords must have: each error found, at the argument. */
function argumentErrors(directive: SshdDirective): GrammarError[] {
  const [first] = directive.arguments;
  const keyword = directive.keyword.value;
  if (first === undefined) {
    const at = directive.keyword.end;
    const expected =
      directive.name === 'port' ? expectedPort : directive.name === 'listenaddress' ? expectedAddress : 'an argument';
    return [
      { message: `Unexpected end of line after '${keyword}', expected ${expected}`, start: at, end: at, expected },
    ];
  }
  const bad = (expected: string): GrammarError[] => [
    {
      message: `Unexpected '${first.value}' after '${keyword}', expected ${expected}`,
      start: first.start,
      end: first.end,
      expected,
    },
  ];
  if (directive.name === 'port' && portNumber(first.value) === undefined) return bad(expectedPort);
  if (directive.name === 'listenaddress' && listenAddress(first.value) === undefined) return bad(expectedAddress);
  return [];
}

const tokenValue = (token: IToken) => (token.image.startsWith('"') ? unquoted(token.image) : token.image);

/** Parses an sshd_config file: every line a directive, Match blocks marked on the lines they hold. */
export function parseSshdConfig(text: string, index = new LineIndex(text)): SshdConfigRoot {
  const parsed = parseSshdConfigCst(text);
  const errors: GrammarError[] = [...parsed.errors];
  const children: SshdDirective[] = [];
  let match: SshdDirective | undefined;
  for (const tokens of lineWords(parsed.cst)) {
    const [first] = tokens;
    const unclosed = tokens.find((token) => token.tokenType.name === 'Unclosed');
    if (unclosed !== undefined) {
      const end = tokenEnd(unclosed);
      errors.push({
        message: `Unexpected end of line in a quoted argument, expected a closing "`,
        start: end,
        end,
        expected: '"',
      });
      continue;
    }
    if (first!.tokenType.name !== 'Word') {
      errors.push({
        message: `Unexpected '${first!.image}' at the start of a line, expected a keyword`,
        start: first!.startOffset,
        end: tokenEnd(first!),
        expected: 'a keyword',
      });
      continue;
    }
    const rest = tokens[1]?.tokenType.name === 'Equals' ? tokens.slice(2) : tokens.slice(1);
    const directive: SshdDirective = {
      type: 'directive',
      keyword: { value: first!.image, start: first!.startOffset, end: tokenEnd(first!) },
      name: first!.image.toLowerCase(),
      arguments: directiveWords(rest, tokenValue),
      position: index.position({ start: first!.startOffset, end: tokenEnd(tokens.at(-1)!) }),
    };
    if (directive.name === 'match') match = directive;
    else if (match !== undefined) directive.match = match;
    const wrong = argumentErrors(directive);
    if (match !== undefined && directive.match !== undefined && globalOnly.has(directive.name)) {
      const line = match.position.start.line;
      wrong.unshift({
        message: `Unexpected '${directive.keyword.value}' in the Match block of line ${line}, expected a keyword a Match block allows (sshd refuses to start)`,
        start: directive.keyword.start,
        end: directive.keyword.end,
        expected: 'a keyword a Match block allows',
      });
    }
    if (wrong.length > 0) {
      errors.push(wrong[0]!);
      continue;
    }
    children.push(directive);
  }
  return {
    type: 'root',
    kind: 'sshd-config',
    children,
    position: index.position({ start: 0, end: text.length }),
    errors: errors.sort((a, b) => a.start - b.start).map((error) => placeError(error, index)),
  };
}
