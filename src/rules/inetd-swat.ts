import { swatPort } from '../catalog/inetd-services.ts';
import { daemonRelease } from './support/release.ts';
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
      'network in clear text (general Unix knowledge: the article says only that swat "can be access[ed] from any web',
      'browser"). Administer Samba from the module itself, or reach swat only through an SSH tunnel.',
      '',
      "An active line binds tcp/901 whatever the release: on a release without Samba's swat the message says so, as",
      '`vos-audit ports` does.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'swat enabled',
      input: 'swat stream tcp nowait.400 root >system>samba>command_library>swat.pm swat\n',
      messages: [
        '1:1 swat/tcp (port 901) is active: ' +
          'Samba administration over plain HTTP sends its password in clear text; ' +
          'comment it out, or reach it only through an SSH tunnel',
      ],
    },
    {
      title: 'swat on a release that has no swat: the line still binds the port',
      options: { release: '14.0' },
      input: 'swat stream tcp nowait.400 root >system>samba>command_library>swat.pm swat\n',
      messages: [
        '1:1 swat/tcp (port 901) is active: ' +
          'Samba administration over plain HTTP sends its password in clear text; ' +
          'comment it out, or reach it only through an SSH tunnel (swat on 901 exists in VOS 14.4+ (the ' +
          'article), not in 14.0: this line binds the port anyway)',
      ],
    },
  ],
  check(context) {
    for (const service of activeServices(context.file)) {
      if (service.port !== swatPort && service.daemon !== 'swat') continue;
      // Decided as the model decides it, so that the audit and `ports` say the same of a release without swat.
      const release = daemonRelease('swat', swatPort, context.settings);
      const note =
        release.membership === 'out'
          ? `swat on ${swatPort} exists in VOS ${release.releases} (the article), not in ${context.settings.release!.text}: this line binds the port anyway`
          : undefined;
      context.report({
        reason:
          `${describeService(service)} is active: ` +
          `Samba administration over plain HTTP sends its password in clear text; ` +
          `comment it out, or reach it only through an SSH tunnel${note ? ` (${note})` : ''}`,
        span: entrySpan(service),
      });
    }
  },
});
