import type { IToken } from 'chevrotain';
import { cstGrammar } from '../parsing.ts';
import { TelnetAdminParser } from './parser.ts';
import { telnetAdminTokens } from './tokens.ts';

/** Lexes and parses a captured telnet_admin listing. Never throws on any input; its layout is checked later. */
export const parseTelnetAdminCst = cstGrammar(
  telnetAdminTokens,
  () => new TelnetAdminParser(),
  () => [],
);

/** The cells of a row, `--` included as a cell (an empty field in a listing). */
export function rowCells(row: { children: Record<string, unknown> }): IToken[] {
  return [
    ...((row.children.Cell as IToken[] | undefined) ?? []),
    ...((row.children.Rule as IToken[] | undefined) ?? []),
  ].sort((a, b) => a.startOffset - b.startOffset);
}
