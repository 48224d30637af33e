import { defineRule } from './rule.ts';
import { reportSyntaxErrors } from './support/syntax-errors.ts';

export const inetdSyntax = defineRule({
  id: 'inetd-syntax',
  scope: 'inetd',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'every line of inetd.conf must be an entry, a comment, a blank line or an `addr:` line',
    rationale: [
      'An entry is `service socket-type protocol wait|nowait user server-program [arguments…]`, fields separated by',
      'blanks or tabs. inetd skips a line it cannot read, usually with no more than a console message, so a typo',
      'silently turns a service off, or leaves on one the site meant to change. vos-audit reads the rest of the file',
      'as usual and says which field it expected where the line went wrong.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A misspelt socket type and a truncated line',
      input: 'echo strem tcp nowait root internal\ntftp dgram udp wait\n',
      messages: [
        "1:6 Unexpected 'strem' in field 2, expected a socket type (stream, dgram, raw, rdm or seqpacket)",
        "2:20 Unexpected end of line after 'wait', expected a user name (user, user.group or user:group) as field 5",
      ],
    },
  ],
  check: reportSyntaxErrors,
});
