import { isKnownName } from './io/discover.ts';
import { parseInetd } from './syntax/inetd.ts';
import type { Source } from './syntax/source.ts';

export type FileKind = 'inetd';

/**
 * A file's kind by its name, else by its content: text where entries (active or commented out) outnumber the
 * lines that are not entries is an inetd.conf. Undefined when neither tells.
 */
export function detectKind(source: Source): FileKind | undefined {
  if (isKnownName(source.path)) return 'inetd';
  const tree = parseInetd(source.text);
  const entries = tree.children.filter((node) => node.type === 'entry').length;
  return entries > 0 && entries > tree.errors.length ? 'inetd' : undefined;
}
