import { activeServices, describeService, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';

export const inetdTcpdWithoutDaemon = defineRule({
  id: 'inetd-tcpd-without-daemon',
  scope: 'inetd',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'a line that runs tcpd must name the daemon tcpd hands the connection to',
    rationale: [
      'TCP Wrappers works by being the program inetd runs: the line names tcpd as its server program and the real',
      "daemon as tcpd's first argument (`tftp dgram udp wait root …>tcpd.pm …>tftpd.pm`). tcpd checks hosts.allow and",
      "hosts.deny against that daemon's name, then runs it. A line that names tcpd and nothing after it still has",
      'inetd bind the port, but tcpd has no daemon to check or run, so every connection accepted there fails.',
      '',
      'vos-audit reports such a line rather than guess its daemon: the port is open (`vos-audit ports` lists it under',
      'the program `tcpd`), and the service behind it does not work.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'tcpd with no daemon after it',
      input: 'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm\n',
      messages: [
        '1:1 tftp/udp (port 69) runs tcpd with no daemon after it: inetd binds the port, but tcpd has nothing to ' +
          'check or run, so every connection fails; name the daemon after tcpd, or comment the line out',
      ],
    },
    {
      title: 'tcpd and its daemon: nothing to report',
      input: 'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
      messages: [],
    },
  ],
  check(context) {
    for (const service of activeServices(context.file)) {
      if (service.tcpd === undefined || service.entry.arguments.length > 0) continue;
      context.report({
        reason:
          `${describeService(service)} runs tcpd with no daemon after it: inetd binds the port, but tcpd has ` +
          'nothing to check or run, so every connection fails; name the daemon after tcpd, or comment the line out',
        span: entrySpan(service),
      });
    }
  },
});
