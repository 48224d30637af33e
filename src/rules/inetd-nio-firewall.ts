import { tftpPort } from '../catalog/inetd-services.ts';
import { activeServices, describeService, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';
import { neededByNio } from './support/tiny-service.ts';

export const inetdNioFirewall = defineRule({
  id: 'inetd-nio-firewall',
  scope: 'inetd',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'with an NIO, tcp/37 and udp/69 stay open and must be fenced at the site firewall',
    rationale: [
      'A V-series module with an NIO needs TCP time (so NIO and VOS log time stamps agree) and tftp. Those ports',
      'stay open, so they have to be fenced elsewhere. Time is served inside inetd, where TCP Wrappers cannot reach',
      'it: block tcp/37 at the site firewall. tftp should run through tcpd with only the NIO allowed in',
      '`hosts.allow`, and udp/69 should be blocked at the site firewall too. `hosts.allow` only restricts what tcpd',
      "runs: a line that starts tftpd directly is `inetd-unwrapped-service`'s error, and this rule then speaks only",
      'of the firewall.',
      '',
      'The rule speaks only with `--nio`; it reports once per line so the advice sits next to what it is about.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'An NIO module keeps tcp time and tftp',
      options: { nio: true },
      input: [
        'time stream tcp nowait root internal',
        'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '',
      ].join('\n'),
      messages: [
        '1:1 time/tcp (port 37) stays on for the NIO, and inetd serves it internally where tcpd cannot restrict it: block tcp/37 at the site firewall',
        '2:1 tftp/udp (port 69) stays on for the NIO: allow only the NIO in hosts.allow, and block udp/69 at the site firewall',
      ],
    },
    {
      title: 'tftp started directly: inetd-unwrapped-service asks for tcpd, this rule for the firewall',
      options: { nio: true },
      input: 'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd\n',
      messages: ['1:1 tftp/udp (port 69) stays on for the NIO: block udp/69 at the site firewall'],
    },
    {
      title: 'Without an NIO the rule is silent',
      input: 'time stream tcp nowait root internal\n',
      messages: [],
    },
  ],
  check(context) {
    if (!context.settings.nio) return;
    for (const service of activeServices(context.file)) {
      if (neededByNio(service, context.settings)) {
        context.report({
          reason:
            `${describeService(service)} stays on for the NIO, ` +
            `and inetd serves it internally where tcpd cannot restrict it: block tcp/37 at the site firewall`,
          span: entrySpan(service),
        });
      } else if (service.port === tftpPort && service.transport === 'udp') {
        // hosts.allow restricts only what tcpd runs: for a direct line, inetd-unwrapped-service asks for tcpd.
        const restrict = service.tcpd !== undefined ? 'allow only the NIO in hosts.allow, and ' : '';
        context.report({
          reason: `${describeService(service)} stays on for the NIO: ${restrict}block udp/69 at the site firewall`,
          span: entrySpan(service),
        });
      }
    }
  },
});
