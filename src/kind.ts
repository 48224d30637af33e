import { isKnownName } from './io/discover.ts';
import type { Source } from './syntax/source.ts';

export type FileKind = 'inetd';

const inetdEntryLine = /^[#\t ]*[^#\s]\S*[\t ]+(?:stream|dgram|raw|rdm|seqpacket)[\t ]+(?:rpc\/)?(?:tcp|udp)\S*[\t ]+(?:no)?wait\S*[\t ]+\S+[\t ]+\S/m;

/**
 * A file's kind by its name, else by its content: text with a line shaped like an inetd entry (active or commented
 * out) is an inetd.conf; no other VOS file has a line whose second and third words are a socket type and a protocol.
 */
export function detectKind(source: Source): FileKind | undefined {
  if (isKnownName(source.path)) return 'inetd';
  return inetdEntryLine.test(source.text) ? 'inetd' : undefined;
}
