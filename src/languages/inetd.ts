import { parseInetdCst } from '../../grammar/inetd/index.ts';
import { parseInetd } from '../syntax/inetd.ts';
import { defineLanguage, megabyte } from './language.ts';

export const inetd = defineLanguage({
  kind: 'inetd',
  title: 'inetd.conf',
  names: 'inetd.conf',
  name: /^inetd\.conf$/,
  content:
    /^[#\t ]*[^#\s]\S*[\t ]+(?:stream|dgram|raw|rdm|seqpacket)[\t ]+(?:rpc\/)?(?:tcp|udp)\S*[\t ]+(?:no)?wait\S*[\t ]+\S+[\t ]+\S/m,
  maxBytes: 2 * megabyte,
  commentMarker: '#',
  exampleName: 'inetd.conf',
  fence: 'inetd',
  parse: parseInetd,
  lex: parseInetdCst,
});
