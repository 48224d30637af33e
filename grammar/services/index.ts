import { CstParser, createToken, tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import { Blank, everyCodeUnitExcept, Newline } from '../lexing.ts';
import { cstGrammar, parserConfig } from '../parsing.ts';
import { tokenEnd, type GrammarError } from '../types.ts';

/** services(5): `name port/protocol [aliases…] [# comment]`; `#` starts a comment anywhere on a line. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'trivia' });
export const Name = createToken({ name: 'Name', pattern: /[^ \t\f\v\r\n#]+/, start_chars_hint: everyCodeUnitExcept(' \t\f\v\r\n#') });
export const PortProtocol = createToken({ name: 'PortProtocol', pattern: /\d{1,5}\/[A-Za-z0-9]+(?![^ \t\f\v\r\n#])/, categories: [Name], start_chars_hint: [...'0123456789'] });

const servicesTokens: TokenType[] = [Newline, Blank, Comment, PortProtocol, Name];

class ServicesParser extends CstParser {
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

function explainBogusLines(cst: CstNode): GrammarError[] {
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

/** Lexes and parses an STCP services file. Never throws on any input. */
export const parseServicesCst = cstGrammar(servicesTokens, () => new ServicesParser(), explainBogusLines);
