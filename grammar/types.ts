import type { CstNode, IToken } from 'chevrotain';

/** A syntax error as offsets into the parsed text; src/syntax turns offsets into line and column. */
export interface GrammarError {
  message: string;
  start: number;
  end: number;
  found?: string;
  expected: string;
}

/** A parse: the concrete syntax (a chevrotain CST, or the lines an embedded-actions parser built), tokens, trivia. */
export interface ParsedCst<Cst = CstNode> {
  cst: Cst;
  tokens: IToken[];
  trivia: IToken[];
  errors: GrammarError[];
}

/** The offset just after a token; chevrotain's own endOffset is inclusive. */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}
