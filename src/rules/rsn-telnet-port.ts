import { rsnPort } from '../catalog/server-ports.ts';
import { defineRule } from './rule.ts';
import { reportedAt, running } from './support/listeners.ts';

export const rsnTelnetPort = defineRule({
  id: 'rsn-telnet-port',
  scope: 'module',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'tcp/85 (telnetd for the RSN) must be blocked at every firewall',
    rationale: [
      'From VOS 15.0 telnetd also listens on port 85 as the incoming slave device `rsn_incoming`, for the Remote',
      'Service Network. The article: "Connections for this port should never come from a corporate or production',
      'intranet or internet or the Internet", and "I suggest that any firewalls be configured to block connections to',
      'this port". This is advice for the firewall team; there is nothing to change in the module.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'The RSN listener',
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n',
        'telnet_admin.txt': 'Service  Port  Device\nrsn      85    rsn_incoming\n',
      },
      messages: [
        'telnet_admin.txt:2:1 tcp/85 is telnetd for the RSN (rsn_incoming): block it at every firewall; it must never be reachable from a corporate network',
      ],
    },
  ],
  check(context) {
    for (const listener of running(context.module, 'telnetd').filter((l) => l.port === rsnPort)) {
      const at = reportedAt(context.module, listener);
      if (at === undefined) continue;
      context.report({
        ...at,
        reason:
          'tcp/85 is telnetd for the RSN (rsn_incoming): block it at every firewall; it must never be reachable from a corporate network',
      });
    }
  },
});
