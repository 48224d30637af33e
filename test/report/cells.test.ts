import { describe, expect, it } from 'vitest';
import { cellWidth, padCells } from '../../src/report/cells.ts';

// Widths a terminal gives these texts (wcwidth): printable ASCII one cell a character; CJK ideographs and
// full-width forms two; typographic quotes, dashes, × and … one (East Asian Width ambiguous, narrow here); a combining mark, a control character and an escape sequence none; an emoji two.
const widths: Array<[string, number]> = [
  ['', 0],
  ['inetd.conf:3:1 telnet', 21],
  [' !~', 3],
  ['日本', 4],
  ['ＡＢ', 4],
  ['e\u0301', 1],
  ['a\tb', 2],
  ['\u001b[31mred\u001b[0m', 3],
  ['\u{1F512}', 2],
  ['naïve', 5],
  ['it’s “ports” 1–3 — 2×2…', 23],
  ['‘日’', 4],
];

describe('cellWidth', () => {
  it.each(widths)('%j takes %i cells', (text, cells) => {
    expect(cellWidth(text)).toBe(cells);
  });

  it('pads to a width in cells, whatever the characters', () => {
    expect(padCells('ab', 4)).toBe('ab  ');
    expect(padCells('日', 4)).toBe('日  ');
    expect(padCells('toolong', 3)).toBe('toolong');
  });
});
