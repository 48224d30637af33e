import { listenerKey, type InetdService } from '../model/inetd.ts';
import { activeServices, describeService, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';

export const inetdDuplicateService = defineRule({
  id: 'inetd-duplicate-service',
  scope: 'inetd',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'a service and protocol may be active only once (per address)',
    rationale: [
      'inetd binds one socket per service, protocol and address. A second active line for the same one either fails',
      'to bind or silently replaces the first, so what runs depends on the inetd version: the file does not say what',
      'the module does. Usually one of the two was meant to be commented out (often the direct line of a service',
      'whose tcpd line was enabled). Names that map to the same port (`bootps` and `67`) count as the same service.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'tftp enabled twice',
      input: [
        'tftp dgram udp wait root >system>stcp>command_library>tftpd.pm tftpd',
        'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm',
        'tftp stream tcp nowait root >system>stcp>command_library>tftpd.pm tftpd',
        '',
      ].join('\n'),
      messages: [
        '2:1 tftp/udp (port 69) is already active on line 1: only one of the two lines can bind the port; comment one of them out',
      ],
    },
  ],
  check(context) {
    const first = new Map<string, InetdService>();
    for (const service of activeServices(context.file)) {
      const key = listenerKey(service);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, service);
        continue;
      }
      context.report({
        reason:
          `${describeService(service)} is already active on line ${earlier.entry.position.start.line}: ` +
          `only one of the two lines can bind the port; comment one of them out`,
        span: entrySpan(service),
        cause: { reason: 'first defined here', span: entrySpan(earlier) },
      });
    }
  },
});
