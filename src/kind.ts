import { isKnownName } from './io/discover.ts';
import { parseInetd } from './syntax/inetd.ts';
import type { Source } from './syntax/source.ts';

export type FileKind = 'inetd';

/**
 * A file's kind by its name, else by its content: text with at least one inetd entry (active or commented out) is
 * an inetd.conf; no other VOS file has a line whose second and third words are a socket type and a protocol.
 */
export function detectKind(source: Source): FileKind | undefined {
  if (isKnownName(source.path)) return 'inetd';
  return parseInetd(source.text).children.some((node) => node.type === 'entry') ? 'inetd' : undefined;
}
