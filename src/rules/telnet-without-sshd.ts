import { defineRule } from './rule.ts';
import { reportedAt, telnetLogins } from './support/listeners.ts';
import { daemonRelease } from './support/release.ts';

export const telnetWithoutSshd = defineRule({
  id: 'telnet-without-sshd',
  scope: 'module',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'a module that accepts telnet logins must start sshd',
    rationale: [
      'When the module start-up macros never start sshd (OpenSSH for VOS, product S270, on VOS 14.7 and 15.1+),',
      'every interactive login to the module crosses the network in clear text over telnet. Start sshd from',
      '`module_start_up.cm` (`start_process …>sshd.pm -privileged …`), move the users to ssh, then remove the telnet',
      'login listener (`telnet_admin delete -service telnet`).',
      '',
      'An sshd start line that is only conditional (under `&if (software_purchased S270)`) counts as started.',
      '',
      'sshd exists only in VOS 14.7 and 15.1+ (not 15.0). On a release without it the rule does not tell you to',
      'start it: it says which releases have it. Without `--release` it says which releases its advice is for. It',
      'says nothing when a macro the module calls is not among its files: that macro may start sshd.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'telnet, and sshd commented out',
      input: {
        'module_start_up.cm':
          '!(master_disk)>system>stcp>start_stcp.cm\n& start_process (master_disk)>system>openssl>sbin>sshd.pm -privileged\n',
      },
      messages: [
        'module_start_up.cm:1:1 telnet is the only way to log in: ' +
          'telnetd listens on tcp/23 and sshd is never started; ' +
          'if the module runs VOS 14.7 or 15.1+ (where S270 exists), start sshd from module_start_up.cm, ' +
          'then remove the telnet listener',
      ],
    },
    {
      title: 'VOS 15.0 has no sshd',
      options: { release: '15.0' },
      input: { 'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n' },
      messages: [
        'module_start_up.cm:1:1 telnet is the only way to log in: ' +
          'telnetd listens on tcp/23, and VOS 15.0 has no sshd (S270 exists in VOS 14.7 or 15.1+); ' +
          'keep telnet to trusted networks until the module runs one of those',
      ],
    },
    {
      title: 'sshd started when S270 is purchased',
      input: {
        'module_start_up.cm':
          '!(master_disk)>system>stcp>start_stcp.cm\n&if (software_purchased S270) &then start_process sshd.pm -privileged\n',
      },
      messages: [],
    },
  ],
  check(context) {
    const { model } = context.module;
    if (!model.macrosGiven || model.unreadMacros.length > 0) return;
    const sshd = model.listeners.some((l) => l.daemon === 'sshd' && (l.state === 'live' || l.state === 'conditional'));
    if (sshd) return;
    const [login] = telnetLogins(context.module);
    const at = login && reportedAt(context.module, login);
    if (at === undefined) return;
    const sshdRelease = daemonRelease('sshd', 22, context.settings);
    const ifReleased =
      sshdRelease.membership === 'unknown'
        ? `if the module runs VOS ${sshdRelease.releases} (where S270 exists), `
        : '';
    const remedy =
      sshdRelease.membership === 'out'
        ? `, and VOS ${context.settings.release!.text} has no sshd (S270 exists in ` +
          `VOS ${sshdRelease.releases}); keep telnet to trusted networks until the module runs one of those`
        : ` and sshd is never started; ${ifReleased}start sshd from module_start_up.cm, then remove the telnet listener`;
    context.report({
      ...at,
      reason: `telnet is the only way to log in: telnetd listens on tcp/${login!.port}${remedy}`,
    });
  },
});
