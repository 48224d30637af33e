import { tftpPort } from '../catalog/inetd-services.ts';
import { isBootpOrTftp } from '../model/inetd.ts';
import { activeServices, describeService, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';

export const inetdBootpTftpActive = defineRule({
  id: 'inetd-bootp-tftp-active',
  scope: 'inetd',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'bootp and tftp through tcpd should still stay commented out unless the module needs them',
    rationale: [
      'VOS ships the bootp (udp/67) and tftp (udp/69) lines of inetd.conf commented out, and the STCP ports article',
      'advises leaving them so unless there is an explicit need. Both hand out information or files to anyone who',
      'asks. A module with an NIO does need tftp: with `--nio` an active tftp line is expected (through tcpd), and',
      '`inetd-nio-firewall` says how to fence it.',
      '',
      'A line that runs bootp or tftp outside tcpd is reported by `inetd-unwrapped-service` alone, whose finding',
      'states both remedies; this rule speaks of the lines already run through tcpd.',
      '',
      'There is no automatic fix: only the site knows whether a client boots from this module.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'bootp and tftp enabled through tcpd',
      input: [
        'bootps dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>bootpd.pm',
        'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
        '',
      ].join('\n'),
      messages: [
        '1:1 bootps/udp (port 67) is active: ' +
          'the article advises leaving bootp and tftp commented out "unless you have an explicit need"; ' +
          'comment it out unless a client of this module needs it',
        '2:1 tftp/udp (port 69) is active: ' +
          'the article advises leaving bootp and tftp commented out "unless you have an explicit need"; ' +
          'comment it out unless a client of this module needs it',
      ],
    },
    {
      title: 'Started directly: inetd-unwrapped-service reports it, once',
      input: 'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd\n',
      messages: [],
    },
    {
      title: 'With an NIO, tftp is needed',
      options: { nio: true },
      input: 'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
      messages: [],
    },
  ],
  check(context) {
    for (const service of activeServices(context.file)) {
      // A line outside tcpd is inetd-unwrapped-service's: one finding states both remedies.
      if (!isBootpOrTftp(service) || service.tcpd === undefined || (context.settings.nio && service.port === tftpPort))
        continue;
      context.report({
        reason:
          `${describeService(service)} is active: ` +
          `the article advises leaving bootp and tftp commented out "unless you have an explicit need"; ` +
          `comment it out unless a client of this module needs it`,
        span: entrySpan(service),
      });
    }
  },
});
