import type { FileKind } from '../../src/languages/registry.ts';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { parseMacro } from '../../src/syntax/macro.ts';
import type { ParseError } from '../../src/syntax/parse-error.ts';
import type { Position } from '../../src/syntax/position.ts';
import { parseServices } from '../../src/syntax/services.ts';
import { parseTelnetAdmin } from '../../src/syntax/telnet-admin.ts';

/** Any kind's tree, as far as the invariants look at it. */
export function treeOf(kind: FileKind, text: string): { children: Array<{ position: Position }>; errors: ParseError[] } {
  switch (kind) {
    case 'inetd':
      return parseInetd(text);
    case 'macro':
      return parseMacro(text);
    case 'telnet-admin':
      return parseTelnetAdmin(text);
    case 'services':
      return parseServices(text);
  }
}
