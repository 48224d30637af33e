import { activeServices, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';

export const inetdUnknownService = defineRule({
  id: 'inetd-unknown-service',
  scope: 'inetd',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'the service name of an active entry must map to a port',
    rationale: [
      'inetd looks the service name up in `>system>stcp>services`; a name it does not find is skipped, so the line',
      'does nothing, or listens on a port nobody expected once someone adds the name. vos-audit knows the usual',
      'services(5) names and the VOS ones; RPC services (`rpc/tcp`, `rpc/udp`) get their port from the portmapper and',
      'are not checked. Writing the port number itself as the service is accepted.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'A misspelt service name',
      input: 'tfpt dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
      messages: [
        "1:1 Service name 'tfpt' maps to no port (it is not in the services file): " +
          'inetd cannot listen for it; write a name from the services file or a port number',
      ],
    },
  ],
  check(context) {
    for (const service of activeServices(context.file)) {
      if (service.port !== undefined || service.rpc) continue;
      context.report({
        reason:
          `Service name '${service.entry.service.value}' maps to no port (it is not in the services file): ` +
          `inetd cannot listen for it; write a name from the services file or a port number`,
        span: entrySpan(service),
      });
    }
  },
});
