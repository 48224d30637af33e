import { CstParser } from 'chevrotain';
import { Newline } from '../lexing.ts';
import { parserConfig } from '../parsing.ts';
import {
  Ampersand,
  Directive,
  LeftParen,
  macroTokens,
  QuotedString,
  RightParen,
  Semicolon,
  VariableReference,
  Word,
} from './tokens.ts';

/**
 * The macro grammar is flat on purpose: a file is statements separated by line ends and `;`, each a directive with
 * its arguments (`&if (exists -file x)`, `&then`, `&set_string v 1`) or a command (`start_process 'sshd.pm' -root`).
 * A directive ends where the next one starts, so `&if c &then &do` is three statements. How `&if`, `&then`, `&else`,
 * `&do` and `&end` nest is worked out over these statements by src/syntax/macro.ts, which can say precisely what is
 * missing where; a grammar that nested them would lose the rest of a file at the first unbalanced `&end`.
 */
/** Calls nested deeper than this are read as plain text: the parser and the tree builder recurse once per level. */
export const maxCallDepth = 100;

class MacroParser extends CstParser {
  private depth = 0;

  constructor() {
    super(macroTokens, parserConfig);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.ACTION(() => (this.depth = 0));
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.CONSUME(Semicolon) },
        { ALT: () => this.SUBRULE(this.directive) },
        { ALT: () => this.SUBRULE(this.command) },
      ]);
    });
  });

  directive = this.RULE('directive', () => {
    this.CONSUME(Directive);
    this.MANY(() => this.SUBRULE(this.element));
  });

  command = this.RULE('command', () => {
    this.AT_LEAST_ONE(() => this.SUBRULE(this.element));
  });

  /** A stray `)` is kept as an element; the tree builder reports it. */
  element = this.RULE('element', () => {
    this.OR([
      { ALT: () => this.CONSUME(Word) },
      { ALT: () => this.CONSUME(VariableReference) },
      { ALT: () => this.CONSUME(Ampersand) },
      { ALT: () => this.CONSUME(QuotedString) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.CONSUME(RightParen) },
    ]);
  });

  /** `(name args…)`, nested; a missing `)` ends the call at the end of the line. */
  call = this.RULE('call', () => {
    this.CONSUME(LeftParen);
    this.ACTION(() => this.depth++);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.CONSUME(Word) },
          { ALT: () => this.CONSUME(VariableReference) },
          { ALT: () => this.CONSUME(Ampersand) },
          { ALT: () => this.CONSUME(QuotedString) },
          { ALT: () => this.CONSUME(Directive) },
          { ALT: () => this.CONSUME(Semicolon) },
          { GATE: () => this.depth < maxCallDepth, ALT: () => this.SUBRULE(this.call) },
          { ALT: () => this.CONSUME2(LeftParen, { LABEL: 'tooDeep' }) },
        ],
      });
    });
    this.OPTION(() => this.CONSUME(RightParen));
    this.ACTION(() => this.depth--);
  });
}

export function newMacroParser(): MacroParser {
  return new MacroParser();
}
