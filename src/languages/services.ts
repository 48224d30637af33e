import { parseServicesCst } from '../../grammar/services/index.ts';
import { parseServices } from '../syntax/services.ts';
import { dumpServices } from '../syntax/services-dump.ts';
import { defineLanguage, megabyte } from './language.ts';

export const services = defineLanguage({
  kind: 'services',
  title: 'the STCP services file',
  names: 'services',
  fileName: 'services',
  content: {
    line: /^[\t ]*[^#\s]+[\t ]+\d{1,5}\/(?:tcp|udp)\b/im,
    priority: 20,
  },
  maxBytes: megabyte,
  commentMarker: '#',
  exampleName: 'services',
  fence: 'text',
  parse: parseServices,
  dump: dumpServices,
  fuzzPieces: [
    'telnet',
    '23',
    '23/tcp',
    '7/tcp',
    'x/udp',
    '65536/udp',
    'alias',
    '#',
    ' ',
    '\t',
    '\n',
    '\r\n',
    'é',
    '\u0000',
  ],
  syntaxRule: {
    summary: 'every line of the services file must be `name port/protocol [aliases…]`',
    rationale: [
      'inetd finds the port of each inetd.conf service in `>system>stcp>services`. A line it cannot read leaves its',
      'service without a port, so the inetd.conf entries that name it do nothing, or bind where nobody expects.',
    ].join('\n'),
    examples: [
      {
        title: 'A line without port/protocol',
        input: 'telnet 23/tcp\nrsn tcp/85\n',
        messages: ["2:5 Unexpected 'tcp/85' after the service name 'rsn', expected port/protocol such as 23/tcp"],
      },
    ],
  },
  lex: parseServicesCst,
});
