import { cellWidth, partWidth } from './cells.ts';

/**
 * Text broken at blanks into lines of at most `width` terminal cells: the first line after `first`, the others after
 * `next`. A word longer than a line (a long path) is kept whole, so that it can still be copied.
 */
export function wrapText(text: string, width: number, first = '', next = first): string[] {
  const lines: string[] = [];
  let line = first;
  let cells = cellWidth(first);
  let empty = true;
  const wordWidth = partWidth(text);
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const wordCells = wordWidth(word);
    if (!empty && cells + 1 + wordCells > width) {
      lines.push(line);
      line = next + word;
      cells = cellWidth(next) + wordCells;
    } else {
      line += empty ? word : ` ${word}`;
      cells += empty ? wordCells : 1 + wordCells;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
