import type { CstNode, IToken } from 'chevrotain';
import { parseInetdCst } from '../../grammar/inetd/index.ts';
import { Comment } from '../../grammar/inetd/tokens.ts';
import { tokenEnd } from '../../grammar/types.ts';
import { batchCommentBodies, bodyAt } from './comment-bodies.ts';
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

const addressPrefix = /^(\[[^\]]*\]|[^:[\]]*):(?=.)/;

/**
 * Builds an entry from its CST node. `shift` moves the node's offsets into the file (a disabled entry was parsed
 * from its comment's text); `start` is where the entry's text starts in the file, at its `#` when disabled.
 */
function buildEntry(node: CstNode, shift: number, start: number, disabled: boolean, index: LineIndex): InetdEntry {
  const tokens = (node.children.argument as IToken[] | undefined) ?? [];
  const args = tokens.map((token) => field(token, shift));
  const server = field(first(node, 'server'), shift);
  let service = field(first(node, 'service'), shift);
  let address: Field | undefined;
  // `127.0.0.1:echo`, `[::1]:comsat`, `*:ftp`: the address part ends at the `:` outside brackets.
  const prefix = addressPrefix.exec(service.value);
  if (prefix !== null) {
    const addressEnd = service.start + prefix[1]!.length;
    address = { value: prefix[1]!, start: service.start, end: addressEnd };
    service = { value: service.value.slice(prefix[0].length), start: addressEnd + 1, end: service.end };
  }
  return {
    type: 'entry',
    disabled,
    position: index.position({ start, end: (args[args.length - 1] ?? server).end }),
    textStart: service.start - (address ? address.value.length + 1 : 0),
    address,
    service,
    socketType: field(first(node, 'socketType'), shift),
    protocol: field(first(node, 'protocol'), shift),
    wait: field(first(node, 'wait'), shift),
    user: field(first(node, 'user'), shift),
    server,
    arguments: args,
  };
}

/** Cheap test that a comment might be an entry (its second word a socket type), before parsing it as one. */
const mayBeEntry = /^[#\s]*[^#\s]\S*[ \t\f\v]+(?:stream|dgram|raw|rdm|seqpacket)[ \t\f\v]/;
const commentMarker = /^[#\s]*/;

/** The comments whose text after the `#` marks (and blanks) is an entry: configured, but off. */
function disabledEntries(comments: IToken[], shift: number, index: LineIndex): Map<IToken, InetdEntry> {
  const found = new Map<IToken, InetdEntry>();
  const candidates = comments.filter((comment) => mayBeEntry.test(comment.image));
  if (candidates.length === 0) return found;
  const batch = batchCommentBodies(candidates, commentMarker, shift);
  for (const node of (parseInetdCst(batch.text).cst.children.entry as CstNode[] | undefined) ?? []) {
    const service = first(node, 'service').startOffset;
    const body = bodyAt(batch, service);
    // An entry is a whole line of the batch, so it is a whole comment body or it is not an entry of one.
    if (body.batchStart !== service) continue;
    found.set(body.comment, buildEntry(node, body.shift, shift + body.comment.startOffset, true, index));
  }
  return found;
}

interface Located {
  start: number;
  node: InetdNode;
}

/** Parses one run of whole lines that starts at `shift` in the file, adding its nodes and errors. */
function parseLines(text: string, shift: number, index: LineIndex, located: Located[], errors: ParseError[]): void {
  const parsed = parseInetdCst(text);
  const at = (start: number, end: number) => index.position({ start: start + shift, end: end + shift });

  for (const node of (parsed.cst.children.entry as CstNode[] | undefined) ?? []) {
    const start = first(node, 'service').startOffset + shift;
    located.push({ start, node: buildEntry(node, shift, start, false, index) });
  }
  for (const node of (parsed.cst.children.defaultAddress as CstNode[] | undefined) ?? []) {
    const token = first(node, 'address');
    const start = token.startOffset + shift;
    const address = { value: token.image.slice(0, -1), start, end: start + token.image.length - 1 };
    located.push({ start, node: { type: 'defaultAddress', address, position: at(token.startOffset, tokenEnd(token)) } });
  }
  for (const node of (parsed.cst.children.bogus as CstNode[] | undefined) ?? []) {
    const tokens = node.children.field as IToken[];
    const start = tokens[0]!.startOffset;
    const end = tokenEnd(tokens[tokens.length - 1]!);
    located.push({ start: start + shift, node: { type: 'bogus', value: text.slice(start, end), position: at(start, end) } });
  }
  const comments = parsed.trivia.filter((token) => token.tokenType === Comment);
  const disabled = disabledEntries(comments, shift, index);
  for (const token of comments) {
    const node = disabled.get(token) ?? { type: 'comment' as const, value: token.image, position: at(token.startOffset, tokenEnd(token)) };
    located.push({ start: token.startOffset + shift, node });
  }
  for (const error of parsed.errors) {
    errors.push({ ...error, start: error.start + shift, end: error.end + shift, position: at(error.start, error.end) });
  }
}

/**
 * Lines are parsed in runs of at least this many characters: a run's tokens and CST are garbage once its nodes are
 * built, so a large file never holds all of its tokens at once.
 */
const charactersPerRun = 1 << 16;

/** Parses inetd.conf text into a tree whose nodes, in file order, cover every non-blank line. */
export function parseInetd(text: string, index = new LineIndex(text)): InetdRoot {
  const located: Located[] = [];
  const errors: ParseError[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = start + charactersPerRun < text.length ? text.indexOf('\n', start + charactersPerRun) : -1;
    const end = newline === -1 ? text.length : newline + 1;
    parseLines(text.slice(start, end), start, index, located, errors);
    start = end;
  }
  located.sort((a, b) => a.start - b.start);
  const children = located.map((item) => item.node);
  applyDefaultAddresses(children);
  return { type: 'root', kind: 'inetd', children, position: index.position({ start: 0, end: text.length }), errors };
}

/** An entry without its own address listens on the address of the last `addr:` line above it (`*` resets). */
function applyDefaultAddresses(children: InetdNode[]): void {
  let current: Field | undefined;
  for (const node of children) {
    if (node.type === 'defaultAddress') current = node.address.value === '*' ? undefined : node.address;
    else if (node.type === 'entry' && node.address === undefined && current !== undefined) node.address = current;
  }
}
