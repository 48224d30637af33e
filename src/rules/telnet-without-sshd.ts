import { defineRule } from './rule.ts';
import { reportedAt, telnetLogins } from './support/listeners.ts';

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
    ].join('\n'),
  },
  examples: [
    {
      title: 'telnet, and sshd commented out',
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n& start_process (master_disk)>system>openssl>sbin>sshd.pm -privileged\n',
      },
      messages: [
        'module_start_up.cm:1:1 Unexpected telnet as the only login service: telnetd listens on tcp/23 and sshd is never started; start sshd from module_start_up.cm, then remove the telnet listener',
      ],
    },
    {
      title: 'sshd started when S270 is purchased',
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\n&if (software_purchased S270) &then start_process sshd.pm -privileged\n',
      },
      messages: [],
    },
  ],
  check(context) {
    const { model } = context.module;
    if (!model.macrosGiven) return;
    const sshd = model.listeners.some((l) => l.daemon === 'sshd' && (l.state === 'live' || l.state === 'conditional'));
    if (sshd) return;
    const [login] = telnetLogins(context.module);
    const at = login && reportedAt(context.module, login);
    if (at === undefined) return;
    context.report({
      ...at,
      reason: `Unexpected telnet as the only login service: telnetd listens on tcp/${login!.port} and sshd is never started; start sshd from module_start_up.cm, then remove the telnet listener`,
    });
  },
});
