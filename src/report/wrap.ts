/**
 * Text broken at blanks into lines of at most `width` characters: the first line after `first`, the others after
 * `next`. A word longer than a line (a long path) is kept whole, so that it can still be copied.
 */
export function wrapText(text: string, width: number, first = '', next = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = next + word;
    } else {
      line += empty ? word : ` ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
