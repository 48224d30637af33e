import { cellWidth, padCells } from './cells.ts';

/**
 * Rows as lines of columns two blanks apart, each column as wide as its widest cell in terminal cells; the last
 * column is not padded.
 */
export function alignColumns(rows: readonly string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    rows.reduce((width, cells) => Math.max(width, cellWidth(cells[column] ?? '')), 0),
  );
  return rows.map((cells) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : padCells(cell, widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
