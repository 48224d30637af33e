import { EmbeddedActionsParser, tokenMatcher, type IOrAlt, type IToken } from 'chevrotain';
import { parserConfig } from '../parsing.ts';
import { entryFields, fitsEntryField } from './fields.ts';
import { Newline } from '../lexing.ts';
import { DisabledMarker, inetdTokens, Word } from './tokens.ts';

/**
 * The concrete syntax of an inetd.conf: its lines in order, each with its field tokens. An entry's fields are the
 * service, socket type, protocol, wait, user and server, then the arguments; a bogus line's are whatever it holds.
 */
export type InetdLineSyntax =
  | { kind: 'entry'; fields: IToken[]; disabledBy?: IToken }
  | { kind: 'defaultAddress'; address: IToken }
  | { kind: 'bogus'; fields: IToken[] }
  | { kind: 'comment'; marker: IToken; fields: IToken[] };

type EntryLine = InetdLineSyntax & { kind: 'entry' };
type BogusLine = InetdLineSyntax & { kind: 'bogus' };

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

  /** What a line can be; built once, not at every line, since the alternatives are objects and closures. */
  private readonly lineKinds: Array<IOrAlt<InetdLineSyntax | undefined>> = [
    { ALT: () => void this.CONSUME(Newline) },
    { GATE: () => this.looksLikeEntry(), ALT: () => this.SUBRULE(this.entry) },
    { GATE: () => this.looksLikeDefaultAddress(), ALT: () => this.SUBRULE(this.defaultAddress) },
    { ALT: () => this.SUBRULE(this.bogus) },
    { ALT: () => this.SUBRULE(this.commentedOut) },
  ];

  file = this.RULE('file', () => {
    const lines: InetdLineSyntax[] = [];
    this.MANY(() => {
      const line = this.OR({ IGNORE_AMBIGUITIES: true, DEF: this.lineKinds });
      if (line !== undefined) lines.push(line);
    });
    return lines;
  });

  private readonly commentedOutKinds: Array<IOrAlt<EntryLine | BogusLine>> = [
    { GATE: () => this.looksLikeEntry(), ALT: () => this.SUBRULE(this.entry) },
    { ALT: () => this.SUBRULE(this.bogus) },
  ];

  /** A commented-out line that looked like an entry: one when its fields fit, else a comment after all. */
  commentedOut = this.RULE('commentedOut', (): InetdLineSyntax => {
    const marker = this.CONSUME(DisabledMarker);
    const line = this.OR({ IGNORE_AMBIGUITIES: true, DEF: this.commentedOutKinds });
    return this.ACTION(() => (line.kind === 'entry' ? { ...line, disabledBy: marker } : { kind: 'comment', marker, fields: line.fields }));
  });

  entry = this.RULE('entry', (): EntryLine => {
    const fields = [this.CONSUME1(Word), this.CONSUME2(Word), this.CONSUME3(Word), this.CONSUME4(Word), this.CONSUME5(Word), this.CONSUME6(Word)];
    this.MANY(() => fields.push(this.CONSUME7(Word)));
    this.OPTION(() => this.CONSUME(Newline));
    return { kind: 'entry', fields };
  });

  defaultAddress = this.RULE('defaultAddress', (): InetdLineSyntax => {
    const address = this.CONSUME(Word);
    this.OPTION(() => this.CONSUME(Newline));
    return { kind: 'defaultAddress', address };
  });

  bogus = this.RULE('bogus', (): BogusLine => {
    const fields: IToken[] = [];
    this.AT_LEAST_ONE(() => fields.push(this.CONSUME(Word)));
    this.OPTION(() => this.CONSUME(Newline));
    return { kind: 'bogus', fields };
  });

  private looksLikeEntry(): boolean {
    for (let i = 0; i < entryFields.length; i++) {
      const token = this.LA(i + 1);
      if (!tokenMatcher(token, Word) || !fitsEntryField(token.image, i)) return false;
    }
    return true;
  }

  private looksLikeDefaultAddress(): boolean {
    const next = this.LA(2);
    return isAddressOnly(this.LA(1)) && (tokenMatcher(next, Newline) || next.tokenType.name === 'EOF');
  }
}

export function newInetdParser(): InetdParser {
  return new InetdParser();
}
