import { compareReleases, parseRelease } from '../catalog/releases.ts';
import { defineRule } from './rule.ts';

const ntpdRelease = parseRelease('15.1')!;

export const ntpdNotStarted = defineRule({
  id: 'ntpd-not-started',
  scope: 'module',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'from VOS 15.1, the module start-up macros should start ntpd',
    rationale: [
      'VOS supports ntpd from release 15.1, and Stratus recommends running it: it keeps the module clock from',
      'drifting, so that log time stamps agree across modules, NIOs and the rest of the network. It is started by',
      '`(master_disk)>system>ntp>start_ntpd.cm`, called from `module_start_up.cm`. ntpd also answers on udp/123',
      'as a server, so the firewall should allow 123 only to and from the time servers.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'No ntpd on 17.1',
      options: { release: '17.1' },
      input: { 'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n' },
      messages: ['module_start_up.cm:1:1 Unexpected module without ntpd on VOS 17.1: Stratus recommends it; add !(master_disk)>system>ntp>start_ntpd.cm to module_start_up.cm'],
    },
    {
      title: 'Before 15.1 there is no ntpd',
      options: { release: '14.7' },
      input: { 'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n' },
      messages: [],
    },
  ],
  check(context) {
    const { model, files } = context.module;
    if (!model.macrosGiven || compareReleases(context.settings.release, ntpdRelease) < 0) return;
    if (model.listeners.some((l) => l.daemon === 'ntpd' && (l.state === 'live' || l.state === 'conditional'))) return;
    const macros = files.filter((file) => file.kind === 'macro');
    const file = macros.find((m) => /(^|\/)module_start_up\.cm$/i.test(m.source.path)) ?? macros[0]!;
    context.report({
      file,
      span: { start: 0, end: 0 },
      reason: `Unexpected module without ntpd on VOS ${context.settings.release.text}: Stratus recommends it; add !(master_disk)>system>ntp>start_ntpd.cm to module_start_up.cm`,
    });
  },
});
