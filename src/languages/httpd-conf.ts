import { parseHttpdConfCst } from '../../grammar/httpd-conf/index.ts';
import { parseHttpdConf } from '../syntax/httpd-conf.ts';
import { dumpHttpdConf } from '../syntax/httpd-conf-dump.ts';
import { defineLanguage, megabyte } from './language.ts';

export const httpdConf = defineLanguage({
  kind: 'httpd-conf',
  title: "Apache's httpd.conf",
  names: 'httpd.conf, httpd-*.conf',
  fileName: 'httpd\\.conf|httpd-[^/]*\\.conf',
  content: {
    line: /^[\t ]*(?:Listen[\t ]+(?:\[[^\]\s]+\]:|[^\s:]+:)?\d{1,5}(?:[\t ]+\w+)?|<IfModule[\t ]+[^>\s]+>|ServerRoot[\t ]+\S+|LoadModule[\t ]+\w+[\t ]+\S+)[\t ]*$/im,
    priority: 26,
  },
  maxBytes: megabyte,
  commentMarker: '#',
  exampleName: 'httpd.conf',
  fence: 'apacheconf',
  parse: parseHttpdConf,
  dump: dumpHttpdConf,
  fuzzPieces: [
    'Listen',
    '80',
    '443',
    'https',
    '192.0.2.1:8080',
    '[2001:db8::1]:443',
    '<IfModule',
    'mod_ssl.c>',
    '</IfModule>',
    '<IfDefine',
    '!SSL>',
    '</IfDefine>',
    'Include',
    'conf/extra/*.conf',
    '>',
    '"',
    "'",
    '\\',
    '\\\n',
    '#',
    ' ',
    '\t',
    '\n',
    '\r\n',
    'é',
  ],
  syntaxRule: {
    summary:
      'every line of httpd.conf must be a directive, or open or close a section in order, and Listen must name a port',
    rationale: [
      'Apache refuses to start on a section closed out of order (`</IfModule>` for an open `<IfDefine>`), a section',
      'never closed, a quote left open, or a `Listen` that names no port. A module whose web server does not start',
      'may look safe, until someone fixes the line in a hurry. Such a line is also left out of the model, so the ports',
      "httpd's rows show are incomplete until it is fixed.",
    ].join('\n'),
    examples: [
      {
        title: 'A Listen without a port, and a section closed out of order',
        input: 'Listen 192.0.2.1\n<IfDefine SSL>\n<IfModule mod_ssl.c>\nListen 443\n</IfDefine>\n',
        messages: [
          "1:8 Unexpected '192.0.2.1' after 'Listen', expected a port, address:port or [address]:port, and a protocol (Listen [addr:]port [protocol])",
          "5:1 Unexpected '</IfDefine>', expected </IfModule>",
          '6:1 Unexpected end of file in the section opened at line 3, expected </IfModule>',
          '6:1 Unexpected end of file in the section opened at line 2, expected </IfDefine>',
        ],
      },
    ],
  },
  lex: parseHttpdConfCst,
});
