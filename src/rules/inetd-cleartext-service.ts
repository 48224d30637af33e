import { defineRule } from './rule.ts';
import { bsdServiceCheck } from './support/bsd-service.ts';

export const inetdCleartextService = defineRule({
  id: 'inetd-cleartext-service',
  scope: 'inetd',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'finger, talk, and telnet or ftp through inetd should not be served',
    rationale: [
      'inetd.conf files derived from BSD carry lines for `finger` (tcp/79), `talk` and `ntalk` (udp/517, 518), and',
      'for `telnet` and `ftp` run by inetd. The STCP ports article does not list them; this rule is general Unix',
      'knowledge. finger tells anyone who asks who uses the module; talk opens chat sessions in clear text. On VOS,',
      'STCP starts its own ftpd and telnetd (not through inetd, the article says), so an inetd line for them is a',
      'second server on the same port, in clear text: `port-conflict` reports the clash.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'finger, ntalk and ftp in inetd.conf',
      input: [
        'finger stream tcp nowait nobody /usr/libexec/fingerd fingerd',
        'ntalk dgram udp wait root /usr/libexec/ntalkd ntalkd',
        'ftp stream tcp nowait root /usr/libexec/ftpd ftpd -l',
        '',
      ].join('\n'),
      messages: [
        '1:1 finger/tcp (port 79) is active: ' +
          "finger tells anyone who asks who uses the module (general Unix knowledge, not the article's); " +
          'comment it out unless something needs it',
        '2:1 ntalk/udp (port 518) is active: ' +
          "talk opens chat sessions in clear text to anyone (general Unix knowledge, not the article's); " +
          'comment it out unless something needs it',
        '3:1 ftp/tcp (port 21) is active: ' +
          'an ftp server started by inetd, beside the ftpd STCP starts, ' +
          "sends passwords in clear text (general Unix knowledge, not the article's); comment it out unless something needs it",
      ],
    },
  ],
  check: bsdServiceCheck('cleartext'),
});
