import { defineRule } from './rule.ts';
import { byStartLine, reportedAt, running, whenText } from './support/listeners.ts';

export const syncCfgdFirewall = defineRule({
  id: 'sync-cfgd-firewall',
  scope: 'module',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'with an NIO, sync_cfgd (udp/29000) stays on and must be dropped at every firewall',
    rationale: [
      'sync_cfgd is the bootp server of the NIO blades of V-series modules (VOS 15.0 and later), so a module with an',
      'NIO needs it. The article: "since all requests from the NIO will come over the private network that directly',
      'connects the NIO to the module any firewalls should be configured to drop connections to this port". Like',
      '`rsn-telnet-port` and `inetd-nio-firewall`, this is advice for the firewall team; it speaks only with `--nio`',
      '(without it, `sync-cfgd-without-nio` reports the start line).',
    ].join('\n'),
  },
  examples: [
    {
      title: 'An NIO module starts sync_cfgd',
      options: { nio: true, release: '15.2' },
      input: {
        'module_start_up.cm': "start_process '(master_disk)>system>stcp>command_library>sync_cfgd.pm' -privileged\n",
      },
      messages: [
        'module_start_up.cm:1:1 udp/29000 is sync_cfgd, for the NIO blades only: ' +
          'the article advises that "any firewalls should be configured to drop connections to this port"',
      ],
    },
  ],
  check(context) {
    if (!context.settings.nio) return;
    for (const [listener] of byStartLine(running(context.module, 'sync_cfgd'))) {
      const at = reportedAt(context.module, listener!);
      if (at === undefined) continue;
      context.report({
        ...at,
        reason:
          `udp/${listener!.port} is sync_cfgd${whenText(listener!)}, for the NIO blades only: ` +
          `the article advises that "any firewalls should be configured to drop connections to this port"`,
      });
    }
  },
});
