import { cellWidth } from './cells.ts';
import { alignColumns } from './columns.ts';
import { printable } from './printable.ts';
import { wrapText } from './wrap.ts';

/** A column of a table a person reads. */
export interface TableColumn<T> {
  header: string;
  cell(item: T): string;
  /** A long text (a condition, evidence, advice): on its own line beneath the row unless the table is wide. */
  long?: boolean;
  /**
   * For a short column: when the row is wider than the width, the columns with this set leave it, lowest first,
   * for a line beneath; a column without it always stays in the row.
   */
  yields?: number;
  /** How the value reads on its own line beneath the row; `header: value` in lower case unless given. */
  beneath?(value: string): string;
}

/**
 * Wide: every column in the row, one line per item. Fitted: the same when it fits the width; else short columns in
 * the row, lines within `width`.
 */
export type TableLayout = { wide: true } | { wide: false; width: number };

/** The width of a table that goes to a file or a pipe, where no terminal says. */
export const defaultWidth = 100;

const indent = '    ';

/** The layout of text that goes to a file or a pipe: fitted to the default width. */
export function fittedLayout(width = defaultWidth): TableLayout {
  return { wide: false, width };
}

/** What the layout makes of a line of prose: as it is when wide or when it fits, else wrapped with its continuation indented. */
export function proseLines(text: string, layout: TableLayout, first = '', next = `${first}  `): string[] {
  const line = first + text;
  // A line that fits is kept as written, its blanks too (tcpdmatch aligns `address  x` with `hostname x`).
  return layout.wide || cellWidth(line) <= layout.width ? [line] : wrapText(text, layout.width, first, next);
}

function beneathText<T>(column: TableColumn<T>, value: string): string {
  return column.beneath ? column.beneath(value) : `${column.header.toLowerCase()}: ${value}`;
}

/** The short columns that fit the width together, two blanks apart: those that yield leave, lowest first. */
function rowColumns<T>(columns: readonly TableColumn<T>[], cells: readonly string[][], width: number): Set<number> {
  const widths = columns.map((column, i) =>
    cells.reduce((w, row) => Math.max(w, cellWidth(row[i]!)), cellWidth(column.header)),
  );
  const inRow = new Set(columns.flatMap((column, i) => (column.long ? [] : [i])));
  const rowWidth = () => [...inRow].reduce((sum, i) => sum + widths[i]!, 2 * (inRow.size - 1));
  const yielding = [...inRow]
    .filter((i) => columns[i]!.yields !== undefined)
    .sort((a, b) => columns[a]!.yields! - columns[b]!.yields!);
  for (const i of yielding) {
    if (rowWidth() <= width) break;
    inRow.delete(i);
  }
  return inRow;
}

/**
 * A table as lines: a header row, then each item's row. In the fitted layout, the columns that are not in the row
 * follow it on indented lines wrapped to the width, those with a value only: the short ones that left the row
 * together on one line, then each long one on its own.
 */
export function tableLines<T>(columns: readonly TableColumn<T>[], items: readonly T[], layout: TableLayout): string[] {
  const cells = items.map((item) => columns.map((column) => printable(column.cell(item))));
  const wide = alignColumns([columns.map((column) => column.header), ...cells]);
  if (layout.wide || wide.every((line) => cellWidth(line) <= layout.width)) return wide;
  const inRow = rowColumns(columns, cells, layout.width);
  const pick = (row: readonly string[]) => row.filter((_, i) => inRow.has(i));
  const [header, ...rows] = alignColumns([pick(columns.map((column) => column.header)), ...cells.map(pick)]);
  const lines = [header!];
  const beneath = (text: string) => wrapText(text, layout.width, indent, `${indent}  `);
  rows.forEach((row, k) => {
    const values = (long: boolean) =>
      columns.flatMap((column, i) =>
        inRow.has(i) || !column.long !== !long || cells[k]![i] === '' ? [] : [beneathText(column, cells[k]![i]!)],
      );
    const short = values(false);
    lines.push(row, ...(short.length > 0 ? beneath(short.join('; ')) : []), ...values(true).flatMap(beneath));
  });
  return lines;
}
