import type { FileKind } from '../model/files.ts';

/** The kind of a file by its name; matched case-insensitively, as VOS names are. */
export function kindByName(path: string): FileKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'inetd.conf') return 'inetd';
  if (name.endsWith('.cm')) return 'macro';
  if (name.startsWith('telnet_admin')) return 'telnet-admin';
  if (name === 'services') return 'services';
  return undefined;
}

/** Each kind's tell-tale line, for files whose name says nothing; no two kinds share one. */
const contentTests: Array<[FileKind, RegExp]> = [
  ['inetd', /^[#\t ]*[^#\s]\S*[\t ]+(?:stream|dgram|raw|rdm|seqpacket)[\t ]+(?:rpc\/)?(?:tcp|udp)\S*[\t ]+(?:no)?wait\S*[\t ]+\S+[\t ]+\S/m],
  ['macro', /^[\t ]*(?:&(?:begin_parameters|if|set_string|set|echo|mode|return|label|goto|display_line|attach_input)\b|!?start_process\b)/im],
  ['telnet-admin', /^[\t ]*service(?:_name)?[\t ]+(?:\S+[\t ]+)*port(?:_number|_no)?\b/im],
  ['services', /^[\t ]*[^#\s]+[\t ]+\d{1,5}\/(?:tcp|udp)\b/im],
];

/** The kind of a file by its content: the first kind whose tell-tale line it has. */
export function kindByContent(text: string): FileKind | undefined {
  return contentTests.find(([, test]) => test.test(text))?.[0];
}

export const knownNamesText = 'inetd.conf, *.cm, telnet_admin*, services';
