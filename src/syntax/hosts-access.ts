import type { IToken } from 'chevrotain';
import { parseHostsAccessCst, type HostsLineSyntax } from '../../grammar/hosts-access/index.ts';
import { tokenEnd, type GrammarError } from '../../grammar/types.ts';
import { atoi, dottedQuad, ipv6Groups } from '../util/ip.ts';
import type { Field } from './field.ts';
import { optionNames, optionSpecs } from './hosts-options.ts';
import { placeError, type ParseError } from './parse-error.ts';
import { LineIndex, type Position } from './position.ts';

/**
 * What a pattern is, in the order tcpd tries them: for a client's host (or a daemon's server host) `netgroup`
 * (`@name`), `file` (`/path`), `net` (`n.n.n.n/m.m.m.m`, `n.n.n.n/len`, `[ipv6]/len`), `ipv6` (`[addr]`), then the
 * string forms that daemons share: `glob` (`*`, `?`), `domain` (`.example.com`), `wildcard` (ALL, KNOWN, UNKNOWN,
 * LOCAL, PARANOID), `prefix` (`10.9.`), `address`, `name`; and in a daemon list `port` (a server port number).
 */
export type PatternKind =
  | 'except'
  | 'netgroup'
  | 'file'
  | 'net'
  | 'ipv6'
  | 'glob'
  | 'domain'
  | 'wildcard'
  | 'prefix'
  | 'address'
  | 'name'
  | 'port';

export interface HostsPattern extends Field {
  /** The daemon, or the client's host, as tcpd matches it (continuations removed). */
  pattern: string;
  kind: PatternKind;
  /** `daemon@host`: the server's host pattern; `user@host`: the client's user pattern. */
  qualifier?: string;
}

export interface HostsOption extends Field {
  keyword: string;
  argument?: string;
  /** Why tcpd refuses the option: a rule with one denies every client it matches. */
  problem?: string;
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

const wildcards = new Set(['all', 'known', 'unknown', 'local', 'paranoid']);

/** Whether tcpd sees a host pattern as an address rather than a name: only digits, dots and slashes. */
export function looksNumeric(pattern: string): boolean {
  return /^[0-9./]*$/.test(pattern);
}

/** A daemon pattern, or any host pattern tcpd compares as a string. */
function stringKind(pattern: string): PatternKind {
  if (/[*?]/.test(pattern)) return 'glob';
  if (pattern.startsWith('.')) return 'domain';
  if (wildcards.has(pattern.toLowerCase())) return 'wildcard';
  if (pattern.endsWith('.')) return 'prefix';
  return looksNumeric(pattern) ? 'address' : 'name';
}

export function hostKind(pattern: string): PatternKind {
  if (pattern.startsWith('@')) return 'netgroup';
  if (pattern.startsWith('/')) return 'file';
  if (pattern.toLowerCase() === 'known' || pattern.toLowerCase() === 'local') return 'wildcard';
  if (pattern.includes('/')) return 'net';
  if (pattern.startsWith('[') && pattern.endsWith(']')) return 'ipv6';
  return stringKind(pattern);
}

export function daemonKind(pattern: string): PatternKind {
  return /^\d+$/.test(pattern) ? 'port' : stringKind(pattern);
}

/** `daemon@host` or `user@host`: split at the first `@` after the first character, as tcpd does. */
export function splitQualified(value: string): [string, string | undefined] {
  const at = value.indexOf('@', 1);
  return at === -1 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

/** Why tcpd can never match a net pattern (`net/mask`, `net/len`, `[net]/len`), or undefined when it can. */
export function netProblem(pattern: string): string | undefined {
  const slash = pattern.indexOf('/');
  const net = pattern.slice(0, slash);
  const mask = pattern.slice(slash + 1);
  if (net.startsWith('[')) {
    const length = atoi(mask);
    if (!net.endsWith(']') || ipv6Groups(net.slice(1, -1)) === undefined)
      return `expected an IPv6 address in brackets before '/'`;
    return length >= 0 && length <= 128 && /^\d+$/.test(mask)
      ? undefined
      : `expected a prefix length from 0 to 128 after '/'`;
  }
  const address = dottedQuad(net);
  if (address === undefined) return 'expected a network address n.n.n.n before the mask';
  const bits = mask.includes('.') ? dottedQuad(mask) : atoi(mask) >= 1 && atoi(mask) <= 32 ? atoi(mask) : undefined;
  if (bits === undefined)
    return 'expected a mask m.m.m.m (not 255.255.255.255) or a length from 1 to 32 after the address';
  return undefined;
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

/**
 * The options after the client list, split as tcpd splits them: at every colon but `\:`, each trimmed, the keyword
 * up to a blank or `=`, the value after it (one `=` between them is allowed).
 */
function optionsOf(token: IToken, errors: GrammarError[]): HostsOption[] {
  const image = token.image;
  const options: HostsOption[] = [];
  let text = '';
  let first = -1;
  let last = -1;
  const flush = (at: number) => {
    const start = first === -1 ? at : token.startOffset + first;
    options.push(describeOption(text.trim(), start, first === -1 ? at : token.startOffset + last + 1));
    text = '';
    first = last = -1;
  };
  for (let i = 1; i < image.length; i++) {
    const c = image[i]!;
    if (c === '\\' && image[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === ':') {
      flush(token.startOffset + i);
      continue;
    }
    const escaped = c === '\\' && image[i + 1] === ':';
    if (escaped) i++;
    text += escaped ? ':' : c;
    if (!/\s/.test(c)) {
      if (first === -1) first = escaped ? i - 1 : i;
      last = i;
    }
  }
  flush(tokenEnd(token));
  options.forEach((option, i) => {
    const spec = optionSpecs.get(option.keyword.toLowerCase());
    const problem =
      option.keyword === ''
        ? `expected an option (${optionNames})`
        : spec === undefined
          ? `expected one of ${optionNames}`
          : option.argument === undefined && spec.value === 'needed'
            ? `expected a value after '${option.keyword}'`
            : option.argument !== undefined && spec.value === 'none'
              ? `expected nothing after '${option.keyword}'`
              : spec.last && i < options.length - 1
                ? `expected '${option.keyword}' to be the rule's last option`
                : option.argument !== undefined
                  ? spec.check?.(option.argument)
                  : undefined;
    if (problem === undefined) return;
    option.problem = problem;
    const found =
      option.value === ''
        ? 'end of option'
        : `option '${option.value.length > 40 ? `${option.value.slice(0, 40)}…` : option.value}'`;
    errors.push({
      message: `Unexpected ${found}, ${problem}: tcpd denies every client this rule matches`,
      start: option.start,
      end: option.end,
      found: option.value,
      expected: 'an option',
    });
  });
  return options;
}

function describeOption(value: string, start: number, end: number): HostsOption {
  const keyword = /^[^= \t\r\n]*/.exec(value)![0];
  const rest = value.slice(keyword.length).replace(/^[ \t\r\n]*/, '');
  const argument = (rest.startsWith('=') ? rest.slice(1).replace(/^[ \t\r\n]*/, '') : rest) || undefined;
  return { value, start, end, keyword, ...(argument !== undefined && { argument }) };
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
