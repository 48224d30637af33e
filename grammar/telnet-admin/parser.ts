import { CstParser } from 'chevrotain';
import { Newline } from '../lexing.ts';
import { parserConfig } from '../parsing.ts';
import { Cell, Rule, telnetAdminTokens } from './tokens.ts';

/** A listing is rows of blank-separated cells; which row is the header, and what the columns mean, is decided later. */
export class TelnetAdminParser extends CstParser {
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
