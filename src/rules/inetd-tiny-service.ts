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
      'discard (port 9) and time (37) are the other "tiny services" inetd listens for by default on VOS. The STCP',
      'ports article does not call them denial-of-service vectors, but advises commenting them out "unless you have a',
      'specific reason to run" them. time is served inside inetd, so TCP Wrappers cannot restrict who reaches it.',
      '',
      'The article: "the NIO configuration requires that the module be running the TCP version of this service so that',
      'time stamps in NIO logs and VOS logs are synchronized". Commenting out tcp time stays the safe fix, and its',
      'message says that a module with an NIO needs it: audit such a module with `--nio`, and the tcp time line is',
      'left alone while `inetd-nio-firewall` says to block tcp/37 at the site firewall. UDP time is reported either way.',
    ].join('\n'),
    fix: 'Comments the line out by putting `#` at its start; the rest of the line is kept.',
  },
  examples: [
    {
      title: 'discard and time on a module without an NIO',
      input:
        'discard stream tcp nowait root internal\ntime stream tcp nowait root internal\ntime dgram udp wait root internal\n',
      messages: [
        '1:1 discard/tcp (port 9) is active: ' +
          'an open port the article advises closing unless there is a specific reason to run it; ' +
          'comment it out unless something needs it',
        '2:1 time/tcp (port 37) is active: ' +
          'an open port the article advises closing unless there is a specific reason to run it; ' +
          'comment it out unless something needs it; a module with an NIO needs tcp time (audit it with --nio)',
        '3:1 time/udp (port 37) is active: ' +
          'an open port the article advises closing unless there is a specific reason to run it; ' +
          'comment it out unless something needs it',
      ],
      output:
        '#discard stream tcp nowait root internal\n#time stream tcp nowait root internal\n#time dgram udp wait root internal\n',
    },
    {
      title: 'With an NIO, tcp time stays',
      options: { nio: true },
      input: 'time stream tcp nowait root internal\ntime dgram udp wait root internal\n',
      messages: [
        '2:1 time/udp (port 37) is active: ' +
          'an open port the article advises closing unless there is a specific reason to run it; ' +
          'comment it out unless something needs it',
      ],
      output: 'time stream tcp nowait root internal\n#time dgram udp wait root internal\n',
    },
  ],
  check: tinyServiceCheck(
    false,
    'an open port the article advises closing unless there is a specific reason to run it',
  ),
});
