import { printable } from './printable.ts';
import { asciiTypography } from './typography.ts';

/**
 * A cell as a spreadsheet will read it: printable, vos-audit's own typography in ASCII, and, as OWASP advises
 * against formula injection, a cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a `'` in front and quotes
 * around it, so that it stays text.
 */
function csvCell(value: string): string {
  const text = asciiTypography(printable(value));
  const formula = /^[=+\-@\t\r]/.test(text);
  const cell = formula ? `'${text}` : text;
  return formula || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows as CSV, with the CRLF line ends of RFC 4180. */
export function csvText(rows: readonly string[][]): string {
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
