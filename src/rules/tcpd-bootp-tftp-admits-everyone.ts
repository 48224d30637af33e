import { defineRule } from './rule.ts';
import { admitsEveryone } from './support/tcpd.ts';

export const tcpdBootpTftpAdmitsEveryone = defineRule({
  id: 'tcpd-bootp-tftp-admits-everyone',
  scope: 'module',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'bootp and tftp run through tcpd must not admit every client',
    rationale: [
      'Routing bootp or tftp through tcpd protects nothing until `hosts.allow` and `hosts.deny` say who may use',
      'them: with neither file, or with rules that name other daemons only, tcpd admits everyone, and tftp hands',
      'files to whoever asks. Allow only the hosts that need the service in `hosts.allow` (on a module with an NIO,',
      'only the NIO) and end `hosts.deny` with `ALL: ALL`.',
      '',
      'tcpd matches the daemon by its program name; whether VOS gives it `tftpd` or `tftpd.pm` is not public, so',
      'vos-audit asks about both and the form that admits more decides. A module given without either file is not',
      'judged (the files may be kept elsewhere): `vos-audit ports` lists it as undecided.',
    ].join('\n'),
  },
  examples: [
    {
      title: 'tftp through tcpd, and a hosts.allow never filled in',
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': '# who may use tftp: to do\n',
      },
      messages: [
        'inetd.conf:1:1 tftpd on udp/69 is open to anyone through tcpd: ' +
          'allow only the hosts that need it in hosts.allow (tftpd tftpd.pm: ADDRESS) and end hosts.deny with ALL: ALL',
      ],
    },
    {
      title: 'Only the NIO',
      input: {
        'inetd.conf':
          'tftp dgram udp wait root >system>stcp>command_library>tcpd.pm >system>stcp>command_library>tftpd.pm\n',
        'hosts.allow': 'tftpd tftpd.pm: 10.9.9.9\n',
        'hosts.deny': 'ALL: ALL\n',
      },
      messages: [],
    },
  ],
  check: admitsEveryone(true),
});
