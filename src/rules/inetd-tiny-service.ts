import { defineRule } from './rule.ts';
import { tinyServiceCheck } from './support/tiny-service.ts';

export const inetdTinyService = defineRule({
  id: 'inetd-tiny-service',
  scope: 'inetd',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'discard and time should not be served by inetd unless something needs them',
    rationale: [
      'discard (port 9) and time (37) are the other "tiny services" inetd listens for by default on VOS. They are less',
      'dangerous than echo or chargen but still open ports nobody uses; the STCP ports article advises commenting them',
      'out. time is served inside inetd, so TCP Wrappers cannot restrict who reaches it.',
      '',
      'A module with an NIO needs TCP time so that NIO and VOS logs agree: with `--nio` the tcp time line is left',
      'alone and `inetd-nio-firewall` says to block tcp/37 at the site firewall instead. UDP time is reported either way.',
    ].join('\n'),
    fix: 'Comments the line out by putting `#` at its start; the rest of the line is kept.',
  },
  examples: [
    {
      title: 'discard and time on a module without an NIO',
      input: 'discard stream tcp nowait root internal\ntime stream tcp nowait root internal\ntime dgram udp wait root internal\n',
      messages: [
        '1:1 Unexpected active tiny service discard/tcp (port 9): an open port nothing needs; comment it out unless something needs it',
        '2:1 Unexpected active tiny service time/tcp (port 37): an open port nothing needs; comment it out unless something needs it',
        '3:1 Unexpected active tiny service time/udp (port 37): an open port nothing needs; comment it out unless something needs it',
      ],
      output: '#discard stream tcp nowait root internal\n#time stream tcp nowait root internal\n#time dgram udp wait root internal\n',
    },
    {
      title: 'With an NIO, tcp time stays',
      options: { nio: true },
      input: 'time stream tcp nowait root internal\ntime dgram udp wait root internal\n',
      messages: [
        '2:1 Unexpected active tiny service time/udp (port 37): an open port nothing needs; comment it out unless something needs it',
      ],
      output: 'time stream tcp nowait root internal\n#time dgram udp wait root internal\n',
    },
  ],
  check: tinyServiceCheck(false, 'an open port nothing needs'),
});
