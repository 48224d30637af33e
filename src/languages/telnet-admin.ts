import { parseTelnetAdminCst } from '../../grammar/telnet-admin/index.ts';
import { parseTelnetAdmin } from '../syntax/telnet-admin.ts';
import { dumpTelnetAdmin } from '../syntax/telnet-admin-dump.ts';
import { defineLanguage, megabyte } from './language.ts';

export const telnetAdmin = defineLanguage({
  kind: 'telnet-admin',
  title: 'telnet_admin listings',
  names: 'telnet_admin*',
  fileName: 'telnet_admin[^/]*',
  content: {
    line: /^[\t ]*service(?:_name)?[\t ]+(?:\S+[\t ]+)*port(?:_number|_no)?\b/im,
    priority: 30,
  },
  maxBytes: megabyte,
  commentMarker: '#',
  exampleName: 'telnet_admin.txt',
  fence: 'text',
  parse: parseTelnetAdmin,
  dump: dumpTelnetAdmin,
  fuzzPieces: [
    'Service',
    'Port',
    'Device',
    'Type',
    'telnet',
    '23',
    '85',
    'rsn',
    'login',
    '--',
    '==',
    '#',
    '&',
    'x',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '7/tcp',
    'é',
  ],
  syntaxRule: {
    summary: 'a telnet_admin listing must have a header naming a Service and a Port column, and a port in every row',
    rationale: [
      'The printed output of `telnet_admin` is not public, so vos-audit reads a listing in one documented layout (see the',
      'README): a header row naming at least a Service and a Port column, in any order, then one row per listener.',
      'A listing in any other layout is rejected as a whole rather than guessed at, since a wrong guess would put',
      'ports in the model that are not open, or leave out ones that are.',
    ].join('\n'),
    examples: [
      {
        title: 'A listing without the expected header',
        input: 'telnet 23 telnet_23 login\nrsn 85 rsn_incoming slave\n',
        messages: [
          "1:1 Unexpected header 'telnet 23 telnet_23 login', " +
            'expected a header row naming at least a Service and a Port column (for example: Service  Port  Device  Type)',
        ],
      },
      {
        title: 'A row whose port is not a number',
        input: 'Service  Port  Device\ntelnet   23    telnet_23\nrsn      8S    rsn_incoming\n',
        messages: ["3:10 Unexpected port '8S', expected a port number from 1 to 65535"],
      },
    ],
  },
  lex: parseTelnetAdminCst,
});
