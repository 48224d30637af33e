import { parseHostsAccessCst } from '../../grammar/hosts-access/index.ts';
import { parseHostsAccess } from '../syntax/hosts-access.ts';
import { dumpHostsAccess } from '../syntax/hosts-access-dump.ts';
import { defineLanguage, megabyte } from './language.ts';

export const hostsAccess = defineLanguage({
  kind: 'hosts-access',
  title: 'TCP Wrappers policy files (hosts.allow, hosts.deny)',
  names: 'hosts.allow, hosts.deny',
  fileName: 'hosts\\.(?:allow|deny)',
  // `daemon_list : client_list`, where the daemon list has a daemon's name or ALL and the client list a pattern.
  content: {
    line: /^[\w.*?@-]+(?:[ \t,]+[\w.*?@-]+)*[ \t]*:[ \t]*(?:ALL|LOCAL|KNOWN|UNKNOWN|PARANOID|[\d.]+(?:\/[\d.]+)?|\.[\w.-]+|\[[\da-f:.]+\](?:\/\d+)?)(?:[ \t,]|:|$)/im,
    priority: 10,
  },
  // Real policies are a few kB; evaluating who may connect compares each client pattern with every rule.
  maxBytes: megabyte / 32,
  commentMarker: '#',
  exampleName: 'hosts.allow',
  fence: 'text',
  parse: parseHostsAccess,
  dump: dumpHostsAccess,
  fuzzPieces: [
    'tftpd',
    'ALL',
    'EXCEPT',
    ':',
    '\\:',
    '\\',
    '\\\n',
    '#',
    ',',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '\r',
    '[',
    ']',
    '[::1]/128',
    '10.9.9.0/24',
    '@',
    'allow',
    'spawn x',
    '𝄞',
  ],
  syntaxRule: {
    summary: 'every line of hosts.allow and hosts.deny must be a rule tcpd reads as meant',
    rationale: [
      'A rule is `daemon_list : client_list [: option : …]`. tcpd skips a line without the colon, never matches a',
      'pattern it cannot read (`10.9.9.0/33`, `[zz::1]`), denies every client a rule matches when the rule has an',
      'option it refuses (an unknown keyword, `allow` before another option, `severity loud`), and fails the whole',
      'file when its last line has no line break, which in hosts.deny denies every client no earlier rule decided.',
      'All of this happens silently, in syslog at best; vos-audit says where and what was expected.',
    ].join('\n'),
    examples: [
      {
        title: 'A missing colon, a bad mask and a misspelt option',
        input: 'tftpd 10.9.9.9\ntftpd: 10.9.9.0/33\ntftpd: 10.9.9.9: alow\n',
        messages: [
          "1:15 Unexpected end of line after '10.9.9.9', expected ':' and a client list (daemon_list : client_list)",
          "2:8 Unexpected pattern '10.9.9.0/33', " +
            'expected a mask m.m.m.m (not 255.255.255.255) or a length from 1 to 32 after the address: tcpd matches nothing with it',
          "3:18 Unexpected option 'alow', expected one of allow, deny, twist, spawn, aclexec, severity, " +
            'banners, setenv, user, group, umask, linger, nice, rfc931, keepalive: tcpd denies every client this rule matches',
        ],
      },
      { title: 'Rules tcpd reads', input: 'tftpd tftpd.pm: 10.9.9.9: severity auth.info\n', messages: [] },
    ],
  },
  lex: parseHostsAccessCst,
});
