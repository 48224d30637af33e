import type { CstNode, IToken } from 'chevrotain';

/** A syntax error as offsets into the parsed text; src/syntax turns offsets into line and column. */
export interface GrammarError {
  message: string;
  start: number;
  end: number;
  found?: string;
  expected: string;
}

export interface ParsedCst {
  cst: CstNode;
  tokens: IToken[];
  trivia: IToken[];
  errors: GrammarError[];
}

/** The offset just after a token; chevrotain's own endOffset is inclusive. */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}
