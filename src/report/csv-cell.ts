import { printable } from './printable.ts';
import { asciiTypography } from './typography.ts';

/**
 * Where a spreadsheet may start a field inside a cell: a reader set to another list separator than the comma (the
 * semicolon of most European locales, tab, a bar) splits there, and may ignore quotes that do not open a field.
 */
const separatorCharacters = ',;\t|';

/**
 * A field that starts with `=`, `+`, `-`, `@`, tab or CR, after blanks or quotes a reader may drop, is read as a
 * formula; OWASP's advice against formula injection is a `'` in front. The guard goes at the start of the cell and
 * after every separator.
 */
const fieldStartingFormula = new RegExp(`(?<=^|[${separatorCharacters}])(?=[ "]*[=+\\-@\\t\\r])`, 'g');
const needsQuotes = new RegExp(`["${separatorCharacters}\\r\\n]`);

/**
 * A cell as a spreadsheet will read it: printable, vos-audit's own typography in ASCII, every field a spreadsheet
 * may see in it guarded against formulas, and quoted when it holds a separator, a quote or a guard.
 */
function csvCell(value: string): string {
  const text = asciiTypography(printable(value));
  const cell = text.replace(fieldStartingFormula, "'");
  return cell !== text || needsQuotes.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows as CSV, with the CRLF line ends of RFC 4180. */
export function csvText(rows: readonly string[][]): string {
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
