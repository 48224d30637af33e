/** A place in a text: 1-based line and column (in characters). */
export interface TextPosition {
  line: number;
  column: number;
}

/** A path to a value in a JSON document: keys and indexes from the top. */
export type JsonPath = ReadonlyArray<string | number>;

/** JSON that is not valid: where, and what was expected there; never what was found, which may be anyone's bytes. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    readonly position: TextPosition,
    readonly expected: string,
  ) {
    super(`expected ${expected}`);
  }
}

/** A document parsed, and where each of its values and keys begins. */
export interface LocatedJson {
  value: unknown;
  /** Where the value at a path begins (the top for a path that has none). */
  at(path: JsonPath): TextPosition;
  /** Where the key of an object's member begins. */
  keyAt(path: JsonPath): TextPosition;
}

/** Deeper than this is no configuration; the limit keeps the recursion bounded. */
export const maxJsonDepth = 64;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const escapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A JSON parser (RFC 8259) that says where each value is, and where and what it expected when the text is not JSON. */
class Parser {
  private i = 0;
  readonly values = new Map<string, number>();
  readonly keys = new Map<string, number>();

  constructor(private readonly text: string) {}

  position(offset: number): TextPosition {
    const before = this.text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
  }

  private fail(expected: string, offset = this.i): never {
    throw new JsonSyntaxError(this.position(offset), expected);
  }

  private skipBlanks(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  document(): unknown {
    const value = this.value([], 'a JSON value');
    this.skipBlanks();
    if (this.i < this.text.length) this.fail('the end of the file after the value');
    return value;
  }

  private value(path: JsonPath, expected: string): unknown {
    this.skipBlanks();
    if (path.length > maxJsonDepth) this.fail(`a value nested at most ${maxJsonDepth} levels deep`);
    this.values.set(JSON.stringify(path), this.i);
    const c = this.text[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    if (c === '-' || isDigit(c)) return this.number();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    return this.fail(expected);
  }

  /** The items of an object or array, separated by commas, up to its closing character; `item` reads one. */
  private items(close: '}' | ']', item: (first: boolean) => void): void {
    this.i++;
    this.skipBlanks();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (let first = true; ; first = false) {
      item(first);
      this.skipBlanks();
      const next = this.text[this.i++];
      if (next === close) return;
      if (next !== ',') this.fail(`',' or '${close}'`, this.i - 1);
    }
  }

  private object(path: JsonPath): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    this.items('}', (first) => {
      this.skipBlanks();
      if (this.text[this.i] !== '"') this.fail(first ? `a key in double quotes, or '}'` : 'a key in double quotes');
      const keyOffset = this.i;
      const key = this.string();
      this.keys.set(JSON.stringify([...path, key]), keyOffset);
      this.skipBlanks();
      if (this.text[this.i] !== ':') this.fail(`':' after the key`);
      this.i++;
      // As JSON.parse does: a member named __proto__ is a member, not the object's prototype.
      Object.defineProperty(object, key, {
        value: this.value([...path, key], 'a value after the colon'),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return object;
  }

  private array(path: JsonPath): unknown[] {
    const array: unknown[] = [];
    this.items(']', (first) => array.push(this.value([...path, array.length], first ? `a value, or ']'` : 'a value')));
    return array;
  }

  private string(): string {
    const start = this.i++;
    let text = '';
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail(`the '"' that ends the string begun at ${this.positionText(start)}`);
      if (c === '"') {
        this.i++;
        return text;
      }
      if (c < ' ') this.fail('no control character in a string (write a line break as \\n, a tab as \\t)');
      if (c !== '\\') {
        text += c;
        this.i++;
        continue;
      }
      const escape = this.text[this.i + 1];
      if (escape !== undefined && escapes[escape] !== undefined) {
        text += escapes[escape];
        this.i += 2;
      } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) {
        text += String.fromCharCode(parseInt(this.text.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        this.fail(`an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hexadecimal digits`);
      }
    }
  }

  private positionText(offset: number): string {
    const { line, column } = this.position(offset);
    return `line ${line}, column ${column}`;
  }

  private digits(expected: string): void {
    if (!isDigit(this.text[this.i])) this.fail(expected);
    while (isDigit(this.text[this.i])) this.i++;
  }

  private number(): number {
    const start = this.i;
    if (this.text[this.i] === '-') this.i++;
    if (this.text[this.i] === '0') this.i++;
    else this.digits('a digit');
    if (this.text[this.i] === '.') {
      this.i++;
      this.digits('a digit after the decimal point');
    }
    if (this.text[this.i] === 'e' || this.text[this.i] === 'E') {
      this.i++;
      if (this.text[this.i] === '+' || this.text[this.i] === '-') this.i++;
      this.digits('a digit in the exponent');
    }
    return Number(this.text.slice(start, this.i));
  }
}

/** Parses JSON, keeping where each value and key begins; text that is not JSON throws a JsonSyntaxError. */
export function parseLocatedJson(text: string): LocatedJson {
  const parser = new Parser(text);
  const value = parser.document();
  const find = (offsets: Map<string, number>, path: JsonPath) =>
    parser.position(offsets.get(JSON.stringify(path)) ?? 0);
  return { value, at: (path) => find(parser.values, path), keyAt: (path) => find(parser.keys, path) };
}
