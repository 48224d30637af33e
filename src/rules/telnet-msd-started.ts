import { defineRule } from './rule.ts';
import { whenText } from './support/listeners.ts';
import { commentOutStartLine, reportStartLines } from './support/start-line.ts';

export const telnetMsdStarted = defineRule({
  id: 'telnet-msd-started',
  scope: 'module',
  severity: 'warning',
  fixable: false,
  suggests: true,
  docs: {
    summary: 'telnet_msd should run only for legacy forms or raw-terminal applications',
    rationale: [
      'telnet_msd is a second telnet server (port 24, or its `-network_port`) that uses vterm devices instead of',
      'window_term devices. It exists for applications that use forms or raw terminal writes with the old terminal',
      'control opcodes; those applications should be upgraded. Like telnetd it sends everything in clear text, and',
      'start_stcp does not start it: a site macro does.',
    ].join('\n'),
    fix: commentOutStartLine,
  },
  examples: [
    {
      title: 'A port from a variable of two values: one finding for the start line, naming both ports',
      input: {
        'module_start_up.cm': [
          '&set_string msd_port 24',
          '&if (software_purchased S270) &then &set_string msd_port 2424',
          "start_process 'telnet_msd -network_port &msd_port&' -privileged",
          '',
        ].join('\n'),
      },
      options: { release: '17.1' },
      messages: [
        'module_start_up.cm:3:1 telnet_msd listens on tcp/24 when &msd_port& is 24: ' +
          'a second cleartext telnet server, needed only by legacy forms or raw-terminal applications; ' +
          'comment out its start line unless one still needs it (the same start line also opens tcp/2424)',
      ],
      output: {
        'module_start_up.cm': [
          '&set_string msd_port 24',
          '&if (software_purchased S270) &then &set_string msd_port 2424',
          "& start_process 'telnet_msd -network_port &msd_port&' -privileged",
          '',
        ].join('\n'),
      },
    },
    {
      title: 'telnet_msd on port 2024, a continued start line',
      input: {
        'module_start_up.cm': [
          "start_process 'telnet_msd -network_port 2024' -privileged &+",
          '   -process_name telnet_msd',
          'display_line started',
          '',
        ].join('\n'),
      },
      messages: [
        'module_start_up.cm:1:1 telnet_msd listens on tcp/2024: ' +
          'a second cleartext telnet server, needed only by legacy forms or raw-terminal applications; ' +
          'comment out its start line unless one still needs it',
      ],
      output: {
        'module_start_up.cm': [
          "& start_process 'telnet_msd -network_port 2024' -privileged &+",
          '&    -process_name telnet_msd',
          'display_line started',
          '',
        ].join('\n'),
      },
    },
  ],
  check: reportStartLines(
    ['telnet_msd'],
    (listener) =>
      `telnet_msd listens on tcp/${listener.port}${whenText(listener)}: ` +
      `a second cleartext telnet server, needed only by legacy forms or raw-terminal applications; ` +
      `comment out its start line unless one still needs it`,
  ),
});
