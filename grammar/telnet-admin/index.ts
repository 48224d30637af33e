import { CstParser, type IToken } from 'chevrotain';
import { cstGrammar, parserConfig } from '../parsing.ts';
import { Newline } from '../lexing.ts';
import { Cell, Rule, telnetAdminTokens } from './tokens.ts';

/** A listing is rows of blank-separated cells; which row is the header, and what the columns mean, is decided later. */
class TelnetAdminParser extends CstParser {
  constructor() {
    super(telnetAdminTokens, parserConfig);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.SUBRULE(this.rule) },
        { ALT: () => this.SUBRULE(this.row) },
      ]);
    });
  });

  rule = this.RULE('rule', () => {
    this.AT_LEAST_ONE(() => this.CONSUME(Rule));
    this.OPTION(() => this.CONSUME(Newline));
  });

  row = this.RULE('row', () => {
    this.CONSUME(Cell);
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME2(Cell) }, { ALT: () => this.CONSUME(Rule) }]));
    this.OPTION(() => this.CONSUME2(Newline));
  });
}

/** Lexes and parses a captured telnet_admin listing. Never throws on any input; its layout is checked later. */
export const parseTelnetAdminCst = cstGrammar(telnetAdminTokens, () => new TelnetAdminParser(), () => []);

/** The cells of a row, `--` included as a cell (an empty field in a listing). */
export function rowCells(row: { children: Record<string, unknown> }): IToken[] {
  return [...((row.children.Cell as IToken[] | undefined) ?? []), ...((row.children.Rule as IToken[] | undefined) ?? [])].sort(
    (a, b) => a.startOffset - b.startOffset,
  );
}
