import { defineRule } from './rule.ts';
import { bsdServiceCheck } from './support/bsd-service.ts';

export const inetdTrustService = defineRule({
  id: 'inetd-trust-service',
  scope: 'inetd',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'rlogin, rsh and rexec (login, shell, exec) must not be served by inetd',
    rationale: [
      'inetd.conf files derived from BSD carry lines for the r-services: `login` (rlogind, tcp/513), `shell` (rshd,',
      'tcp/514) and `exec` (rexecd, tcp/512). The STCP ports article does not list them; this rule is general Unix',
      'knowledge. rlogin and rsh let in whoever `.rhosts` or `hosts.equiv` trusts, by the address a packet claims to',
      'come from, without a password; rexec takes a password in clear text. All three carry the session in clear text.',
      'Comment them out and use ssh (S270).',
    ].join('\n'),
  },
  examples: [
    {
      title: 'The r-services of a BSD inetd.conf',
      input: [
        'login stream tcp nowait root /usr/libexec/rlogind rlogind',
        'shell stream tcp nowait root /usr/libexec/rshd rshd',
        'exec stream tcp nowait root /usr/libexec/rexecd rexecd',
        '#login stream tcp6 nowait root /usr/libexec/rlogind rlogind',
        '',
      ].join('\n'),
      messages: [
        '1:1 login/tcp (port 513) is active: ' +
          'rlogin lets in whoever .rhosts or hosts.equiv trusts, without a password, ' +
          "and sends the session in clear text (general Unix knowledge, not the article's); comment it out and use ssh",
        '2:1 shell/tcp (port 514) is active: ' +
          'rsh runs commands for whoever .rhosts or hosts.equiv trusts, ' +
          "without a password (general Unix knowledge, not the article's); comment it out and use ssh",
        '3:1 exec/tcp (port 512) is active: ' +
          'rexec takes a user name and password in clear text and runs commands (general Unix knowledge, ' +
          "not the article's); comment it out and use ssh",
      ],
    },
  ],
  check: bsdServiceCheck('trust'),
});
