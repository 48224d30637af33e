import { defineRule } from './rule.ts';
import { admitsEveryone } from './support/tcpd.ts';

export const tcpdAdmitsEveryone = defineRule({
  id: 'tcpd-admits-everyone',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'a service run through tcpd should not admit every client',
    rationale: [
      'An inetd entry that runs its daemon through tcpd is meant to be restricted, but tcpd admits every client',
      'that neither `hosts.allow` nor `hosts.deny` decides. This rule reports each wrapped service other than bootp',
      'and tftp (which `tcpd-bootp-tftp-admits-everyone` reports as an error) that admits anyone.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'swat through tcpd, and a policy about tftp only',
      input: {
        'inetd.conf':
          'swat stream tcp nowait root >system>stcp>command_library>tcpd.pm (master_disk)>opt>samba>bin>swat.pm\n',
        'hosts.deny': 'tftpd: ALL\n',
      },
      messages: [
        'inetd.conf:1:1 swat on tcp/901 is open to anyone through tcpd: ' +
          'allow only the hosts that need it in hosts.allow (swat swat.pm: ADDRESS) and end hosts.deny with ALL: ALL',
      ],
    },
    {
      title: 'A default deny',
      input: {
        'inetd.conf':
          'swat stream tcp nowait root >system>stcp>command_library>tcpd.pm (master_disk)>opt>samba>bin>swat.pm\n',
        'hosts.allow': 'swat swat.pm: 10.1.1.0/24\n',
        'hosts.deny': 'ALL: ALL\n',
      },
      messages: [],
    },
  ],
  check: admitsEveryone(false),
});
