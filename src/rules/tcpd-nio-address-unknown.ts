import { defineRule } from './rule.ts';
import { reportedAt } from './support/listeners.ts';
import { describeListener, isTftp, wrappedListeners } from './support/tcpd.ts';

export const tcpdNioAddressUnknown = defineRule({
  id: 'tcpd-nio-address-unknown',
  scope: 'module',
  severity: 'info',
  fixable: false,
  docs: {
    summary: "with an NIO, say the NIO's address so that tcpd's policy for tftp can be checked",
    rationale: [
      '`tcpd-nio-tftp` checks that only the NIO may use tftp, which needs the NIO\'s address: set `"nioAddress"` in',
      '`.vos-audit.json` (an address or a list of them) or give `--nio-address`. Until then this rule says the',
      'policy was not checked.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'An NIO module without its address',
      options: { nio: true },
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
      },
      messages: [
        "inetd.conf:1:1 tftpd on udp/69 runs through tcpd for the NIO, but the NIO's address is not known, " +
          'so hosts.allow and hosts.deny were not checked: set "nioAddress" in .vos-audit.json or give --nio-address',
      ],
    },
  ],
  check(context) {
    if (!context.settings.nio || context.settings.nioAddresses !== undefined) return;
    for (const listener of wrappedListeners(context.module).filter(isTftp)) {
      const at = reportedAt(context.module, listener);
      if (at === undefined) continue;
      context.report({
        ...at,
        reason:
          `${describeListener(listener)} runs through tcpd for the NIO, but the NIO's address is not known, ` +
          `so hosts.allow and hosts.deny were not checked: set "nioAddress" in .vos-audit.json or give --nio-address`,
      });
    }
  },
});
