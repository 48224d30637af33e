import type { CstNode, IToken } from 'chevrotain';
import { cstGrammar } from '../parsing.ts';
import { SshdConfigParser } from './parser.ts';
import { sshdConfigTokens } from './tokens.ts';

/** Lexes and parses an sshd_config file. Never throws on any input; what each line means is checked later. */
export const parseSshdConfigCst = cstGrammar(
  sshdConfigTokens,
  () => new SshdConfigParser(),
  () => [],
);

/** The tokens of each line, in order. */
export function lineTokens(cst: CstNode): IToken[][] {
  return ((cst.children.line as CstNode[] | undefined) ?? []).map((line) =>
    Object.entries(line.children)
      .filter(([name]) => name !== 'Newline')
      .flatMap(([, tokens]) => tokens as IToken[])
      .sort((a, b) => a.startOffset - b.startOffset),
  );
}
