import { cellWidth, partWidth } from './cells.ts';

/**
 * Text broken at blanks into lines of at most `width` terminal cells: the first line after `first`, the others after
 * `next`. A word longer than a line (a long path) is kept whole, so that it can still be copied.
 */
export function wrapText(text: string, width: number, first = '', next = first): string[] {
  const lines: string[] = [];
  let line = first;
  let cells = cellWidth(first);
  const nextCells = cellWidth(next);
  let empty = true;
  const wordWidth = partWidth(text);
  // Words found by position rather than by splitting: no array of them, none of the empty ones between blanks.
  for (let start = 0; start < text.length;) {
    let end = text.indexOf(' ', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const word = text.slice(start, end);
      const wordCells = wordWidth(word);
      if (!empty && cells + 1 + wordCells > width) {
        lines.push(line);
        line = next + word;
        cells = nextCells + wordCells;
      } else {
        line += empty ? word : ` ${word}`;
        cells += empty ? wordCells : 1 + wordCells;
      }
      empty = false;
    }
    start = end + 1;
  }
  lines.push(line);
  return lines;
}
