/**
 * A glob's regular expression, without anchors, for folded text (flag `s`): `*` is any run of characters, `?` any
 * one, the rest literal.
 */
function globSource(pattern: string): string {
  return folded(pattern)
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

/**
 * Whether a glob matches the whole text, ignoring case as tcpd does. Both are folded, and the expression has no `i`
 * flag: V8 compiles `.` under `i` and `s` together ten times slower, and a policy may hold thousands of globs.
 */
export function globExpression(pattern: string): (text: string) => boolean {
  const expression = new RegExp(`^${globSource(pattern)}$`, 's');
  return (text) => expression.test(folded(text));
}

/**
 * Text as a case-insensitive regular expression without the `u` flag compares it: each character upper-cased, unless
 * that gives more than one character or makes a non-ASCII character ASCII (ECMAScript's Canonicalize). Two texts that
 * such an expression takes for equal fold to the same string, of the same length.
 */
function folded(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toUpperCase();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const upper = c.toUpperCase();
    out += upper.length !== 1 || (c.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) ? c : upper;
  }
  return out;
}

/** Globs in one expression at most: compiling an alternation takes time that grows faster than its length. */
const globsPerExpression = 100;

/** Globs that share their literal text before the first wildcard and after the last, a hundred to an expression. */
class Bucket {
  readonly positions: number[] = [];
  readonly patterns: string[] = [];
  private readonly expressions: RegExp[] = [];

  /** The position of the first glob before `before` that matches any of the whole folded texts, or Infinity. */
  first(keys: readonly string[], before: number): number {
    for (let from = 0; from < this.patterns.length && this.positions[from]! < before; from += globsPerExpression) {
      let first = Infinity;
      for (const key of keys) {
        const match = this.expression(from).exec(key);
        // One alternative a glob, each in its own group: the first alternative that matches the whole text is reported.
        if (match !== null)
          first = Math.min(
            first,
            this.positions[from + match.findIndex((group, i) => i > 0 && group !== undefined) - 1]!,
          );
      }
      if (first !== Infinity) return first;
    }
    return Infinity;
  }

  private expression(from: number): RegExp {
    const chunk = from / globsPerExpression;
    const globs = this.patterns.slice(from, from + globsPerExpression);
    return (this.expressions[chunk] ??= new RegExp(`^(?:${globs.map((p) => `(${globSource(p)})`).join('|')})$`, 's'));
  }
}

/** The longest literal run of a glob that keys it, cut to this length: a text is looked up by its runs this long. */
const keyLength = 16;

/** A glob's key: its longest run of literal characters, folded, cut to `keyLength`; empty for wildcards only. */
function keyOf(pattern: string): string {
  const longest = pattern.split(/[*?]/).reduce((a, b) => (b.length > a.length ? b : a));
  return folded(longest.slice(0, keyLength));
}

/**
 * Globs (`*`, `?`) of a pattern list, matched as tcpd matches each (the whole text, ignoring case), grouped by their
 * longest literal run: a text is compared only with the groups whose run it contains, each group in expressions of a
 * hundred globs, so that a list of thousands of globs is not tried one by one.
 */
export class GlobIndex {
  private readonly buckets = new Map<string, Bucket>();
  private readonly keyLengths = new Set<number>();

  add(pattern: string, position: number): void {
    const key = keyOf(pattern);
    this.keyLengths.add(key.length);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) this.buckets.set(key, (bucket = new Bucket()));
    bucket.positions.push(position);
    bucket.patterns.push(pattern);
  }

  /**
   * The position of the first glob that matches any of the texts, if it comes before `before` (a pattern found
   * elsewhere); otherwise Infinity. The groups are tried in the order of their first glob, and none past a match.
   */
  first(texts: readonly string[], before = Infinity): number {
    if (this.buckets.size === 0) return Infinity;
    const candidates = new Map<Bucket, string[]>();
    for (const text of texts) {
      const folds = folded(text);
      const found = new Set<Bucket>();
      for (const length of this.keyLengths)
        for (let at = 0; at + length <= folds.length; at++) {
          const bucket = this.buckets.get(folds.slice(at, at + length));
          if (bucket !== undefined) found.add(bucket);
        }
      for (const bucket of found) candidates.set(bucket, [...(candidates.get(bucket) ?? []), folds]);
    }
    let first = before;
    for (const [bucket, keys] of [...candidates].sort(([a], [b]) => a.positions[0]! - b.positions[0]!)) {
      if (bucket.positions[0]! >= first) break;
      first = Math.min(first, bucket.first(keys, first));
    }
    return first < before ? first : Infinity;
  }
}
