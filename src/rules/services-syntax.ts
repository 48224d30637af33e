import { defineRule } from './rule.ts';
import { reportSyntaxErrors } from './support/syntax-errors.ts';

export const servicesSyntax = defineRule({
  id: 'services-syntax',
  scope: 'services',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'every line of the services file must be `name port/protocol [aliases…]`',
    rationale: [
      'inetd finds the port of each inetd.conf service in `>system>stcp>services`. A line it cannot read leaves its',
      'service without a port, so the inetd.conf entries that name it do nothing, or bind where nobody expects.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A line without port/protocol',
      input: 'telnet 23/tcp\nrsn tcp/85\n',
      messages: ["2:5 Unexpected 'tcp/85' after the service name 'rsn', expected port/protocol such as 23/tcp"],
    },
  ],
  check: reportSyntaxErrors,
});
