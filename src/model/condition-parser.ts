import { and, not, or, type Atom, type Comparison, type Condition } from './conditions.ts';

/**
 * Reads the expression of an `&if` or `&while` into a condition. The operators, from loosest to tightest [D: the
 * VOS manuals that give their precedence are not public; this is the usual order]: `|` or, `&` and, `^` not, then
 * the comparisons `=`, `^=`, `<`, `>`, `<=`, `>=`. A parenthesis that starts with a name is a function call,
 * `(software_purchased S270)`, and an atom; any other parenthesis groups. What does not read as an expression
 * becomes one atom of the whole text, so a condition is never lost, only left undecided.
 */
export function parseCondition(text: string): Condition {
  const tokens = tokenize(text);
  if (tokens === undefined) return atom(text.trim());
  const parser = new Parser(tokens);
  const condition = parser.or(0);
  return parser.failed || parser.at < tokens.length ? atom(text.trim()) : condition;
}

/** Parentheses nested deeper than this make the whole expression one atom: the reader recurses once per level. */
const maxDepth = 100;

type Token =
  | { type: 'operand' | 'call'; text: string }
  | { type: '(' | ')' | '^' | '&' | '|' }
  | { type: 'compare'; text: string };

const operandRun = /[^\s'()^&|=<>]+/y;
const variable = /&\$?[A-Za-z_][\w$.]*&/y;
const comparison = /\^=|<=|>=|=|<|>/y;

function sticky(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** The text of a `(name …)` call starting at `at`, through its matching `)`, or undefined when it does not close. */
function callText(text: string, at: number): string | undefined {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return undefined;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(at, i + 1);
  }
  return undefined;
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (/\s/.test(c)) {
      at++;
      continue;
    }
    const compare = sticky(comparison, text, at);
    if (compare !== undefined) {
      tokens.push({ type: 'compare', text: compare });
      at += compare.length;
      continue;
    }
    if (c === "'") {
      let end = at + 1;
      while (end < text.length && (text[end] !== "'" || text[end + 1] === "'")) end += text[end] === "'" ? 2 : 1;
      if (end >= text.length) return undefined;
      tokens.push({ type: 'operand', text: text.slice(at, end + 1) });
      at = end + 1;
      continue;
    }
    if (c === '(' && /^\(\s*[A-Za-z_]/.test(text.slice(at, at + 200))) {
      const call = callText(text, at);
      if (call === undefined) return undefined;
      tokens.push({ type: 'call', text: call });
      at += call.length;
      continue;
    }
    const reference = c === '&' ? sticky(variable, text, at) : undefined;
    if (reference !== undefined) {
      tokens.push({ type: 'operand', text: reference });
      at += reference.length;
      continue;
    }
    if (c === '(' || c === ')' || c === '^' || c === '&' || c === '|') {
      tokens.push({ type: c });
      at++;
      continue;
    }
    const run = sticky(operandRun, text, at)!;
    tokens.push({ type: 'operand', text: run });
    at += run.length;
  }
  return tokens;
}

function atom(text: string, comparison?: Comparison): Atom {
  const collapsed = text.replace(/\s+/g, ' ');
  // Split at quotes, the odd pieces are inside strings (a doubled quote leaves an empty piece outside).
  const key = collapsed
    .split("'")
    .map((piece, i) => (i % 2 === 0 ? piece.toLowerCase() : piece))
    .join("'");
  const product = /^\(\s*software_purchased\s+(\w+)\s*\)$/i.exec(collapsed)?.[1]?.toUpperCase();
  return {
    kind: 'atom',
    text: collapsed,
    key,
    ...(product !== undefined && { product }),
    ...(comparison !== undefined && { comparison }),
  };
}

/** A precedence-climbing reader over the tokens; it fails rather than guess. */
class Parser {
  at = 0;
  failed = false;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  or(depth: number): Condition {
    return or(...this.joined('|', () => this.and(depth)));
  }

  private and(depth: number): Condition {
    return and(...this.joined('&', () => this.unary(depth)));
  }

  /** Operands separated by `operator`, as many as there are. */
  private joined(operator: '|' | '&', operand: () => Condition): Condition[] {
    const operands = [operand()];
    while (this.peek()?.type === operator) {
      this.at++;
      operands.push(operand());
    }
    return operands;
  }

  /** `^` any number of times, counted rather than recursed on. */
  private unary(depth: number): Condition {
    let negations = 0;
    while (this.peek()?.type === '^') {
      this.at++;
      negations++;
    }
    const operand = this.comparison(depth);
    return negations % 2 === 1 ? not(operand) : operand;
  }

  private comparison(depth: number): Condition {
    const next = this.peek();
    if (next?.type === '(') {
      if (depth >= maxDepth) return this.fail();
      this.at++;
      const inner = this.or(depth + 1);
      if (this.peek()?.type !== ')') return this.fail();
      this.at++;
      return inner;
    }
    const left = this.operand();
    if (left === undefined) return this.fail();
    const operator = this.peek();
    if (operator?.type !== 'compare') return atom(left);
    this.at++;
    const right = this.operand();
    if (right === undefined) return this.fail();
    return atom(`${left} ${operator.text} ${right}`, { left, operator: operator.text, right });
  }

  /** Operands written next to each other (`(master_disk)>x`, `a b`) make one. */
  private operand(): string | undefined {
    const parts: string[] = [];
    for (let token = this.peek(); token?.type === 'operand' || token?.type === 'call'; token = this.peek()) {
      parts.push(token.text);
      this.at++;
    }
    return parts.length > 0 ? parts.join(' ') : undefined;
  }

  private fail(): Condition {
    this.failed = true;
    this.at = this.tokens.length;
    return { kind: 'constant', value: false };
  }
}
