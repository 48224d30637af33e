import { createToken, CstParser, Lexer, type CstNode, type IToken, type TokenType } from 'chevrotain';
import { Newline } from './lexing.ts';
import { parserConfig } from './parsing.ts';

/**
 * The grammar of a file whose lines are a keyword and its words (sshd_config, httpd.conf): the parser only groups
 * each line's words, and what a line must say is read off its words later, where the message can say why. Each
 * language's word tokens (words, quoted words, an unclosed quote …) are of this category.
 */
export const LineWord = createToken({ name: 'LineWord', pattern: Lexer.NA });

/** A parser of lines of words, for a language's tokens (of which its words are LineWords). */
export function wordLinesParser(tokens: TokenType[]): new () => CstParser & { file(): CstNode } {
  class WordLinesParser extends CstParser {
    constructor() {
      super([...tokens, LineWord], parserConfig);
      this.performSelfAnalysis();
    }

    file = this.RULE('file', () => {
      this.MANY(() => {
        this.OR([{ ALT: () => this.CONSUME(Newline) }, { ALT: () => this.SUBRULE(this.line) }]);
      });
    });

    line = this.RULE('line', () => {
      this.AT_LEAST_ONE(() => this.CONSUME(LineWord));
      this.OPTION(() => this.CONSUME2(Newline));
    });
  }
  return WordLinesParser;
}

/** The words of each line, in order. */
export function lineWords(cst: CstNode): IToken[][] {
  return ((cst.children.line as CstNode[] | undefined) ?? []).map((line) => (line.children.LineWord as IToken[]) ?? []);
}
