import stringWidth from 'string-width';

/**
 * Printable ASCII and vos-audit's own typography (‘ ’ “ ” – — × …, narrow outside East Asian text), one cell a
 * character: most text, measured without string-width, which is costly to load and to run.
 */
const oneCellEach = /^[\x20-\x7e‘’“”–—×…]*$/;

/** How many terminal cells a text takes: a CJK character or an emoji two, a combining mark or an escape none. */
export function cellWidth(text: string): number {
  return oneCellEach.test(text) ? text.length : stringWidth(text);
}

/** Whether a text takes one cell a character, so that its length is its width, and texts joined add up. */
export function isOneCellEach(text: string): boolean {
  return oneCellEach.test(text);
}

/** How many cells each part of a text takes: its length when the whole text is one cell a character. */
export function partWidth(text: string): (part: string) => number {
  return oneCellEach.test(text) ? (part) => part.length : cellWidth;
}

/** The text followed by blanks up to `width` cells. */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(width - cellWidth(text), 0));
}
