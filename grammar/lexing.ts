/** Helpers shared by the grammars' lexers. */

const blankCodes = new Set([0x20, 0x09, 0x0c, 0x0b]);

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** Only blanks stand between the start of the line and `offset`. */
export function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (isLineBreak(code)) return true;
    if (!blankCodes.has(code)) return false;
  }
  return true;
}

/** The text from `offset` to the end of its line, line break excluded. */
export function restOfLine(text: string, offset: number): string {
  let end = offset;
  while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
  return text.slice(offset, end);
}

/**
 * Every UTF-16 code unit but the given characters: the start_chars_hint of a token that is "any run of characters
 * but these". Chevrotain cannot read first characters off a negated class and, without a hint for every token,
 * tries every pattern at every position; an ASCII-only hint would lose words that start with other characters.
 */
export function everyCodeUnitExcept(characters: string): number[] {
  const excluded = new Set([...characters].map((c) => c.charCodeAt(0)));
  return Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => !excluded.has(code));
}
