import type { CstNode, IToken } from 'chevrotain';
import { parseInetdCst } from '../../grammar/inetd/index.ts';
import { tokenEnd } from '../../grammar/types.ts';
import { LineIndex, type Position, type Span } from './position.ts';
import type { ParseError } from './parse-error.ts';

/** A field of an entry: its text and where it stands, so a fix can rewrite just that field. */
export interface Field extends Span {
  value: string;
}

export interface InetdEntry {
  type: 'entry';
  /** A comment line whose text is an entry: configured, but off. */
  disabled: boolean;
  /** From the first field (or the `#` of a disabled entry) to the end of the last field. */
  position: Position;
  /** Where the entry's own text starts: the first field, after any `#` and blanks. */
  textStart: number;
  /** The listening address of an `addr:service` field, or of the last bare `addr:` line before the entry. */
  address?: Field;
  service: Field;
  socketType: Field;
  protocol: Field;
  wait: Field;
  user: Field;
  server: Field;
  arguments: Field[];
}

export interface InetdComment {
  type: 'comment';
  value: string;
  position: Position;
}

/** A line holding only `addr:`: the default address for the entries that follow it. */
export interface InetdDefaultAddress {
  type: 'defaultAddress';
  address: Field;
  position: Position;
}

/** A line that is not an entry, kept whole so nothing is lost; its error says what was expected. */
export interface InetdBogus {
  type: 'bogus';
  value: string;
  position: Position;
}

export type InetdNode = InetdEntry | InetdComment | InetdDefaultAddress | InetdBogus;

export interface InetdRoot {
  type: 'root';
  kind: 'inetd';
  children: InetdNode[];
  position: Position;
  errors: ParseError[];
}

function field(token: IToken, shift: number): Field {
  const start = token.startOffset + shift;
  return { value: token.image, start, end: start + token.image.length };
}

function first(node: CstNode, label: string): IToken {
  return (node.children[label] as IToken[])[0]!;
}

/** `127.0.0.1:echo`, `[::1]:comsat`, `*:ftp`: the address part ends at the last `:` outside brackets. */
function splitAddress(service: Field): { address?: Field; service: Field } {
  const match = /^(\[[^\]]*\]|[^:[\]]*):(?=.)/.exec(service.value);
  if (match === null) return { service };
  const addressEnd = service.start + match[1]!.length;
  return {
    address: { value: match[1]!, start: service.start, end: addressEnd },
    service: { value: service.value.slice(match[0].length), start: addressEnd + 1, end: service.end },
  };
}

function entryFields(node: CstNode, shift: number): Omit<InetdEntry, 'type' | 'disabled' | 'position' | 'textStart'> {
  const args = (node.children.argument as IToken[] | undefined) ?? [];
  return {
    ...splitAddress(field(first(node, 'service'), shift)),
    socketType: field(first(node, 'socketType'), shift),
    protocol: field(first(node, 'protocol'), shift),
    wait: field(first(node, 'wait'), shift),
    user: field(first(node, 'user'), shift),
    server: field(first(node, 'server'), shift),
    arguments: args.map((token) => field(token, shift)),
  };
}

function lastFieldEnd(entry: Omit<InetdEntry, 'type' | 'disabled' | 'position' | 'textStart'>): number {
  return (entry.arguments[entry.arguments.length - 1] ?? entry.server).end;
}

/** A comment is a disabled entry when the text after its `#` marks (and blanks) parses as exactly one entry. */
function disabledEntry(comment: IToken, index: LineIndex): InetdEntry | undefined {
  const marker = /^[#\s]*/.exec(comment.image)![0].length;
  const body = comment.image.slice(marker);
  if (body.length === 0) return undefined;
  const parsed = parseInetdCst(body);
  const entries = (parsed.cst.children.entry as CstNode[] | undefined) ?? [];
  if (entries.length !== 1 || Object.keys(parsed.cst.children).length !== 1) return undefined;
  const fields = entryFields(entries[0]!, comment.startOffset + marker);
  return {
    type: 'entry',
    disabled: true,
    position: index.position({ start: comment.startOffset, end: lastFieldEnd(fields) }),
    textStart: comment.startOffset + marker,
    ...fields,
  };
}

/** Parses inetd.conf text into a tree whose nodes, in file order, cover every non-blank line. */
export function parseInetd(text: string): InetdRoot {
  const parsed = parseInetdCst(text);
  const index = new LineIndex(text);
  const located: Array<{ start: number; node: InetdNode }> = [];

  for (const node of (parsed.cst.children.entry as CstNode[] | undefined) ?? []) {
    const fields = entryFields(node, 0);
    const start = first(node, 'service').startOffset;
    const entry: InetdEntry = {
      type: 'entry',
      disabled: false,
      position: index.position({ start, end: lastFieldEnd(fields) }),
      textStart: start,
      ...fields,
    };
    located.push({ start, node: entry });
  }
  for (const node of (parsed.cst.children.defaultAddress as CstNode[] | undefined) ?? []) {
    const token = first(node, 'address');
    const address = { value: token.image.slice(0, -1), start: token.startOffset, end: tokenEnd(token) - 1 };
    located.push({ start: token.startOffset, node: { type: 'defaultAddress', address, position: index.position({ start: token.startOffset, end: tokenEnd(token) }) } });
  }
  for (const node of (parsed.cst.children.bogus as CstNode[] | undefined) ?? []) {
    const tokens = node.children.field as IToken[];
    const span = { start: tokens[0]!.startOffset, end: tokenEnd(tokens[tokens.length - 1]!) };
    located.push({ start: span.start, node: { type: 'bogus', value: text.slice(span.start, span.end), position: index.position(span) } });
  }
  for (const token of parsed.trivia) {
    if (token.tokenType.name !== 'Comment') continue;
    const node = disabledEntry(token, index) ?? {
      type: 'comment' as const,
      value: token.image,
      position: index.position({ start: token.startOffset, end: tokenEnd(token) }),
    };
    located.push({ start: token.startOffset, node });
  }
  located.sort((a, b) => a.start - b.start);

  const children = located.map((item) => item.node);
  applyDefaultAddresses(children);
  return {
    type: 'root',
    kind: 'inetd',
    children,
    position: index.position({ start: 0, end: text.length }),
    errors: parsed.errors.map((error) => ({ ...error, position: index.position(error) })),
  };
}

/** An entry without its own address listens on the address of the last `addr:` line above it (`*` resets). */
function applyDefaultAddresses(children: InetdNode[]): void {
  let current: Field | undefined;
  for (const node of children) {
    if (node.type === 'defaultAddress') current = node.address.value === '*' ? undefined : node.address;
    else if (node.type === 'entry' && node.address === undefined && current !== undefined) node.address = current;
  }
}
