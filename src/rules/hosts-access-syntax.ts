import { defineRule } from './rule.ts';
import { reportSyntaxErrors } from './support/syntax-errors.ts';

export const hostsAccessSyntax = defineRule({
  id: 'hosts-access-syntax',
  scope: 'hosts-access',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'every line of hosts.allow and hosts.deny must be a rule tcpd reads as meant',
    rationale: [
      'A rule is `daemon_list : client_list [: option : …]`. tcpd skips a line without the colon, never matches a',
      'pattern it cannot read (`10.9.9.0/33`, `[zz::1]`), denies every client a rule matches when the rule has an',
      'option it refuses (an unknown keyword, `allow` before another option, `severity loud`), and fails the whole',
      'file when its last line has no line break, which in hosts.deny denies every client no earlier rule decided.',
      'All of this happens silently, in syslog at best; vos-audit says where and what was expected.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A missing colon, a bad mask and a misspelt option',
      input: 'tftpd 10.9.9.9\ntftpd: 10.9.9.0/33\ntftpd: 10.9.9.9: alow\n',
      messages: [
        "1:15 Unexpected end of line after '10.9.9.9', expected ':' and a client list (daemon_list : client_list)",
        "2:8 Unexpected pattern '10.9.9.0/33', expected a mask m.m.m.m (not 255.255.255.255) or a length from 1 to 32 after the address: tcpd matches nothing with it",
        "3:18 Unexpected option 'alow', expected one of allow, deny, twist, spawn, aclexec, severity, banners, setenv, user, group, umask, linger, nice, rfc931, keepalive: tcpd denies every client this rule matches",
      ],
    },
    { title: 'Rules tcpd reads', input: 'tftpd tftpd.pm: 10.9.9.9: severity auth.info\n', messages: [] },
  ],
  check: reportSyntaxErrors,
});
