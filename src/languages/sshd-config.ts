import { parseSshdConfigCst } from '../../grammar/sshd-config/index.ts';
import { parseSshdConfig } from '../syntax/sshd-config.ts';
import { dumpSshdConfig } from '../syntax/sshd-config-dump.ts';
import { defineLanguage, megabyte } from './language.ts';

export const sshdConfig = defineLanguage({
  kind: 'sshd-config',
  title: "OpenSSH's sshd_config",
  names: 'sshd_config, sshd_config.d/*.conf',
  fileName: 'sshd_config|sshd_config\\.d/[^/]*\\.conf',
  content: {
    line: /^[\t ]*(?:Port[\t =]+\d{1,5}|ListenAddress[\t =]+\S+|(?:PermitRootLogin|PasswordAuthentication|PubkeyAuthentication|UsePAM)[\t =]+(?:yes|no|prohibit-password|without-password|forced-commands-only))[\t ]*$/im,
    priority: 25,
  },
  maxBytes: megabyte,
  commentMarker: '#',
  exampleName: 'sshd_config',
  fence: 'text',
  parse: parseSshdConfig,
  dump: dumpSshdConfig,
  fuzzPieces: [
    'Port',
    'port',
    'ListenAddress',
    'Match',
    'User',
    'Include',
    'PermitRootLogin',
    'yes',
    '22',
    '2222',
    '0',
    '65536',
    '[::1]',
    '[2001:db8::1]:22',
    '192.0.2.1:2222',
    '::1',
    '=',
    '"',
    '"a b"',
    '\\',
    '#',
    ' ',
    '\t',
    '\n',
    '\r\n',
    'é',
  ],
  syntaxRule: {
    summary: 'every line of sshd_config must be a keyword and its arguments, with ports and addresses sshd can read',
    rationale: [
      'sshd refuses to start on a line it cannot read: a quote left open, a `Port` that is not a port number, a',
      '`ListenAddress` whose port is not one, or a `Port` or `ListenAddress` inside a `Match` block (sshd_config(5)',
      'lists the keywords a Match block allows, and those two are not among them). A module whose sshd does not start',
      'has no way in but the ones the audit would tell you to close. Such a line is also left out of the model, so',
      "sshd's ports stay undecided until it is fixed.",
    ].join('\n'),
    examples: [
      {
        title: 'A port that is not a number, and a Port inside a Match block',
        input: 'Port 22x\nMatch User backup\n    Port 2222\n',
        messages: [
          "1:6 Unexpected '22x' after 'Port', expected a port number from 1 to 65535",
          "3:5 Unexpected 'Port' in the Match block of line 2, expected a keyword a Match block allows (sshd refuses to start)",
        ],
      },
    ],
  },
  lex: parseSshdConfigCst,
});
