import { EmbeddedActionsParser, type IOrAlt, type IToken } from 'chevrotain';
import { parserConfig } from '../parsing.ts';
import { entryFields, fitsEntryField } from './tokens.ts';
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
type AddressLine = InetdLineSyntax & { kind: 'defaultAddress' };
type BogusLine = InetdLineSyntax & { kind: 'bogus' };

function isEntry(words: IToken[]): boolean {
  if (words.length < entryFields.length) return false;
  for (let i = 0; i < entryFields.length; i++) if (!fitsEntryField(words[i]!.image, i)) return false;
  return true;
}

/**
 * What a line of words is: an entry when its first six fit the entry's fields; a word ending in `:` alone, the
 * default listening address of the entries after it; else bogus.
 */
function classify(words: IToken[]): EntryLine | AddressLine | BogusLine {
  if (isEntry(words)) return { kind: 'entry', fields: words };
  if (words.length === 1 && words[0]!.image.endsWith(':')) return { kind: 'defaultAddress', address: words[0]! };
  return { kind: 'bogus', fields: words };
}

/**
 * Builds the lines as it recognises them rather than a chevrotain CST: a large file's parse then makes one array a
 * line instead of a node and a label map, which is most of what parsing costs before the code is warm. Entries,
 * address lines and bogus lines are all words up to the line's end; which one a line is depends on what its words
 * say, so the grammar reads the words and an action tells them apart, rather than gates choosing among three rules
 * that would read the same tokens.
 */
class InetdParser extends EmbeddedActionsParser {
  constructor() {
    super(inetdTokens, parserConfig);
    this.performSelfAnalysis();
  }

  /** What a line can be; built once, not at every line, since the alternatives are objects and closures. */
  private readonly lineKinds: Array<IOrAlt<InetdLineSyntax | undefined>> = [
    { ALT: () => void this.CONSUME(Newline) },
    { ALT: () => this.SUBRULE(this.wordLine) },
    { ALT: () => this.SUBRULE(this.commentedOut) },
  ];

  file = this.RULE('file', () => {
    const lines: InetdLineSyntax[] = [];
    this.MANY(() => {
      const line = this.OR(this.lineKinds);
      if (line !== undefined) lines.push(line);
    });
    return lines;
  });

  wordLine = this.RULE('wordLine', (): InetdLineSyntax => {
    const words = this.SUBRULE(this.words);
    return this.ACTION(() => classify(words));
  });

  /** A commented-out line that looked like an entry: one when its fields fit, else a comment after all. */
  commentedOut = this.RULE('commentedOut', (): InetdLineSyntax => {
    const marker = this.CONSUME(DisabledMarker);
    const words = this.SUBRULE(this.words);
    return this.ACTION(() =>
      isEntry(words)
        ? { kind: 'entry', fields: words, disabledBy: marker }
        : { kind: 'comment', marker, fields: words },
    );
  });

  /** The words of a line, and its line break unless it is the last line and has none. */
  words = this.RULE('words', (): IToken[] => {
    const words: IToken[] = [];
    this.AT_LEAST_ONE(() => words.push(this.CONSUME(Word)));
    this.OPTION(() => this.CONSUME(Newline));
    return words;
  });
}

export function newInetdParser(): InetdParser {
  return new InetdParser();
}
