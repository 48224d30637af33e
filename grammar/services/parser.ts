import { CstParser, tokenMatcher, type CstNode, type IToken } from 'chevrotain';
import { Newline } from '../lexing.ts';
import { parserConfig } from '../parsing.ts';
import { tokenEnd, type GrammarError } from '../types.ts';
import { Name, PortProtocol, servicesTokens } from './tokens.ts';

export class ServicesParser extends CstParser {
  constructor() {
    super(servicesTokens, parserConfig);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.CONSUME(Newline) },
          { GATE: () => tokenMatcher(this.LA(2), PortProtocol), ALT: () => this.SUBRULE(this.entry) },
          { ALT: () => this.SUBRULE(this.bogus) },
        ],
      });
    });
  });

  entry = this.RULE('entry', () => {
    this.CONSUME(Name, { LABEL: 'name' });
    this.CONSUME(PortProtocol, { LABEL: 'port' });
    this.MANY(() => this.CONSUME2(Name, { LABEL: 'alias' }));
    this.OPTION(() => this.CONSUME(Newline));
  });

  bogus = this.RULE('bogus', () => {
    this.AT_LEAST_ONE(() => this.CONSUME3(Name, { LABEL: 'field' }));
    this.OPTION2(() => this.CONSUME2(Newline));
  });
}

export function explainBogusLines(cst: CstNode): GrammarError[] {
  const errors: GrammarError[] = [];
  for (const bogus of (cst.children.bogus ?? []) as CstNode[]) {
    const [name, second] = bogus.children.field as IToken[];
    const start = second ? second.startOffset : tokenEnd(name!);
    errors.push({
      message: second
        ? `Unexpected '${second.image}' after the service name '${name!.image}', expected port/protocol such as 23/tcp`
        : `Unexpected end of line after '${name!.image}', expected port/protocol such as 23/tcp`,
      start,
      end: second ? tokenEnd(second) : start,
      expected: 'port/protocol',
    });
  }
  return errors;
}
