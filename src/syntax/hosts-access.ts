import type { IToken } from 'chevrotain';
import { parseHostsAccessCst, type HostsLineSyntax } from '../../grammar/hosts-access/index.ts';
import { tokenEnd, type GrammarError } from '../../grammar/types.ts';
import { ipv6Groups } from '../util/ip.ts';
import type { Field } from './field.ts';
import { optionsOf, type HostsOption } from './hosts-option-list.ts';
import { daemonKind, hostKind, netProblem, splitQualified, type PatternKind } from './hosts-pattern-kind.ts';
import { placeError, type ParseError } from './parse-error.ts';
import { LineIndex, type Position } from './position.ts';

export interface HostsPattern extends Field {
  /** The daemon, or the client's host, as tcpd matches it (continuations removed). */
  pattern: string;
  kind: PatternKind;
  /** `daemon@host`: the server's host pattern; `user@host`: the client's user pattern. */
  qualifier?: string;
}

export interface HostsRule {
  type: 'rule';
  daemons: HostsPattern[];
  clients: HostsPattern[];
  options: HostsOption[];
  /** The file's last line without a line feed: tcpd never reads it (see HostsAccessRoot.unterminated). */
  ignored: boolean;
  start: number;
  end: number;
  position: Position;
}

/** A line without the colon after its daemon list: tcpd skips it. */
export interface HostsBogus {
  type: 'bogus';
  start: number;
  end: number;
  position: Position;
}

export interface HostsAccessRoot {
  type: 'root';
  kind: 'hosts-access';
  children: Array<HostsRule | HostsBogus>;
  position: Position;
  errors: ParseError[];
  /**
   * The file's last line has no line feed (or ends in a backslash-newline). tcpd then stops with an error: in
   * hosts.allow the line is as good as absent, in hosts.deny every client that no rule has decided is denied.
   */
  unterminated: boolean;
}

/** Where tcpd's bracket count in a list is not back to zero: it then takes no colon after it as a separator. */
function bracketsBalanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '[') depth++;
    else if (c === ']') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The text of a token as tcpd reads it: a backslash-newline joins lines and is gone. */
function logical(text: string): string {
  return text.includes('\\\n') ? text.replace(/\\\n/g, '') : text;
}

function patternsOf(
  tokens: IToken[],
  kindOf: (pattern: string) => PatternKind,
  qualifiedFirst: boolean,
  errors: GrammarError[],
): HostsPattern[] {
  return tokens.map((token): HostsPattern => {
    const value = logical(token.image);
    const field = { value, start: token.startOffset, end: tokenEnd(token) };
    if (value.toLowerCase() === 'except') return { ...field, pattern: value, kind: 'except' };
    const [before, after] = splitQualified(value);
    // In a daemon list `daemon@host`; in a client list `user@host`.
    const pattern = qualifiedFirst || after === undefined ? before : after;
    const qualifier = after === undefined ? undefined : qualifiedFirst ? after : before;
    const kind = kindOf(pattern);
    const error = (why: string) =>
      errors.push({
        message: `Unexpected pattern '${value}', ${why}: tcpd matches nothing with it`,
        start: field.start,
        end: field.end,
        found: value,
        expected: 'a pattern',
      });
    if (pattern === '' || qualifier === '') error("expected text on both sides of '@'");
    else if (kind === 'net' || (qualifier !== undefined && qualifiedFirst && hostKind(qualifier) === 'net')) {
      const problem = netProblem(kind === 'net' ? pattern : qualifier!);
      if (problem !== undefined) error(problem);
    } else if (kind === 'ipv6' && ipv6Groups(pattern.slice(1, -1)) === undefined)
      error('expected an IPv6 address between the brackets');
    return { ...field, pattern, kind, ...(qualifier !== undefined && { qualifier }) };
  });
}

/** EXCEPT first in a list leaves nothing to except from; last, it excepts nothing. */
function checkExcept(list: HostsPattern[], what: string, errors: GrammarError[]): void {
  list.forEach((item, i) => {
    if (item.kind !== 'except') return;
    if (i === 0 || list[i - 1]!.kind === 'except') {
      errors.push({
        message: `Unexpected EXCEPT at the start of the ${what}, expected a pattern before it: tcpd matches nothing with this list`,
        start: item.start,
        end: item.end,
        found: item.value,
        expected: 'a pattern',
      });
    } else if (i === list.length - 1) {
      errors.push({
        message: `Unexpected end of the ${what} after EXCEPT, expected the patterns to except`,
        start: item.end,
        end: item.end,
        expected: 'a pattern',
      });
    }
  });
}

function ruleOf(line: HostsLineSyntax & { colon: IToken }, index: LineIndex, errors: GrammarError[]): HostsRule {
  const daemons = patternsOf(line.daemons, daemonKind, true, errors);
  const clients = patternsOf(line.clients, hostKind, false, errors);
  checkExcept(daemons, 'daemon list', errors);
  checkExcept(clients, 'client list', errors);
  for (const list of [line.daemons, line.clients]) {
    if (list.length > 0 && !bracketsBalanced(list.map((t) => t.image).join(' '))) {
      const start = list[0]!.startOffset;
      errors.push({
        message:
          "Unexpected '[' or ']' without its partner in this list, " +
          'expected brackets only around an IPv6 address: tcpd then splits the line at other colons than these',
        start,
        end: tokenEnd(list.at(-1)!),
        expected: 'balanced brackets',
      });
    }
  }
  const options = line.options ? optionsOf(line.options, errors) : [];
  const start = (line.daemons[0] ?? line.colon).startOffset;
  const end = tokenEnd(line.options ?? line.clients.at(-1) ?? line.colon);
  return {
    type: 'rule',
    daemons,
    clients,
    options,
    ignored: line.newline === undefined,
    start,
    end,
    position: index.position({ start, end }),
  };
}

/** Parses hosts.allow or hosts.deny (hosts_access(5) with the options of hosts_options(5)). */
export function parseHostsAccess(text: string, index = new LineIndex(text)): HostsAccessRoot {
  const parsed = parseHostsAccessCst(text);
  const errors: GrammarError[] = [...parsed.errors];
  const children = parsed.cst.map((line): HostsRule | HostsBogus => {
    if (line.colon === undefined) {
      const start = line.daemons[0]!.startOffset;
      const end = tokenEnd(line.daemons.at(-1)!);
      return { type: 'bogus', start, end, position: index.position({ start, end }) };
    }
    return ruleOf(line as HostsLineSyntax & { colon: IToken }, index, errors);
  });
  const unterminated = text.length > 0 && (!text.endsWith('\n') || text.endsWith('\\\n'));
  if (unterminated) {
    errors.push({
      message:
        'Unexpected end of file, expected a line break: ' +
        'tcpd reads no last line without one, and in hosts.deny it then denies every client no rule before has decided',
      start: text.length,
      end: text.length,
      expected: 'a line break',
    });
  }
  errors.sort((a, b) => a.start - b.start);
  return {
    type: 'root',
    kind: 'hosts-access',
    children,
    position: index.position({ start: 0, end: text.length }),
    errors: errors.map((e) => placeError(e, index)),
    unterminated,
  };
}

/** The rules tcpd reads, in order: every line with a colon and a line feed. */
export function readRules(root: HostsAccessRoot): HostsRule[] {
  return root.children.filter((node): node is HostsRule => node.type === 'rule' && !node.ignored);
}
