import { parseInetdCst } from '../../grammar/inetd/index.ts';
import { parseMacroCst } from '../../grammar/macro/index.ts';
import { parseServicesCst } from '../../grammar/services/index.ts';
import { parseTelnetAdminCst } from '../../grammar/telnet-admin/index.ts';
import type { ParsedCst } from '../../grammar/types.ts';
import type { FileKind } from '../../src/languages/registry.ts';

export const cstParsers: Record<FileKind, (text: string) => ParsedCst<unknown>> = {
  inetd: parseInetdCst,
  macro: parseMacroCst,
  'telnet-admin': parseTelnetAdminCst,
  services: parseServicesCst,
};

/** The tokens and trivia of a text, put back together in offset order: the input again, if lexing is lossless. */
export function relexed(text: string, kind: FileKind = 'inetd'): string {
  const { tokens, trivia } = cstParsers[kind](text);
  return [...tokens, ...trivia]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((token) => token.image)
    .join('');
}
