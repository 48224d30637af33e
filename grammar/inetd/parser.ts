import { CstParser, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { parserConfig } from '../parsing.ts';
import { inetdTokens, Newline, Protocol, SocketType, WaitSpec, Word } from './tokens.ts';

/** The fields every entry has, in order; a line whose first six fields fit is an entry, any other line is bogus. */
const entryShape: TokenType[] = [Word, SocketType, Protocol, WaitSpec, Word, Word];

/** A field ending in `:` alone on its line sets the default listening address of the entries after it. */
function isAddressOnly(token: IToken): boolean {
  return tokenMatcher(token, Word) && token.image.endsWith(':');
}

class InetdParser extends CstParser {
  constructor() {
    super(inetdTokens, parserConfig);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.CONSUME(Newline) },
          { GATE: () => this.looksLikeEntry(), ALT: () => this.SUBRULE(this.entry) },
          { GATE: () => this.looksLikeDefaultAddress(), ALT: () => this.SUBRULE(this.defaultAddress) },
          { ALT: () => this.SUBRULE(this.bogus) },
        ],
      });
    });
  });

  entry = this.RULE('entry', () => {
    this.CONSUME(Word, { LABEL: 'service' });
    this.CONSUME(SocketType, { LABEL: 'socketType' });
    this.CONSUME(Protocol, { LABEL: 'protocol' });
    this.CONSUME(WaitSpec, { LABEL: 'wait' });
    this.CONSUME2(Word, { LABEL: 'user' });
    this.CONSUME3(Word, { LABEL: 'server' });
    this.MANY(() => this.CONSUME4(Word, { LABEL: 'argument' }));
    this.OPTION(() => this.CONSUME(Newline));
  });

  defaultAddress = this.RULE('defaultAddress', () => {
    this.CONSUME(Word, { LABEL: 'address' });
    this.OPTION(() => this.CONSUME(Newline));
  });

  bogus = this.RULE('bogus', () => {
    this.AT_LEAST_ONE(() => this.CONSUME(Word, { LABEL: 'field' }));
    this.OPTION(() => this.CONSUME(Newline));
  });

  private looksLikeEntry(): boolean {
    return entryShape.every((type, i) => tokenMatcher(this.LA(i + 1), type));
  }

  private looksLikeDefaultAddress(): boolean {
    const next = this.LA(2);
    return isAddressOnly(this.LA(1)) && (tokenMatcher(next, Newline) || next.tokenType.name === 'EOF');
  }
}

export function newInetdParser(): InetdParser {
  return new InetdParser();
}
