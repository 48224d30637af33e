import { defineRule } from './rule.ts';
import { startUpMacro } from './support/listeners.ts';
import { daemonRelease } from './support/release.ts';

export const ntpdNotStarted = defineRule({
  id: 'ntpd-not-started',
  scope: 'module',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'from VOS 15.1, the module start-up macros should start ntpd',
    rationale: [
      'VOS supports ntpd from release 15.1, and Stratus recommends running it. The article: it is "used to keep the',
      'V-series clock synchronized with a time server", so it must be able to reach an NTP server, and it also',
      'answers on udp/123 as a server. (The time stamps of NIO logs are another matter: they depend on the tcp time',
      'service, port 37, which `inetd-tiny-service` and `nio-needs` cover.) ntpd is started by',
      '`(master_disk)>system>ntp>start_ntpd.cm`, called from `module_start_up.cm`; the firewall should allow 123',
      'only to and from the time servers (general Unix advice).',
      '',
      'Without `--release` the rule still speaks, and says that it applies to VOS 15.1 and later. It says nothing',
      'when a macro the module calls is not among its files: that macro may start ntpd.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'No ntpd on 17.1',
      options: { release: '17.1' },
      input: { 'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n' },
      messages: [
        'module_start_up.cm:1:1 ntpd is never started on this VOS 17.1 module: Stratus recommends it; ' +
          'add !(master_disk)>system>ntp>start_ntpd.cm to module_start_up.cm',
      ],
    },
    {
      title: 'No release stated: the rule says which releases it is for',
      input: { 'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n' },
      messages: [
        'module_start_up.cm:1:1 ntpd is never started: ' +
          'Stratus recommends it on VOS 15.1+ (where ntpd exists); ' +
          'add !(master_disk)>system>ntp>start_ntpd.cm to module_start_up.cm',
      ],
    },
    {
      title: 'Before 15.1 there is no ntpd',
      options: { release: '14.7' },
      input: { 'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n' },
      messages: [],
    },
  ],
  check(context) {
    const { model } = context.module;
    const release = daemonRelease('ntpd', 123, context.settings);
    if (!model.macrosGiven || model.unreadMacros.length > 0 || release.membership === 'out') return;
    if (model.listeners.some((l) => l.daemon === 'ntpd' && (l.state === 'live' || l.state === 'conditional'))) return;
    const file = startUpMacro(context.module)!;
    const recommended =
      release.membership === 'in'
        ? ` on this VOS ${context.settings.release!.text} module: Stratus recommends it`
        : `: Stratus recommends it on VOS ${release.releases} (where ntpd exists)`;
    context.report({
      file,
      span: { start: 0, end: 0 },
      reason:
        `ntpd is never started${recommended}; ` + 'add !(master_disk)>system>ntp>start_ntpd.cm to module_start_up.cm',
    });
  },
});
