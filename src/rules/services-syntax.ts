import { syntaxRule } from './support/syntax-errors.ts';

export const servicesSyntax = syntaxRule(
  'services',
  'services-syntax',
  'every line of the services file must be `name port/protocol [aliases…]`',
  [
    'inetd finds the port of each inetd.conf service in `>system>stcp>services`. A line it cannot read leaves its',
    'service without a port, so the inetd.conf entries that name it do nothing, or bind where nobody expects.',
  ].join('\n'),
  [
    {
      title: 'A line without port/protocol',
      input: 'telnet 23/tcp\nrsn tcp/85\n',
      messages: ["2:5 Unexpected 'tcp/85' after the service name 'rsn', expected port/protocol such as 23/tcp"],
    },
  ],
);
