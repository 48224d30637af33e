import { defineRule } from './rule.ts';
import { tinyServiceCheck } from './support/tiny-service.ts';

export const inetdDosTinyService = defineRule({
  id: 'inetd-dos-tiny-service',
  scope: 'inetd',
  severity: 'error',
  fixable: true,
  docs: {
    summary: 'echo, chargen and daytime must not be served by inetd',
    rationale: [
      'echo (port 7), chargen (19) and daytime (13) are "tiny services" that inetd listens for by default on VOS.',
      'The STCP ports article says each "could be used as part of a denial of service (DOS) attack" and advises',
      'putting a `#` in front of their lines in inetd.conf unless "you have a specific reason to run" them. How (general',
      "Unix knowledge, not the article's): a forged UDP packet to chargen or echo makes the module flood the forged",
      'sender, and two such services can be set to answer each other forever.',
      '',
      'Before VOS 14.5 inetd ran `echo_stream.pm` and `chargen_stream.pm` for the TCP variants; a line that runs one',
      'of those programs is the same service and is reported too.',
    ].join('\n'),
    fix: 'Comments the line out by putting `#` at its start; the rest of the line is kept, so it can be re-enabled.',
  },
  examples: [
    {
      title: 'A stock POSIX inetd.conf',
      input:
        'echo\tstream\ttcp\tnowait\troot\tinternal\nchargen\tdgram\tudp\twait\troot\tinternal\n#daytime\tstream\ttcp\tnowait\troot\tinternal\n',
      messages: [
        '1:1 echo/tcp (port 7) is active: a denial-of-service vector; comment it out unless something needs it',
        '2:1 chargen/udp (port 19) is active: a denial-of-service vector; comment it out unless something needs it',
      ],
      output:
        '#echo\tstream\ttcp\tnowait\troot\tinternal\n#chargen\tdgram\tudp\twait\troot\tinternal\n#daytime\tstream\ttcp\tnowait\troot\tinternal\n',
    },
    {
      title: 'A pre-14.5 module running the stream programs',
      options: { release: '14.4' },
      input: 'echo stream tcp nowait root >system>stcp>command_library>echo_stream.pm echo_stream\n',
      messages: [
        '1:1 echo/tcp (port 7) is active, run by echo_stream.pm: a denial-of-service vector; comment it out unless something needs it',
      ],
      output: '#echo stream tcp nowait root >system>stcp>command_library>echo_stream.pm echo_stream\n',
    },
    {
      title: 'An internal chargen that the site services file does not name is still chargen',
      input: {
        'inetd.conf': 'chargen stream tcp nowait root internal\n',
        services: 'echo 7/tcp\n',
      },
      messages: [
        'inetd.conf:1:1 chargen/tcp (port 19) is active: a denial-of-service vector; comment it out unless something needs it',
      ],
      output: { 'inetd.conf': '#chargen stream tcp nowait root internal\n' },
    },
    {
      title: 'Commented out: nothing to report',
      input: '#echo stream tcp nowait root internal\n# chargen dgram udp wait root internal\n',
      messages: [],
    },
  ],
  check: tinyServiceCheck(true, 'a denial-of-service vector'),
});
