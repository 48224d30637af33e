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
    summary: 'bootp and tftp should stay commented out unless the module needs them',
    rationale: [
      'VOS ships the bootp (udp/67) and tftp (udp/69) lines of inetd.conf commented out, and the STCP ports article',
      'advises leaving them so unless there is an explicit need. Both hand out information or files to anyone who',
      'asks. A module with an NIO does need tftp: with `--nio` an active tftp line is expected (through tcpd), and',
      '`inetd-nio-firewall` says how to fence it.',
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
        '1:1 Unexpected active bootps/udp (port 67): leave it commented out unless a client of this module needs it',
        '2:1 Unexpected active tftp/udp (port 69): leave it commented out unless a client of this module needs it',
      ],
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
      if (!isBootpOrTftp(service) || (context.settings.nio && service.port === tftpPort)) continue;
      context.report({
        reason: `Unexpected active ${describeService(service)}: leave it commented out unless a client of this module needs it`,
        span: entrySpan(service),
      });
    }
  },
});
