import type { IToken } from 'chevrotain';
import { parseInetdCst, type InetdLineSyntax } from '../../grammar/inetd/index.ts';
import { Comment } from '../../grammar/inetd/tokens.ts';
import { tokenEnd } from '../../grammar/types.ts';
import type { Field } from './field.ts';
import { LineIndex, type Position, type Span } from './position.ts';
import { placeError, type ParseError } from './parse-error.ts';

/**
 * The text a tree was parsed from. Nodes keep offsets only and read their text and positions from here when asked:
 * a file of 20,000 lines then holds one small object per line rather than a score of them, which is most of the
 * memory and collection time on large files.
 */
class Origin {
  /** The field offsets of every entry, in one typed array: off the garbage-collected heap, never copied by it. */
  private offsets = new Int32Array(1 << 10);
  private used = 0;

  constructor(
    readonly text: string,
    readonly index: LineIndex,
  ) {}

  field(start: number, end: number): Field {
    return { value: this.text.slice(start, end), start, end };
  }

  /**
   * Stores the start and end offsets of the first `count` fields, moved by `shift`, then `last`; returns where the
   * first is stored. One call an entry rather than one an offset: most of a run is spent before the code is
   * optimised, when calls are dear.
   */
  storeEntry(fields: readonly IToken[], count: number, shift: number, last: number): number {
    const at = this.used;
    const needed = at + 2 * count + 1;
    if (needed > this.offsets.length) {
      const larger = new Int32Array(Math.max(needed, this.offsets.length * 2));
      larger.set(this.offsets);
      this.offsets = larger;
    }
    for (let i = 0; i < count; i++) {
      this.offsets[at + 2 * i] = fields[i]!.startOffset + shift;
      this.offsets[at + 2 * i + 1] = tokenEnd(fields[i]!) + shift;
    }
    this.offsets[at + 2 * count] = last;
    this.used = needed;
    return at;
  }

  offset(at: number): number {
    return this.offsets[at]!;
  }
}

/** A node that spans `start` to `end` in its file. */
abstract class SourceNode implements Span {
  constructor(
    protected readonly origin: Origin,
    readonly start: number,
    readonly end: number,
  ) {}

  get position(): Position {
    return this.origin.index.position(this);
  }
}

/** A node whose value is its text as written. */
abstract class VerbatimNode extends SourceNode {
  get value(): string {
    return this.origin.text.slice(this.start, this.end);
  }
}

export class InetdComment extends VerbatimNode {
  readonly type = 'comment';
}

/** A line that is not an entry, kept whole so nothing is lost; its error says what was expected. */
export class InetdBogus extends VerbatimNode {
  readonly type = 'bogus';
}

/** A line holding only `addr:`: the default address for the entries that follow it. */
export class InetdDefaultAddress extends SourceNode {
  readonly type = 'defaultAddress';

  get address(): Field {
    return this.origin.field(this.start, this.end - 1);
  }
}

/** An entry's fixed fields, service to server; their offsets are stored in pairs, then where the arguments start. */
const fixedFieldCount = 6;

export class InetdEntry extends SourceNode {
  readonly type = 'entry';
  /** The `addr:` line above the entry, when the entry names no address of its own. */
  defaultAddress?: InetdDefaultAddress;

  /**
   * `start` is the first field, or the `#` of a disabled entry; `end` is the end of the last field. From `stored` on,
   * the origin holds the start and end offsets of the six fixed fields, the service field with any `addr:` prefix,
   * then where the arguments start.
   */
  constructor(
    origin: Origin,
    start: number,
    end: number,
    /** A comment line whose text is an entry: configured, but off. */
    readonly disabled: boolean,
    private readonly stored: number,
    /** Where the service name starts after an `addr:` prefix; the service field's start when it has none. */
    private readonly serviceStart: number,
  ) {
    super(origin, start, end);
  }

  /** Where the entry's own text starts: the first field, after any `#` and blanks. */
  get textStart(): number {
    return this.origin.offset(this.stored);
  }

  /** The listening address of an `addr:service` field, or of the last bare `addr:` line before the entry. */
  get address(): Field | undefined {
    if (this.serviceStart > this.textStart) return this.origin.field(this.textStart, this.serviceStart - 1);
    return this.defaultAddress?.address;
  }

  get service(): Field {
    return this.origin.field(this.serviceStart, this.origin.offset(this.stored + 1));
  }

  get socketType(): Field {
    return this.fixedField(1);
  }

  get protocol(): Field {
    return this.fixedField(2);
  }

  get wait(): Field {
    return this.fixedField(3);
  }

  get user(): Field {
    return this.fixedField(4);
  }

  get server(): Field {
    return this.fixedField(5);
  }

  get arguments(): Field[] {
    const args: Field[] = [];
    const words = /[^ \t\f\v\r\n]+/g;
    words.lastIndex = this.origin.offset(this.stored + 2 * fixedFieldCount);
    for (
      let match = words.exec(this.origin.text);
      match !== null && match.index < this.end;
      match = words.exec(this.origin.text)
    ) {
      args.push(this.origin.field(match.index, match.index + match[0].length));
    }
    return args;
  }

  private fixedField(i: number): Field {
    return this.origin.field(this.origin.offset(this.stored + 2 * i), this.origin.offset(this.stored + 2 * i + 1));
  }
}

export type InetdNode = InetdEntry | InetdComment | InetdDefaultAddress | InetdBogus;

export interface InetdRoot {
  type: 'root';
  kind: 'inetd';
  children: InetdNode[];
  position: Position;
  errors: ParseError[];
}

/** `127.0.0.1:echo`, `[::1]:comsat`, `*:ftp`: the address part ends at the `:` outside brackets. */
const addressPrefix = /^(?:\[[^\]]*\]|[^:[\]]*):(?=.)/;

/** Builds an entry from its line; `shift` moves the offsets of the run of lines it was parsed in into the file. */
function buildEntry(line: InetdLineSyntax & { kind: 'entry' }, shift: number, origin: Origin): InetdEntry {
  const { fields, disabledBy } = line;
  const end = tokenEnd(fields[fields.length - 1]!) + shift;
  const argumentsStart = fields.length > fixedFieldCount ? fields[fixedFieldCount]!.startOffset + shift : end;
  const stored = origin.storeEntry(fields, fixedFieldCount, shift, argumentsStart);
  const prefix = addressPrefix.exec(fields[0]!.image);
  // A disabled entry starts at its `#`.
  const start = (disabledBy ?? fields[0]!).startOffset + shift;
  return new InetdEntry(
    origin,
    start,
    end,
    disabledBy !== undefined,
    stored,
    fields[0]!.startOffset + shift + (prefix?.[0].length ?? 0),
  );
}

function lineNode(line: InetdLineSyntax, shift: number, origin: Origin): InetdNode {
  switch (line.kind) {
    case 'entry':
      return buildEntry(line, shift, origin);
    case 'defaultAddress':
      return new InetdDefaultAddress(origin, line.address.startOffset + shift, tokenEnd(line.address) + shift);
    case 'bogus':
      return new InetdBogus(
        origin,
        line.fields[0]!.startOffset + shift,
        tokenEnd(line.fields[line.fields.length - 1]!) + shift,
      );
    case 'comment':
      return new InetdComment(
        origin,
        line.marker.startOffset + shift,
        tokenEnd(line.fields[line.fields.length - 1] ?? line.marker) + shift,
      );
  }
}

/** Parses one run of whole lines that starts at `shift` in the file, adding its nodes, in file order, and errors. */
function parseLines(text: string, shift: number, origin: Origin, children: InetdNode[], errors: ParseError[]): void {
  const parsed = parseInetdCst(text);
  const comments = parsed.trivia.filter((token) => token.tokenType === Comment);
  // Lines and comments are each in file order: merge them.
  let next = 0;
  const commentNode = (token: IToken) => new InetdComment(origin, token.startOffset + shift, tokenEnd(token) + shift);
  for (const line of parsed.cst) {
    const node = lineNode(line, shift, origin);
    for (; next < comments.length && comments[next]!.startOffset + shift < node.start; next++)
      children.push(commentNode(comments[next]!));
    children.push(node);
  }
  for (; next < comments.length; next++) children.push(commentNode(comments[next]!));
  for (const error of parsed.errors) errors.push(placeError(error, origin.index, shift));
}

/**
 * Lines are parsed in runs of at least this many characters: a run's tokens are garbage once its nodes are built,
 * so a large file never holds all of its tokens at once. Runs small enough that few tokens are alive when the young
 * generation is collected make each collection copy little (bench/README.md has the measurements).
 */
const charactersPerRun = 1 << 12;

/** The text in runs of whole lines, each with the offset where it starts. */
export function* lineRuns(text: string): Generator<{ run: string; shift: number }> {
  for (let start = 0; start < text.length;) {
    const newline = start + charactersPerRun < text.length ? text.indexOf('\n', start + charactersPerRun) : -1;
    const end = newline === -1 ? text.length : newline + 1;
    yield { run: text.slice(start, end), shift: start };
    start = end;
  }
}

/** Parses inetd.conf text into a tree whose nodes, in file order, cover every non-blank line. */
export function parseInetd(text: string, index = new LineIndex(text)): InetdRoot {
  const origin = new Origin(text, index);
  const children: InetdNode[] = [];
  const errors: ParseError[] = [];
  for (const { run, shift } of lineRuns(text)) parseLines(run, shift, origin, children, errors);
  applyDefaultAddresses(children);
  return { type: 'root', kind: 'inetd', children, position: index.position({ start: 0, end: text.length }), errors };
}

/** An entry without its own address listens on the address of the last `addr:` line above it (`*` resets). */
function applyDefaultAddresses(children: InetdNode[]): void {
  let current: InetdDefaultAddress | undefined;
  for (const node of children) {
    if (node.type === 'defaultAddress') current = node.address.value === '*' ? undefined : node;
    else if (node.type === 'entry' && current !== undefined) node.defaultAddress = current;
  }
}
