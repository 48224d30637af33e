import { swatPort } from '../catalog/inetd-services.ts';
import { activeServices, describeService, entrySpan } from './support/describe.ts';
import { defineRule } from './rule.ts';

export const inetdSwat = defineRule({
  id: 'inetd-swat',
  scope: 'inetd',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'swat (Samba web administration, tcp/901) should not be served',
    rationale: [
      'With Samba (product S269, VOS 14.4 and later) inetd.conf can start `>system>samba>command_library>swat.pm`',
      'on tcp/901: a web page that administers Samba. It speaks plain HTTP, so the administrator password crosses the',
      'network in clear text. Administer Samba from the module itself, or reach swat only through an SSH tunnel.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'swat enabled',
      input: 'swat stream tcp nowait.400 root >system>samba>command_library>swat.pm swat\n',
      messages: [
        '1:1 Unexpected active swat/tcp (port 901): Samba administration over plain HTTP sends its password in clear text; comment it out, or reach it only through an SSH tunnel',
      ],
    },
  ],
  check(context) {
    for (const service of activeServices(context.file)) {
      if (service.port !== swatPort && service.daemon !== 'swat') continue;
      context.report({
        reason: `Unexpected active ${describeService(service)}: Samba administration over plain HTTP sends its password in clear text; comment it out, or reach it only through an SSH tunnel`,
        span: entrySpan(service),
      });
    }
  },
});
