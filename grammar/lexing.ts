import {
  createToken,
  Lexer,
  type CustomPatternMatcherReturn,
  type IMultiModeLexerDefinition,
  type TokenType,
} from 'chevrotain';
import { skipValidations } from './validations.ts';

/** Helpers and tokens shared by the grammars' lexers. */

/** Lines end in LF, CRLF or a lone CR (old editors); all three are kept as written. */
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });

/** Blanks between words: trivia, kept so that tokens and trivia give back the input. */
export const Blank = createToken({ name: 'Blank', pattern: /[ \t\f\v]+/, group: 'trivia' });

/** Only blanks stand between the start of the line and `offset`. */
export function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return true;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0c && code !== 0x0b) return false;
  }
  return true;
}

const lineText = /[^\r\n]*/y;

/** The text from `offset` to the end of its line, line break excluded. */
export function restOfLine(text: string, offset: number): string {
  lineText.lastIndex = offset;
  return lineText.exec(text)![0];
}

/**
 * The start_chars_hint of a token that is "any run of characters but these". Chevrotain cannot read first
 * characters off a negated class, and without a hint for every token it tries every pattern at every position; an
 * ASCII-only hint would lose words that start with other characters. Chevrotain files each code unit below 256
 * under itself and those above in buckets of 255 (chevrotain 11's charCodeToOptimizedIndex), so the hint names the
 * code units below 256 but the excluded ones, and one code unit of each bucket above: a few hundred numbers that
 * stand for all 65,536. Tests lex words starting with non-ASCII and astral characters, which would fail if the
 * buckets changed.
 */
export function everyCodeUnitExcept(characters: string): number[] {
  const excluded = new Set([...characters].map((c) => c.charCodeAt(0)));
  const codes = Array.from({ length: 256 }, (_, code) => code).filter((code) => !excluded.has(code));
  for (let code = 256; code < 0x10000; code += 255) codes.push(code);
  codes.push(0xffff);
  return codes;
}

/** A lexer built on first use: building one costs milliseconds that a run which never reads the kind should not pay. */
export function lazyLexer(tokens: TokenType[] | IMultiModeLexerDefinition): () => Lexer {
  let lexer: Lexer | undefined;
  return () => (lexer ??= new Lexer(tokens, { positionTracking: 'onlyOffset', skipValidations }));
}

/**
 * A comment token that starts with one of `markers` as the first non-blank character of a line and runs to its
 * end, in the trivia group; with `blankAfter`, only when a blank or the line's end follows the marker (macros,
 * where `&name` is a directive).
 */
export function lineCommentToken(markers: string, blankAfter = false): TokenType {
  const codes = new Set([...markers].map((c) => c.charCodeAt(0)));
  const exec = (text: string, offset: number): CustomPatternMatcherReturn | null => {
    if (!codes.has(text.charCodeAt(offset)) || !atLineStart(text, offset)) return null;
    if (blankAfter && offset + 1 < text.length && !/[ \t\f\v\r\n]/.test(text[offset + 1]!)) return null;
    return [restOfLine(text, offset)] as CustomPatternMatcherReturn;
  };
  return createToken({
    name: 'Comment',
    pattern: { exec },
    line_breaks: false,
    group: 'trivia',
    start_chars_hint: [...markers],
  });
}
