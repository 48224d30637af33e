import { EmbeddedActionsParser, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { parserConfig } from '../parsing.ts';
import { inetdTokens, Newline, Protocol, SocketType, WaitSpec, Word } from './tokens.ts';

/**
 * The concrete syntax of an inetd.conf: its lines in order, each with its field tokens. An entry's fields are the
 * service, socket type, protocol, wait, user and server, then the arguments; a bogus line's are whatever it holds.
 */
export type InetdLineSyntax =
  | { kind: 'entry'; fields: IToken[] }
  | { kind: 'defaultAddress'; address: IToken }
  | { kind: 'bogus'; fields: IToken[] };

/** The fields every entry has, in order; a line whose first six fields fit is an entry, any other line is bogus. */
const entryShape: TokenType[] = [Word, SocketType, Protocol, WaitSpec, Word, Word];

/** A field ending in `:` alone on its line sets the default listening address of the entries after it. */
function isAddressOnly(token: IToken): boolean {
  return tokenMatcher(token, Word) && token.image.endsWith(':');
}

/**
 * Builds the lines as it recognises them rather than a chevrotain CST: a large file's parse then makes one array a
 * line instead of a node and a label map, which is most of what parsing costs before the code is warm.
 */
class InetdParser extends EmbeddedActionsParser {
  constructor() {
    super(inetdTokens, parserConfig);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    const lines: InetdLineSyntax[] = [];
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.CONSUME(Newline) },
          { GATE: () => this.looksLikeEntry(), ALT: () => lines.push(this.SUBRULE(this.entry)) },
          { GATE: () => this.looksLikeDefaultAddress(), ALT: () => lines.push(this.SUBRULE(this.defaultAddress)) },
          { ALT: () => lines.push(this.SUBRULE(this.bogus)) },
        ],
      });
    });
    return lines;
  });

  entry = this.RULE('entry', (): InetdLineSyntax => {
    const fields = [this.CONSUME(Word), this.CONSUME(SocketType), this.CONSUME(Protocol), this.CONSUME(WaitSpec), this.CONSUME2(Word), this.CONSUME3(Word)];
    this.MANY(() => fields.push(this.CONSUME4(Word)));
    this.OPTION(() => this.CONSUME(Newline));
    return { kind: 'entry', fields };
  });

  defaultAddress = this.RULE('defaultAddress', (): InetdLineSyntax => {
    const address = this.CONSUME(Word);
    this.OPTION(() => this.CONSUME(Newline));
    return { kind: 'defaultAddress', address };
  });

  bogus = this.RULE('bogus', (): InetdLineSyntax => {
    const fields: IToken[] = [];
    this.AT_LEAST_ONE(() => fields.push(this.CONSUME(Word)));
    this.OPTION(() => this.CONSUME(Newline));
    return { kind: 'bogus', fields };
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
