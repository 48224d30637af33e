import { CstParser } from 'chevrotain';
import { Newline } from '../lexing.ts';
import { parserConfig } from '../parsing.ts';
import { Equals, Quoted, sshdConfigTokens, Unclosed, Word } from './tokens.ts';

/** A file is lines of words; which word is the keyword, and what its arguments must be, is read off each line later. */
export class SshdConfigParser extends CstParser {
  constructor() {
    super(sshdConfigTokens, parserConfig);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Newline) }, { ALT: () => this.SUBRULE(this.line) }]);
    });
  });

  line = this.RULE('line', () => {
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => this.CONSUME(Word) },
        { ALT: () => this.CONSUME(Quoted) },
        { ALT: () => this.CONSUME(Equals) },
        { ALT: () => this.CONSUME(Unclosed) },
      ]),
    );
    this.OPTION(() => this.CONSUME(Newline));
  });
}
