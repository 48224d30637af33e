import { defineRule } from './rule.ts';
import { whenText } from './support/listeners.ts';
import { commentOutStartLine, reportStartLines } from './support/start-line.ts';

export const syncCfgdWithoutNio = defineRule({
  id: 'sync-cfgd-without-nio',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  suggests: true,
  docs: {
    summary: 'sync_cfgd (udp/29000) should run only on a V-series module with an NIO',
    rationale: [
      'sync_cfgd is a bootp server that answers only the NIO blades sold with V-series modules (VOS 15.0 and later).',
      'On a Continuum, or a V-series module without an NIO, it has nobody to serve and is one more open port. With',
      'an NIO (`--nio`) it is needed; its requests come over the private network between the NIO and the module, so',
      'udp/29000 should be dropped at every firewall either way.',
    ].join('\n'),
    fix: commentOutStartLine,
  },
  examples: [
    {
      title: 'sync_cfgd on a module without an NIO',
      input: {
        'module_start_up.cm': "start_process '(master_disk)>system>stcp>command_library>sync_cfgd.pm' -privileged\n",
      },
      messages: [
        'module_start_up.cm:1:1 sync_cfgd listens on udp/29000 when VOS 15.0+, on a module without an NIO: ' +
          'it serves only NIO blades; comment out its start line (or audit with --nio if the module has one)',
      ],
      output: {
        'module_start_up.cm': "& start_process '(master_disk)>system>stcp>command_library>sync_cfgd.pm' -privileged\n",
      },
    },
    {
      title: 'With an NIO',
      options: { nio: true },
      input: {
        'module_start_up.cm': "start_process '(master_disk)>system>stcp>command_library>sync_cfgd.pm' -privileged\n",
      },
      messages: [],
    },
  ],
  check: reportStartLines(['sync_cfgd'], (listener, settings) =>
    settings.nio
      ? undefined
      : `sync_cfgd listens on udp/${listener.port}${whenText(listener)}, on a module without an NIO: ` +
        `it serves only NIO blades; comment out its start line (or audit with --nio if the module has one)`,
  ),
});
