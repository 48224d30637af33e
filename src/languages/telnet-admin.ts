import { parseTelnetAdminCst } from '../../grammar/telnet-admin/index.ts';
import { parseTelnetAdmin } from '../syntax/telnet-admin.ts';
import { defineLanguage, megabyte } from './language.ts';

export const telnetAdmin = defineLanguage({
  kind: 'telnet-admin',
  title: 'telnet_admin listings',
  names: 'telnet_admin*',
  name: /^telnet_admin/,
  content: /^[\t ]*service(?:_name)?[\t ]+(?:\S+[\t ]+)*port(?:_number|_no)?\b/im,
  maxBytes: megabyte,
  commentMarker: '#',
  exampleName: 'telnet_admin.txt',
  fence: 'text',
  parse: parseTelnetAdmin,
  lex: parseTelnetAdminCst,
});
