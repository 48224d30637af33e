import { parse, type Options } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/report/csv-cell.ts';

/** The list separators a spreadsheet may split a line at: RFC 4180's comma, most European locales' semicolon, tab, bar. */
const separators = [',', ';', '\t', '|'];
/** What a spreadsheet reads as the start of a formula (OWASP, CSV injection), after blanks and quotes it may drop. */
const formula = /^[ "]*[=+\-@\t\r]/;

/**
 * Every field a spreadsheet could see in the text: each line split by csv-parse at each separator, once honouring
 * quotes as RFC 4180 says and once as a reader that ignores them. A quote left open at the end of a line (the line
 * split at another separator than the one it was written with) is closed there, as a lenient reader would.
 */
function fieldsAsSpreadsheetsSplit(text: string): string[] {
  const split = (line: string, options: Options) => parse(line, { relax_column_count: true, ...options });
  const honouringQuotes = (line: string, delimiter: string) => {
    try {
      return split(line, { delimiter, relax_quotes: true });
    } catch {
      return split(`${line}"`, { delimiter, relax_quotes: true });
    }
  };
  return text
    .split('\r\n')
    .filter((line) => line !== '')
    .flatMap((line) =>
      separators.flatMap((delimiter) => [
        ...honouringQuotes(line, delimiter).flat(),
        ...split(line, { delimiter, quote: false }).flat(),
      ]),
    );
}

describe('CSV cells', () => {
  it('quotes a cell holding a semicolon, so that a semicolon-separated reader keeps it whole', () => {
    expect(parse(csvText([['x;y']]), { delimiter: ';' })).toEqual([['x;y']]);
  });

  it('leaves no field starting a formula wherever a spreadsheet splits the line', () => {
    const text = csvText([['m1', 'x;=HYPERLINK(1)', 'a|@sum', 'b\t+1', 'c, -2', 'd; "=x']]);
    expect(fieldsAsSpreadsheetsSplit(text).filter((field) => formula.test(field))).toEqual([]);
  });

  it('adds only apostrophes, and parses back cell for cell with the comma', () => {
    const cell = fc
      .array(fc.constantFrom('a', 'é', ' ', '"', "'", ',', ';', '\t', '|', '=', '+', '-', '@', '1'), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), (rows) => {
        const text = csvText(rows);
        expect(fieldsAsSpreadsheetsSplit(text).filter((field) => formula.test(field))).toEqual([]);
        const back = parse(text, { record_delimiter: '\r\n', relax_column_count: true });
        const withoutApostrophes = (table: string[][]) => table.map((r) => r.map((c) => c.replaceAll("'", '')));
        expect(withoutApostrophes(back)).toEqual(withoutApostrophes(rows));
      }),
      { seed: 20, numRuns: 500 },
    );
  });
});
