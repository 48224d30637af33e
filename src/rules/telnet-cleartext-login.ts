import { defineRule } from './rule.ts';
import { reportedAt, telnetLogins, whenText } from './support/listeners.ts';

export const telnetCleartextLogin = defineRule({
  id: 'telnet-cleartext-login',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'telnetd should not accept logins (port 23) where ssh can be used',
    rationale: [
      'STCP starts telnetd on port 23 with the stack, and `telnet_admin` can add ports. Telnet sends the user name,',
      'the password and the whole session in clear text. The RSN needs a telnet server, but it uses port 85',
      '(`rsn_incoming`), not a login port: when nothing but the RSN uses telnet, remove the login listener with',
      '`telnet_admin delete -service telnet` (it also removes the entry from `>system>stcp>services`).',
      '',
      'This is a command to run on the module, not a change to a file, so vos-audit shows it and does not run it.',
      "A telnet server an inetd.conf line starts is `inetd-cleartext-service`'s: one finding, with the remedy for",
      'that line.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'telnet on 23 beside the RSN port',
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\nstart_process &prefix&>sshd.pm -privileged\n',
        'telnet_admin.txt':
          'Service  Port  Device        Type\ntelnet   23    telnet_23     login\nrsn      85    rsn_incoming  slave\n',
      },
      messages: [
        'telnet_admin.txt:2:1 telnetd accepts logins on tcp/23: telnet sends passwords in clear text; ' +
          'if only the RSN needs telnet, remove the listener with: telnet_admin delete -service telnet',
      ],
    },
    {
      title: 'Only the RSN listener',
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\nstart_process &prefix&>sshd.pm -privileged\n',
        'telnet_admin.txt': 'Service  Port  Device        Type\nrsn      85    rsn_incoming  slave\n',
      },
      messages: [],
    },
    {
      title: 'telnet started by inetd: inetd-cleartext-service reports the line',
      input: {
        'module_start_up.cm': '!(master_disk)>system>stcp>start_stcp.cm\nstart_process &prefix&>sshd.pm -privileged\n',
        'telnet_admin.txt': 'Service  Port  Device        Type\nrsn      85    rsn_incoming  slave\n',
        'inetd.conf': 'telnet stream tcp nowait root >system>stcp>command_library>telnetd.pm telnetd\n',
      },
      messages: [],
    },
  ],
  check(context) {
    for (const listener of telnetLogins(context.module)) {
      if (listener.startedBy === 'inetd') continue;
      const at = reportedAt(context.module, listener);
      if (at === undefined) continue;
      context.report({
        ...at,
        reason:
          `telnetd accepts logins on tcp/${listener.port}${whenText(listener)}: ` +
          `telnet sends passwords in clear text; if only the RSN needs telnet, remove the listener with: ` +
          `telnet_admin delete -service telnet`,
      });
    }
  },
});
