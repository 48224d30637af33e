import type { IToken } from 'chevrotain';
import { parseHttpdConfCst } from '../../grammar/httpd-conf/index.ts';
import { tokenEnd, type GrammarError } from '../../grammar/types.ts';
import { lineWords } from '../../grammar/word-lines.ts';
import { portNumber } from '../util/port-number.ts';
import { directiveWords, unquoted } from './directive-words.ts';
import type { Field } from './field.ts';
import { placeError, type ParseError } from './parse-error.ts';
import { LineIndex, type Position } from './position.ts';

/** A section's opening line, `<IfModule mod_ssl.c>`: the lines up to its `</IfModule>` are in it. */
export interface HttpdSection {
  type: 'section';
  /** `<IfModule` as written. */
  keyword: Field;
  /** Its name in lower case, without `<`: `ifmodule`. */
  name: string;
  arguments: Field[];
  /** The sections it is in, outermost first. */
  sections: HttpdSection[];
  position: Position;
}

/** One directive line, `Listen 192.0.2.1:80`. */
export interface HttpdDirective {
  type: 'directive';
  keyword: Field;
  /** Its name in lower case: Apache reads directive names case-insensitively. */
  name: string;
  /** The arguments, their quotes taken off. */
  arguments: Field[];
  /** The sections it is in, outermost first. */
  sections: HttpdSection[];
  position: Position;
}

export interface HttpdConfRoot {
  type: 'root';
  kind: 'httpd-conf';
  children: Array<HttpdSection | HttpdDirective>;
  position: Position;
  errors: ParseError[];
}

/** A `Listen` argument, `[addr:]port`: the address (none for every address) and the port. */
export interface ListenArgument {
  address?: string;
  port: number;
}

/** Reads `80`, `192.0.2.1:8080`, `[2001:db8::1]:443` as Apache's Listen does; undefined when it is not one. */
export function listenArgument(text: string): ListenArgument | undefined {
  const match = /^(?:\[([^\]]+)\]:|([^:[\]]+):)?([^:]*)$/.exec(text);
  const port = match ? portNumber(match[3]!) : undefined;
  if (port === undefined) return undefined;
  const address = match![1] ?? match![2];
  return address === undefined ? { port } : { address, port };
}

/** A `Listen` directive: its port, its address (none for every address) and its protocol when it names one. */
export interface Listen extends ListenArgument {
  protocol?: string;
}

/** What a `Listen` directive the grammar accepted says. */
export function listenOf(directive: HttpdDirective): Listen {
  const [address, protocol] = directive.arguments.map((a) => a.value);
  // The grammar refuses a Listen whose port it cannot read, so this one has a port.
  const listen = listenArgument(address!)!;
  return protocol === undefined ? listen : { ...listen, protocol };
}

const expectedListen = 'a port, address:port or [address]:port, and a protocol (Listen [addr:]port [protocol])';

function listenErrors(directive: HttpdDirective): GrammarError[] {
  const [first, protocol, extra] = directive.arguments;
  const at = (field: Field | undefined, found: string): GrammarError =>
    field === undefined
      ? {
          message: `Unexpected end of line after 'Listen', expected ${expectedListen}`,
          start: directive.keyword.end,
          end: directive.keyword.end,
          expected: expectedListen,
        }
      : {
          message: `Unexpected '${field.value}' ${found}, expected ${expectedListen}`,
          start: field.start,
          end: field.end,
          expected: expectedListen,
        };
  if (first === undefined) return [at(undefined, '')];
  if (listenArgument(first.value) === undefined) return [at(first, "after 'Listen'")];
  if (extra !== undefined) return [at(extra, `after '${protocol!.value}'`)];
  return [];
}

const tokenValue = (token: IToken) =>
  /^["']/.test(token.image) && token.tokenType.name === 'Quoted' ? unquoted(token.image) : token.image;

/**
 * Parses an Apache configuration file: directives with the sections they are in, sections opened and closed in
 * order (a `</Name>` that closes no open section, or another than the last opened, is an error, as it is to Apache).
 */
export function parseHttpdConf(text: string, index = new LineIndex(text)): HttpdConfRoot {
  const parsed = parseHttpdConfCst(text);
  const errors: GrammarError[] = [...parsed.errors];
  const children: HttpdConfRoot['children'] = [];
  const open: HttpdSection[] = [];
  const error = (message: string, start: number, end: number, expected: string) =>
    errors.push({ message, start, end, expected });
  for (const tokens of lineWords(parsed.cst)) {
    const unclosed = tokens.find((token) => token.tokenType.name === 'Unclosed');
    if (unclosed !== undefined) {
      const end = tokenEnd(unclosed);
      const quote = unclosed.image[0]!;
      error(`Unexpected end of line in a quoted argument, expected a closing ${quote}`, end, end, quote);
      continue;
    }
    const words = directiveWords(tokens, tokenValue);
    const [first, ...rest] = words;
    const start = first!.start;
    const end = words.at(-1)!.end;
    const position = index.position({ start, end });
    if (first!.value.startsWith('<')) {
      const last = words.at(-1)!;
      if (!last.value.endsWith('>')) {
        error(`Unexpected end of line in '${first!.value}', expected '>'`, end, end, "'>'");
        continue;
      }
      const closing = first!.value.startsWith('</');
      const name = first!.value
        .slice(closing ? 2 : 1)
        .replace(/>$/, '')
        .toLowerCase();
      if (closing) {
        const innermost = open.at(-1);
        if (innermost === undefined || innermost.name !== name) {
          const expected = innermost ? `</${innermost.keyword.value.slice(1)}>` : 'a section to close';
          error(`Unexpected '${words.map((w) => w.value).join(' ')}', expected ${expected}`, start, end, expected);
          continue;
        }
        open.pop();
        continue;
      }
      const args = rest.map((word) => ({ ...word }));
      if (args.length > 0) args[args.length - 1]!.value = args.at(-1)!.value.replace(/>$/, '');
      const keyword = { value: first!.value.replace(/>$/, ''), start, end: first!.end };
      const section: HttpdSection = {
        type: 'section',
        keyword,
        name,
        arguments: args.filter((arg) => arg.value !== ''),
        sections: [...open],
        position,
      };
      children.push(section);
      open.push(section);
      continue;
    }
    const directive: HttpdDirective = {
      type: 'directive',
      keyword: first!,
      name: first!.value.toLowerCase(),
      arguments: rest,
      sections: [...open],
      position,
    };
    const wrong = directive.name === 'listen' ? listenErrors(directive) : [];
    if (wrong.length > 0) {
      errors.push(wrong[0]!);
      continue;
    }
    children.push(directive);
  }
  for (const section of open.reverse()) {
    const close = `</${section.keyword.value.slice(1)}>`;
    error(
      `Unexpected end of file in the section opened at line ${section.position.start.line}, expected ${close}`,
      text.length,
      text.length,
      close,
    );
  }
  return {
    type: 'root',
    kind: 'httpd-conf',
    children,
    position: index.position({ start: 0, end: text.length }),
    errors: errors.sort((a, b) => a.start - b.start).map((e) => placeError(e, index)),
  };
}
